"""The A4 application copy as PDF, with Chinese text that prints anywhere.

The fonts are chosen by the glyphs they have (``kiosk.fonts``). Like the
receipt, the copy holds masked personal data only: the sealed payload is the
one full record, and it is not readable here.
"""

from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
from pathlib import Path

import qrcode
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas

from kiosk import rtl
from kiosk.fonts import FontSet, fonts
from kiosk.i18n import is_rtl
from kiosk.receipts import ReceiptContent

log = logging.getLogger(__name__)

def _draw(pdf: canvas.Canvas, x: float, y: float, text: str, size: float, fs: FontSet) -> None:
    for name, run in fs.runs(text):
        pdf.setFont(name, size)
        pdf.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, name, size)


def _rtl_runs(text: str, fs: FontSet) -> list[tuple[str, str]]:
    """A Uyghur line in drawing order (joined, right to left: kiosk/rtl.py), cut
    into (font, characters) runs: the Arabic font for Arabic script."""
    arabic = rtl.pdf_font()
    out: list[tuple[str, str]] = []
    for is_arabic, run in rtl.runs(rtl.visual(text)):
        out += [(arabic, run)] if is_arabic and arabic else list(fs.runs(run))
    return out


def _draw_rtl(
    pdf: canvas.Canvas, right: float, y: float, text: str, size: float, fs: FontSet
) -> float:
    """Draw a right-to-left line ending at ``right``; returns its width."""
    runs = _rtl_runs(text, fs)
    total = sum(pdfmetrics.stringWidth(run, name, size) for name, run in runs)
    x = right - total
    for name, run in runs:
        pdf.setFont(name, size)
        pdf.drawString(x, y, run)
        x += pdfmetrics.stringWidth(run, name, size)
    return float(total)


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
    fs = fonts()
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, invariant=True)
    pdf.setTitle(receipt.title)
    pdf.setCreator("gov-kiosk")
    width, height = A4
    left = 25 * mm
    y = height - 30 * mm
    mirrored = is_rtl(receipt.language)  # Uyghur: the page read from the right

    def put(x: float, y: float, text: str, size: float) -> None:
        """Draw at ``x`` of a left-to-right page; mirrored, the line ends there."""
        if mirrored:
            _draw_rtl(pdf, width - x, y, text, size, fs)
        else:
            _draw(pdf, x, y, text, size, fs)

    if mirrored:
        title_w = sum(pdfmetrics.stringWidth(r, n, 20) for n, r in _rtl_runs(receipt.title, fs))
        _draw_rtl(pdf, (width + title_w) / 2, y, receipt.title, 20, fs)
    else:
        _draw(pdf, (width - fs.width(receipt.title, 20)) / 2, y, receipt.title, 20, fs)
    y -= 16 * mm
    rows = list(receipt.lines) + list(answers or [])
    line = 6 * mm
    for label, value in rows:
        label_lines = _wrap(f"{label}:", 22)
        value_lines = _wrap(value, 60)
        row_h = max(len(label_lines), len(value_lines)) * line + 3 * mm
        if y - row_h < 80 * mm:  # leave room for the notes and the QR code
            pdf.showPage()
            y = height - 30 * mm
        for i, chunk in enumerate(label_lines):
            put(left, y - i * line, chunk, 12)
        for i, chunk in enumerate(value_lines):
            put(left + 45 * mm, y - i * line, chunk, 12)
        y -= row_h
    y -= 4 * mm
    for note in receipt.notes:
        for chunk in _wrap(note, 74):
            put(left, y, chunk, 12)
            y -= line
    size = 40 * mm
    text_x = left
    if receipt.qr_url:  # no platform known: only the caption, which says where to ask
        qr_x = width - left - size if mirrored else left
        pdf.drawImage(_qr_image(receipt.qr_url), qr_x, 30 * mm, size, size)
        text_x = left + size + 6 * mm
        put(text_x, 30 * mm + size - 12 * mm, receipt.qr_url, 10)
    put(text_x, 30 * mm + size - 6 * mm, receipt.qr_caption, 10)
    if receipt.footer:
        put(left, 20 * mm, receipt.footer, 10)
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
