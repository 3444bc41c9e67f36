"""The online-only paths through a platform gateway that answers in-process.

The gateway here implements kiosk.platform.PlatformGateway the way the sync
area's HTTP client will; what is tested is the journey's side: a phone code
becomes an identity, a proof is fetched and sent to A4 (or kept when there is
no A4 printer), a phone case is picked up, and platform errors are explained.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("PySide6")

from kiosk.errors import SyncError  # noqa: E402
from kiosk.identity import Identity, IdentitySource  # noqa: E402
from kiosk.platform import PhoneCase  # noqa: E402
from tests.journey.conftest import ID_NUMBER, NAME, make_identity  # noqa: E402
from ui.journey import JourneyAreas  # noqa: E402

PDF = b"%PDF-1.4\n% proof\n"


class AnsweringGateway:
    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []
        self.fail = False

    def online(self) -> bool:
        return True

    def resolve_phone_qr(self, code: str) -> Identity:
        self.asked.append(("qr", code))
        if self.fail or code != "PHONE-OK":
            raise SyncError("unknown code", key="error.platform.offline")
        return Identity(
            name=NAME,
            id_number=ID_NUMBER,
            source=IdentitySource.PHONE_QR,
            birth_date=dt.date(1949, 12, 31),
        )

    def fetch_proof(self, service_code: str, identity: Identity) -> bytes:
        self.asked.append(("proof", service_code))
        return PDF

    def fetch_phone_case(self, code: str) -> PhoneCase:
        self.asked.append(("case", code))
        return PhoneCase(
            "c-1", "YB0102", "APP-20261125-0042", "in_review", "", (("决定书", PDF),),
            client_id="0b1d2c3e-0000-4000-8000-00000000c001",
        )  # fmt: skip


@pytest.fixture
def online(journey_app: Any) -> Iterator[tuple[Any, Any, AnsweringGateway]]:
    b = journey_app.backends
    j = JourneyAreas.of(b)
    gateway = AnsweringGateway()
    b.shell.endSession("test")
    previous = j.ctx.gateway
    j.visit.use_gateway(gateway)
    yield b, j, gateway
    j.visit.use_gateway(previous)
    b.shell.endSession("test")


def test_phone_code_identifies_when_online(online: Any) -> None:
    b, j, gateway = online
    b.navigator.start()
    j.identify.startApply("YB0102")  # the sample catalog's 城乡居民基本医疗保险参保登记
    j.identify.usePhoneQr()
    assert j.identify.phoneMode and not j.visit.error
    j.identify.acceptCode("PHONE-BAD")
    assert not j.visit.identified and j.visit.error
    j.identify.acceptCode("PHONE-OK")
    assert j.visit.identified and j.visit.maskedName == "张*丰"
    assert b.sessions.current.identity.source is IdentitySource.PHONE_QR


def test_proof_is_fetched_and_kept_without_an_a4_printer(online: Any, qtbot: Any) -> None:
    b, j, gateway = online
    b.navigator.start()
    j.identify.acceptCard(make_identity())
    b.navigator.go("Proofs")
    code = j.proofs.proofServices.rows()[0]["code"]
    j.proofs.printProof(code)
    qtbot.waitUntil(lambda: bool(j.receipt.a4Message), timeout=5000)
    assert ("proof", code) in gateway.asked
    assert j.receipt.last_pdf is not None and j.receipt.last_pdf.read_bytes() == PDF
    assert "打印机不可用" in j.receipt.a4Message


def test_phone_case_is_picked_up_and_its_papers_printed(online: Any, qtbot: Any) -> None:
    b, j, gateway = online
    b.navigator.start()
    b.navigator.go("PhoneCase")
    b.areas["Devices"].codeScanned.emit("CASE-QR")  # the case's code at the scanner
    assert j.proofs.phoneCaseFound and "APP-20261125-0042" in j.visit.notice
    with qtbot.waitSignal(j.receipt.receiptReady, timeout=5000):
        j.proofs.printPhoneReceipt()
    receipt = j.receipt.last_receipt
    # the phone page by the case's client id, never by its guessable number
    assert receipt is not None
    assert receipt.qr_url.endswith("/cases/0b1d2c3e-0000-4000-8000-00000000c001")
    assert j.receipt.printState == "failed"  # no receipt printer configured in this app
    j.proofs.printPhoneDocuments()
    qtbot.waitUntil(lambda: bool(j.receipt.a4Message), timeout=5000)
    assert j.proofs.phoneCaseHasDocuments


def test_the_app_uses_the_sync_areas_gateway_offline_until_enrolled(journey_app: Any) -> None:
    j = JourneyAreas.of(journey_app.backends)
    if "Sync" not in journey_app.backends.areas:
        pytest.skip("sync area not present")
    assert type(j.ctx.gateway).__name__ == "EnrolledGateway"
    assert not j.visit.online  # not enrolled, no successful sync: offline
    with pytest.raises(SyncError) as err:
        j.ctx.gateway.resolve_phone_qr("PHONE-OK")
    assert err.value.key == "error.platform.offline"
