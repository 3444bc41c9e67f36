"""Draw a printed receipt as a PNG, the way a 58 mm thermal printer would.

Text uses a CJK font found through fontconfig (Noto Sans CJK when present)
and falls back to Pillow's default font; the QR is drawn from its payload
with the printer's module size, so a phone can scan the picture.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import unicodedata
from functools import cache
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont

from devices.sim.escpos_interp import Line, PrintedReceipt, QrBlock, RasterBlock

log = logging.getLogger(__name__)

DOTS = 384  # 58 mm paper at 203 dpi
CHAR = 24  # the printer's 24-dot Chinese font
SCALE = 2  # drawn at twice the dots so text stays crisp
MARGIN = 16  # top and bottom only: the printable width is the full 384 dots

FontType = ImageFont.FreeTypeFont | ImageFont.ImageFont


@cache
def _font_file(bold: bool) -> str:
    fc = shutil.which("fc-match")
    if fc:
        pattern = "Noto Sans CJK SC:bold" if bold else "Noto Sans CJK SC"
        try:
            out = subprocess.run(
                [fc, "-f", "%{file}", pattern], capture_output=True, text=True, timeout=5
            ).stdout.strip()
        except (OSError, subprocess.TimeoutExpired):
            out = ""
        if out and Path(out).is_file():
            return out
    for path in Path("/usr/share/fonts").rglob("*CJK*"):
        return str(path)
    return ""


@cache
def _font(size: int, bold: bool) -> FontType:
    path = _font_file(bold)
    if path:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            pass
    return ImageFont.load_default(size)


def _qr_image(block: QrBlock) -> Image.Image:
    ec = {
        "L": qrcode.constants.ERROR_CORRECT_L,
        "M": qrcode.constants.ERROR_CORRECT_M,
        "Q": qrcode.constants.ERROR_CORRECT_Q,
        "H": qrcode.constants.ERROR_CORRECT_H,
    }[block.ec]
    qr = qrcode.QRCode(error_correction=ec, box_size=block.module * SCALE, border=4)
    qr.add_data(block.payload)
    qr.make(fit=True)
    img: Image.Image = qr.make_image(fill_color="black", back_color="white").get_image()
    return img.convert("L")


def render_receipt(receipt: PrintedReceipt) -> Image.Image:
    width = DOTS * SCALE
    parts: list[Image.Image] = []
    for block in receipt.blocks:
        if isinstance(block, QrBlock):
            img = _qr_image(block)
            row = Image.new("L", (width, img.height), 255)
            x = {"left": MARGIN, "center": (width - img.width) // 2,
                 "right": width - img.width - MARGIN}[block.align]  # fmt: skip
            row.paste(img, (max(0, x), 0))
            parts.append(row)
        elif isinstance(block, Line):
            parts.append(_line_image(block, width))
        elif isinstance(block, RasterBlock):
            parts.append(_raster_image(block, width))
    height = sum(p.height for p in parts) + 2 * MARGIN
    page = Image.new("L", (width, max(height, 4 * MARGIN)), 255)
    y = MARGIN
    for p in parts:
        page.paste(p, (0, y))
        y += p.height
    if receipt.cut:
        draw = ImageDraw.Draw(page)
        for x in range(0, width, 16):
            draw.line([(x, page.height - 2), (x + 8, page.height - 2)], fill=0, width=2)
    return page


def _raster_image(block: RasterBlock, width: int) -> Image.Image:
    """The dots of a raster image, at the page's scale."""
    bits = Image.frombytes("1", (block.width_bytes * 8, block.height), block.data)
    img = Image.eval(bits.convert("L"), lambda v: 255 - v)  # 1 = ink in ESC/POS
    img = img.resize((img.width * SCALE, img.height * SCALE))
    row = Image.new("L", (width, img.height), 255)
    img = img.crop((0, 0, min(img.width, width), img.height))
    x = {"left": 0, "center": (width - img.width) // 2, "right": width - img.width}[block.align]
    row.paste(img, (x, 0))
    return row


def _cell(ch: str) -> int:
    """Dots a character takes: 12 for half-width, 24 for CJK, like the printer's fonts."""
    return CHAR if unicodedata.east_asian_width(ch) in ("W", "F", "A") else CHAR // 2


def _line_image(line: Line, width: int) -> Image.Image:
    """Lay characters out in the printer's fixed cells, wrapping at the paper edge."""
    rows: list[list[tuple[str, int, int, bool, int]]] = [[]]  # char, w, h, bold, dots
    used = 0
    for span in line.spans:
        for ch in span.text:
            dots = _cell(ch) * span.width
            if used + dots > DOTS and rows[-1]:
                rows.append([])
                used = 0
            rows[-1].append((ch, span.width, span.height, span.bold, dots))
            used += dots
    images: list[Image.Image] = []
    for row_chars in rows:
        tallest = max((c[2] for c in row_chars), default=1)
        row_h = int(CHAR * SCALE * tallest * 1.25)
        row = Image.new("L", (width, row_h), 255)
        total = sum(c[4] for c in row_chars) * SCALE
        x = {"left": 0, "center": (width - total) // 2, "right": width - total}[line.align]
        x = max(0, x)
        for ch, _w, h, bold, dots in row_chars:
            font = _font(CHAR * SCALE * h, bold)
            cell_w = dots * SCALE
            top = row_h - int(CHAR * SCALE * h * 1.2)
            glyph_w = max(1, int(font.getlength(ch)) + 1)
            glyph = Image.new("L", (glyph_w, row_h), 255)
            ImageDraw.Draw(glyph).text((0, top), ch, font=font, fill=0)
            if glyph_w > cell_w:  # a wide Latin glyph: squeeze into the printer's cell
                glyph = glyph.resize((cell_w, row_h))
                glyph_w = cell_w
            row.paste(glyph, (x + (cell_w - glyph_w) // 2, 0))
            x += cell_w
        images.append(row)
    if len(images) == 1:
        return images[0]
    out = Image.new("L", (width, sum(i.height for i in images)), 255)
    y = 0
    for img in images:
        out.paste(img, (0, y))
        y += img.height
    return out


def save_receipt_png(receipt: PrintedReceipt, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    render_receipt(receipt).save(path)
    return path
