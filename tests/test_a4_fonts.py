"""The A4 copy keeps its digits and Latin letters whatever CJK font is installed.

Droid Sans Fallback (Debian's fonts-droid-fallback) is a TrueType CJK font
without a single digit or Latin letter; when the copy was drawn in it alone,
every tracking number, date and ID number vanished from the PDF.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import fonts, pdf
from kiosk.i18n import translate
from kiosk.receipts import ReceiptContent

DROID = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
TRACKING = "DEMO01-20240315-0007"
WHEN = "2024-03-15 09:41"
MASKED_ID = "110105********002X"
URL = "https://zwfw.example.gov.cn/cases/3f2a9c1e-0b7d-4d8e-9a61-5c2f0e4b7a10"


def _receipt() -> ReceiptContent:
    def t(key: str) -> str:
        return translate(key, "zh")

    return ReceiptContent(
        title=t("receipt.title"),
        lines=(
            (t("receipt.service"), "居住证申领"),
            (t("receipt.tracking_no"), TRACKING),
            (t("receipt.applicant"), "张*丰"),
            (t("receipt.time"), WHEN),
            (t("receipt.kiosk"), "村便民服务点 (DEMO01)"),
        ),
        notes=(t("receipt.next.1"),),
        qr_url=URL,
        qr_caption=t("receipt.qr"),
    )


def _text(pdf_bytes: bytes) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: cannot read the PDF back")
    out = subprocess.run(
        [tool, "-layout", "-", "-"], input=pdf_bytes, capture_output=True, check=True, timeout=60
    )
    return out.stdout.decode("utf-8")


def _clear_font_cache() -> None:
    for name in ("fonts", "cjk_font"):
        cached = getattr(getattr(fonts, name, None), "cache_clear", None)
        if cached is not None:
            cached()


@pytest.fixture
def fresh_fonts() -> Iterator[None]:
    _clear_font_cache()
    yield
    _clear_font_cache()


def _assert_readable(text: str) -> None:
    flat = text.replace(" ", "")
    for expected in (TRACKING, WHEN.replace(" ", ""), MASKED_ID, "DEMO01", URL):
        assert expected.replace(" ", "") in flat, f"{expected!r} missing from the PDF text"
    for label in ("受理编号", "居住证申领", "申请人", "身份证号"):
        assert label in flat, f"{label!r} missing from the PDF text"


def test_copy_drawn_with_droid_sans_fallback_keeps_digits_and_latin(
    fresh_fonts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert DROID.exists(), "install fonts-droid-fallback (scripts/ensure-system-deps.sh)"
    # The font discovery finds Droid Sans Fallback first, as on a Debian machine
    # with fonts-droid-fallback: a CJK font with no digit and no Latin letter.
    monkeypatch.setattr(fonts, "_truetype_cjk_candidates", lambda: [fonts.FontFile(str(DROID))])
    fs = fonts.fonts()
    assert fs.primary == "DroidSansFallback"  # Droid embedded for the Han...
    for ch in MASKED_ID + TRACKING + URL:  # ...and every Latin character in a font that has it
        face = next(f for f in fs.faces if f.name == fs.face_for(ch))
        assert face.has(ch), ch
    body = pdf.application_copy_pdf(_receipt(), [("身份证号", MASKED_ID)])
    _assert_readable(_text(body))


def test_copy_with_the_fonts_this_machine_has_is_readable(fresh_fonts: None) -> None:
    body = pdf.application_copy_pdf(_receipt(), [("身份证号", MASKED_ID)])
    _assert_readable(_text(body))
    assert fonts.cjk_font().encode() in body


def test_without_a_latin_truetype_font_latin_text_is_in_helvetica(
    fresh_fonts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert DROID.exists(), "install fonts-droid-fallback (scripts/ensure-system-deps.sh)"
    monkeypatch.setattr(fonts, "_truetype_cjk_candidates", lambda: [fonts.FontFile(str(DROID))])
    monkeypatch.setattr(fonts, "_truetype_latin_candidates", lambda: [])
    assert [f.name for f in fonts.fonts().faces] == ["DroidSansFallback", fonts.LATIN_BUILTIN]
    body = pdf.application_copy_pdf(_receipt(), [("身份证号", MASKED_ID)])
    _assert_readable(_text(body))


def test_a_font_without_han_is_not_taken_for_chinese(
    fresh_fonts: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    latin_only = fonts._truetype_latin_candidates()
    if not latin_only:
        pytest.skip("no Latin TrueType font installed (fonts-dejavu-core)")
    # fontconfig may claim lang=zh for a face that lacks the Han the copy uses
    monkeypatch.setattr(fonts, "_truetype_cjk_candidates", lambda: latin_only[:1])
    assert fonts.fonts().primary == fonts.CID_FONT
    _assert_readable(_text(pdf.application_copy_pdf(_receipt(), [("身份证号", MASKED_ID)])))


def test_runs_switch_font_per_script() -> None:
    fs = fonts.FontSet(
        (fonts.Face("cjk", frozenset(map(ord, "受理编号："))), fonts.Face("latin", fonts.ASCII))
    )
    assert list(fs.runs("受理编号：DEMO 01-2")) == [("cjk", "受理编号："), ("latin", "DEMO 01-2")]
    assert list(fs.runs("")) == []
