"""Tour steps of the resident's journey, both languages and the elderly version.

The journey's steps write real outbox rows, so the tour points the journey at
a throwaway database with a throwaway platform key: a tour run on a real
kiosk never leaves applications behind. The receipt printer is replaced by a
stand-in that answers at once (printed, or paper out), because the pictures
show the screens, not the device.
"""

from __future__ import annotations

import atexit
import dataclasses
import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from kiosk.applications import PLATFORM_KEY_SETTING
from kiosk.i18n import translate
from kiosk.identity import Identity, IdentitySource
from kiosk.settings import set_setting
from kiosk.storage import Storage, open_storage
from protocol.sealing import public_key_bytes
from ui.journey import JourneyAreas
from ui.tour import TourStep, screen

CATALOG_SERVICE = "YB0102"  # 城乡居民基本医疗保险参保登记, from the sample catalog
ANSWERS = {"phone": "13800138000", "insured_type": "adult", "agree": "true", "reason": "work"}
_sandbox: dict[str, Any] = {}


def demo_identity() -> Identity:
    return Identity(
        name="张三丰",
        id_number="11010519491231002X",
        source=IdentitySource.CARD,
        sex="1",
        nation_code="01",
        birth_date=dt.date(1949, 12, 31),
        address="北京市朝阳区建国路88号",
        valid_to=dt.date.today() + dt.timedelta(days=3650),
    )


class _StandInPrinter:
    """Answers a print job at once, the way Devices.printFinished would."""

    def __init__(self, journey: JourneyAreas, key: str) -> None:
        self.journey = journey
        self.key = key
        self.manager = None

    def printReceipt(self, receipt: Any) -> None:  # noqa: N802 - mirrors Devices
        self.journey.receipt.print_finished(not self.key, self.key)


