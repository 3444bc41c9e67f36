"""Tour steps for the technician's device status screen and a printed receipt.

The steps start the three simulators once (on ptys, as in demo mode), point
the device manager at them and put them in telling states: the printer with
paper near its end, the scanner unplugged, no A4 printer. No card is placed,
so no other area's card handling starts a visit in the middle of the tour.
"""

from __future__ import annotations

import atexit
import copy
import shutil
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer

from devices.receipt import sample_receipt
from devices.sim.kit import SimulatorKit, start_simulators
from ui.backends import Backends
from ui.tour import TourStep

_demo: SimulatorKit | None = None


def _wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _states(b: Backends) -> dict[str, str]:
    return {k: v["state"] for k, v in b.wired.devices.states().items()}


def _ensure_demo(b: Backends) -> SimulatorKit:
    global _demo
    if _demo is None:
        config = copy.deepcopy(b.config)
        config.devices.printer.status_seconds = 0.2
        _demo = start_simulators(config)
        atexit.register(_demo.stop)
        b.wired.devices.reconfigure(config.devices)
        for _ in range(40):  # at most 2 s for the first status answers
            if _states(b)["idcard"] == "ok" and _states(b)["printer"] == "ok":
                break
            _wait(50)
    return _demo


def _status_with_faults(b: Backends) -> None:
    demo = _ensure_demo(b)
    demo.printer.set_paper("near_end")
    if demo.scanner.port.plugged:
        demo.scanner.port.unplug()
    for _ in range(40):
        st = _states(b)
        if st["printer"] == "paper_near_end" and st["scanner"] == "missing":
            break
        _wait(50)
    b.navigator.start()
    b.navigator.go("DeviceStatus")


def _status_en(b: Backends) -> None:
    _status_with_faults(b)
    b.i18n.toggle()


def _status_elderly(b: Backends) -> None:
    _status_with_faults(b)
    b.style.toggleElderly()


def _print_receipt(b: Backends) -> None:
    demo = _ensure_demo(b)
    demo.printer.set_paper("ok")
    devices = b.wired.devices
    before = len(demo.printer.receipts)
    future = devices.manager.print_receipt(sample_receipt())
    for _ in range(100):
        if future.done():
            break
        _wait(50)
    demo.printer.wait_for_receipt(before + 1, 2.0)
    b.navigator.start()
    b.navigator.go("DeviceStatus")


def _save_receipt(b: Backends, out_dir: Path) -> None:
    demo = _ensure_demo(b)
    if demo.printer.pngs:
        shutil.copyfile(demo.printer.pngs[-1], out_dir / "receipt-sample.png")


STEPS: list[TourStep] = [
    TourStep("devices-status-zh", _status_with_faults),
    TourStep("devices-status-en", _status_en),
    TourStep("devices-status-elderly-zh", _status_elderly),
    TourStep("devices-after-test-print", _print_receipt, after=_save_receipt),
]
