"""Uyghur (Arabic script, right to left) on paper: the A4 copy and the receipt.

Neither reportlab's canvas nor a thermal printer shapes Arabic script: the
letters must be joined (each in its initial, medial, final or isolated form)
and a line laid out right to left, with the Latin and Chinese runs inside it
(a tracking number, 张*丰) kept left to right. ``visual`` does both for a
drawing engine that just draws code points from left to right:
arabic-reshaper picks each letter's presentation form, python-bidi reorders
the line (Unicode's bidirectional algorithm, paragraph right to left).

The receipt's Uyghur lines are raster images (the printer has no Arabic code
page): ``line_image`` draws them with Pillow, Arabic runs through HarfBuzz
(Pillow's raqm layout) when Pillow has it, which also joins the letters that
have no presentation form (ە), else from the reshaped forms.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
# Families Debian's fonts-noto-core (and fonts-ukij-uyghur) bring, Naskh first.
ARABIC_FAMILIES = ("Noto Naskh Arabic", "Noto Sans Arabic", "UKIJ Tuz")


def has_arabic(text: str) -> bool:
    return bool(ARABIC.search(text))


@cache
def _reshaper() -> Any:
    """arabic-reshaper for Uyghur: its Arabic table lacks ە (U+06D5), so the letter
    before every ە (ھۆكۈمەت) stood unjoined. ە joins on its right and has no
    presentation form: it keeps its own code point, which PDF readers still
    extract as ە."""
    import arabic_reshaper
    from arabic_reshaper.letters import LETTERS_ARABIC

    reshaper = arabic_reshaper.ArabicReshaper(configuration={"language": "Arabic"})
    reshaper.letters = {**LETTERS_ARABIC, "\u06d5": ("\u06d5", "", "", "\u06d5")}
    return reshaper


def visual(text: str) -> str:
    """``text`` joined and in the left-to-right order it is drawn in."""
    if not has_arabic(text):
        return text
    from bidi import get_display

    return str(get_display(_reshaper().reshape(text), base_dir="R"))


def runs(text: str) -> Iterator[tuple[bool, str]]:
    """(is Arabic, characters) runs of a visual line; spaces join the run they are in."""
    current: list[str] = []
    arabic = False
    for ch in text:
        kind = bool(ARABIC.match(ch)) if not ch.isspace() else arabic
        if current and kind != arabic:
            yield arabic, "".join(current)
            current = []
        arabic = kind
        current.append(ch)
    if current:
        yield arabic, "".join(current)


def _fc_file(pattern: str) -> str:
    tool = shutil.which("fc-match")
    if not tool:
        return ""
    try:
        out = subprocess.run(
            [tool, "-f", "%{file}\t%{family}", pattern],
            capture_output=True, text=True, timeout=10, check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""
    path, _, family = out.partition("\t")
    wanted = pattern.split(":")[0].lower()
    return path if path and Path(path).exists() and wanted in family.lower() else ""


@cache
def arabic_font_path() -> str:
    """A TrueType font with Uyghur's letters (fontconfig's file for Noto Naskh Arabic)."""
    for family in ARABIC_FAMILIES:
        path = _fc_file(family)
        if path.lower().endswith((".ttf", ".otf")):
            return path
    return ""


@cache
def _cjk_font_path() -> str:
    return _fc_file("Noto Sans CJK SC:lang=zh")


@cache
def _fonts(size: int) -> tuple[Any, Any, bool]:
    """(Arabic font, other font, shaped by raqm) at ``size`` px."""
    from PIL import ImageFont, features

    raqm = bool(features.check("raqm"))
    arabic_path, cjk_path = arabic_font_path(), _cjk_font_path()
    layout = ImageFont.Layout.RAQM if raqm else ImageFont.Layout.BASIC
    arabic = (  # Naskh's letters sit small beside hanzi of the same size
        ImageFont.truetype(arabic_path, round(size * 1.2), layout_engine=layout)
        if arabic_path
        else ImageFont.load_default(size)
    )
    other = (
        ImageFont.truetype(cjk_path, size, layout_engine=ImageFont.Layout.BASIC)
        if cjk_path
        else ImageFont.load_default(size)
    )
    return arabic, other, raqm


def _pieces(text: str, size: int) -> list[tuple[str, Any, dict[str, Any]]]:
    """The line as (characters, font, draw options) in drawing order, left to right."""
    arabic, other, raqm = _fonts(size)
    out: list[tuple[str, Any, dict[str, Any]]] = []
    if raqm:
        from bidi import get_display

        for is_arabic, run in runs(str(get_display(text, base_dir="R"))):
            if is_arabic:  # back to logical order: HarfBuzz joins and lays it out
                out.append((run[::-1], arabic, {"direction": "rtl", "language": "ug"}))
            else:
                out.append((run, other, {}))
    else:
        out = [(run, arabic if a else other, {}) for a, run in runs(visual(text))]
    return out


def text_width(text: str, size: int) -> float:
    from PIL import Image, ImageDraw

    draw = ImageDraw.Draw(Image.new("L", (8, 8)))
    return float(sum(draw.textlength(t, font=f, **kw) for t, f, kw in _pieces(text, size)))


def wrap(text: str, size: int, width: float) -> list[str]:
    """Break a (logical) line between words to fit ``width`` px."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        trial = f"{current} {word}" if current else word
        if current and text_width(trial, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    lines.append(current)
    return lines


def line_image(
    text: str, width: int, size: int = 22, *, align: str = "right", bold: bool = False
) -> Any:
    """One line of mixed Uyghur, Chinese and Latin as a white-on-black-ink picture
    ``width`` px wide (mode "1", as a thermal printer takes it)."""
    from PIL import Image, ImageDraw

    pieces = _pieces(text, size)
    height = int(size * 1.9)
    img = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(img)
    total = sum(draw.textlength(t, font=f, **kw) for t, f, kw in pieces)
    x = {"left": 0.0, "center": (width - total) / 2}.get(align, width - total)
    for chars, font, options in pieces:
        for dx in (0, 1) if bold else (0,):
            draw.text((x + dx, size * 0.25), chars, fill=0, font=font, **options)
        x += draw.textlength(chars, font=font, **options)
    return img.point(lambda v: 0 if v < 160 else 255).convert("1")


def lines_image(text: str, width: int, size: int = 22, **kw: Any) -> Any:
    """A wrapped paragraph as one picture (each line as ``line_image`` draws it)."""
    from PIL import Image

    parts = [line_image(line, width, size, **kw) for line in wrap(text, size, width)]
    img = Image.new("1", (width, sum(p.height for p in parts)), 1)
    y = 0
    for part in parts:
        img.paste(part, (0, y))
        y += part.height
    return img


@cache
def pdf_font() -> str:
    """The Arabic TrueType font registered with reportlab ("" when none is installed)."""
    path = arabic_font_path()
    if not path.lower().endswith(".ttf"):
        return ""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        font = TTFont("kiosk-arabic", path)
    except (TTFError, OSError) as exc:
        log.warning("cannot embed %s for Uyghur: %s", Path(path).name, exc)
        return ""
    font.fontName = bytes(font.face.name).decode("latin-1") or Path(path).stem
    pdfmetrics.registerFont(font)
    return str(font.fontName)
