"""Who the resident is, as QML sees it (singleton ``Identify``).

An ID card laid on the reader, the resident's phone code (needs the
platform), or a typed name and ID number where the service allows it. One
identity per visit: a card laid down once someone is identified is read for
the next visit, or after "change identity". The identity goes to the session;
the Visit shows it masked.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.errors import KioskError
from kiosk.identity import Identity, manual_identity
from ui.journey.application import Apply
from ui.journey.context import Context
from ui.journey.visit import Visit

log = logging.getLogger(__name__)

SCREEN = "Identify"


class Identify(QObject):
    phoneModeChanged = Signal()

    def __init__(
        self, ctx: Context, visit: Visit, apply: Apply, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.visit = visit
        self.apply = apply
        self._phone_mode = False
        ctx.navigator.screenChanged.connect(self._on_screen)
        ctx.sessions.on_wipe(self.wipe)

    def attach_devices(self, devices: Any) -> None:
        """Cards in and out, refused cards, and codes scanned on this screen."""
        devices.cardInserted.connect(self.acceptCard)
        devices.cardRemoved.connect(self.onCardRemoved)
        devices.cardRejected.connect(lambda key: self.visit.set_error(key))
        devices.codeScanned.connect(self.acceptCode)

    def wipe(self) -> None:
        self._set_phone_mode(False)

    def _set_phone_mode(self, on: bool) -> None:
        if on != self._phone_mode:
            self._phone_mode = on
            self.phoneModeChanged.emit()

    @Property(bool, notify=phoneModeChanged)
    def phoneMode(self) -> bool:
        return self._phone_mode

    # -- the service to apply for --------------------------------------------------
    @Slot(str)
    def selectService(self, code: str) -> None:
        service = self.ctx.lookup(code)
        self.visit.set_service(service)
        if service is None:
            self.visit.set_error("error.submit.unknown_service")
        else:
            self.visit.clear_error()
        self.apply.reset()

    @Slot(str)
    def startApply(self, code: str) -> None:
        """From a service guide's Apply button: pick the service, then identify."""
        self.selectService(code)
        if self.visit.service is not None:
            self.ctx.navigator.go(SCREEN)
            self.admit()  # says at once when the kiosk cannot take an application

    def _on_screen(self) -> None:
        """Arriving here from a service guide takes the exact version read there,
        and a card still on the reader is read for this visit."""
        if self.ctx.screen != SCREEN:
            return
        if self.ctx.identity() is None:
            self._rearm_card()
        picked = getattr(self.ctx.catalog, "selected_service", None)
        service = picked() if callable(picked) else None
        if service is None:
            return
        current = self.visit.service
        if current is None or (service.code, service.version) != (current.code, current.version):
            self.visit.set_service(service)
            self.apply.reset()
            self.visit.clear_error()

    def admit(self) -> bool:
        """Backlog too old or disk nearly full: refuse before the resident fills a form."""
        try:
            self.ctx.admit()
        except KioskError as exc:
            self.visit.fail(exc)
            return False
        return True

    # -- identities ----------------------------------------------------------------
    def _accept(self, identity: Identity) -> bool:
        try:
            identity.check()
        except KioskError as exc:
            identity.wipe()
            self.visit.fail(exc)
            return False
        if not self.apply.identity_matches_draft(identity):
            identity.wipe()  # someone else's card: the phone's application is not theirs
            self.visit.set_error("phone.draft.id_mismatch")
            return False
        self.visit.clear_error()
        self._set_phone_mode(False)
        self.visit.set_identity(identity)
        log.info("identified by %s", identity.source.value)
        return True

    @Slot(object)
    def acceptCard(self, identity: Identity) -> None:
        """A card read. One identity per visit: a card laid down once someone is
        identified is not taken (it is read for the next visit, or after
        "change identity")."""
        if self.ctx.identity() is not None or self.ctx.screen == "Attract":
            identity.wipe()
            return
        if self._accept(identity):
            self.visit.set_card_on_reader(True)

    @Slot()
    def onCardRemoved(self) -> None:
        """The resident took the card back, as asked: the visit goes on."""
        self.visit.set_card_on_reader(False)

    def _rearm_card(self) -> None:
        """Let the reader report the card lying on it again (a new visit, a new identity)."""
        rearm = getattr(self.ctx.devices, "rearmCard", None)
        if callable(rearm):
            rearm()

    @Slot(str, str)
    def identifyManual(self, name: str, id_number: str) -> None:
        if not self.visit.allowManual:
            self.visit.set_error("identify.manual.not_allowed")
            return
        try:
            identity = manual_identity(name[:64], id_number[:64])
        except KioskError as exc:
            self.visit.fail(exc)
            return
        self._accept(identity)

    @Slot()
    def usePhoneQr(self) -> None:
        if not self.visit.online:
            self._set_phone_mode(False)
            self.visit.set_error("identify.phone.offline")
            return
        self._set_phone_mode(True)
        self.visit.clear_error()

    @Slot(str)
    def acceptCode(self, code: str) -> None:
        """A code scanned on this screen: the resident's phone identity QR."""
        if self.ctx.screen != SCREEN:
            return  # Progress and Proofs read the codes scanned on theirs
        if not self.visit.online:
            self.visit.set_error("identify.phone.offline")
            return
        try:
            identity = self.ctx.gateway.resolve_phone_qr(code[:4096])
        except KioskError as exc:
            self.visit.fail(exc)
            return
        self._accept(identity)

    @Slot()
    def forgetIdentity(self) -> None:
        ident = self.ctx.identity()
        if ident is not None:
            ident.wipe()
        self.visit.set_identity(None)
        self.apply.form.wipe()
        if self.ctx.screen == SCREEN:
            self._rearm_card()

    @Slot()
    def continueAfterIdentify(self) -> None:
        service = self.visit.service
        if service is None:
            self.visit.set_error("journey.no_service")
            return
        if self.ctx.identity() is None:
            self.visit.set_error("error.submit.no_identity")
            return
        if service.needs_online:
            self.ctx.navigator.go("Proofs")
            return
        if not self.admit():
            return
        self.apply.open_form()
        self.visit.clear_error()
        self.ctx.navigator.go("Form")
