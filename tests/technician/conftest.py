"""Technician fixtures: a real platform on loopback, real simulators on ptys, real SQLite."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from central.server import PlatformServer
from devices.sim.idcard_sim import IdCardSimulator
from devices.sim.port import SimPort
from devices.sim.printer_sim import PrinterSimulator
from devices.sim.scanner_sim import ScannerSimulator
from kiosk.config import Config
from kiosk.storage import Storage, open_storage
from tests.live import running_platform


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[PlatformServer]:
    with running_platform(tmp_path) as server:
        yield server


@pytest.fixture
def kiosk_config(tmp_path: Path) -> Config:
    cfg = Config()
    cfg.kiosk.data_dir = str(tmp_path / "kiosk")
    cfg.kiosk.code = "GD01"
    cfg.sync.timeout_seconds = 5.0
    cfg.source = "(test)"
    for name in ("idcard", "printer", "scanner"):
        getattr(cfg.devices, name).timeout = 1.0
    cfg.devices.a4.enabled = False
    return cfg


@pytest.fixture
def storage(kiosk_config: Config) -> Iterator[Storage]:
    s = open_storage(kiosk_config.database_path)
    yield s
    s.close()


def dead_url() -> str:
    """A loopback port nobody listens on: bound, then closed."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def sims(tmp_path: Path) -> Iterator[dict[str, Any]]:
    card = IdCardSimulator(SimPort(link=tmp_path / "idcard", baudrate=115200)).start()
    printer = PrinterSimulator(SimPort(link=tmp_path / "printer"), out_dir=tmp_path / "receipts")
    printer.start()
    scanner = ScannerSimulator(SimPort(link=tmp_path / "scanner")).start()
    scanner2 = ScannerSimulator(SimPort(link=tmp_path / "scanner2")).start()
    yield {"idcard": card, "printer": printer, "scanner": scanner, "scanner2": scanner2}
    for sim in (card, printer, scanner, scanner2):
        sim.close()
