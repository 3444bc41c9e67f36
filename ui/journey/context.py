"""What every area of the journey needs from the kiosk, built once by the factory.

The areas (Visit, Identify, Apply, Receipt, Progress, Proofs, Evaluation) are
QObjects for QML; the domain services they call (outbox, ApplicationService,
progress query, platform gateway, service catalog) are plain Python and shared,
so they live here rather than in any one area. ``use_storage`` points them all
at another database at once: the tour writes its applications to a throwaway
one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.applications import ApplicationService
from kiosk.catalog.model import Service
from kiosk.errors import KioskError
from kiosk.i18n import translate
from kiosk.identity import Identity
from kiosk.outbox import Outbox
from kiosk.platform import PlatformGateway
from kiosk.progress import ProgressQuery
from kiosk.services import ServiceSource
from sync.admission import ensure_can_accept
from ui.gui_thread import GuiThread

if TYPE_CHECKING:
    from kiosk.storage import Storage


class Context:
    """The kiosk's services for the journey; no visit state lives here."""

    def __init__(
        self,
        backends: Any,
        services: ServiceSource,
        gateway: PlatformGateway,
        catalog: Any = None,
    ) -> None:
        self.config = backends.config
        self.sessions = backends.sessions
        self.i18n = backends.i18n
        self.navigator = backends.navigator
        self.shell = backends.shell
        self.services = services  # the catalog store: the only source of services
        self.gateway = gateway
        self.catalog = catalog  # the Guide area: the service the resident last read
        self.devices: Any = None  # the Devices area, once attached
        self.gui = GuiThread()  # worker results (A4 jobs) come back through it
        self.use_storage(backends.storage)

    def use_storage(self, storage: Storage) -> None:
        """Write and read applications in ``storage`` (one ApplicationService for all submits)."""
        self.storage = storage
        self.outbox = Outbox(storage, self.config.kiosk.code)
        self.progress = ProgressQuery(storage, self.outbox)
        self.apps = ApplicationService(
            storage, self.outbox, self.config, self.services, admission=self.admit
        )

    def admit(self) -> None:
        """Raise when the kiosk cannot keep another application (backlog, disk)."""
        ensure_can_accept(self.outbox, self.config)

    @property
    def a4_dir(self) -> Path:
        return Path(self.config.data_dir) / "a4"

    @property
    def screen(self) -> str:
        return str(self.navigator.screen)

    def lang(self) -> str:
        return str(self.i18n.language)

    def t(self, key: str, **params: Any) -> str:
        """``key`` in the screen's language; an empty key is no message."""
        return translate(key, self.lang(), **params) if key else ""

    def identity(self) -> Identity | None:
        ident = self.sessions.current.identity
        return ident if isinstance(ident, Identity) else None

    def lookup(self, code: str) -> Service | None:
        """The catalog's current service ``code``, or None when the catalog lacks it."""
        try:
            return self.services.service(code)
        except KioskError:
            return None

    def service_name(self, code: str) -> str:
        """The service's name in the screen's language, or its code when unknown."""
        found = self.lookup(code)
        return found.name(self.lang()) if found is not None else code
