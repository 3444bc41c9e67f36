"""What every technician object shares: the kiosk's settings, the language, the other areas.

The technician's objects (the shell, the entry, one per page) are small
QObjects for QML; what they all reach for (the database, the language of the
page, the Devices, Sync and Catalog areas it is built with, one GuiThread for
worker results) is built
once here. ``Page`` is what the shell refreshes and wires: every page lists
its rows again when it opens or the language changes, and the pages that
listen to the devices connect to them once the Devices area exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from kiosk.errors import KioskError
from kiosk.outbox import Outbox
from kiosk.technician import audit
from ui.gui_thread import GuiThread

if TYPE_CHECKING:
    from kiosk.storage import Storage
    from ui.catalog import CatalogAreas
    from ui.devices_backend import Devices
    from ui.sync_backend import Sync
    from ui.technician.shell import Technician


class Context:
    """The kiosk as the technician's objects see it; no page state lives here."""

    def __init__(
        self, backends: Any, *, devices: Devices, sync: Sync, catalog: CatalogAreas
    ) -> None:
        self.backends = backends
        self.config = backends.config
        self.i18n = backends.i18n
        self.navigator = backends.navigator
        self.sessions = backends.sessions
        self.devices = devices
        self.sync = sync
        self.catalog = catalog
        self.gui = GuiThread()  # probe and enrollment results come back through it

    @property
    def storage(self) -> Storage:
        return self.backends.storage  # type: ignore[no-any-return]

    def lang(self) -> str:
        return str(self.i18n.language)

    def t(self, key: str, **params: object) -> str:
        """``key`` in the page's language."""
        return str(self.i18n.tf(key, "", params) if params else self.i18n.t(key, ""))

    def error_text(self, exc: KioskError) -> str:
        return str(self.i18n.error_text(exc))

    def outbox(self) -> Outbox:
        """Built when asked: provisioning may change the kiosk code meanwhile."""
        return Outbox(self.storage, self.config.kiosk.code)

    def audit(self, action: str, detail: str = "") -> None:
        audit.record(self.storage, action, detail)

    def end_session(self, reason: str) -> None:
        """Back to the attract screen with everything wiped (the app shell's endSession)."""
        self.backends.shell.endSession(reason)


class Page(QObject):
    """One technician page: what it lists, and what it listens to."""

    def __init__(self, ctx: Context, shell: Technician) -> None:
        super().__init__()
        self.ctx = ctx
        self.shell = shell

    def refresh(self) -> None:
        """List the page's rows again (the page opened, the language changed)."""

    def wire(self, devices: Any) -> None:
        """Connect to the Devices area, once, when technician mode first opens."""


class PrintingPage(Page):
    """A page that prints (test print, reprint) and says the printer's answer.

    Each such page waits for its own print only: another area's receipt
    finishing meanwhile says nothing here.
    """

    def __init__(self, ctx: Context, shell: Technician) -> None:
        super().__init__(ctx, shell)
        self._expecting_print = False

    def wire(self, devices: Any) -> None:
        devices.printFinished.connect(self._on_printed)

    def expect_print(self) -> None:
        """The next print to finish is this page's: say how it went."""
        self._expecting_print = True

    def _on_printed(self, ok: bool, key: str) -> None:
        if not (self.shell.active and self._expecting_print):
            return
        self._expecting_print = False
        t = self.ctx.t
        self.shell.say(t("tech.devices.printed") if ok else t(key or "error.device"))
