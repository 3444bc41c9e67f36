"""Probe each configured device once, under a timeout, for ``kiosk devices probe``.

Like Home Assistant's config flows: open the port, ask the device something
it must answer, and map any failure to a state with a translated reason.
Each probe runs in its own thread, so one hung device cannot hold up the rest.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from devices.a4 import A4Printer
from devices.errors import DeviceError, DeviceTimeout
from devices.idcard import IdCardReader
from devices.printer import ReceiptPrinter
from devices.state import (
    DISABLED,
    ERROR,
    MISSING,
    NO_PRINTER,
    NOT_CONFIGURED,
    OK,
    DeviceState,
)
from devices.transport import Transport
from kiosk.config import DevicesSection


def _ask_idcard(name: str, transport: Transport, section: Any, timeout: float) -> DeviceState:
    reader = IdCardReader(transport, min(section.timeout, timeout))
    reader.status()
    card = reader.find()
    return DeviceState(name, OK, detail="card on reader" if card else "", port=section.port)


def _ask_printer(name: str, transport: Transport, section: Any, timeout: float) -> DeviceState:
    status = ReceiptPrinter(transport, timeout=min(section.timeout, timeout)).status()
    reason = "" if status.state == OK else f"device.state.{status.state}"
    return DeviceState(name, status.state, reason, port=section.port)


def _ask_scanner(name: str, transport: Transport, section: Any, timeout: float) -> DeviceState:
    # A scanner only talks when it scans: an open port is all we can check.
    return DeviceState(name, OK, detail="port opens", port=section.port)


# role -> what to ask the device once its port is open (workers: devices.workers.WORKERS)
QUESTIONS: dict[str, Callable[[str, Transport, Any, float], DeviceState]] = {
    "idcard": _ask_idcard,
    "printer": _ask_printer,
    "scanner": _ask_scanner,
}


def _probe_serial(name: str, section: Any, timeout: float) -> DeviceState:
    if not section.enabled:
        return DeviceState(name, DISABLED, port=section.port)
    if not section.port:
        return DeviceState(name, NOT_CONFIGURED, "error.device.not_configured")
    transport = Transport(section.port, section.baudrate, min(section.timeout, timeout))
    try:
        transport.open()
        return QUESTIONS[name](name, transport, section, timeout)
    except DeviceTimeout as exc:
        return DeviceState(name, ERROR, exc.key, exc.detail, section.port)
    except DeviceError as exc:
        state = MISSING if exc.key in ("error.device.not_found", "error.device.io") else ERROR
        return DeviceState(name, state, exc.key, exc.detail, section.port)
    finally:
        transport.close()


def probe_one(name: str, config: DevicesSection, timeout: float = 2.0) -> DeviceState:
    """One device, asked once (its port must be free: see DeviceManager.probe_role)."""
    if name == "a4":
        return _probe_a4(config.a4)
    return _probe_serial(name, getattr(config, name), timeout)


def _probe_a4(section: Any) -> DeviceState:
    if not section.enabled:
        return DeviceState("a4", DISABLED)
    st = A4Printer(section.printer).status()
    if st.state == "ok":
        return DeviceState("a4", OK, port=st.queue)
    return DeviceState("a4", NO_PRINTER, "error.a4.none", st.reason, st.queue)


def probe_all(config: DevicesSection, timeout: float = 2.0) -> dict[str, dict[str, Any]]:
    results: dict[str, DeviceState] = {}

    def run(name: str) -> None:
        results[name] = probe_one(name, config, timeout)

    threads = {
        name: threading.Thread(target=run, args=(name,), daemon=True)
        for name in ("idcard", "printer", "scanner", "a4")
    }
    for t in threads.values():
        t.start()
    for name, t in threads.items():
        t.join(timeout + 1.0)
        if name not in results:
            section = getattr(config, name)
            results[name] = DeviceState(
                name, ERROR, "error.device.timeout", "probe timed out", getattr(section, "port", "")
            )
    return {name: results[name].as_dict() for name in threads}
