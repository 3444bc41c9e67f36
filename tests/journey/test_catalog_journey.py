"""From the catalog's guide to a receipt: the journey reads the service the guide showed."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("PySide6")

from tests.journey.conftest import ID_NUMBER, NAME, make_identity  # noqa: E402

CODE = "YB0102"  # 城乡居民基本医疗保险参保登记: card or manual, a form, materials


def test_guide_apply_leads_to_a_catalog_form_and_a_receipt(journey_app: Any, qtbot: Any) -> None:
    b = journey_app.backends
    catalog = b.areas.get("Catalog")
    if catalog is None:
        pytest.skip("catalog area not present")
    j = b.areas["Journey"]
    b.shell.endSession("test")
    b.navigator.start()
    catalog.select(CODE)
    catalog.apply()
    assert b.navigator.screen == "Identify"
    assert j.serviceCode == CODE and j.allowManual
    j.identifyManual(NAME, ID_NUMBER)
    assert j.identified
    j.continueAfterIdentify()
    assert b.navigator.screen == "Form"
    specs = {s.name: i for i, s in enumerate(j.form._specs)}
    assert j.form._values["name"] == NAME and j.form._values["id_number"] == ID_NUMBER
    j.form.setValue(specs["sex"], "1")
    j.form.setValue(specs["birth_date"], "1949-12-31")
    j.form.setValue(specs["address"], "北京市朝阳区建国路88号")
    j.form.setValue(specs["phone"], "13800138000")
    j.form.setValue(specs["insured_type"], "adult")
    j.toMaterials()
    assert b.navigator.screen == "Form" and j.error  # the declaration is not ticked yet
    j.form.setValue(specs["agree"], "true")
    j.toMaterials()
    assert b.navigator.screen == "Materials", j.error
    for m in j.materials:
        if m["required"]:
            j.toggleMaterial(m["code"])
    j.toReview()
    with qtbot.waitSignal(j.receiptReady, timeout=5000):
        j.submit()
    assert b.navigator.screen == "Submitted", j.error
    item = j.outbox.by_tracking_no(j.trackingNo)
    assert item is not None and item.service_code == CODE
    assert item.service_version == str(catalog.store.service(CODE).version)
    assert j.last_receipt is not None and "城乡居民基本医疗保险参保登记" in j.last_receipt.as_text()
    b.shell.endSession("test")


def test_online_only_catalog_service_goes_to_proofs(journey_app: Any) -> None:
    b = journey_app.backends
    catalog = b.areas.get("Catalog")
    if catalog is None:
        pytest.skip("catalog area not present")
    j = b.areas["Journey"]
    b.shell.endSession("test")
    b.navigator.start()
    catalog.select("RS0102")
    catalog.apply()
    j.acceptCard(make_identity())
    j.continueAfterIdentify()
    assert b.navigator.screen == "Proofs"
    assert any(p["code"] == "RS0102" for p in j.proofServices)
    b.shell.endSession("test")
