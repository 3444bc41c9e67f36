"""The three simulators started together on ptys, the config pointed at them.

Demo mode (``app.demo``) and the tour's device pages start them before the
device manager starts, and call ``handle.stop()`` on exit.
"""

from __future__ import annotations

import contextlib
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from devices.sim.idcard_sim import IdCardSimulator
from devices.sim.port import SimPort
from devices.sim.printer_sim import PrinterSimulator
from devices.sim.scanner_sim import ScannerSimulator
from kiosk.config import Config

log = logging.getLogger(__name__)


@dataclass
class SimulatorKit:
    idcard: IdCardSimulator
    printer: PrinterSimulator
    scanner: ScannerSimulator
    receipts_dir: Path
    links: Path | None = None  # the folder of the ptys' links

    def stop(self) -> None:
        for sim in (self.idcard, self.printer, self.scanner):
            try:
                sim.close()
            except OSError:
                log.exception("cannot stop a simulator")
        if self.links is not None:
            with contextlib.suppress(OSError):
                self.links.rmdir()


def start_simulators(
    config: Config, *, card: dict[str, Any] | None = None, receipts_dir: Path | None = None
) -> SimulatorKit:
    """Start the simulators, point ``config.devices`` at them, return a handle."""
    out = receipts_dir or (config.data_dir / "receipts")
    dev = config.devices
    # Each line behind a link of its own, never a bare /dev/pts/N: that number
    # is reused by the next pty of any process once a simulator is unplugged,
    # and the device manager, reopening it, would read another program's line.
    links = Path(tempfile.mkdtemp(prefix="kiosk-sim-"))
    idcard = IdCardSimulator(SimPort(link=links / "idcard", baudrate=dev.idcard.baudrate)).start()
    printer = PrinterSimulator(
        SimPort(link=links / "printer", baudrate=dev.printer.baudrate), out_dir=out
    ).start()
    scanner = ScannerSimulator(
        SimPort(link=links / "scanner", baudrate=dev.scanner.baudrate), suffix=dev.scanner.suffix
    )
    scanner.start()
    dev.idcard.port = idcard.url
    dev.printer.port = printer.url
    dev.scanner.port = scanner.url
    if card is not None:
        idcard.place(card)
    log.info(
        "demo simulators: idcard %s, printer %s, scanner %s", idcard.url, printer.url, scanner.url
    )
    return SimulatorKit(idcard, printer, scanner, out, links)
