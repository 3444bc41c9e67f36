"""Uyghur on paper: the A4 copy and the receipt carry shaped, right-to-left text.

The A4 copy is read back with poppler's pdftotext (what a reader's copy-paste
or a screen reader gets); the receipt goes through the printer driver's bytes
into the printer simulator, which draws the raster lines it received.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from devices.printer import render
from devices.receipt import document_from_content
from devices.sim.escpos_interp import EscPosInterpreter, PrintedReceipt
from devices.sim.receipt_png import render_receipt
from kiosk.i18n import translate
from kiosk.pdf import application_copy_pdf
from kiosk.receipts import ReceiptContent
from kiosk.rtl import arabic_font_path, visual

SERVICE_UG = "شەھەر-يېزا ئاھالىلىرى ئاساسىي داۋالاش سۇغۇرتىسىغا تىزىملىتىش"
TRACKING = "DEMO01-20261201-0001"
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")


def content(lang: str, service: str) -> ReceiptContent:
    def t(key: str) -> str:
        return translate(key, lang)

    return ReceiptContent(
        title=t("receipt.title"),
        lines=(
            (t("receipt.service"), service),
            (t("receipt.tracking_no"), TRACKING),
            (t("receipt.applicant"), "张*丰"),
        ),
        notes=(t("receipt.next.1"), t("receipt.next.2")),
        qr_url="https://zwfw.example.gov.cn/cases/5b1c",
        qr_caption=t("receipt.qr"),
        footer=t("receipt.footer"),
        language=lang,
    )


def test_the_machine_has_a_font_with_uyghur_letters() -> None:
    assert arabic_font_path(), "no Arabic-script font: install fonts-noto-core"


def test_joining_and_order() -> None:
    shown = visual("ھۆكۈمەت")  # ھ ۆ ك ۈ م ە ت
    assert shown == "\ufe95\u06d5\ufee3\ufbdc\ufedb\ufbda\ufbac"  # م joins ە; drawn right to left
    assert visual("DEMO01") == "DEMO01"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_a4_copy_reads_back_as_the_uyghur_it_was_given(tmp_path: Path) -> None:
    pdf = tmp_path / "copy.pdf"
    pdf.write_bytes(application_copy_pdf(content("ug", SERVICE_UG), [("电话", "138****8000")]))
    raw = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert PRESENTATION_FORMS.search(raw), "the letters were not joined"
    text = BIDI_MARKS.sub("", unicodedata.normalize("NFKC", raw))
    # compared without spaces: pdftotext puts the space before a closing ، rather than after
    flat = "".join(text.split())
    for key in ("receipt.title", "receipt.tracking_no", "receipt.next.1", "receipt.footer"):
        assert "".join(translate(key, "ug").split()) in flat, key
    assert SERVICE_UG in text
    assert TRACKING in text and "张*丰" in text
    # mirrored: each label stands right of its value
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    x = {w: float(m) for m, w in re.findall(r'xMin="([\d.]+)"[^>]*>([^<]+)</word>', boxes)}
    label = next(w for w in x if ":" in w and PRESENTATION_FORMS.search(w))
    assert x[label] > x[TRACKING]


def _printed(lang: str, service: str) -> PrintedReceipt:
    got: list[PrintedReceipt] = []
    EscPosInterpreter(on_cut=got.append).feed(render(document_from_content(content(lang, service))))
    assert len(got) == 1
    return got[0]


def test_a_uyghur_receipt_prints_its_lines_as_raster_images_with_ink(tmp_path: Path) -> None:
    receipt = _printed("ug", SERVICE_UG)
    assert receipt.qr_payloads == ["https://zwfw.example.gov.cn/cases/5b1c"]  # still native QR
    assert "?" not in receipt.text  # nothing went to the code page and came out as "?"
    # title, 3 lines, 2 notes, caption, footer: each a picture, each with ink
    assert len(receipt.rasters) == 8
    assert all(r.width_bytes <= 48 and r.dots() > 100 for r in receipt.rasters)
    png = render_receipt(receipt).convert("L")
    dark = sum(png.histogram()[:128])
    assert dark > 20_000  # the printed page has the lines on it, not blank rows
    png.save(tmp_path / "receipt-ug.png")


def test_a_chinese_receipt_stays_text_and_native_qr() -> None:
    receipt = _printed("zh", "城乡居民基本医疗保险参保登记")
    assert not receipt.rasters
    assert "城乡居民基本医疗保险参保登记" in receipt.text
