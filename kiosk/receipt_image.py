"""A picture of a receipt as the thermal printer would print it (tour, previews).

58 mm paper at 203 dpi is 384 dots wide. Chinese text needs a CJK face; PIL
reads the system's .ttc/.otf through FreeType, so the Noto CJK font works
here even though reportlab cannot embed it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont

from kiosk.i18n import is_rtl
from kiosk.receipts import ReceiptContent

WIDTH = 384
MARGIN = 12


@cache
def _font_path() -> str:
    tool = shutil.which("fc-match")
    if tool:
        try:
            out = subprocess.run(
                [tool, "-f", "%{file}", "Noto Sans CJK SC:lang=zh"],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            out = ""
        if out and Path(out).exists():
            return out
    return ""


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = _font_path()
    if path:
        return ImageFont.truetype(path, size)
    return ImageFont.load_default()


_TOKENS = re.compile(r"[!-~]+\s*|\s+|.")  # a Latin word with its space, or one character


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: object, width: int) -> list[str]:
    """Break between Latin words or between CJK characters, never inside a word."""
    lines: list[str] = []
    current = ""
    for token in _TOKENS.findall(text):
        trial = current + token
        if draw.textlength(trial.rstrip(), font=font) > width and current:  # type: ignore[arg-type]
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current = trial
    lines.append(current.rstrip())
    return lines


def render_receipt_png(receipt: ReceiptContent, out: Path) -> Path:
    if is_rtl(receipt.language):
        return _render_rtl(receipt, out)
    body, title = _font(20), _font(30)
    scratch = ImageDraw.Draw(Image.new("L", (WIDTH, 10)))
    inner = WIDTH - 2 * MARGIN
    rows: list[tuple[str, object, bool]] = [
        (t, title, True) for t in _wrap(scratch, receipt.title, title, inner)
    ]
    for label, value in receipt.lines:
        rows += [(t, body, False) for t in _wrap(scratch, f"{label}: {value}", body, inner)]
    rows.append(("-" * 32, body, True))
    for note in receipt.notes:
        rows += [(t, body, False) for t in _wrap(scratch, note, body, inner)]
    qr_img = (
        qrcode.make(receipt.qr_url, border=2).convert("L").resize((240, 240))
        if receipt.qr_url
        else None
    )
    tail = [(t, body, True) for t in _wrap(scratch, receipt.qr_caption, body, inner)]
    tail += [(t, body, True) for t in _wrap(scratch, receipt.footer, body, inner) if t]
    line_h = 34
    qr_h = 250 if qr_img is not None else 0
    height = MARGIN * 3 + line_h * (len(rows) + len(tail)) + qr_h + 40
    img = Image.new("L", (WIDTH, height), 255)
    draw = ImageDraw.Draw(img)
    y = MARGIN
    for text, font, center in rows:
        w = draw.textlength(text, font=font)  # type: ignore[arg-type]
        x = (WIDTH - w) / 2 if center else MARGIN
        draw.text((x, y), text, fill=0, font=font)  # type: ignore[arg-type]
        y += line_h + (10 if font is title else 0)
    if qr_img is not None:
        img.paste(qr_img, ((WIDTH - 240) // 2, y + 5))
    y += qr_h
    for text, font, _ in tail:
        w = draw.textlength(text, font=font)  # type: ignore[arg-type]
        draw.text(((WIDTH - w) / 2, y), text, fill=0, font=font)  # type: ignore[arg-type]
        y += line_h
    out.parent.mkdir(parents=True, exist_ok=True)
    img.save(out)
    return out


def _render_rtl(receipt: ReceiptContent, out: Path) -> Path:
    """A Uyghur receipt: each line shaped and laid right to left (kiosk/rtl.py), as
    the printer gets it in raster rows."""
    from kiosk.rtl import lines_image

    inner = WIDTH - 2 * MARGIN
    parts = [lines_image(receipt.title, inner, 30, align="center", bold=True)]
    parts += [lines_image(f"{label}: {value}", inner, 20) for label, value in receipt.lines]
    rule = Image.new("1", (inner, 20), 1)
    ImageDraw.Draw(rule).line([(0, 10), (inner, 10)], fill=0)
    parts.append(rule)
    parts += [lines_image(note, inner, 20) for note in receipt.notes]
    if receipt.qr_url:
        qr = Image.new("1", (inner, 250), 1)
        qr.paste(qrcode.make(receipt.qr_url, border=2).convert("1").resize((240, 240)),
                 ((inner - 240) // 2, 5))
        parts.append(qr)
    parts += [lines_image(t, inner, 20, align="center") for t in (receipt.qr_caption,
                                                                   receipt.footer) if t]
    img = Image.new("L", (WIDTH, sum(p.height for p in parts) + 2 * MARGIN), 255)
    y = MARGIN
    for part in parts:
        img.paste(part.convert("L"), (MARGIN, y))
        y += part.height
    out.parent.mkdir(parents=True, exist_ok=True)
    img.save(out)
    return out
