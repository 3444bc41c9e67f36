"""Simulators on real pseudo-terminals, started per test and always closed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.sim.idcard_sim import IdCardSimulator
from devices.sim.port import SimPort
from devices.sim.printer_sim import PrinterSimulator
from devices.sim.scanner_sim import ScannerSimulator
from devices.transport import Transport

TIMEOUT = 1.0  # serial timeouts in tests: the pty answers in microseconds, but a loaded
# two-core CI machine can stall a simulator thread for a few hundred milliseconds


@pytest.fixture
def card_sim(tmp_path: Path) -> Iterator[IdCardSimulator]:
    sim = IdCardSimulator(SimPort(link=tmp_path / "idcard", baudrate=115200)).start()
    yield sim
    sim.close()


@pytest.fixture
def printer_sim(tmp_path: Path) -> Iterator[PrinterSimulator]:
    sim = PrinterSimulator(SimPort(link=tmp_path / "printer"), out_dir=tmp_path / "receipts")
    sim.start()
    yield sim
    sim.close()


@pytest.fixture
def scanner_sim(tmp_path: Path) -> Iterator[ScannerSimulator]:
    sim = ScannerSimulator(SimPort(link=tmp_path / "scanner")).start()
    yield sim
    sim.close()


@pytest.fixture
def transport_for() -> Iterator[object]:
    opened: list[Transport] = []

    def make(url: str, baudrate: int = 9600) -> Transport:
        t = Transport(url, baudrate, TIMEOUT)
        opened.append(t)
        return t

    yield make
    for t in opened:
        t.close()
