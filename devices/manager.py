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

import datetime as dt
import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from devices.a4 import A4Printer
from devices.errors import (
    BadFrame,
    CardError,
    DeviceError,
    DeviceIOError,
    DeviceNotFound,
    DeviceTimeout,
    NoCard,
    ScanError,
)
from devices.idcard import IdCardReader
from devices.printer import PrinterStatus, ReceiptPrinter
from devices.receipt import Receipt
from devices.scanner import Scanner
from devices.transport import Transport
from kiosk.backoff import Backoff
from kiosk.config import DevicesSection
from kiosk.errors import KioskError, ValidationError
from kiosk.identity import Identity

log = logging.getLogger(__name__)

DEVICE_NAMES = ("idcard", "printer", "scanner", "a4")

# States a device can be in; the UI translates "device.state.<state>".
OK = "ok"
MISSING = "missing"
ERROR = "error"
DISABLED = "disabled"
NOT_CONFIGURED = "not_configured"
STARTING = "starting"
NO_PRINTER = "no_printer"

BACKOFF_INITIAL = 0.5
BACKOFF_MAX = 30.0
TRANSIENT_LIMIT = 3  # garbled/unanswered card polls in a row before the port is reopened


@dataclass(frozen=True)
class DeviceState:
    device: str
    state: str = STARTING
    reason: str = ""  # a message key when state is not ok
    detail: str = ""  # for technicians; never personal data
    port: str = ""
    since: str = field(
        default_factory=lambda: dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    )

    @property
    def ok(self) -> bool:
        return self.state in (OK, "paper_near_end", "card_present")

    def as_dict(self) -> dict[str, Any]:
        return {
            "device": self.device,
            "state": self.state,
            "ok": self.ok,
            "reason": self.reason,
            "detail": self.detail,
            "port": self.port,
            "since": self.since,
        }


CardCallback = Callable[[Identity], None]
Callback = Callable[[], None]
CodeCallback = Callable[[str], None]
ErrorCallback = Callable[[KioskError], None]
StateCallback = Callable[[str, dict[str, Any]], None]


@dataclass
class Callbacks:
    """Hooks called on worker threads. Keep them short; hop threads inside."""

    card_inserted: list[CardCallback] = field(default_factory=list)
    card_removed: list[Callback] = field(default_factory=list)
    card_rejected: list[ErrorCallback] = field(default_factory=list)
    code_scanned: list[CodeCallback] = field(default_factory=list)
    scan_error: list[ErrorCallback] = field(default_factory=list)
    state_changed: list[StateCallback] = field(default_factory=list)


def _call(hooks: list[Any], *args: Any) -> None:
    for hook in list(hooks):
        try:
            hook(*args)
        except Exception:  # a faulty listener must not kill the device thread
            log.exception("device callback failed")


class _Worker:
    """One device's thread: open with backoff, run, close; stops on an Event."""

    name = ""

    def __init__(self, manager: DeviceManager, url: str, baudrate: int, timeout: float) -> None:
        self.manager = manager
        self.transport = Transport(url, baudrate, timeout)
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"device-{self.name}", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self, join: float = 2.0) -> None:
        self.stop_event.set()
        self.wake()
        self.transport.close()
        if self.thread.is_alive() and threading.current_thread() is not self.thread:
            self.thread.join(join)

    def wake(self) -> None:
        pass

    def set_state(self, state: str, reason: str = "", detail: str = "") -> None:
        self.manager._set_state(self.name, state, reason, detail, self.transport.url)

    def _run(self) -> None:
        # the sync engine's backoff: kiosks that lost a device together retry apart
        backoff = Backoff(BACKOFF_INITIAL, BACKOFF_MAX)
        while not self.stop_event.is_set():
            try:
                self.transport.open()
                self.on_open()
                backoff.reset()
                self.loop()
            except (DeviceNotFound, DeviceIOError) as exc:
                log.info("%s: %s", self.name, exc.detail)
                self.set_state(MISSING, exc.key, exc.detail)
            except DeviceError as exc:
                log.warning("%s: %s", self.name, exc.detail)
                self.set_state(ERROR, exc.key, exc.detail)
            except Exception as exc:  # never let a device thread die silently
                log.exception("%s worker crashed", self.name)
                self.set_state(ERROR, "error.device", type(exc).__name__)
            finally:
                self.transport.close()
                self.on_close()
            if self.stop_event.wait(backoff.next_delay()):
                break

    def on_open(self) -> None:
        pass

    def on_close(self) -> None:
        pass

    def loop(self) -> None:
        raise NotImplementedError


