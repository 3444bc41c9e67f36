"""Demo mode: the three simulators on ptys, the config pointed at them, a card
on the reader so a visitor can try the card path at once.

``kiosk run --demo`` calls ``start_demo_simulators(config)`` before the device
manager starts and ``handle.stop()`` on exit.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from devices.sim.idcard_sim import IdCardSimulator, sample_card
from devices.sim.port import SimPort
from devices.sim.printer_sim import PrinterSimulator
from devices.sim.scanner_sim import ScannerSimulator
from kiosk.config import Config

log = logging.getLogger(__name__)

DEMO_CARD: dict[str, Any] = sample_card(name="王小明")


@dataclass
class DemoDevices:
    idcard: IdCardSimulator
    printer: PrinterSimulator
    scanner: ScannerSimulator
    receipts_dir: Path

    def stop(self) -> None:
        for sim in (self.idcard, self.printer, self.scanner):
            try:
                sim.close()
            except OSError:
                log.exception("cannot stop a demo simulator")


def start_demo_simulators(
    config: Config, *, place_card: bool = True, receipts_dir: Path | None = None
) -> DemoDevices:
    """Start the simulators, point ``config.devices`` at them, return a handle."""
    out = receipts_dir or (config.data_dir / "receipts")
    dev = config.devices
    idcard = IdCardSimulator(SimPort(baudrate=dev.idcard.baudrate)).start()
    printer = PrinterSimulator(SimPort(baudrate=dev.printer.baudrate), out_dir=out).start()
    scanner = ScannerSimulator(SimPort(baudrate=dev.scanner.baudrate), suffix=dev.scanner.suffix)
    scanner.start()
    dev.idcard.port = idcard.url
    dev.printer.port = printer.url
    dev.scanner.port = scanner.url
    if place_card:
        idcard.place(DEMO_CARD)
    log.info(
        "demo simulators: idcard %s, printer %s, scanner %s", idcard.url, printer.url, scanner.url
    )
    return DemoDevices(idcard, printer, scanner, out)
