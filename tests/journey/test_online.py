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
        return PhoneCase("c-1", "HJ-001", "APP-20261125-0042", "in_review", "", (("决定书", PDF),))


@pytest.fixture
def online(journey_app: Any) -> Iterator[tuple[Any, Any, AnsweringGateway]]:
    b = journey_app.backends
    j = b.areas["Journey"]
    gateway = AnsweringGateway()
    b.shell.endSession("test")
    previous, j.gateway = j.gateway, gateway
    yield b, j, gateway
    j.gateway = previous
    b.shell.endSession("test")


def test_phone_code_identifies_when_online(online: Any) -> None:
    b, j, gateway = online
    b.navigator.start()
    j.startApply("HJ-001")
    j.usePhoneQr()
    assert j.phoneMode and not j.error
    j.acceptCode("PHONE-BAD")
    assert not j.identified and j.error
    j.acceptCode("PHONE-OK")
    assert j.identified and j.maskedName == "张*丰"
    assert b.sessions.current.identity.source is IdentitySource.PHONE_QR


def test_proof_is_fetched_and_kept_without_an_a4_printer(online: Any, qtbot: Any) -> None:
    b, j, gateway = online
    b.navigator.start()
    j.acceptCard(make_identity())
    b.navigator.go("Proofs")
    code = j.proofServices[0]["code"]
    j.printProof(code)
    qtbot.waitUntil(lambda: bool(j.a4Message), timeout=5000)
    assert ("proof", code) in gateway.asked
    assert j.last_pdf is not None and j.last_pdf.read_bytes() == PDF
    assert "打印机不可用" in j.a4Message


def test_phone_case_is_picked_up_and_its_papers_printed(online: Any, qtbot: Any) -> None:
    b, j, gateway = online
    b.navigator.start()
    b.navigator.go("PhoneCase")
    j.acceptCode("CASE-QR")
    assert j.phoneCaseFound and "APP-20261125-0042" in j.notice
    with qtbot.waitSignal(j.receiptReady, timeout=5000):
        j.printPhoneReceipt()
    assert j.last_receipt is not None and j.last_receipt.qr_url.endswith("/cases/c-1")
    assert j.printState == "failed"  # no receipt printer configured in this app
    j.printPhoneDocuments()
    qtbot.waitUntil(lambda: bool(j.a4Message), timeout=5000)
    assert j.phoneCaseHasDocuments


def test_the_app_uses_the_sync_areas_gateway_offline_until_enrolled(journey_app: Any) -> None:
    j = journey_app.backends.areas["Journey"]
    if "Sync" not in journey_app.backends.areas:
        pytest.skip("sync area not present")
    assert type(j.gateway).__name__ == "EnrolledGateway"
    assert not j.online  # not enrolled, no successful sync: offline
    with pytest.raises(SyncError) as err:
        j.gateway.resolve_phone_qr("PHONE-OK")
    assert err.value.key == "error.platform.offline"
