"""Where an application stands, as QML sees it (singleton ``Progress``).

By tracking number (typed, or the receipt's QR scanned here) or by the ID
card; offline the kiosk shows the last state it synced and says how old it is.
A case whose certificate the platform issued offers it on A4 (``printCertificate``).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.errors import KioskError
from kiosk.progress import CaseView
from kiosk.receipts import local_time
from ui.journey.context import Context
from ui.journey.models import CasesModel
from ui.journey.receipt import Receipt
from ui.journey.visit import Visit

SCREEN = "Progress"


class Progress(QObject):
    searchedChanged = Signal()
    lastSyncChanged = Signal()

    def __init__(
        self, ctx: Context, visit: Visit, receipt: Receipt | None = None,
        parent: QObject | None = None,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx = ctx
        self.visit = visit
        self.receipt = receipt  # prints a certificate on A4
        self._cases = CasesModel(self)
        self._found: list[CaseView] = []
        self._searched = False
        visit.identityChanged.connect(self._on_identity)
        ctx.i18n.languageChanged.connect(self._retranslate)
        ctx.navigator.screenChanged.connect(self._on_screen)
        ctx.sessions.on_wipe(self.wipe)

    def wipe(self) -> None:
        self._show([], searched=False)

    def _on_screen(self) -> None:
        if self.ctx.screen == SCREEN:
            self.lastSyncChanged.emit()

    def _on_identity(self) -> None:
        """A card laid on the reader while this screen shows: its cases, at once."""
        if self.ctx.screen == SCREEN and self.ctx.identity() is not None:
            self.queryProgressByCard()

    def _retranslate(self) -> None:
        self._show(self._found, self._searched)
        self.lastSyncChanged.emit()

    def _show(self, found: list[CaseView], searched: bool) -> None:
        self._found = list(found)
        ctx = self.ctx
        self._cases.set_rows(
            [
                {
                    "trackingNo": case.tracking_no,
                    "service": ctx.service_name(case.service_code),
                    "maskedName": case.masked_name,
                    "status": ctx.t(case.status_key),
                    "created": local_time(dt.datetime.fromisoformat(case.created_at)),
                    "caseNumber": case.case_number,
                    "certificate": case.has_certificate and self.receipt is not None,
                }
                for case in self._found
            ]
        )
        if searched != self._searched:
            self._searched = searched
            self.searchedChanged.emit()

    @Slot(str)
    def queryProgress(self, text: str) -> None:
        try:
            found = self.ctx.progress.lookup(text[:600])
        except KioskError as exc:
            self._show([], searched=False)
            self.visit.fail(exc)
            return
        self._show([found] if found else [], searched=True)
        self.visit.clear_error()
        self.lastSyncChanged.emit()

    @Slot()
    def queryProgressByCard(self) -> None:
        ident = self.ctx.identity()
        if ident is None:
            self.visit.set_error("proofs.need_identity")
            return
        self._show(self.ctx.progress.by_id_number(ident.id_number), searched=True)
        self.visit.clear_error()
        self.lastSyncChanged.emit()

    @Slot(str)
    def printCertificate(self, tracking_no: str) -> None:
        """Fetch the case's certificate from the platform and send it to A4 (or keep
        it for the staff and say so, as a proof is)."""
        case = next((c for c in self._found if c.tracking_no == tracking_no), None)
        receipt = self.receipt
        if case is None or receipt is None or not case.has_certificate:
            return
        try:
            pdf = self.ctx.gateway.fetch_certificate(case.client_id)
        except KioskError as exc:
            self.visit.fail(exc)
            return
        path = receipt.spool("certificate-", pdf)
        self.visit.clear_error()
        manager = receipt.a4_manager()
        if manager is None or not hasattr(manager, "print_a4"):
            receipt.a4_done("progress.certificate.saved")
            return
        receipt.send_a4(manager, path, "progress.certificate.printed",
                        "progress.certificate.saved")  # fmt: skip

    @Slot(str)
    def acceptCode(self, code: str) -> None:
        """A code scanned on this screen: the receipt's QR or a tracking number."""
        if self.ctx.screen == SCREEN:
            self.queryProgress(code)

    @Property(QObject, constant=True)
    def cases(self) -> CasesModel:
        return self._cases

    @Property(bool, notify=searchedChanged)
    def progressSearched(self) -> bool:
        return self._searched

    @Property(str, notify=lastSyncChanged)
    def lastSyncText(self) -> str:
        last = self.ctx.progress.last_sync()
        if last is None:
            return self.ctx.t("progress.never_synced")
        return self.ctx.t("progress.last_sync", time=local_time(last))
