"""What the platform prints for the resident, as QML sees it (singleton ``Proofs``).

Proofs (社保参保证明 ...) fetched live and sent to A4, or, offline, a QR to get
them later; and cases started on the phone, picked up here by their code:
their receipt printed, their documents sent to A4. Which services are proofs
is the domain's decision (``kiosk.proofs``).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.applications import platform_base_url
from kiosk.errors import KioskError
from kiosk.proofs import proof_services
from kiosk.receipts import phone_case_receipt
from ui.journey.context import Context
from ui.journey.models import ProofServicesModel
from ui.journey.receipt import Receipt, qr_matrix
from ui.journey.visit import Visit

log = logging.getLogger(__name__)


class Proofs(QObject):
    qrChanged = Signal()  # qrUrl, qrSize, qrModules: where to get a proof later
    phoneCaseChanged = Signal()  # phoneCaseFound, phoneCaseHasDocuments

    def __init__(
        self, ctx: Context, visit: Visit, receipt: Receipt, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.visit = visit
        self.receipt = receipt
        self._services = ProofServicesModel(self)
        self._qr_url = ""
        self._qr: tuple[int, list[int]] = (0, [])
        self._phone_case: Any = None
        self.identify: Any = None  # set by the journey: a phone draft continues there
        ctx.i18n.languageChanged.connect(self._list_services)
        ctx.navigator.screenChanged.connect(self._on_screen)
        ctx.sessions.on_wipe(self.wipe)
        self._list_services()

    def wipe(self) -> None:
        self._qr_url, self._qr = "", (0, [])
        self._phone_case = None
        self.qrChanged.emit()
        self.phoneCaseChanged.emit()

    def _on_screen(self) -> None:
        if self.ctx.screen == "Proofs":
            self._list_services()  # a sync may have brought another catalog

    # -- proofs --------------------------------------------------------------------
    def _list_services(self) -> None:
        services = self.ctx.services
        listing = getattr(services, "all_services_az", None) or getattr(services, "all", None)
        rows: list[dict[str, str]] = []
        if callable(listing):
            en = self.ctx.lang() == "en"
            try:
                for s in proof_services(listing()):
                    rows.append({"code": s.code, "name": (s.name_en if en else "") or s.name_zh})
            except KioskError as exc:
                log.warning("listing the proofs failed: %s", exc.detail)
        self._services.set_rows(rows)

    @Property(QObject, constant=True)
    def proofServices(self) -> ProofServicesModel:
        return self._services

    @Slot(str)
    def printProof(self, code: str) -> None:
        ctx, visit = self.ctx, self.visit
        ident = ctx.identity()
        if ident is None:
            visit.set_error("proofs.need_identity")
            return
        if not visit.online:
            base = platform_base_url(ctx.storage, ctx.config)
            self._qr_url = f"{base}/proofs/{code}" if base else ""
            self._qr = qr_matrix(self._qr_url) if base else (0, [])
            self.qrChanged.emit()
            visit.set_error("proofs.offline")
            return
        try:
            pdf = ctx.gateway.fetch_proof(code, ident)
        except KioskError as exc:
            visit.fail(exc)
            return
        path = self.receipt.spool("proof-", pdf)
        visit.clear_error()
        visit.mark_done(code)
        manager = self.receipt.a4_manager()
        if manager is None:
            self.receipt.a4_done("proofs.saved")
            return
        self.receipt.send_a4(manager, path, "proofs.printed", "proofs.saved")

    @Property(str, notify=qrChanged)
    def qrUrl(self) -> str:
        return self._qr_url

    @Property(int, notify=qrChanged)
    def qrSize(self) -> int:
        return self._qr[0]

    @Property(list, notify=qrChanged)
    def qrModules(self) -> list[int]:
        """Modules for QrCanvas: a drawing's pixels, not a list the screen repeats."""
        return self._qr[1]

    # -- cases started on the phone ------------------------------------------------
    @Slot(str)
    def acceptCode(self, code: str) -> None:
        """A code scanned on the phone-case screen: that case."""
        if self.ctx.screen == "PhoneCase":
            self.fetchPhoneCase(code)

    @Slot(str)
    def fetchPhoneCase(self, code: str) -> None:
        if not self.visit.online:
            self.visit.set_error("phone.offline")
            return
        try:
            case = self.ctx.gateway.fetch_phone_case(code[:4096])
        except KioskError as exc:
            self.visit.fail(exc)
            return
        if case.is_draft:
            self._continue_draft(case)
            return
        self._phone_case = case
        self.phoneCaseChanged.emit()
        self.visit.set_notice("phone.found", tracking=case.tracking_no)
        self.visit.clear_error()

    def _continue_draft(self, draft: Any) -> None:
        """An application started on the phone: its service, then the card read
        (which must carry the declared ID number), then the prefilled form."""
        identify = self.identify
        if identify is None:
            return
        identify.selectService(draft.service_code)
        service = self.visit.service
        if service is None:
            return  # selectService said the service is unknown here
        identify.apply.continue_phone_draft(draft)
        ident = self.ctx.identity()
        if ident is not None and not identify.apply.identity_matches_draft(ident):
            identify.forgetIdentity()  # the visit's identity is not the phone's resident
        self.ctx.navigator.go("Identify")
        if identify.admit():
            self.visit.set_notice("phone.draft.found", service=service.name(self.ctx.lang()))

    @Property(bool, notify=phoneCaseChanged)
    def phoneCaseFound(self) -> bool:
        return self._phone_case is not None

    @Property(bool, notify=phoneCaseChanged)
    def phoneCaseHasDocuments(self) -> bool:
        return bool(self._phone_case is not None and self._phone_case.documents)

    @Slot()
    def printPhoneReceipt(self) -> None:
        case = self._phone_case
        if case is None:
            return
        ctx = self.ctx
        self.visit.mark_done(case.service_code)
        self.receipt.print_content(
            phone_case_receipt(
                case,
                ctx.service_name(case.service_code),
                ctx.config.kiosk.code,
                platform_base_url(ctx.storage, ctx.config),
                ctx.lang(),
            )
        )

    @Slot()
    def printPhoneDocuments(self) -> None:
        case = self._phone_case
        if case is None or not case.documents:
            return
        manager = self.receipt.a4_manager()
        for _title, pdf in case.documents:
            path = self.receipt.spool("case-", pdf)
            if manager is None:
                self.receipt.a4_done("phone.docs_saved")
                continue
            self.receipt.send_a4(manager, path, "phone.printed", "phone.docs_saved")
