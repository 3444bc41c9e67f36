"""The technician's entry (corner gesture + PIN) and pages, as QML sees them."""

from __future__ import annotations

import logging
import time
from collections import deque
from typing import Any

from PySide6.QtCore import Property, QCoreApplication, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication

from kiosk.errors import KioskError
from kiosk.technician import audit
from kiosk.technician.info import kiosk_info
from kiosk.technician.logs import export_logs, recent_lines, removable_drives
from kiosk.technician.pin import PinGuard

log = logging.getLogger(__name__)

TAPS_NEEDED = 5
TAP_WINDOW_SECONDS = 3.0
INACTIVE_LEAVE_MS = 180_000
PAGES = ("kiosk", "logs")


class Technician(QObject):
    changed = Signal()

    def __init__(self, backends: Any) -> None:
        super().__init__()
        self._b = backends
        self.guard = PinGuard(backends.storage)
        self._taps: deque[float] = deque(maxlen=TAPS_NEEDED)
        self._active = False
        self._page = "kiosk"
        self._pin_error = ""
        self._message = ""
        self._info: list[dict[str, str]] = []
        self._logs: list[str] = []
        self._inactive = QTimer(self)
        self._inactive.setSingleShot(True)
        self._inactive.setInterval(INACTIVE_LEAVE_MS)
        self._inactive.timeout.connect(lambda: self._leave("inactive"))
        backends.navigator.screenChanged.connect(self._on_screen)

    # -- properties ------------------------------------------------------------
    @Property(bool, notify=changed)
    def active(self) -> bool:
        return self._active

    @Property(str, notify=changed)
    def page(self) -> str:
        return self._page

    @Property("QVariantList", constant=True)
    def pages(self) -> list[str]:
        return list(PAGES)

    @Property(str, notify=changed)
    def pinError(self) -> str:
        return self._pin_error

    @Property(str, notify=changed)
    def message(self) -> str:
        return self._message

    @Property("QVariantList", notify=changed)
    def infoRows(self) -> list[dict[str, str]]:
        return self._info

    @Property("QVariantList", notify=changed)
    def logLines(self) -> list[str]:
        return self._logs

    # -- entry -----------------------------------------------------------------
    @Slot()
    def cornerTap(self) -> None:
        """Five taps in the corner within three seconds open the PIN pad."""
        now = time.monotonic()
        self._taps.append(now)
        if len(self._taps) == TAPS_NEEDED and now - self._taps[0] <= TAP_WINDOW_SECONDS:
            self._taps.clear()
            self._pin_error = ""
            self.changed.emit()
            self._b.navigator.go("TechnicianPin")

    @Slot(str)
    def enterPin(self, pin: str) -> None:
        try:
            self.guard.check(pin)
        except KioskError as exc:
            self._pin_error = self._b.i18n.error_text(exc)
            self.changed.emit()
            return
        self._active = True
        self._pin_error = ""
        self._b.sessions.wipe("technician")
        self.setPage("kiosk")
        self._b.navigator.go("Technician")
        self._inactive.start()
        QGuiApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if self._active and event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress):
            self._inactive.start()
        return False

    # -- pages -----------------------------------------------------------------
    @Slot(str)
    def setPage(self, page: str) -> None:
        if page not in PAGES:
            return
        self._page = page
        self._message = ""
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        config = self._b.config
        self._info = [
            {"label": self._b.i18n.t(row.key, ""), "value": row.value}
            for row in kiosk_info(config, self._b.storage)
        ]
        self._logs = recent_lines(config.log_dir, 60)
        self.changed.emit()

    @Slot()
    def exportLogs(self) -> None:
        drives = removable_drives()
        if not drives:
            self._message = self._b.i18n.t("tech.logs.no_drive", "")
        else:
            try:
                target = export_logs(self._b.config.log_dir, drives[0], self._b.config.kiosk.code)
            except KioskError as exc:
                self._message = self._b.i18n.error_text(exc)
            else:
                audit.record(self._b.storage, "logs.exported", str(target))
                self._message = self._b.i18n.tf("tech.logs.exported", "", {"path": str(target)})
        self.changed.emit()

    @Slot()
    def leave(self) -> None:
        self._leave("leave")

    def _leave(self, reason: str) -> None:
        if not self._active:
            return
        self._active = False
        self._inactive.stop()
        audit.record(self._b.storage, "entry.left", reason)
        self.changed.emit()
        self._b.shell.endSession("technician-" + reason)

    @Slot()
    def exitKiosk(self) -> None:
        if not self._active:
            return
        audit.record(self._b.storage, "kiosk.exit")
        log.warning("kiosk mode left by technician")
        # exit(), not quit(): quit() asks the window to close, which kiosk mode refuses.
        QCoreApplication.exit(0)

    def _on_screen(self) -> None:
        if self._active and not self._b.navigator.screen.startswith("Technician"):
            self._leave("navigated")


def create(backends: Any) -> dict[str, QObject]:
    return {"Technician": Technician(backends)}
