"""The worker threads, one per serial device, and the registry that picks one by role.

A worker opens its port with backoff, runs its device's loop, and reports
through the manager's callbacks and states; a port that fails becomes
"missing" and is reopened. ``WORKERS`` maps a role to the function that builds
its worker from the role's config section: the one place a new device kind is
added (the probes have theirs in ``devices.probe``).
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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
from devices.state import ERROR, MISSING, OK
from devices.transport import Transport
from kiosk.backoff import Backoff
from kiosk.errors import KioskError, ValidationError
from kiosk.identity import Identity

if TYPE_CHECKING:
    from devices.manager import DeviceManager

log = logging.getLogger(__name__)

BACKOFF_INITIAL = 0.5
BACKOFF_MAX = 30.0
TRANSIENT_LIMIT = 3  # garbled/unanswered card polls in a row before the port is reopened

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


def call(hooks: list[Any], *args: Any) -> None:
    for hook in list(hooks):
        try:
            hook(*args)
        except Exception:  # a faulty listener must not kill the device thread
            log.exception("device callback failed")


class Worker:
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


class IdCardWorker(Worker):
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
            call(self.manager.callbacks.card_removed)

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
            call(self.manager.callbacks.card_rejected, exc)
            return
        log.info("card inserted: %s", read.identity)
        call(self.manager.callbacks.card_inserted, read.identity)


class PrinterWorker(Worker):
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


class ScannerWorker(Worker):
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
                    call(self.manager.callbacks.scan_error, result)
                else:
                    call(self.manager.callbacks.code_scanned, result)


def _common(section: Any) -> dict[str, Any]:
    return {"url": section.port, "baudrate": section.baudrate, "timeout": section.timeout}


# role -> the worker for its config section
WORKERS: dict[str, Callable[[DeviceManager, Any], Worker]] = {
    "idcard": lambda m, s: IdCardWorker(m, s.poll_seconds, **_common(s)),
    "printer": lambda m, s: PrinterWorker(
        m, s.encoding, s.paper_width_chars, s.status_seconds, **_common(s)
    ),
    "scanner": lambda m, s: ScannerWorker(
        m, s.suffix, s.gap_ms, s.max_length, bytes.fromhex(s.trigger), **_common(s)
    ),
}
