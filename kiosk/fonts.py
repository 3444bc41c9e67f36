"""Fonts for the kiosk's and the platform's PDFs, chosen by the glyphs they have.

reportlab embeds TrueType-outline fonts only; most Linux CJK fonts ship as
CFF-outline .otf/.ttc, which it cannot embed. So: use a TrueType CJK font if
fontconfig knows one (embedded, prints identically everywhere), else
reportlab's built-in ``STSong-Light`` CID font, which every PDF reader maps
to its own Song typeface.

A CJK font is not a Latin font: Droid Sans Fallback (fonts-droid-fallback),
the first TrueType CJK font on many Debian machines, has no digit and no
Latin letter, and with it alone every tracking number, date and ID number
vanished from the copy. So a font is chosen by the glyphs it has, not by its
file name: the CJK font must cover Han, and when it lacks printable ASCII a
Latin TrueType font (DejaVu Sans, Noto Sans...) is embedded beside it and each
line is drawn in runs, every character in the first font that has it
(Helvetica, which every reader has, when no Latin TrueType font is installed).
Its own module so the platform's certificates share it without the kiosk's
receipts.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

log = logging.getLogger(__name__)

CID_FONT = "STSong-Light"
LATIN_BUILTIN = "Helvetica"

# What a font must have to be chosen: Han as the copy's labels use it, and the
# printable ASCII every tracking number, date, URL and masked ID is made of.
HAN_SAMPLE = "申请回执受理编号办理时限事项姓名身份证日期扫码查询进度"
ASCII = frozenset(range(0x20, 0x7F))
_HAN = frozenset(map(ord, HAN_SAMPLE))
_REGULAR = ("regular", "book", "roman", "normal", "medium")
_LATIN_PREFERRED = ("dejavu sans", "noto sans", "liberation sans", "open sans", "droid sans")


@dataclass(frozen=True)
class FontFile:
    """One face fontconfig lists: a file and, for a .ttc collection, its index."""

    path: str
    index: int = 0
    family: str = ""
    style: str = ""


@dataclass(frozen=True)
class Face:
    """A registered font and the code points it has (None: every one we use)."""

    name: str
    covers: frozenset[int] | None = field(repr=False)

    def has(self, ch: str) -> bool:
        return self.covers is None or ord(ch) in self.covers


@dataclass(frozen=True)
class FontSet:
    """The faces of the copy, in order of preference: CJK first, then Latin."""

    faces: tuple[Face, ...]

    @property
    def primary(self) -> str:
        return self.faces[0].name

    def face_for(self, ch: str) -> str:
        for face in self.faces:
            if face.has(ch):
                return face.name
        return self.primary

    def runs(self, text: str) -> Iterator[tuple[str, str]]:
        """``text`` cut into (font name, characters) runs; a space stays in the
        run it is in when that font has it, so a Latin word keeps one run."""
        name, start = "", 0
        for i, ch in enumerate(text):
            want = self.face_for(ch)
            if ch == " " and name and any(f.name == name and f.has(ch) for f in self.faces):
                want = name
            if want != name:
                if i > start:
                    yield name, text[start:i]
                name, start = want, i
        if start < len(text):
            yield name, text[start:]

    def width(self, text: str, size: float) -> float:
        return float(sum(pdfmetrics.stringWidth(run, name, size) for name, run in self.runs(text)))


def _fc_list(pattern: str) -> list[FontFile]:
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return []
    try:
        out = subprocess.run(
            [fc_list, pattern, "-f", "%{file}\t%{index}\t%{family}\t%{style}\n"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files: list[FontFile] = []
    for line in out.splitlines():
        parts = line.split("\t")
        if not parts[0].strip():
            continue
        parts += [""] * (4 - len(parts))
        try:
            index = int(parts[1] or 0)
        except ValueError:
            index = 0
        files.append(FontFile(parts[0].strip(), index, parts[2], parts[3]))
    return files


def _regular(f: FontFile) -> bool:
    styles = [s.strip().lower() for s in f.style.split(",") if s.strip()]
    return not styles or any(s in _REGULAR for s in styles)


def _truetype_cjk_candidates() -> list[FontFile]:
    """TrueType faces fontconfig says speak Chinese, upright ones first."""
    files = [
        f
        for f in _fc_list(":lang=zh:fontformat=TrueType")
        if f.path.lower().endswith((".ttf", ".ttc"))
    ]
    return sorted(files, key=lambda f: (not _regular(f), f.path, f.index))


def _truetype_latin_candidates() -> list[FontFile]:
    """TrueType faces for Latin text: upright sans of a well-known family first."""
    files = [
        f
        for f in _fc_list(":lang=en:fontformat=TrueType")
        if f.path.lower().endswith((".ttf", ".ttc"))
    ]

    def rank(f: FontFile) -> tuple[bool, bool, int, str, int]:
        family = f.family.split(",")[0].strip().lower()
        known = next((i for i, name in enumerate(_LATIN_PREFERRED) if family == name), 99)
        odd = any(word in family for word in ("mono", "serif", "math", "symbol", "emoji"))
        return (not _regular(f), odd, known, f.path, f.index)

    return sorted(files, key=rank)


def _load(font: FontFile, need: frozenset[int]) -> Face | None:
    """Register ``font`` when reportlab can embed it and it has every code point of
    ``need``. It is registered under its PostScript name, the name the PDF shows."""
    try:
        ttf = TTFont("kiosk-font", font.path, subfontIndex=font.index)
    except (TTFError, OSError, ValueError) as exc:
        log.debug("cannot embed %s: %s", Path(font.path).name, exc)
        return None
    covers = frozenset(ttf.face.charToGlyph)
    missing = need - covers
    if missing:
        log.debug(
            "%s lacks %d of the characters it is wanted for", Path(font.path).name, len(missing)
        )
        return None
    face_name = bytes(ttf.face.name).decode("latin-1") or Path(font.path).stem
    ttf.fontName = face_name + bytes(ttf.face.subfontNameX).decode("latin-1")
    pdfmetrics.registerFont(ttf)
    return Face(ttf.fontName, covers)


@cache
def fonts() -> FontSet:
    """Register and return the faces the copy is drawn in."""
    for candidate in _truetype_cjk_candidates():
        cjk = _load(candidate, _HAN)
        if cjk is None:
            continue
        log.info("A4 documents embed %s", Path(candidate.path).name)
        assert cjk.covers is not None
        if ASCII <= cjk.covers:
            return FontSet((cjk,))
        for latin_file in _truetype_latin_candidates():
            latin = _load(latin_file, ASCII)
            if latin is not None:
                log.info("A4 documents embed %s for Latin text", Path(latin_file.path).name)
                return FontSet((cjk, latin))
        log.info("no Latin TrueType font; Latin text of A4 documents in %s", LATIN_BUILTIN)
        return FontSet((cjk, Face(LATIN_BUILTIN, ASCII)))
    pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    return FontSet((Face(CID_FONT, None),))


def cjk_font() -> str:
    """The font name used for Chinese text."""
    return fonts().primary
