"""The device manager: owns the drivers, runs each in its own worker thread,
and tells the UI and the platform what every device is doing.

Each device has a state (ok, missing, error with a reason, paper near end...)
kept as plain data, so the heartbeat can send ``states()`` as it is and the Qt
wrapper (ui/devices_backend.py) can mirror it. Callbacks run on worker
threads; whoever registers them must hop to their own thread. A port that
fails becomes the state "missing" and the worker reopens it with backoff; no
thread ever spins: every wait is a blocking read or an Event wait.
"""

from __future__ import annotations

import copy
import logging
import threading
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from typing import Any

from devices.a4 import A4Printer
from devices.errors import (
    DeviceError,
    DeviceNotFound,
)
from devices.printer import PrinterStatus
from devices.receipt import Receipt
from devices.state import (
    DEVICE_NAMES,
    DISABLED,
    NO_PRINTER,
    NOT_CONFIGURED,
    OK,
    STARTING,
    DeviceState,
)
from devices.workers import (
    WORKERS,
    Callback,
    Callbacks,
    CardCallback,
    CodeCallback,
    ErrorCallback,
    IdCardWorker,
    PrinterWorker,
    StateCallback,
    Worker,
    call,
)
from kiosk.config import DevicesSection

log = logging.getLogger(__name__)



class DeviceManager:
    """Start/stop the device workers; states as plain data; callbacks on events.

    ``reconfigure(devices_section)`` restarts only the devices whose settings
    changed, so a technician's port or baud change takes effect at once.
    """

    def __init__(self, config: DevicesSection) -> None:
        self.config = config
        self.callbacks = Callbacks()
        self._lock = threading.Lock()
        self._states: dict[str, DeviceState] = {}
        self._workers: dict[str, Worker] = {}
        self._running = False
        self.a4 = A4Printer(config.a4.printer)
        for name in DEVICE_NAMES:
            self._states[name] = DeviceState(name)

    # -- callbacks -------------------------------------------------------------
    def on_card_inserted(self, fn: CardCallback) -> None:
        self.callbacks.card_inserted.append(fn)

    def on_card_removed(self, fn: Callback) -> None:
        self.callbacks.card_removed.append(fn)

    def on_card_rejected(self, fn: ErrorCallback) -> None:
        self.callbacks.card_rejected.append(fn)

    def on_code_scanned(self, fn: CodeCallback) -> None:
        self.callbacks.code_scanned.append(fn)

    def on_scan_error(self, fn: ErrorCallback) -> None:
        self.callbacks.scan_error.append(fn)

    def on_state_changed(self, fn: StateCallback) -> None:
        self.callbacks.state_changed.append(fn)

    # -- state -----------------------------------------------------------------
    def states(self) -> dict[str, dict[str, Any]]:
        """Every device's state as plain data (for the heartbeat and the UI)."""
        with self._lock:
            return {name: s.as_dict() for name, s in self._states.items()}

    def worker(self, role: str) -> Worker | None:
        """The worker serving ``role`` now, or None (a reconfiguration keeps untouched ones)."""
        return self._workers.get(role)

    def state(self, name: str) -> DeviceState:
        with self._lock:
            return self._states[name]

    def _set_state(self, name: str, state: str, reason: str, detail: str, port: str) -> None:
        with self._lock:
            old = self._states.get(name)
            if old and (old.state, old.reason, old.detail, old.port) == (
                state,
                reason,
                detail,
                port,
            ):
                return
            new = DeviceState(name, state, reason, detail, port)
            if old and old.state == state:
                new = replace(new, since=old.since)
            self._states[name] = new
        if old is None or old.state != state or old.reason != reason:
            log.info("device %s: %s %s", name, state, reason)
        call(self.callbacks.state_changed, name, new.as_dict())

    # -- life cycle --------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        if self._running:
            return
        self._running = True
        for name in DEVICE_NAMES:
            self._start_device(name)

    def stop(self) -> None:
        self._running = False
        workers, self._workers = self._workers, {}
        for worker in workers.values():
            worker.stop_event.set()
            worker.wake()
            worker.transport.close()
        for worker in workers.values():
            worker.stop()

    def reconfigure(self, config: DevicesSection) -> None:
        """Apply new device settings; only changed devices restart."""
        old, self.config = self.config, config
        for name in DEVICE_NAMES:
            if getattr(old, name) == getattr(config, name) and name in self._workers:
                continue
            worker = self._workers.pop(name, None)
            if worker is not None:
                worker.stop()
            if self._running:
                self._start_device(name)

    def _start_device(self, name: str) -> None:
        if name == "a4":
            self.a4 = A4Printer(self.config.a4.printer)
            if not self.config.a4.enabled:
                self._set_state("a4", DISABLED, "", "", "")
                return
            st = self.a4.status()
            if st.state == "ok":
                self._set_state("a4", OK, "", "", st.queue)
            else:
                self._set_state("a4", NO_PRINTER, "error.a4.none", st.reason, st.queue)
            return
        section = getattr(self.config, name)
        if not section.enabled:
            self._set_state(name, DISABLED, "", "", section.port)
            return
        if not section.port:
            self._set_state(name, NOT_CONFIGURED, "error.device.not_configured", "", "")
            return
        self._set_state(name, STARTING, "", "", section.port)
        worker = WORKERS[name](self, section)
        self._workers[name] = worker
        worker.start()

    # -- actions -----------------------------------------------------------------
    def probe_role(self, name: str, timeout: float = 2.0) -> Future[DeviceState]:
        """Ask one device something it must answer, on a thread of its own: its
        worker lets go of the port for the question and takes it back after."""
        from devices.probe import probe_one

        future: Future[DeviceState] = Future()
        config = self.config
        paused = copy.deepcopy(config)
        getattr(paused, name).enabled = False

        def run() -> None:
            try:
                answer = probe_one(name, config, timeout)
            except Exception as exc:  # a probe must never die silently
                log.exception("probe of %s failed", name)
                self.reconfigure(config)
                future.set_exception(exc)
                return
            self.reconfigure(config)  # the worker has its port back before anyone hears
            future.set_result(answer)

        self.reconfigure(paused)  # free the port
        threading.Thread(target=run, name=f"probe-{name}", daemon=True).start()
        return future

    def rearm_card(self) -> None:
        """Forget which card lies on the reader, so the next poll reports it again.

        A card is reported once per placement; a new visit (or "change
        identity") asks for the card still lying there to be read afresh.
        """
        worker = self._workers.get("idcard")
        if isinstance(worker, IdCardWorker):
            worker.current = None  # one attribute store: atomic for the poller's thread

    def print_receipt(self, receipt: Receipt) -> Future[PrinterStatus]:
        """Queue a receipt; the future holds the status or the typed error."""
        future: Future[PrinterStatus] = Future()
        worker = self._workers.get("printer")
        if not isinstance(worker, PrinterWorker) or not worker.thread.is_alive():
            state = self.state("printer")
            future.set_exception(DeviceNotFound(f"printer is {state.state}", port=state.port))
            return future
        worker.jobs.put((receipt, future))
        return future

    def print_a4(self, pdf: Path) -> Future[str]:
        """Send a PDF to CUPS in a thread; NoA4Printer in the future keeps the PDF."""
        future: Future[str] = Future()

        def run() -> None:
            try:
                future.set_result(self.a4.print_pdf(pdf))
            except DeviceError as exc:
                future.set_exception(exc)

        threading.Thread(target=run, name="device-a4", daemon=True).start()
        return future
