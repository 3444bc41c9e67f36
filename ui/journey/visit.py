"""The visit's shared state as QML sees it (singleton ``Visit``).

What several screens show at once lives here: the service picked, the
masked identity, whether the card still lies on the reader, whether the
platform answers, what this visit has done (for the rating), and the one
message line of the screen being shown. That message belongs to the screen,
not to the area that raised it (a card refused by the reader is explained on
whatever screen the resident is on), and leaving the screen clears it.

No ``Identity`` is kept here: it lives in the session
(``SessionManager.current.identity``). ``wipe`` drops the rest; the session
manager calls it on finish and on the idle timeout.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Property, QObject, Signal

from kiosk.catalog.model import Service
from kiosk.errors import KioskError
from kiosk.identity import Identity, IdentitySource
from kiosk.platform import PlatformGateway
from ui.journey.context import Context

log = logging.getLogger(__name__)


class Visit(QObject):
    serviceChanged = Signal()  # serviceCode, serviceName, allowManual
    identityChanged = Signal()  # identified, maskedName, maskedIdNumber
    takeCardChanged = Signal()
    onlineChanged = Signal()
    errorChanged = Signal()
    noticeChanged = Signal()
    doneChanged = Signal()  # what the visit did: the rating's subject

    def __init__(self, ctx: Context, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._service: Service | None = None
        self._error = ""  # message key of the current screen's problem
        self._error_params: dict[str, Any] = {}
        self._notice = ""  # message key of a neutral notice (a case found ...)
        self._notice_params: dict[str, Any] = {}
        self._card_on_reader = False  # the card read for this visit still lies there
        self._done = ""  # a service code once something was done, else ""
        self._application_id = ""  # the client id of the application sent
        ctx.i18n.languageChanged.connect(self._retranslate)
        ctx.navigator.screenChanged.connect(self._on_screen)
        ctx.sessions.on_wipe(self.wipe)

    # -- service -------------------------------------------------------------------
    @property
    def service(self) -> Service | None:
        return self._service

    def set_service(self, service: Service | None) -> None:
        self._service = service
        self.serviceChanged.emit()

    @Property(str, notify=serviceChanged)
    def serviceCode(self) -> str:
        return self._service.code if self._service else ""

    @Property(str, notify=serviceChanged)
    def serviceName(self) -> str:
        return self._service.name(self.ctx.lang()) if self._service else ""

    @Property(bool, notify=serviceChanged)
    def allowManual(self) -> bool:
        return bool(self._service and self._service.allow_manual)

    # -- identity ------------------------------------------------------------------
    def identity(self) -> Identity | None:
        return self.ctx.identity()

    def set_identity(self, identity: Identity | None) -> None:
        """The visit's one identity (None forgets it); an earlier one is wiped."""
        old = self.identity()
        if old is not None and old is not identity:
            old.wipe()
        self.ctx.sessions.current.identity = identity
        if identity is None:
            self._card_on_reader = False
        self.identityChanged.emit()
        self.takeCardChanged.emit()

    def set_card_on_reader(self, on_reader: bool) -> None:
        if on_reader != self._card_on_reader:
            self._card_on_reader = on_reader
            self.takeCardChanged.emit()

    @Property(bool, notify=identityChanged)
    def identified(self) -> bool:
        return self.identity() is not None

    @Property(str, notify=identityChanged)
    def maskedName(self) -> str:
        ident = self.identity()
        return ident.masked_name if ident else ""

    @Property(str, notify=identityChanged)
    def maskedIdNumber(self) -> str:
        ident = self.identity()
        return ident.masked_id_number if ident else ""

    @Property(bool, notify=takeCardChanged)
    def takeCard(self) -> bool:
        """Read, and still on the reader: ask for it to be taken back (请取回身份证)."""
        ident = self.identity()
        by_card = ident is not None and ident.source is IdentitySource.CARD
        return self._card_on_reader and by_card

    # -- platform ------------------------------------------------------------------
    def use_gateway(self, gateway: PlatformGateway) -> None:
        """Talk to the platform through ``gateway`` (tests answer in-process)."""
        self.ctx.gateway = gateway
        self.onlineChanged.emit()

    def refresh_online(self) -> None:
        """The platform's reachability may have changed (a sync cycle ended)."""
        self.onlineChanged.emit()

    @Property(bool, notify=onlineChanged)
    def online(self) -> bool:
        try:
            return bool(self.ctx.gateway.online())
        except Exception:  # a broken client must not break the screen
            log.exception("platform gateway online() failed")
            return False

    # -- the screen's message ------------------------------------------------------
    @property
    def error_key(self) -> str:
        return self._error

    def set_error(self, key: str, **params: Any) -> None:
        self._error, self._error_params = key, params
        self.errorChanged.emit()

    def clear_error(self) -> None:
        if self._error:
            self.set_error("")

    def fail(self, exc: KioskError) -> None:
        """Say what went wrong in the resident's words (never a traceback)."""
        self.set_error(exc.key, **{k: v for k, v in exc.params.items() if k != "field"})

    def set_notice(self, key: str, **params: Any) -> None:
        self._notice, self._notice_params = key, params
        self.noticeChanged.emit()

    @Property(str, notify=errorChanged)
    def error(self) -> str:
        return self.ctx.t(self._error, **self._error_params)

    @Property(str, notify=noticeChanged)
    def notice(self) -> str:
        return self.ctx.t(self._notice, **self._notice_params)

    # -- what the visit did --------------------------------------------------------
    @property
    def done(self) -> str:
        return self._done

    @property
    def application_id(self) -> str:
        return self._application_id

    def mark_done(self, service_code: str, application_id: str = "") -> None:
        """The visit did ``service_code`` (and sent ``application_id``): the rating names it."""
        self._done = service_code
        if application_id:
            self._application_id = application_id
        self.doneChanged.emit()

    # -- life cycle ----------------------------------------------------------------
    def _on_screen(self) -> None:
        """A screen's messages belong to it: leaving it clears them."""
        if self._error or self._notice:
            self.set_error("")
            self.set_notice("")
        self.onlineChanged.emit()  # each screen reads the platform's state afresh

    def _retranslate(self) -> None:
        self.serviceChanged.emit()
        self.errorChanged.emit()
        self.noticeChanged.emit()

    def wipe(self) -> None:
        """Drop everything of the visit; called by SessionManager.wipe."""
        self._service = None
        self._error, self._error_params = "", {}
        self._notice, self._notice_params = "", {}
        self._card_on_reader = False
        self._done = ""
        self._application_id = ""
        for signal in (
            self.serviceChanged,
            self.identityChanged,
            self.takeCardChanged,
            self.errorChanged,
            self.noticeChanged,
            self.doneChanged,
        ):
            signal.emit()
