"""What the visit prints, as QML sees it (singleton ``Receipt``).

The application's tracking number and the QR to the phone, the receipt
printer's outcome, and A4 jobs (the application's copy, proofs, a phone
case's documents). The receipt is printed only after the outbox commit, so a
failed print never endangers the application: the screen says it is safe.

A4 jobs finish on a device worker; their outcome comes back to the GUI thread
through ``Context.gui``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk import a4_spool
from kiosk.applications import Submission, case_url, platform_base_url
from kiosk.receipts import ReceiptContent, application_receipt
from ui.journey.context import Context
from ui.models import LabelValueModel

# The A4 outcomes that mean paper came out; every other outcome needs the staff.
A4_PRINTED = (
    "submitted.a4.done", "proofs.printed", "phone.printed", "progress.certificate.printed"
)


def qr_matrix(text: str) -> tuple[int, list[int]]:
    """The QR code's modules, row by row, for a QML Canvas to draw (no image files)."""
    import qrcode  # with PIL about 130 ms: loaded once the kiosk is ready (ui/app.py)

    qr = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(text)
    qr.make(fit=True)
    rows = qr.get_matrix()
    return len(rows), [1 if cell else 0 for row in rows for cell in row]


class Receipt(QObject):
    submissionChanged = Signal()  # trackingNo, qrUrl, qrSize, qrModules: set by one submit
    printChanged = Signal()  # printState, printMessage
    a4Changed = Signal()  # a4Message, a4Printed
    receiptReady = Signal()  # the receipt printer answered (tests and the tour wait)

    def __init__(self, ctx: Context, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._lines = LabelValueModel(self)
        ctx.i18n.languageChanged.connect(self._retranslate)
        ctx.sessions.on_wipe(self.wipe)
        self._reset()

    def _reset(self) -> None:
        self._submission: Submission | None = None
        self._qr_url = ""
        self._qr: tuple[int, list[int]] = (0, [])
        self._print_state = ""  # "", printing, printed, failed
        self._print_reason = ""
        self._waiting_print = False
        self._a4_state = ""  # a message key once an A4 job has an outcome
        self._copy_rows: list[tuple[str, str]] = []  # masked answers for the A4 copy
        self.last_receipt: ReceiptContent | None = None
        self.last_pdf: Path | None = None
        self._lines.clear()

    def wipe(self) -> None:
        self._reset()
        self.submissionChanged.emit()
        self.printChanged.emit()
        self.a4Changed.emit()

    def _retranslate(self) -> None:
        self.printChanged.emit()
        self.a4Changed.emit()

    # -- the application's receipt -------------------------------------------------
    def show_application(
        self, sub: Submission, service_name: str, copy_rows: list[tuple[str, str]]
    ) -> None:
        """A submit committed: its tracking number, the QR to the case, the receipt."""
        ctx = self.ctx
        self._submission = sub
        base = platform_base_url(ctx.storage, ctx.config)
        self._qr_url = case_url(base, sub.client_id)
        self._qr = qr_matrix(self._qr_url) if self._qr_url else (0, [])
        self._copy_rows = list(copy_rows)
        self._set_receipt(
            application_receipt(
                sub, service_name, ctx.config.kiosk.name, ctx.config.kiosk.code, base, ctx.lang()
            )
        )
        self.submissionChanged.emit()

    def copy_rows(self) -> list[tuple[str, str]]:
        """The masked answers the A4 copy shows."""
        return list(self._copy_rows)

    def _set_receipt(self, receipt: ReceiptContent) -> None:
        self.last_receipt = receipt
        self._lines.set_rows([{"label": a, "value": b} for a, b in receipt.lines])

    def print_content(self, receipt: ReceiptContent) -> None:
        """Print another receipt of the visit (a phone case's)."""
        self._set_receipt(receipt)
        self.printReceipt()

    @Slot()
    def printReceipt(self) -> None:
        receipt = self.last_receipt
        if receipt is None:
            return
        devices = self.ctx.devices
        if devices is None:
            self._print_state, self._print_reason = "failed", "error.device.not_found"
            self.printChanged.emit()
            self.receiptReady.emit()
            return
        from devices.receipt import document_from_content

        doc = document_from_content(receipt)
        self._print_state, self._print_reason = "printing", ""
        self._waiting_print = True
        self.printChanged.emit()
        devices.printReceipt(doc)

    def print_finished(self, ok: bool, key: str) -> None:
        """The receipt printer's answer (Devices.printFinished)."""
        if not self._waiting_print:
            return  # a technician's reprint, not this visit's receipt
        self._waiting_print = False
        self._print_state = "printed" if ok else "failed"
        self._print_reason = key
        self.printChanged.emit()
        self.receiptReady.emit()

    @Property(str, notify=submissionChanged)
    def trackingNo(self) -> str:
        return self._submission.tracking_no if self._submission else ""

    @Property(str, notify=submissionChanged)
    def qrUrl(self) -> str:
        return self._qr_url

    @Property(int, notify=submissionChanged)
    def qrSize(self) -> int:
        return self._qr[0]

    @Property(list, notify=submissionChanged)
    def qrModules(self) -> list[int]:
        """Modules for QrCanvas: a drawing's pixels, not a list the screen repeats."""
        return self._qr[1]

    @Property(str, notify=printChanged)
    def printState(self) -> str:
        return self._print_state

    @Property(str, notify=printChanged)
    def printMessage(self) -> str:
        t = self.ctx.t
        if self._print_state == "printing":
            return t("submitted.printing")
        if self._print_state == "printed":
            return t("submitted.printed")
        if self._print_state == "failed":
            reason = t(self._print_reason or "error.device")
            if "{" in reason:  # a device message that wants details we do not have
                reason = t("error.device")
            return t("submitted.print_failed", reason=reason)
        return ""

    @Property(QObject, constant=True)
    def receiptLines(self) -> LabelValueModel:
        return self._lines

    # -- A4 ------------------------------------------------------------------------
    @Slot()
    def printA4(self) -> None:
        """Render the A4 copy (masked data only) and hand it to CUPS, or keep it."""
        receipt = self.last_receipt
        if receipt is None:
            return
        from kiosk.pdf import application_copy_pdf

        copy = dataclasses.replace(receipt, title=self.ctx.t("a4.title"))
        pdf = application_copy_pdf(copy, self._copy_rows)
        path = self.spool(f"{self.trackingNo or 'copy'}-", pdf)
        manager = self.a4_manager()
        if manager is None or not hasattr(manager, "print_a4"):
            self.a4_done("submitted.a4.saved")
            return
        self._a4_state = "printing"
        self.send_a4(manager, path, "submitted.a4.done", "submitted.a4.saved")

    def a4_manager(self) -> Any:
        """The device manager that prints A4, or None without devices."""
        return getattr(self.ctx.devices, "manager", None)

    def spool(self, prefix: str, pdf: bytes) -> Path:
        """Keep ``pdf`` privately in the A4 folder until CUPS has it."""
        self.last_pdf = a4_spool.spool(self.ctx.a4_dir, prefix, pdf)
        return self.last_pdf

    def send_a4(self, manager: Any, pdf: Path, done_key: str, kept_key: str) -> None:
        """Hand a spooled PDF to CUPS; once it has the job, our copy goes."""
        gui = self.ctx.gui

        def finished(future: Any) -> None:  # on the device worker's thread
            if future.exception():
                gui.post(self.a4_done, kept_key)
            else:
                a4_spool.printed(pdf)
                gui.post(self.a4_done, done_key)

        manager.print_a4(pdf).add_done_callback(finished)

    def a4_done(self, key: str) -> None:
        self._a4_state = key
        self.a4Changed.emit()

    @Property(str, notify=a4Changed)
    def a4Message(self) -> str:
        return self.ctx.t(self._a4_state) if "." in self._a4_state else ""

    @Property(bool, notify=a4Changed)
    def a4Printed(self) -> bool:
        """Only a job CUPS took is a success; a copy kept for the staff is a warning."""
        return self._a4_state in A4_PRINTED
