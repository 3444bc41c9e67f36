"""QML singleton ``TechEntry``: the way in, by the corner gesture and the PIN pad.

Five taps in the top-right corner within three seconds open the PIN pad. A
kiosk with a PIN asks for it; a fresh kiosk asks for the one-time set-up code
(``kiosk technician first-run-code``), then the new PIN twice. Wrong PINs and
wrong codes share one lockout, kept in the database by ``PinGuard`` so a
restart does not reset it. A half-done set-up is forgotten once the pad is
left, so the next person starts from the code again.
"""

from __future__ import annotations

import time
from collections import deque

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.errors import KioskError
from kiosk.technician.pin import PinGuard, check_format
from ui.technician.context import Context
from ui.technician.shell import Technician

TAPS_NEEDED = 5
TAP_WINDOW_SECONDS = 3.0
PIN_SCREEN = "TechnicianPin"


class TechEntry(QObject):
    """The corner count, the PIN check and the first PIN's set-up."""

    pinModeChanged = Signal()
    pinErrorChanged = Signal()

    def __init__(self, ctx: Context, shell: Technician) -> None:
        super().__init__()
        self.ctx = ctx
        self.shell = shell
        self.guard = PinGuard(ctx.storage)
        self._taps: deque[float] = deque(maxlen=TAPS_NEEDED)
        self._pin_error = ""
        self._setup_stage = "code"  # while no PIN is set: "code", "new" or "confirm"
        self._setup_code = ""  # the accepted one-time code, until the PIN is set
        self._new_pin = ""
        shell.cornerTapped.connect(self.cornerTap)
        ctx.navigator.screenChanged.connect(self._on_screen)

    def _get_pin_mode(self) -> str:
        return "enter" if self.guard.is_set() else self._setup_stage

    def _get_pin_error(self) -> str:
        return self._pin_error

    # What the PIN pad asks: "enter" the PIN; with none set: "code", "new", "confirm".
    pinMode = Property(str, _get_pin_mode, notify=pinModeChanged)
    pinError = Property(str, _get_pin_error, notify=pinErrorChanged)

    def _set_error(self, text: str) -> None:
        if text != self._pin_error:
            self._pin_error = text
            self.pinErrorChanged.emit()

    def _set_stage(self, stage: str) -> None:
        self._setup_stage = stage
        self.pinModeChanged.emit()  # also re-read whether a PIN is set now

    @Slot()
    def cornerTap(self) -> None:
        """Five taps in the corner within three seconds open the PIN pad."""
        now = time.monotonic()
        self._taps.append(now)
        if len(self._taps) == TAPS_NEEDED and now - self._taps[0] <= TAP_WINDOW_SECONDS:
            self._taps.clear()
            self._set_error("")
            self._forget_setup()
            self.pinModeChanged.emit()  # a PIN may have been set or cleared meanwhile
            self.ctx.navigator.go(PIN_SCREEN)

    @Slot(str)
    def enterPin(self, pin: str) -> None:
        """The PIN pad's enter key: the PIN, or a step of the first PIN's set-up."""
        if not self.guard.is_set():
            self._setup_step(pin)
            return
        try:
            self.guard.check(pin)
        except KioskError as exc:
            self._set_error(self.ctx.error_text(exc))
            return
        self._set_error("")
        self.shell.open()

    def _setup_step(self, digits: str) -> None:
        """No PIN yet: the one-time code, then the new PIN twice; then the pages open."""
        try:
            if self._setup_stage == "code":
                self.guard.check_setup_code(digits)  # a wrong code counts toward the lock
                self._setup_code = digits
                self._set_stage("new")
            elif self._setup_stage == "new":
                check_format(digits)
                self._new_pin = digits
                self._set_stage("confirm")
            else:
                if digits != self._new_pin:
                    self._new_pin = ""
                    self._set_stage("new")
                    self._set_error(self.ctx.t("error.pin.mismatch"))
                    return
                self.guard.set_first_pin(self._setup_code, digits)
                self.ctx.audit("entry.ok", "first PIN set")
                self._forget_setup()
                self._set_error("")
                self.shell.open()
                self.shell.say(self.ctx.t("tech.pin.first.done"))
                return
        except KioskError as exc:
            if self._setup_stage == "confirm":  # e.g. the code ran out meanwhile: start over
                self._forget_setup()
            self._set_error(self.ctx.error_text(exc))
            return
        self._set_error("")

    def _forget_setup(self) -> None:
        self._setup_code, self._new_pin = "", ""
        if self._setup_stage != "code":
            self._set_stage("code")

    def _on_screen(self) -> None:
        if self.ctx.navigator.screen != PIN_SCREEN:  # a half-done set-up is not kept for later
            self._forget_setup()