class _IdCardWorker(_Worker):
    """Polls for a card; emits inserted once per card, removed when it goes."""

    name = "idcard"

    def __init__(self, manager: DeviceManager, poll_seconds: float, **kw: Any) -> None:
        super().__init__(manager, **kw)
        self.reader = IdCardReader(self.transport, self.transport.timeout)
        self.poll_seconds = max(0.05, poll_seconds)
        self.current: str | None = None  # digest of the card on the reader
        self.failures = 0  # consecutive garbled or unanswered polls

    def on_open(self) -> None:
        self.reader.status()
        self.set_state(OK)

    def on_close(self) -> None:
        self._removed()

    def _removed(self) -> None:
        if self.current is not None:
            self.current = None
            _call(self.manager.callbacks.card_removed)

    def loop(self) -> None:
        while not self.stop_event.is_set():
            self.poll_once()
            self.stop_event.wait(self.poll_seconds)

    def poll_once(self) -> None:
        try:
            if not self.reader.find():
                self._removed()
                self.set_state(OK)
                return
            self.reader.select()
            read = self.reader.read_base_info()
        except NoCard:
            self._removed()
            self.set_state(OK)
            return
        except CardError as exc:
            # The reader answered; the card or the read failed. Keep polling.
            self.set_state(ERROR, exc.key, exc.detail)
            return
        except (BadFrame, DeviceTimeout) as exc:
            # One garbled or lost reply is line noise, not a removed card: keep
            # the current card and poll again; reopen the port only if it persists.
            self.failures += 1
            if self.failures >= TRANSIENT_LIMIT:
                raise
            log.info("idcard: transient %s", exc.key)
            return
        self.failures = 0
        self.set_state(OK)
        if read.digest == self.current:
            read.identity.wipe()
            return  # the same card still on the reader
        if self.current is not None:
            self._removed()
        self.current = read.digest
        try:
            read.identity.check()
        except ValidationError as exc:
            log.info("card refused: %s", exc.key)
            read.identity.wipe()
            _call(self.manager.callbacks.card_rejected, exc)
            return
        log.info("card inserted: %s", read.identity)
        _call(self.manager.callbacks.card_inserted, read.identity)


class _PrinterWorker(_Worker):
    """Prints queued receipts; polls the status when idle."""

    name = "printer"

    def __init__(
        self,
        manager: DeviceManager,
        encoding: str,
        width_chars: int,
        status_seconds: float,
        **kw: Any,
    ) -> None:
        super().__init__(manager, **kw)
        self.printer = ReceiptPrinter(
            self.transport,
            encoding=encoding,
            width_chars=width_chars,
            timeout=self.transport.timeout,
        )
        self.status_seconds = max(0.1, status_seconds)
        self.jobs: queue.Queue[tuple[Receipt | None, Future[PrinterStatus]] | None] = queue.Queue()
        self.last_status: PrinterStatus | None = None

    def wake(self) -> None:
        self.jobs.put(None)

    def _report(self, status: PrinterStatus) -> None:
        self.last_status = status
        state = status.state
        self.set_state(state, "" if state == OK else f"device.state.{state}")

    def on_open(self) -> None:
        self._report(self.printer.status())

    def loop(self) -> None:
        while not self.stop_event.is_set():
            try:
                item = self.jobs.get(timeout=self.status_seconds)
            except queue.Empty:
                self._report(self.printer.status())
                continue
            if item is None:
                continue
            receipt, future = item
            if not future.set_running_or_notify_cancel() or receipt is None:
                continue
            try:
                status = self.printer.print(receipt)
            except (DeviceNotFound, DeviceIOError) as exc:
                future.set_exception(exc)
                raise
            except DeviceError as exc:
                future.set_exception(exc)
                try:
                    self._report(self.printer.status())
                except DeviceError:
                    raise exc from None
                continue
            self._report(status)
            future.set_result(status)

    def on_close(self) -> None:
        # Jobs waiting for a printer that went away fail now rather than hang.
        while True:
            try:
                item = self.jobs.get_nowait()
            except queue.Empty:
                return
            if item is not None and item[1].set_running_or_notify_cancel():
                item[1].set_exception(DeviceIOError("printer went away", port=self.transport.url))


class _ScannerWorker(_Worker):
    name = "scanner"

    def __init__(
        self,
        manager: DeviceManager,
        suffix: str,
        gap_ms: int,
        max_length: int,
        trigger: bytes,
        **kw: Any,
    ) -> None:
        super().__init__(manager, **kw)
        self.scanner = Scanner(
            self.transport, suffix=suffix, gap_ms=gap_ms, max_length=max_length, trigger=trigger
        )

    def on_open(self) -> None:
        self.set_state(OK)

    def loop(self) -> None:
        while not self.stop_event.is_set():
            for result in self.scanner.pump(time.monotonic, 0.5):
                if isinstance(result, ScanError):
                    log.info("scan error: %s", result.key)
                    _call(self.manager.callbacks.scan_error, result)
                else:
                    _call(self.manager.callbacks.code_scanned, result)


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
        self._workers: dict[str, _Worker] = {}
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
        _call(self.callbacks.state_changed, name, new.as_dict())

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
        common: dict[str, Any] = {
            "url": section.port,
            "baudrate": section.baudrate,
            "timeout": section.timeout,
        }
        worker: _Worker
        if name == "idcard":
            worker = _IdCardWorker(self, section.poll_seconds, **common)
        elif name == "printer":
            worker = _PrinterWorker(
                self,
                section.encoding,
                section.paper_width_chars,
                section.status_seconds,
                **common,
            )
        else:
            worker = _ScannerWorker(
                self,
                section.suffix,
                section.gap_ms,
                section.max_length,
                bytes.fromhex(section.trigger),
                **common,
            )
        self._workers[name] = worker
        worker.start()

    # -- actions -----------------------------------------------------------------
    def rearm_card(self) -> None:
        """Forget which card lies on the reader, so the next poll reports it again.

        A card is reported once per placement; a new visit (or "change
        identity") asks for the card still lying there to be read afresh.
        """
        worker = self._workers.get("idcard")
        if isinstance(worker, _IdCardWorker):
            worker.current = None  # one attribute store: atomic for the poller's thread

    def print_receipt(self, receipt: Receipt) -> Future[PrinterStatus]:
        """Queue a receipt; the future holds the status or the typed error."""
        future: Future[PrinterStatus] = Future()
        worker = self._workers.get("printer")
        if not isinstance(worker, _PrinterWorker) or not worker.thread.is_alive():
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
