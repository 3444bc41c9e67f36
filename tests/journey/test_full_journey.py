"""The whole visit with the simulated card reader, printer and scanner on real ptys.

Card placed on the reader simulator -> service -> form -> submit -> receipt on
the printer simulator (its interpreted text and QR payload checked) -> the
outbox row (the database file holds neither name nor ID number) -> progress by
scanning the receipt's QR on the scanner simulator -> evaluation -> card
taken back (the visit goes on) -> Finish wipes the visit.
"""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("devices.sim.idcard_sim")

from protocol.sealing import open_sealed  # noqa: E402
from tests.journey.conftest import db_bytes, encodings  # noqa: E402

NAME = "欧阳丽华"
ID_NUMBER = "440106198001011230"  # check character 0
PHONE = "13700001111"
SERVICE = "GA0102"  # 居民身份证补领 from the sample catalog: promised in 15 working days


def fill_form(j: Any, pickup: str) -> None:
    """The answers the card did not give, then every material ticked."""
    form = j.apply.form
    form.setValue(form.row_of("phone"), PHONE)
    form.setValue(form.row_of("lost_date"), "2024-03-01")
    form.chooseValue(form.row_of("pickup"), pickup)
    form.chooseValue(form.row_of("agree"), "true")
    j.apply.toMaterials()
    for m in j.apply.materials.rows():
        j.apply.toggleMaterial(m["code"])
    j.apply.toReview()


def test_card_to_receipt_to_progress_to_evaluation_to_wipe(
    kiosk: Any, sims: dict[str, Any], qtbot: Any
) -> None:
    from devices.sim.idcard_sim import sample_card
    from ui.journey import JourneyAreas

    b = kiosk.backends
    j = JourneyAreas.of(b)
    b.navigator.start()
    j.identify.startApply(SERVICE)
    sims["card"].place(sample_card(name=NAME, id_number=ID_NUMBER))
    qtbot.waitUntil(lambda: j.visit.identified, timeout=5000)
    assert j.visit.maskedName == "欧**华"
    assert j.visit.maskedIdNumber == ID_NUMBER[:6] + "********" + ID_NUMBER[-4:]
    j.identify.continueAfterIdentify()
    assert b.navigator.screen == "Form"
    fill_form(j, "post")
    assert b.navigator.screen == "Review"
    with qtbot.waitSignal(j.receipt.receiptReady, timeout=10_000):
        j.apply.submit()
    assert b.navigator.screen == "Submitted", j.visit.error
    assert j.receipt.printState == "printed", j.receipt.printMessage
    assert sims["printer"].wait_for_receipt(1, timeout=5)
    printed = sims["printer"].receipts[0]
    item = j.ctx.outbox.by_tracking_no(j.receipt.trackingNo)
    assert item is not None
    assert printed.qr_payloads == [f"https://zwfw.example.gov.cn/cases/{item.client_id}"]
    for expected in (j.receipt.trackingNo, "欧**华", "居民身份证补领", "15 个工作日", "DEMO01"):
        assert expected in printed.text, expected
    assert NAME not in printed.text and ID_NUMBER not in printed.text
    sealed = j.ctx.outbox.sealed_payload(item.client_id)
    assert sealed is not None
    payload = open_sealed(sealed, kiosk.platform_key, item.client_id.encode()).decode()
    assert NAME in payload and ID_NUMBER in payload
    raw = db_bytes(b.config.database_path)
    for secret in (NAME, ID_NUMBER, PHONE):
        for enc in encodings(secret):
            assert enc not in raw, secret
    # progress: the resident scans the receipt's QR code at the scanner
    b.navigator.go("Progress")
    sims["scanner"].scan(printed.qr_payloads[0])
    qtbot.waitUntil(lambda: bool(j.progress.cases.rowCount()), timeout=5000)
    assert j.progress.cases.rows()[0]["trackingNo"] == item.tracking_no
    # evaluation, then the card leaves the reader: the visit is wiped
    b.navigator.go("Evaluate")
    j.evaluation.setLevel(5)
    j.evaluation.submitEvaluation()
    assert j.evaluation.evaluated
    # taking the card back, as asked, does not end the visit; Finish does
    sims["card"].remove()
    qtbot.waitUntil(lambda: not j.visit.takeCard, timeout=5000)
    assert b.navigator.screen == "Evaluate" and j.visit.identified
    b.shell.finish()
    assert b.navigator.screen == "Attract"
    assert not j.visit.identified and j.receipt.trackingNo == "" and j.apply.form.rowCount() == 0
    assert b.sessions.current.identity is None


def test_paper_out_keeps_the_application_and_says_so(
    kiosk: Any, sims: dict[str, Any], qtbot: Any
) -> None:
    from devices.sim.idcard_sim import sample_card
    from ui.journey import JourneyAreas

    b = kiosk.backends
    j = JourneyAreas.of(b)
    sims["printer"].set_paper("out")
    b.navigator.start()
    j.identify.startApply(SERVICE)
    sims["card"].place(sample_card(name=NAME, id_number=ID_NUMBER))
    qtbot.waitUntil(lambda: j.visit.identified, timeout=5000)
    j.identify.continueAfterIdentify()
    fill_form(j, "window")
    with qtbot.waitSignal(j.receipt.receiptReady, timeout=10_000):
        j.apply.submit()
    assert j.receipt.printState == "failed" and "安全保存" in j.receipt.printMessage
    assert j.ctx.outbox.by_tracking_no(j.receipt.trackingNo) is not None
    assert not sims["printer"].receipts
