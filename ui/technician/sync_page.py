"""QML singleton ``TechSync``: the sync page.

The queue's figures (enrolled, online, depth, oldest, last sync, quarantined),
the quarantined items with their reasons, and three actions: sync now, retry
one item (back in the queue), export one (still sealed) to a USB drive. The
figures come from ``sync.service.status_snapshot``; what the page lists and
how a moment reads is ``kiosk.technician.pages``'.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Property, QObject, Slot

from kiosk.errors import KioskError
from kiosk.technician import pages, sync_tools
from kiosk.technician.logs import removable_drives
from ui.technician.context import Context, Page
from ui.technician.models import LabelValueModel, QuarantinedModel
from ui.technician.shell import Technician


class TechSync(Page):
    """The outbox and the sync service as the technician sees and nudges them."""

    def __init__(self, ctx: Context, shell: Technician) -> None:
        super().__init__(ctx, shell)
        self._rows = LabelValueModel(self)
        self._quarantined = QuarantinedModel(self)

    def _get_rows(self) -> LabelValueModel:
        return self._rows

    def _get_quarantined(self) -> QuarantinedModel:
        return self._quarantined

    rows = Property(QObject, _get_rows, constant=True)
    quarantined = Property(QObject, _get_quarantined, constant=True)

    def refresh(self) -> None:
        from sync.service import status_snapshot  # the sync client: after the first frame

        lang = self.ctx.lang()
        sync = self.ctx.sync
        online = bool(sync.property("online")) if sync is not None else False
        snapshot = status_snapshot(self.ctx.storage, self.ctx.config)
        self._rows.set_rows(
            [
                {"label": self.ctx.t(row.key), "value": row.value}
                for row in pages.sync_rows(snapshot, online, lang)
            ]
        )
        self._quarantined.set_rows(
            [
                {**dataclasses.asdict(v), "clientId": v.client_id}
                for v in pages.quarantined_views(self.ctx.outbox(), lang)
            ]
        )

    @Slot()
    def syncNow(self) -> None:
        sync = self.ctx.sync
        if sync is not None:
            sync.syncNow()
        self.ctx.audit("sync.now")
        self.shell.say(self.ctx.t("tech.sync.started"))

    @Slot(str)
    def retryItem(self, client_id: str) -> None:
        """Put a quarantined item back in the queue and sync at once."""
        try:
            sync_tools.retry_item(self.ctx.storage, self.ctx.outbox(), client_id)
        except KioskError as exc:
            self.shell.say(self.ctx.error_text(exc))
            return
        self.refresh()
        self.syncNow()
        self.shell.say(self.ctx.t("tech.sync.retried"))

    @Slot(str)
    def exportItem(self, client_id: str) -> None:
        self.exportItemTo(client_id, "")

    def exportItemTo(self, client_id: str, folder: str) -> None:
        """Export to ``folder``, or to the first removable drive when it is empty."""
        target: Path | None = Path(folder) if folder else None
        if target is None:
            drives = removable_drives()
            if not drives:
                self.shell.say(self.ctx.t("tech.logs.no_drive"))
                return
            target = drives[0]
        try:
            path = sync_tools.export_item(self.ctx.storage, self.ctx.outbox(), client_id, target)
        except KioskError as exc:
            self.shell.say(self.ctx.error_text(exc))
            return
        self.shell.say(self.ctx.t("tech.sync.exported", path=str(path)))
