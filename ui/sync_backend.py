"""Sync as QML sees it: ``Sync.online``, ``Sync.queueDepth``, ``Sync.lastSync``, ``Sync.syncNow()``.

The SyncService runs in its own thread; each report it makes is posted to the
GUI thread (``ui.gui_thread``), so every property change happens there.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from sync.report import SyncReport
from sync.service import SyncService
from ui.gui_thread import GuiThread

if TYPE_CHECKING:
    from devices.manager import DeviceManager

log = logging.getLogger(__name__)


class Sync(QObject):
    changed = Signal()
    synced = Signal(bool)  # a cycle finished: ok or not
    catalogUpdated = Signal()  # a cycle brought a newer catalog into the store

    def __init__(self, service: SyncService, demo_platform: Any = None) -> None:
        super().__init__()
        self._service = service
        self._demo = demo_platform
        self._online = False
        self._queue = 0
        self._quarantined = 0
        self._last = ""
        self._error = ""
        self._gui = GuiThread(self)  # the worker's reports land on the GUI thread
        service.add_listener(self._from_worker)
        self._refresh()

    @property
    def service(self) -> SyncService:
        return self._service

    def _refresh(self) -> None:
        try:
            snap = self._service.snapshot()
        except Exception:  # a status read must never break the screen
            log.exception("sync snapshot failed")
            return
        self._queue = int(snap["queue_depth"])
        self._quarantined = int(snap["quarantined"])
        self._last = str(snap["last_success_at"] or "")

    def _from_worker(self, report: SyncReport) -> None:
        self._gui.post(self._on_report, report)

    def _on_report(self, report: SyncReport) -> None:
        self._online = report.ok
        self._error = report.error
        self._refresh()
        self.changed.emit()
        self.synced.emit(report.ok)
        if report.catalog_updated:
            self.catalogUpdated.emit()

    def _get_online(self) -> bool:
        return self._online

    def _get_queue(self) -> int:
        return self._queue

    def _get_last(self) -> str:
        return self._last

    def _get_quarantined(self) -> int:
        return self._quarantined

    def _get_error(self) -> str:
        return self._error

    online = Property(bool, _get_online, notify=changed)
    queueDepth = Property(int, _get_queue, notify=changed)
    lastSync = Property(str, _get_last, notify=changed)
    quarantined = Property(int, _get_quarantined, notify=changed)
    errorKey = Property(str, _get_error, notify=changed)

    @Slot()
    def syncNow(self) -> None:
        self._service.sync_now()

    def _get_demo_running(self) -> bool:
        return bool(self._demo is not None and self._demo.server.running)

    demoPlatform = Property(bool, _get_demo_running, notify=changed)

    @Slot(bool)
    def setDemoPlatformRunning(self, running: bool) -> None:
        """Demo mode only: take the loopback platform down or up to show offline work."""
        if self._demo is None:
            return
        if running:
            self._demo.start()
            self._service.sync_now()
        else:
            self._demo.stop()
        self.changed.emit()

    def stop(self) -> None:
        """Called by Backends.close(): stop the worker (and the demo platform)."""
        self._service.stop()
        if self._demo is not None:
            self._demo.stop()

    @Slot()
    def refresh(self) -> None:
        self._refresh()
        self.changed.emit()


def device_states_of(manager: DeviceManager) -> Callable[[], dict[str, str]]:
    """The devices' states as the heartbeat reports them (the printer's paper too)."""

    def states() -> dict[str, str]:
        out: dict[str, str] = {}
        for name, state in manager.states().items():
            out[name] = str(state.get("state", ""))
            if name == "printer":
                out["paper"] = str(state.get("reason", "") or state.get("state", ""))
        return out

    return states
