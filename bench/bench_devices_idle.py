"""CPU of an idle kiosk's device manager with all three devices connected.

The three simulators run in a child process so only the manager's threads
(card polling once a second, printer status polls, the scanner's blocking
reads) are measured. Baseline: this process's CPU over the same span with
the manager stopped.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import emit  # noqa: E402
from devices.manager import DeviceManager  # noqa: E402
from kiosk.config import DevicesSection  # noqa: E402

SPAN = 10.0

CHILD = """
import sys, time
from devices.sim.idcard_sim import IdCardSimulator
from devices.sim.port import SimPort
from devices.sim.printer_sim import PrinterSimulator
from devices.sim.scanner_sim import ScannerSimulator
sims = [IdCardSimulator(SimPort(baudrate=115200)).start(),
        PrinterSimulator(SimPort()).start(), ScannerSimulator(SimPort()).start()]
print(" ".join(s.url for s in sims), flush=True)
sys.stdin.read()
"""


def cpu_share(span: float) -> float:
    start_cpu, start = time.process_time(), time.monotonic()
    time.sleep(span)
    return (time.process_time() - start_cpu) / (time.monotonic() - start)


def main() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD],
        cwd=Path(__file__).resolve().parent.parent,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        card, printer, scanner = child.stdout.readline().split()
        baseline = cpu_share(SPAN / 2)
        devices = DevicesSection()
        devices.idcard.port, devices.printer.port, devices.scanner.port = card, printer, scanner
        manager = DeviceManager(devices)
        manager.start()
        time.sleep(1.0)
        states = {k: v["state"] for k, v in manager.states().items()}
        value = cpu_share(SPAN)
        manager.stop()
    finally:
        child.kill()
        child.wait()
    emit(
        "devices_idle_cpu",
        "process_cpu_share",
        value * 100,
        "% of one core",
        "same process, manager not running",
        baseline * 100,
        target="< 2% of one core",
        met=value < 0.02,
        states=states,
    )


if __name__ == "__main__":
    main()
