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


def test_card_to_receipt_to_progress_to_evaluation_to_wipe(
    kiosk: Any, sims: dict[str, Any], qtbot: Any
) -> None:
    from devices.sim.idcard_sim import sample_card

    b = kiosk.backends
    j = b.areas["Journey"]
    b.navigator.start()
    j.startApply("HJ-001")
    sims["card"].place(sample_card(name=NAME, id_number=ID_NUMBER))
    qtbot.waitUntil(lambda: j.identified, timeout=5000)
    assert (
        j.maskedName == "欧**华" and j.maskedIdNumber == ID_NUMBER[:6] + "********" + ID_NUMBER[-4:]
    )
    j.continueAfterIdentify()
    assert b.navigator.screen == "Form"
    names = [spec.name for spec in j.form._specs]
    j.form.setValue(names.index("phone"), PHONE)
    j.form.setValue(names.index("reason"), "family")
    j.toMaterials()
    for m in j.materials:
        j.toggleMaterial(m["code"])
    j.toReview()
    assert b.navigator.screen == "Review"
    with qtbot.waitSignal(j.receiptReady, timeout=10_000):
        j.submit()
    assert b.navigator.screen == "Submitted" and j.printState == "printed", j.printMessage
    assert sims["printer"].wait_for_receipt(1, timeout=5)
    printed = sims["printer"].receipts[0]
    item = j.outbox.by_tracking_no(j.trackingNo)
    assert item is not None
    assert printed.qr_payloads == [f"https://zwfw.example.gov.cn/cases/{item.client_id}"]
    for expected in (j.trackingNo, "欧**华", "居住证申领", "15 个工作日", "DEMO01"):
        assert expected in printed.text, expected
    assert NAME not in printed.text and ID_NUMBER not in printed.text
    sealed = j.outbox.sealed_payload(item.client_id)
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
    qtbot.waitUntil(lambda: bool(j.cases), timeout=5000)
    assert j.cases[0]["trackingNo"] == item.tracking_no
    # evaluation, then the card leaves the reader: the visit is wiped
    b.navigator.go("Evaluate")
    j.setLevel(5)
    j.submitEvaluation()
    assert j.evaluated
    # taking the card back, as asked, does not end the visit; Finish does
    sims["card"].remove()
    qtbot.waitUntil(lambda: not j.takeCard, timeout=5000)
    assert b.navigator.screen == "Evaluate" and j.identified
    b.shell.finish()
    assert b.navigator.screen == "Attract"
    assert not j.identified and j.trackingNo == "" and j.form.rowCount() == 0
    assert b.sessions.current.identity is None


def test_paper_out_keeps_the_application_and_says_so(
    kiosk: Any, sims: dict[str, Any], qtbot: Any
) -> None:
    from devices.sim.idcard_sim import sample_card

    b = kiosk.backends
    j = b.areas["Journey"]
    sims["printer"].set_paper("out")
    b.navigator.start()
    j.startApply("HJ-001")
    sims["card"].place(sample_card(name=NAME, id_number=ID_NUMBER))
    qtbot.waitUntil(lambda: j.identified, timeout=5000)
    j.continueAfterIdentify()
    names = [spec.name for spec in j.form._specs]
    j.form.setValue(names.index("phone"), PHONE)
    j.form.setValue(names.index("reason"), "work")
    j.toMaterials()
    for m in j.materials:
        j.toggleMaterial(m["code"])
    j.toReview()
    with qtbot.waitSignal(j.receiptReady, timeout=10_000):
        j.submit()
    assert j.printState == "failed" and "安全保存" in j.printMessage
    assert j.outbox.by_tracking_no(j.trackingNo) is not None
    assert not sims["printer"].receipts
