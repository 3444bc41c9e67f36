"""QML singleton ``Technician``: whether technician mode is open, which page shows, leaving.

The entry (``TechEntry``) opens it once the PIN is right; every page object
says its outcome on the one message line here, because the screen shows one
line whichever page raised it. Slow jobs (a probe holds a port, enrollment
rewrites the settings the devices and sync read) run one at a time, so the
``busy`` flag lives here too. Technician mode ends by the Leave button, by
navigating away, after three minutes without a touch, or by exiting the
kiosk program after a question.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from PySide6.QtCore import Property, QCoreApplication, QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication

from kiosk.technician.pages import FIRST_PAGE, PAGES
from ui.technician.context import Context, Page

log = logging.getLogger(__name__)

INACTIVE_LEAVE_MS = 180_000


def _end_event_loop() -> None:
    # exit(), not quit(): quit() asks the window to close, which kiosk mode refuses.
    QCoreApplication.exit(0)


class Technician(QObject):
    """Technician mode as a whole: open or not, the page shown, the message, leaving."""

    activeChanged = Signal()
    pageChanged = Signal()
    messageChanged = Signal()
    exitAskedChanged = Signal()
    busyChanged = Signal()
    cornerTapped = Signal()  # for Python: the entry counts the taps

    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self._pages: list[Page] = []
        self._active = False
        self._page = FIRST_PAGE
        self._message = ""
        self._exit_asked = False
        self._busy = False
        self._wired = False
        self._inactive = QTimer(self)
        self._inactive.setSingleShot(True)
        self._inactive.setInterval(INACTIVE_LEAVE_MS)
        self._inactive.timeout.connect(lambda: self._leave("inactive"))
        ctx.navigator.screenChanged.connect(self._on_screen)
        ctx.i18n.languageChanged.connect(self._on_language)

    def attach(self, pages: Iterable[Page]) -> None:
        """The page objects this shell refreshes and wires, in refresh order."""
        self._pages = list(pages)

    # -- properties ------------------------------------------------------------
    def _get_active(self) -> bool:
        return self._active

    def _get_page(self) -> str:
        return self._page

    def _get_pages(self) -> list[str]:
        return list(PAGES)

    def _get_message(self) -> str:
        return self._message

    def _get_exit_asked(self) -> bool:
        return self._exit_asked

    def _get_busy(self) -> bool:
        return self._busy

    active = Property(bool, _get_active, notify=activeChanged)
    page = Property(str, _get_page, notify=pageChanged)
    # six fixed names for the tab row: a constant list, not rows that change
    pages = Property(list, _get_pages, constant=True)
    message = Property(str, _get_message, notify=messageChanged)
    # Exit kiosk mode was tapped: the page asks before the program ends.
    exitAsked = Property(bool, _get_exit_asked, notify=exitAskedChanged)
    busy = Property(bool, _get_busy, notify=busyChanged)

    def _set_active(self, value: bool) -> None:
        if value != self._active:
            self._active = value
            self.activeChanged.emit()

    def _set_exit_asked(self, value: bool) -> None:
        if value != self._exit_asked:
            self._exit_asked = value
            self.exitAskedChanged.emit()

    def showing(self, page: str) -> bool:
        """Technician mode is open, on ``page``: what a page checks before it reacts."""
        return self._active and self._page == page

    def say(self, text: str) -> None:
        """Show ``text`` on the message line (any page's outcome)."""
        if text != self._message:
            self._message = text
            self.messageChanged.emit()

    def set_busy(self, value: bool) -> None:
        """A slow job started or ended; the buttons that start one wait meanwhile."""
        if value != self._busy:
            self._busy = value
            self.busyChanged.emit()

    # -- entering --------------------------------------------------------------
    @Slot()
    def cornerTap(self) -> None:
        """A tap in the technician corner (the app shell forwards it here by this name)."""
        self.cornerTapped.emit()

    def open(self) -> None:
        """The PIN was right: wipe the resident's visit and show the first page."""
        self._set_active(True)
        self._wire()
        self.ctx.sessions.wipe("technician")
        self.setPage(FIRST_PAGE)
        self.ctx.navigator.go("Technician")
        self._inactive.start()
        QGuiApplication.instance().installEventFilter(self)  # type: ignore[union-attr]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """Any touch or key while open restarts the inactivity timer; nothing is consumed."""
        if self._active and event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress):
            self._inactive.start()
        return False

    def _wire(self) -> None:
        """Connect the pages to the devices once they exist (built after this area)."""
        if self._wired:
            return
        devices = self.ctx.devices
        if devices is None:
            return
        self._wired = True
        for page in self._pages:
            page.wire(devices)

    # -- pages -----------------------------------------------------------------
    @Slot(str)
    def setPage(self, page: str) -> None:
        if page not in PAGES:
            return
        if page != self._page:
            self._page = page
            self.pageChanged.emit()
        self.say("")
        self._set_exit_asked(False)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Every page lists its rows again, in the page's language."""
        for page in self._pages:
            page.refresh()

    def _on_language(self) -> None:
        if self._active:  # the pages' rows are built in the page's language
            self.refresh()

    # -- leaving ---------------------------------------------------------------
    @Slot()
    def leave(self) -> None:
        self._leave("leave")

    def _leave(self, reason: str) -> None:
        if not self._active:
            return
        self._set_active(False)
        self._set_exit_asked(False)
        self._inactive.stop()
        app = QGuiApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.ctx.audit("entry.left", reason)
        self.ctx.end_session("technician-" + reason)

    @Slot()
    def exitKiosk(self) -> None:
        """The page's Exit kiosk mode button: it asks first (confirmExit ends the program)."""
        if self._active:
            self._set_exit_asked(True)

    @Slot()
    def cancelExit(self) -> None:
        self._set_exit_asked(False)

    @Slot()
    def confirmExit(self) -> None:
        if not (self._active and self._exit_asked):
            return
        self._set_exit_asked(False)
        self.ctx.audit("kiosk.exit")
        log.warning("kiosk mode left by technician")
        _end_event_loop()

    def _on_screen(self) -> None:
        if self._active and not self.ctx.navigator.screen.startswith("Technician"):
            self._leave("navigated")
