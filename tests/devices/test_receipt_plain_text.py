"""A catalog name holding ESC/POS bytes prints as text (issue 15, item 6).

The receipt goes the journey's way (kiosk.receipts → document_from_content →
ReceiptPrinter) to the printer simulator over a real pseudo-terminal, and what
the simulator's interpreter made of the bytes is read back: one receipt (no
extra cut), only the kiosk's own QR code, no cash-drawer pulse.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.printer import ReceiptPrinter, render
from devices.receipt import Receipt, document_from_content, plain
from devices.sim.escpos_interp import EscPosInterpreter
from devices.sim.port import SimPort
from devices.sim.printer_sim import PrinterSimulator
from kiosk.applications import Submission
from kiosk.receipts import application_receipt
from tests.devices.conftest import TIMEOUT

EVIL_URL = "http://evil.example/pay"
_QR = EVIL_URL.encode()
QR_COMMANDS = (
    b"\x1d(k\x04\x001A2\x00"  # model 2
    + b"\x1d(k" + bytes([len(_QR) + 3, 0]) + b"1P0" + _QR  # store the attacker's payload
    + b"\x1d(k\x03\x001Q0"  # print it
)  # fmt: skip
CUT = b"\x1dV\x00"
DRAWER = b"\x1bp\x00\x19\xfa"  # ESC p m t1 t2: pulse the cash drawer
HOSTILE = (
    "城乡居民医保"
    + (QR_COMMANDS + CUT + DRAWER + CUT + b"\x1b@\x1b!\x30\r\n\x10\x14\x01\x00\x01").decode(
        "latin-1"
    )
    + "参保登记"
)
URL = "https://zwfw.example.gov.cn"


def _content(name: str) -> Any:
    submission = Submission(
        client_id="9b7e4c1e-1b8a-4c55-9a53-7f0c9f0e2b11",
        tracking_no="GD01-20261201-0001",
        service_code="YB0102",
        service_version=1,
        masked_name="张*丰",
        created_at=dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC),
        promised_days=5,
    )
    return application_receipt(submission, name, "政务大厅 " + name, "GD01", URL)


@pytest.fixture
def printer_sim(tmp_path: Path) -> Iterator[PrinterSimulator]:
    """No PNG per receipt: drawing one on the simulator's thread can hold its
    status answer past the driver's timeout on a loaded machine."""
    sim = PrinterSimulator(SimPort(link=tmp_path / "printer"))
    sim.start()
    yield sim
    sim.close()


def test_escpos_bytes_in_a_service_name_print_as_text(
    printer_sim: PrinterSimulator, transport_for: Any
) -> None:
    printer = ReceiptPrinter(transport_for(printer_sim.url), timeout=TIMEOUT)
    status = printer.print(document_from_content(_content(HOSTILE)))
    assert status.state == "ok"
    # print() asked the printer's status after its last chunk and got the answer,
    # so the simulator has read every byte before it
    assert printer_sim.wait_for_receipt(1, 5.0)
    assert len(printer_sim.receipts) == 1, "the name cut the paper"
    (got,) = printer_sim.receipts
    assert got.qr_payloads == [f"{URL}/cases/9b7e4c1e-1b8a-4c55-9a53-7f0c9f0e2b11"]
    assert printer_sim.interp.drawer_pulses == 0
    assert "城乡居民医保" in got.text and "参保登记" in got.text
    assert "1P0http://evil.example/pay" in got.text  # the command's letters, as words


def test_every_element_and_the_encoder_drop_controls() -> None:
    doc = (
        Receipt()
        .heading("a\x1bb")
        .line("c\x1dd")
        .kv("e\x10f", "g\x1ch\n")
        .separator("\x1b")
        .qr("https://x/\x1dV\x00")
    )
    assert doc.text() == "a b\nc d\ne f: g h "
    interp = EscPosInterpreter()
    interp.feed(render(doc))
    assert interp.drawer_pulses == 0 and interp.receipt.unknown == []


@given(st.text(alphabet=st.characters(max_codepoint=0x2FF), max_size=80))
def test_no_control_character_survives(text: str) -> None:
    cleaned = plain(text)
    assert len(cleaned) == len(text)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in cleaned)