def _storage() -> Storage:
    if "storage" not in _sandbox:
        folder = Path(tempfile.mkdtemp(prefix="kiosk-tour-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        storage = open_storage(folder / "tour.db")
        key = public_key_bytes(X25519PrivateKey.generate().public_key())
        set_setting(storage, PLATFORM_KEY_SETTING, key.hex())
        _sandbox["storage"] = storage
    storage: Storage = _sandbox["storage"]
    return storage


def journey(b: Any, printer_key: str = "") -> JourneyAreas:
    j = JourneyAreas.of(b)
    if j.ctx.storage is not _storage():
        j.ctx.use_storage(_storage())
    j.ctx.devices = _StandInPrinter(j, printer_key)
    return j


def _mode(b: Any, lang: str, elderly: bool) -> None:
    if lang == "en":
        b.i18n.toggle()
    if elderly:
        b.style.toggleElderly()


def _lang(b: Any) -> str:
    return str(b.i18n.language)


def _tap(b: Any, key: str, **params: Any) -> None:
    """Tap the control whose words are the message ``key`` in the screen's language."""
    screen().tap(translate(key, _lang(b), **params))


def _service(b: Any) -> Any:
    catalog = b.wired.catalog
    found = catalog.store.service(CATALOG_SERVICE) if catalog is not None else None
    if found is None:
        raise RuntimeError(f"the tour needs the sample catalog's {CATALOG_SERVICE}")
    return found


def _identify(b: Any) -> Any:
    """From the attract screen to Identify the way a resident goes: Search, the
    service's code typed, its row, the guide's Apply button."""
    j = journey(b)
    s = screen()
    s.tap(translate("attract.title", _lang(b)))
    _tap(b, "home.tile.search")
    s.type_text(CATALOG_SERVICE)
    service = _service(b)
    s.tap(service.name_en if _lang(b) == "en" else service.name_zh)
    _tap(b, "catalog.guide.apply")
    s.wait_for(translate("identify.title", _lang(b)))
    return j


def _identified(b: Any) -> Any:
    j = _identify(b)
    j.identify.acceptCard(demo_identity())  # the card laid on the reader
    screen().wait_for(demo_identity().masked_name)
    return j


def _form(b: Any) -> Any:
    j = _identified(b)
    _tap(b, "identify.continue")
    screen().wait_for(translate("form.title", _lang(b)))
    return j


def _label(b: Any, field: str, value: str = "") -> str:
    """The words on a field (or on one of its choices) as the screen shows them."""
    spec = next(f for f in _service(b).form if f.id == field)
    en = _lang(b) == "en"
    if value:
        option = next(o for o in spec.options if o.value == value)
        return str(option.label_en if en else option.label_zh)
    return str(spec.label_en if en else spec.label_zh)


def _form_errors(b: Any) -> Any:
    j = _form(b)
    s = screen()
    s.tap(_label(b, "phone"))
    s.type_text("138 0013")
    _tap(b, "form.next")
    return j


def _filled(b: Any) -> Any:
    j = _form(b)
    s = screen()
    s.tap(_label(b, "phone"))
    s.type_text(ANSWERS["phone"])
    s.tap(_label(b, "insured_type", ANSWERS["insured_type"]))
    s.tap(_label(b, "agree"))
    _tap(b, "form.next")
    s.wait_for(translate("materials.title", _lang(b)))
    return j


def _review(b: Any) -> Any:
    j = _filled(b)
    for material in j.apply.materials.rows():
        if material["mandatory"]:
            screen().tap(material["name"])
    _tap(b, "materials.next")
    screen().wait_for(translate("review.title", _lang(b)))
    return j


def _submitted(b: Any, printer_key: str = "") -> Any:
    j = _review(b)
    journey(b, printer_key)
    _tap(b, "review.submit")
    screen().wait_for(translate("submitted.title", _lang(b)))
    return j


def _paper_out(b: Any) -> Any:
    return _submitted(b, "error.printer.paper_out")


def _progress(b: Any) -> Any:
    j = _submitted(b)
    tracking = j.receipt.trackingNo
    s = screen()
    _tap(b, "common.home")
    _tap(b, "home.tile.progress")
    s.tap(translate("progress.by_number", _lang(b)))
    s.type_text(tracking)
    _tap(b, "progress.search")
    s.wait_for(tracking)
    return j


def _proofs(b: Any) -> Any:
    j = journey(b)
    s = screen()
    s.tap(translate("attract.title", _lang(b)))
    _tap(b, "home.tile.proofs")
    j.identify.acceptCard(demo_identity())  # the card laid on the reader
    s.wait_for(demo_identity().masked_name)
    s.tap(j.proofs.proofServices.rows()[0]["name"])
    return j


def _phone(b: Any) -> Any:
    journey(b)
    screen().tap(translate("attract.title", _lang(b)))
    _tap(b, "home.tile.phone")


def _evaluate(b: Any) -> Any:
    j = _submitted(b)
    _tap(b, "submitted.evaluate")
    _tap(b, "evaluate.level.2")
    _tap(b, "evaluate.reason.long_wait")
    return j


def _step(name: str, setup: Any, lang: str, elderly: bool = False) -> TourStep:
    def run(b: Any) -> None:
        _mode(b, lang, elderly)
        setup(b)

    suffix = ("elderly-" if elderly else "") + lang
    return TourStep(f"journey-{name}-{suffix}", run)


_SCREENS = [
    ("identify", _identify),
    ("identified", _identified),
    ("form", _form),
    ("form-errors", _form_errors),
    ("materials", _filled),
    ("review", _review),
    ("submitted", _submitted),
    ("paper-out", _paper_out),
    ("progress", _progress),
    ("proofs-offline", _proofs),
    ("phone-case", _phone),
    ("evaluate", _evaluate),
]

STEPS: list[TourStep] = [
    _step(name, setup, lang, elderly)
    for name, setup in _SCREENS
    for lang, elderly in (("zh", False), ("en", False), ("zh", True))
] + [_step("submitted", _submitted, "en", True), _step("form", _form, "en", True)]


def extras(b: Any, out_dir: Path) -> list[Path]:
    """The receipt as printed and page 1 of the A4 copy, in both languages."""
    saved: list[Path] = []
    for lang in ("zh", "en"):
        b.shell.endSession("tour")
        _mode(b, lang, False)
        saved += paper_of(_submitted(b), lang, out_dir)
    b.shell.endSession("tour")
    return saved


def paper_of(j: JourneyAreas, lang: str, out_dir: Path) -> list[Path]:
    """What the visit just submitted left on paper: the receipt as printed
    (``receipt-<lang>.png``) and the A4 copy (``a4-copy-<lang>.pdf`` and, where
    poppler renders it, its first page as PNG). The language tour saves the same."""
    from kiosk.pdf import application_copy_pdf, first_page_png
    from kiosk.receipt_image import render_receipt_png

    receipt = j.receipt.last_receipt
    saved = [render_receipt_png(receipt, out_dir / f"receipt-{lang}.png")]
    copy = dataclasses.replace(receipt, title=translate("a4.title", lang))
    pdf = application_copy_pdf(copy, j.receipt.copy_rows())
    (out_dir / f"a4-copy-{lang}.pdf").write_bytes(pdf)
    png = first_page_png(pdf, out_dir / f"a4-copy-{lang}.png")
    return [*saved, png] if png is not None else saved
