"""The sync engine in its own thread, for the UI and ``kiosk sync``.

Runs a cycle on schedule (``sync.interval_seconds``, or what the platform's
heartbeat answer says), at once when ``sync_now()`` is called (a new
application, the technician's button), and as soon as connectivity returns:
while the last failure was at the connection level, a cheap TCP probe runs
every few seconds and a successful probe starts a cycle without waiting for
the backoff. Failures from a reachable server (5xx, 503 Retry-After) wait out
the backoff instead, so a struggling platform is not hammered.
Listeners are called from the worker thread; the Qt wrapper re-emits them as
queued signals.
"""

from __future__ import annotations

import dataclasses
import logging
import socket
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from kiosk import platforms
from kiosk.backoff import Backoff
from kiosk.config import Config
from kiosk.errors import SyncError
from kiosk.outbox import Outbox
from kiosk.settings import get_setting
from kiosk.storage import Storage
from sync import keys
from sync.admission import check_admission
from sync.report import (
    CLOCK_OFFSET,
    LAST_SUCCESS,
    REVOKED_AT,
    DeviceStates,
    SyncReport,
    platform_config,
)

if TYPE_CHECKING:
    from sync.engine import SyncEngine

log = logging.getLogger(__name__)

Listener = Callable[[SyncReport], None]


def status_snapshot(
    storage: Storage, config: Config, device_states: dict[str, str] | None = None
) -> dict[str, Any]:
    """Everything ``kiosk status`` and the technician screen show about sync."""
    outbox = Outbox(storage, config.kiosk.code)
    stats = outbox.stats()
    admission = check_admission(outbox, config)
    return {
        "platform_url": get_setting(storage, keys.URL) or config.sync.url,
        "kiosk_id": get_setting(storage, keys.KIOSK_ID),
        "enrolled": keys.is_enrolled(storage),
        **stats,
        "last_success_at": get_setting(storage, LAST_SUCCESS),
        "revoked_at": get_setting(storage, REVOKED_AT),
        # items sealed for a platform this kiosk was enrolled with before
        "elsewhere": [dataclasses.asdict(w) for w in platforms.waiting_elsewhere(storage)],
        "clock_offset_seconds": float(get_setting(storage, CLOCK_OFFSET, "0") or 0),
        "accepting": admission.ok,
        "refusal": admission.reason,
        "disk_free_mb": round(admission.free_mb, 1),
        "devices": dict(device_states or {}),
    }


def tcp_probe(url: str, timeout: float = 2.0) -> bool:
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname or "", port), timeout=timeout):
            return True
    except OSError:
        return False


class SyncService:
    def __init__(
        self,
        storage: Storage,
        config: Config,
        *,
        device_states: DeviceStates | None = None,
        probe_seconds: float = 5.0,
    ) -> None:
        self.storage = storage
        self.config = config
        self.device_states = device_states
        self.probe_seconds = probe_seconds
        self.backoff = Backoff(config.sync.backoff_initial_seconds, config.sync.backoff_max_seconds)
        self.last_report: SyncReport | None = None
        self.online = False
        self._listeners: list[Listener] = []
        self._wake = threading.Event()
        self._reload = threading.Event()
        self._stop = threading.Event()
        self._cycle_done = threading.Condition()
        self._cycles = 0
        self._thread: threading.Thread | None = None

    # --- control --------------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def start(self, delay: float = 0.0) -> None:
        """The sync thread, its first cycle ``delay`` seconds on (a stop meanwhile ends it)."""
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, args=(delay,), name="sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 20.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def sync_now(self) -> None:
        """Ask for a cycle as soon as possible (never blocks the caller)."""
        self._wake.set()

    def reload(self) -> None:
        """Enrollment changed (technician provisioning): rebuild the client, then sync."""
        self._reload.set()
        self._wake.set()

    def wait(self, timeout: float) -> bool:
        """Wait for the next cycle to finish; True if one did."""
        with self._cycle_done:
            before = self._cycles
            return self._cycle_done.wait_for(lambda: self._cycles > before, timeout)

    def snapshot(self) -> dict[str, Any]:
        devices = self.device_states() if self.device_states else {}
        snap = status_snapshot(self.storage, self.config, devices)
        snap["online"] = self.online
        snap["last_report"] = self.last_report.as_dict() if self.last_report else None
        return snap

    # --- the worker -----------------------------------------------------------------

    def _interval(self) -> float:
        value = platform_config(self.storage).get("sync.interval_seconds")
        if isinstance(value, int | float) and value > 0:
            return float(value)
        return float(self.config.sync.interval_seconds)

    def _loop(self, delay: float = 0.0) -> None:
        if self._stop.wait(delay):
            return
        # the engine (its client, the protocol's models) loads here, on the sync
        # thread, not before the kiosk is ready (sync.report says why)
        from sync.engine import SyncEngine

        engine: SyncEngine | None = None
        while not self._stop.is_set():
            self._wake.clear()
            if self._reload.is_set():
                self._reload.clear()
                if engine is not None:
                    engine.client.close()
                engine = None
            if engine is None:
                try:
                    engine = SyncEngine.from_settings(
                        self.storage, self.config, device_states=self.device_states
                    )
                except SyncError as exc:
                    log.info("sync idle: %s", exc.detail)
                    self._sleep(self._interval(), probe_url="")
                    continue
            try:
                report = engine.run_once()
            except Exception:  # never let the sync thread die
                log.exception("sync cycle crashed")
                report = SyncReport(error="error.sync", error_detail="internal error")
            self.last_report = report
            self.online = report.ok
            for listener in list(self._listeners):
                try:
                    listener(report)
                except Exception:
                    log.exception("sync listener failed")
            with self._cycle_done:
                self._cycles += 1
                self._cycle_done.notify_all()
            if report.ok:
                self.backoff.reset()
                delay = self._interval()
                if report.queue_depth and report.pushed:
                    delay = 0.0  # more was enqueued meanwhile: go again
                self._sleep(delay, probe_url="")
            else:
                delay = self.backoff.next_delay(report.retry_after)
                probe = engine.client.url if report.connection_level else ""
                self._sleep(delay, probe_url=probe)
        if engine is not None:
            engine.client.close()

    def _sleep(self, delay: float, probe_url: str) -> None:
        """Wait ``delay`` s, or less: a wake-up, a stop, or the network coming back."""
        deadline = time.monotonic() + delay
        while not self._stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return
            step = min(left, self.probe_seconds) if probe_url else left
            if self._wake.wait(step):
                return
            if probe_url and tcp_probe(probe_url):
                log.info("platform reachable again: syncing now")
                return
