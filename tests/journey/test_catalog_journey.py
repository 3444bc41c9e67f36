"""From the catalog's guide to a receipt: the journey reads the service the guide showed."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("PySide6")

from tests.journey.conftest import ID_NUMBER, NAME, make_identity  # noqa: E402
from ui.journey import JourneyAreas  # noqa: E402

CODE = "YB0102"  # 城乡居民基本医疗保险参保登记: card or manual, a form, materials


def test_guide_apply_leads_to_a_catalog_form_and_a_receipt(journey_app: Any, qtbot: Any) -> None:
    b = journey_app.backends
    guide = b.areas["Guide"]
    j = JourneyAreas.of(b)
    b.shell.endSession("test")
    b.navigator.start()
    guide.select(CODE)
    guide.apply()
    assert b.navigator.screen == "Identify"
    assert j.visit.serviceCode == CODE and j.visit.allowManual
    j.identify.identifyManual(NAME, ID_NUMBER)
    assert j.visit.identified
    j.identify.continueAfterIdentify()
    assert b.navigator.screen == "Form"
    form = j.apply.form
    values = form.values()
    assert values["name"] == NAME and values["id_number"] == ID_NUMBER
    form.setValue(form.row_of("sex"), "1")
    form.setValue(form.row_of("birth_date"), "1949-12-31")
    form.setValue(form.row_of("address"), "北京市朝阳区建国路88号")
    form.setValue(form.row_of("phone"), "13800138000")
    form.setValue(form.row_of("insured_type"), "adult")
    j.apply.toMaterials()
    assert b.navigator.screen == "Form" and j.visit.error  # the declaration is not ticked yet
    form.setValue(form.row_of("agree"), "true")
    j.apply.toMaterials()
    assert b.navigator.screen == "Materials", j.visit.error
    for m in j.apply.materials.rows():
        if m["mandatory"]:
            j.apply.toggleMaterial(m["code"])
    j.apply.toReview()
    with qtbot.waitSignal(j.receipt.receiptReady, timeout=5000):
        j.apply.submit()
    assert b.navigator.screen == "Submitted", j.visit.error
    item = j.ctx.outbox.by_tracking_no(j.receipt.trackingNo)
    assert item is not None and item.service_code == CODE
    assert item.service_version == b.wired.catalog.store.service(CODE).version
    receipt = j.receipt.last_receipt
    assert receipt is not None and "城乡居民基本医疗保险参保登记" in receipt.as_text()
    b.shell.endSession("test")


def test_online_only_catalog_service_goes_to_proofs(journey_app: Any) -> None:
    b = journey_app.backends
    guide = b.areas["Guide"]
    j = JourneyAreas.of(b)
    b.shell.endSession("test")
    b.navigator.start()
    guide.select("RS0102")
    guide.apply()
    j.identify.acceptCard(make_identity())
    j.identify.continueAfterIdentify()
    assert b.navigator.screen == "Proofs"
    assert any(p["code"] == "RS0102" for p in j.proofs.proofServices.rows())
    b.shell.endSession("test")
