"""The device manager with all three simulators: events, states, reconnect."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devices import errors
from devices.manager import DeviceManager
from devices.receipt import printer_test_page
from devices.sim.idcard_sim import IdCardSimulator
from devices.sim.printer_sim import PrinterSimulator
from devices.sim.scanner_sim import ScannerSimulator
from kiosk.config import DevicesSection
from kiosk.identity import Identity


def section(card: str = "", printer: str = "", scanner: str = "") -> DevicesSection:
    d = DevicesSection()
    d.idcard.port, d.idcard.timeout, d.idcard.poll_seconds = card, 0.3, 0.05
    d.printer.port, d.printer.timeout, d.printer.status_seconds = printer, 0.3, 0.1
    d.scanner.port, d.scanner.timeout, d.scanner.gap_ms = scanner, 0.3, 30
    d.a4.printer = "no-such-queue"
    return d


class Events:
    def __init__(self, manager: DeviceManager) -> None:
        self.q: queue.Queue[tuple[str, Any]] = queue.Queue()
        self.states: dict[str, list[str]] = {}
        self.threads: set[str] = set()
        manager.on_card_inserted(lambda i: self._put("inserted", i))
        manager.on_card_removed(lambda: self._put("removed", None))
        manager.on_card_rejected(lambda e: self._put("rejected", e.key))
        manager.on_code_scanned(lambda c: self._put("code", c))
        manager.on_scan_error(lambda e: self._put("scan_error", e.key))
        manager.on_state_changed(self._state)

    def _put(self, kind: str, value: Any) -> None:
        self.threads.add(threading.current_thread().name)
        self.q.put((kind, value))

    def _state(self, name: str, st: dict[str, Any]) -> None:
        self.states.setdefault(name, []).append(st["state"])
        self.q.put(("state", (name, st["state"])))

    def next(self, kind: str, timeout: float = 5.0) -> Any:
        while True:
            got_kind, value = self.q.get(timeout=timeout)
            if got_kind == kind:
                return value

    def wait_state(self, name: str, state: str, timeout: float = 5.0) -> None:
        while True:
            got_kind, value = self.q.get(timeout=timeout)
            if got_kind == "state" and value == (name, state):
                return

    def drain(self, seconds: float) -> list[tuple[str, Any]]:
        out = []
        try:
            while True:
                out.append(self.q.get(timeout=seconds))
        except queue.Empty:
            return out


@pytest.fixture
def manager() -> Iterator[DeviceManager]:
    m = DeviceManager(section())
    yield m
    m.stop()


def test_card_inserted_once_then_removed(card_sim: IdCardSimulator, manager: DeviceManager) -> None:
    ev = Events(manager)
    manager.reconfigure(section(card=card_sim.url))
    manager.start()
    ev.wait_state("idcard", "ok")
    card_sim.place({"name": "李四"})
    ident: Identity = ev.next("inserted")
    assert ident.name == "李四"
    # Left on the reader for many polls: no second "inserted".
    later = ev.drain(0.4)
    assert all(kind != "inserted" for kind, _ in later)
    assert card_sim.commands.count("read") >= 3
    card_sim.remove()
    ev.next("removed")
    assert ev.threads == {"device-idcard"}


def test_a_garbled_reply_does_not_remove_the_card(
    card_sim: IdCardSimulator, manager: DeviceManager
) -> None:
    ev = Events(manager)
    card_sim.place()
    manager.reconfigure(section(card=card_sim.url))
    manager.start()
    ev.next("inserted")
    card_sim.inject("bad_checksum", "read")
    card_sim.inject("no_answer", "find")
    # Wait until the poller has met both faults (slower on a loaded machine).
    events = []
    deadline = time.monotonic() + 10
    while card_sim._faults and time.monotonic() < deadline:
        events += ev.drain(0.2)
    events += ev.drain(0.4)
    assert not [k for k, _ in events if k in ("removed", "inserted")]
    assert manager.states()["idcard"]["state"] == "ok"
    assert not card_sim._faults  # both faults were met


def test_expired_card_is_rejected(card_sim: IdCardSimulator, manager: DeviceManager) -> None:
    ev = Events(manager)
    card_sim.place({"valid_to": "20200101"})
    manager.reconfigure(section(card=card_sim.url))
    manager.start()
    assert ev.next("rejected") == "error.id.expired"


def test_unplugged_reader_becomes_missing_and_comes_back(
    card_sim: IdCardSimulator, manager: DeviceManager
) -> None:
    ev = Events(manager)
    manager.reconfigure(section(card=card_sim.url))
    manager.start()
    ev.wait_state("idcard", "ok")
    card_sim.place()
    ev.next("inserted")
    card_sim.port.unplug()
    ev.wait_state("idcard", "missing")
    ev.next("removed")
    assert manager.states()["idcard"]["reason"] in ("error.device.io", "error.device.not_found")
    card_sim.port.replug()
    ev.wait_state("idcard", "ok", timeout=10)
    ev.next("inserted")


def test_printer_states_and_printing(printer_sim: PrinterSimulator, manager: DeviceManager) -> None:
    ev = Events(manager)
    manager.reconfigure(section(printer=printer_sim.url))
    manager.start()
    ev.wait_state("printer", "ok")
    assert manager.print_receipt(printer_test_page()).result(5).state == "ok"
    assert printer_sim.receipts[0].qr_payloads
    printer_sim.set_paper("near_end")
    ev.wait_state("printer", "paper_near_end")
    printer_sim.set_paper("out")
    ev.wait_state("printer", "paper_out")
    with pytest.raises(errors.PaperOut):
        manager.print_receipt(printer_test_page()).result(5)
    st = manager.states()
    assert st["printer"]["state"] == "paper_out" and st["printer"]["ok"] is False
    assert st["a4"]["state"] in ("no_printer", "ok")


def test_scanned_code_and_reconfigure(
    scanner_sim: ScannerSimulator, tmp_path: Path, manager: DeviceManager
) -> None:
    ev = Events(manager)
    manager.start()
    assert manager.states()["scanner"]["state"] == "not_configured"
    manager.reconfigure(section(scanner=scanner_sim.url))  # takes effect without a restart
    ev.wait_state("scanner", "ok")
    scanner_sim.scan("CASE-42\rcontinued")
    assert ev.next("code") == "CASE-42\rcontinued"
    manager.reconfigure(section(scanner=str(tmp_path / "nothing-here")))
    ev.wait_state("scanner", "missing")


def test_states_are_plain_data(manager: DeviceManager) -> None:
    import json

    manager.start()
    states = manager.states()
    assert set(states) == {"idcard", "printer", "scanner", "a4"}
    json.dumps(states)
    assert states["idcard"]["state"] == "not_configured"


def test_probe_role_frees_the_port_asks_the_printer_and_takes_the_port_back(
    printer_sim: PrinterSimulator,
) -> None:
    manager = DeviceManager(section(printer=printer_sim.url))
    events = Events(manager)
    manager.start()
    try:
        events.wait_state("printer", "ok")
        printer_sim.set_paper("near_end")
        answer = manager.probe_role("printer").result(timeout=10)
        assert answer.device == "printer" and answer.state == "paper_near_end"
        events.wait_state("printer", "disabled")  # its worker let go of the port
        events.wait_state("printer", "paper_near_end")  # and took it back
        assert manager.print_receipt(printer_test_page()).result(timeout=10) is not None
    finally:
        manager.stop()
