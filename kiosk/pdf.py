"""The A4 application copy as PDF, with Chinese text that prints anywhere.

reportlab embeds TrueType-outline fonts only; most Linux CJK fonts ship as
CFF-outline .otf/.ttc, which it cannot embed. So: use a TrueType CJK font if
fontconfig knows one (embedded, prints identically everywhere), else
reportlab's built-in ``STSong-Light`` CID font, which every PDF reader maps
to its own Song typeface. Like the receipt, the copy holds masked personal
data only: the sealed payload is the one full record, and it is not readable
here.
"""

from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import qrcode
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen import canvas

from kiosk.receipts import ReceiptContent

log = logging.getLogger(__name__)

CID_FONT = "STSong-Light"
TTF_NAME = "KioskCJK"


def _truetype_cjk_candidates() -> list[str]:
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    try:
        out = subprocess.run(
            [fc_list, ":lang=zh:fontformat=TrueType", "file"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = [line.split(":")[0].strip() for line in out.splitlines() if line.strip()]
    return sorted(f for f in files if f.lower().endswith(".ttf"))


@cache
def cjk_font() -> str:
    """Register and return the font name used for Chinese text."""
    for path in _truetype_cjk_candidates():
        try:
            pdfmetrics.registerFont(TTFont(TTF_NAME, path))
        except (TTFError, OSError) as exc:
            log.debug("cannot embed %s: %s", path, exc)
            continue
        log.info("A4 documents embed %s", Path(path).name)
        return TTF_NAME
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    return CID_FONT


def _qr_image(url: str) -> ImageReader:
    img = qrcode.make(url, border=1)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    buf.seek(0)
    return ImageReader(buf)


def application_copy_pdf(
    receipt: ReceiptContent, answers: list[tuple[str, str]] | None = None
) -> bytes:
    """One A4 page: the receipt's facts, the (masked) answers, the QR code."""
    font = cjk_font()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=True)
    pdf.setTitle(receipt.title)
    pdf.setCreator("gov-kiosk")
    width, height = A4
    left = 25 * mm
    y = height - 30 * mm
    pdf.setFont(font, 20)
    pdf.drawCentredString(width / 2, y, receipt.title)
    y -= 16 * mm
    pdf.setFont(font, 12)
    rows = list(receipt.lines) + list(answers or [])
    line = 6 * mm
    for label, value in rows:
        label_lines = _wrap(f"{label}:", 22)
        value_lines = _wrap(value, 60)
        row_h = max(len(label_lines), len(value_lines)) * line + 3 * mm
        if y - row_h < 80 * mm:  # leave room for the notes and the QR code
            pdf.showPage()
            pdf.setFont(font, 12)
            y = height - 30 * mm
        for i, chunk in enumerate(label_lines):
            pdf.drawString(left, y - i * line, chunk)
        for i, chunk in enumerate(value_lines):
            pdf.drawString(left + 45 * mm, y - i * line, chunk)
        y -= row_h
    y -= 4 * mm
    for note in receipt.notes:
        for chunk in _wrap(note, 74):
            pdf.drawString(left, y, chunk)
            y -= line
    size = 40 * mm
    pdf.drawImage(_qr_image(receipt.qr_url), left, 30 * mm, size, size)
    pdf.setFont(font, 10)
    pdf.drawString(left + size + 6 * mm, 30 * mm + size - 6 * mm, receipt.qr_caption)
    pdf.drawString(left + size + 6 * mm, 30 * mm + size - 12 * mm, receipt.qr_url)
    if receipt.footer:
        pdf.drawString(left, 20 * mm, receipt.footer)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


_TOKENS = re.compile(r"[!-~]+ ?| |.")  # a Latin word (with its space) or one character


def _wrap(text: str, width: int) -> list[str]:
    """Wrap at ``width`` columns (a CJK character counts as two), between words."""
    lines: list[str] = []
    current, used = "", 0
    for token in _TOKENS.findall(text):
        w = sum(2 if ord(ch) > 0x2E80 else 1 for ch in token)
        if used + w > width and current:
            lines.append(current.rstrip())
            current, used = token.lstrip(), w
        else:
            current += token
            used += w
    if current or not lines:
        lines.append(current.rstrip())
    return lines


def first_page_png(pdf_bytes: bytes, out: Path, dpi: int = 80) -> Path | None:
    """Render page 1 to PNG with poppler's pdftoppm; None when it is not installed."""
    tool = shutil.which("pdftoppm")
    if not tool:
        log.info("pdftoppm not installed; no PNG of the A4 copy")
        return None
    out.parent.mkdir(parents=True, exist_ok=True)
    stem = out.with_suffix("")
    try:
        subprocess.run(
            [tool, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", "-", str(stem)],
            input=pdf_bytes,
            capture_output=True,
            timeout=60,
            check=True,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("pdftoppm failed: %s", exc)
        return None
    return out if out.exists() else None
