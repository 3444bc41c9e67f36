"""QML singleton ``TechInfo``: the kiosk page (which kiosk, versions, disk, clock, backups).

The rows are ``kiosk.technician.info``'s; this object only labels them in the
page's language and keeps them in a model.
"""

from __future__ import annotations

from PySide6.QtCore import Property, QObject

from kiosk.technician.info import kiosk_info
from ui.technician.context import Context, Page
from ui.technician.models import LabelValueModel
from ui.technician.shell import Technician


class TechInfo(Page):
    """The kiosk's facts as label and value rows."""

    def __init__(self, ctx: Context, shell: Technician) -> None:
        super().__init__(ctx, shell)
        self._rows = LabelValueModel(self)

    def _get_rows(self) -> LabelValueModel:
        return self._rows

    rows = Property(QObject, _get_rows, constant=True)

    def refresh(self) -> None:
        facts = kiosk_info(self.ctx.config, self.ctx.storage, self.ctx.lang())
        self._rows.set_rows([{"label": self.ctx.t(r.key), "value": r.value} for r in facts])
