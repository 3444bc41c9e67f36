"""Idle handling: a quiet period, a "still there?" countdown, then a wipe.

An event filter on the kiosk's window sees every touch, click and key (the
window gets them before any of its items), so no screen has to remember to
report activity. It is the window's, not the application's: a Python filter
on the application is called for every event of every object (each QML item
made or destroyed as a screen changes, timers, deferred deletes), a PySide
call each, and showing the next screen paid for them. The watcher is dormant on the attract
screen. Touches restart the quiet period; once the countdown shows, the
resident answers with its two buttons (continue, finish), so a stray touch
cannot hide the question half-way through a tap.
"""

from __future__ import annotations

from PySide6.QtCore import Property as QtProperty
from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot

_ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseMove,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
}


ELDERLY_FACTOR = 2


class IdleWatcher(QObject):
    warningChanged = Signal()
    secondsLeftChanged = Signal()
    timedOut = Signal()

    def __init__(
        self, idle_seconds: float, warning_seconds: int, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._base = (idle_seconds, warning_seconds)
        self._factor = 1
        self._warning_seconds = warning_seconds
        self._seconds_left = warning_seconds
        self._warning = False
        self._armed = False
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(int(idle_seconds * 1000))
        self._quiet.timeout.connect(self._start_warning)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._on_tick)

    @QtProperty(bool, notify=warningChanged)
    def warning(self) -> bool:
        return self._warning

    @QtProperty(int, notify=secondsLeftChanged)
    def secondsLeft(self) -> int:
        return self._seconds_left

    def set_intervals(self, idle_seconds: float, warning_seconds: int, tick_ms: int = 1000) -> None:
        self._base = (idle_seconds, warning_seconds)
        self._apply()
        self._tick.setInterval(tick_ms)

    def set_slow(self, slow: bool) -> None:
        """Elderly mode: twice the quiet time and twice the countdown, since
        reading and finding a card take an older resident longer."""
        self._factor = ELDERLY_FACTOR if slow else 1
        self._apply()
        if self._quiet.isActive():
            self._quiet.start()

    def _apply(self) -> None:
        idle_seconds, warning_seconds = self._base
        self._quiet.setInterval(int(idle_seconds * self._factor * 1000))
        self._warning_seconds = int(warning_seconds * self._factor)

    @QtProperty(int, notify=warningChanged)
    def quietSeconds(self) -> int:
        return self._quiet.interval() // 1000

    def arm(self) -> None:
        """Start watching (a visit began)."""
        self._armed = True
        self._cancel_warning()
        self._quiet.start()

    def disarm(self) -> None:
        self._armed = False
        self._quiet.stop()
        self._cancel_warning()

    @Slot()
    def poke(self) -> None:
        """Activity: restart the quiet period and cancel any countdown."""
        if not self._armed:
            return
        self._cancel_warning()
        self._quiet.start()

    @Slot()
    def stillHere(self) -> None:
        self.poke()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if self._armed and event.type() in _ACTIVITY and not self._warning:
            self._quiet.start()
        return False

    def _start_warning(self) -> None:
        self._seconds_left = self._warning_seconds
        self._warning = True
        self.secondsLeftChanged.emit()
        self.warningChanged.emit()
        self._tick.start()

    def _on_tick(self) -> None:
        self._seconds_left -= 1
        self.secondsLeftChanged.emit()
        if self._seconds_left <= 0:
            self.disarm()
            self.timedOut.emit()

    def _cancel_warning(self) -> None:
        self._tick.stop()
        if self._warning:
            self._warning = False
            self.warningChanged.emit()
