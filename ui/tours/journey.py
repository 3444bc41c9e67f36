"""Tour steps of the resident's journey, both languages and the elderly version.

The journey's steps write real outbox rows, so the tour points the Journey at
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
from kiosk.outbox import Outbox
from kiosk.progress import ProgressQuery
from kiosk.sealing import public_key_bytes
from kiosk.settings import set_setting
from kiosk.storage import Storage, open_storage
from ui.tour import TourStep

CATALOG_SERVICE = "YB0102"  # 城乡居民基本医疗保险参保登记, from the sample catalog
DEMO_SERVICE = "HJ-001"  # the journey's own demo service when no catalog is loaded
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

    def __init__(self, journey: Any, key: str) -> None:
        self.journey = journey
        self.key = key
        self.manager = None

    def printReceipt(self, receipt: Any) -> None:  # noqa: N802 - mirrors Devices
        self.journey._on_print_finished(not self.key, self.key)


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


def journey(b: Any, printer_key: str = "") -> Any:
    j = b.areas["Journey"]
    if j.storage is not _storage():
        j.storage = _storage()
        j.outbox = Outbox(j.storage, b.config.kiosk.code)
        j.progress = ProgressQuery(j.storage, j.outbox)
    j.devices = _StandInPrinter(j, printer_key)
    return j


def _mode(b: Any, lang: str, elderly: bool) -> None:
    if lang == "en":
        b.i18n.toggle()
    if elderly:
        b.style.toggleElderly()


def _service_code(b: Any) -> str:
    catalog = b.areas.get("Catalog")
    try:
        if catalog is not None and catalog.store.service(CATALOG_SERVICE):
            return CATALOG_SERVICE
    except Exception:  # no sample catalog: the demo service will do
        return DEMO_SERVICE
    return DEMO_SERVICE


def _set(j: Any, name: str, value: str) -> None:
    names = [spec.name for spec in j.form._specs]
    if name in names:
        j.form.setValue(names.index(name), value)


def _identify(b: Any) -> Any:
    b.navigator.start()
    j = journey(b)
    code = _service_code(b)
    catalog = b.areas.get("Catalog")
    if code == CATALOG_SERVICE and catalog is not None:
        catalog.select(code)  # the way a resident arrives: the guide's Apply button
        catalog.apply()
    else:
        j.startApply(code)
    return j


def _identified(b: Any) -> Any:
    j = _identify(b)
    j.acceptCard(demo_identity())
    return j


def _form(b: Any) -> Any:
    j = _identified(b)
    j.continueAfterIdentify()
    return j


def _form_errors(b: Any) -> Any:
    j = _form(b)
    _set(j, "phone", "138 0013")
    _set(j, "address", "建国路88号😀")
    j.toMaterials()
    return j


def _filled(b: Any) -> Any:
    j = _form(b)
    for name, value in ANSWERS.items():
        _set(j, name, value)
    j.toMaterials()
    return j


def _review(b: Any) -> Any:
    j = _filled(b)
    for material in j.materials:
        if material["required"]:
            j.toggleMaterial(material["code"])
    j.toReview()
    return j


def _submitted(b: Any, printer_key: str = "") -> Any:
    j = _review(b)
    journey(b, printer_key)
    j.submit()
    return j


def _paper_out(b: Any) -> Any:
    return _submitted(b, "error.printer.paper_out")


def _progress(b: Any) -> Any:
    j = _submitted(b)
    tracking = j.trackingNo
    b.navigator.go("Progress")
    j.queryProgress(tracking)
    return j


def _proofs(b: Any) -> Any:
    j = _identified(b)
    b.navigator.go("Proofs")
    j.printProof(j.proofServices[0]["code"])
    return j


def _phone(b: Any) -> Any:
    b.navigator.start()
    journey(b)
    b.navigator.go("PhoneCase")


def _evaluate(b: Any) -> Any:
    j = _submitted(b)
    b.navigator.go("Evaluate")
    j.setLevel(2)
    j.toggleReason("long_wait")
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
    from kiosk.pdf import application_copy_pdf, first_page_png
    from kiosk.receipt_image import render_receipt_png

    saved: list[Path] = []
    for lang in ("zh", "en"):
        b.shell.endSession("tour")
        _mode(b, lang, False)
        j = _submitted(b)
        receipt = j.last_receipt
        saved.append(render_receipt_png(receipt, out_dir / f"receipt-{lang}.png"))
        copy = dataclasses.replace(receipt, title=translate("a4.title", lang))
        pdf = application_copy_pdf(copy, j._copy_rows)
        (out_dir / f"a4-copy-{lang}.pdf").write_bytes(pdf)
        png = first_page_png(pdf, out_dir / f"a4-copy-{lang}.png")
        if png is not None:
            saved.append(png)
    b.shell.endSession("tour")
    return saved
