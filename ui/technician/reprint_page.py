"""QML singleton ``TechReprint``: a recent application's receipt, printed again.

The receipt is rebuilt from the outbox index (``kiosk.technician.reprint``,
which audits it) with the service's name from the catalog, then queued on the
receipt printer; the printer's answer is said on the message line.
"""

from __future__ import annotations

from PySide6.QtCore import Slot

from kiosk.errors import KioskError
from kiosk.technician.reprint import reprint, service_names
from ui.technician.context import PrintingPage


class TechReprint(PrintingPage):
    """Reprint by tracking number."""

    @Slot(str)
    def reprintReceipt(self, tracking_no: str) -> None:
        lang = self.ctx.lang()
        store = self.ctx.catalog.store
        try:
            content = reprint(
                self.ctx.storage, self.ctx.config, tracking_no, service_names(store, lang), lang
            )
        except KioskError as exc:
            self.shell.say(self.ctx.error_text(exc))
            return
        devices = self.ctx.devices
        if devices is None:
            self.shell.say(self.ctx.t("error.device.not_found"))
            return
        from devices.receipt import document_from_content

        self.expect_print()
        devices.printReceipt(document_from_content(content))
        self.shell.say(self.ctx.t("tech.reprint.printing", tracking_no=tracking_no.strip().upper()))
