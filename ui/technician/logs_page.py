"""QML singleton ``TechLogs``: the newest log lines, and their export to a USB drive."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, Slot

from kiosk.errors import KioskError
from kiosk.technician.logs import export_logs, recent_lines, removable_drives
from ui.technician.context import Context, Page
from ui.technician.models import LogLinesModel
from ui.technician.shell import Technician

SHOWN_LINES = 60  # what fits a page and still shows the last few minutes


class TechLogs(Page):
    """The log's tail; the export is zipped and audited (``kiosk.technician.logs``)."""

    def __init__(self, ctx: Context, shell: Technician) -> None:
        super().__init__(ctx, shell)
        self._lines = LogLinesModel(self)

    def _get_lines(self) -> LogLinesModel:
        return self._lines

    lines = Property(QObject, _get_lines, constant=True)

    def refresh(self) -> None:
        lines = recent_lines(self.ctx.config.log_dir, SHOWN_LINES)
        self._lines.set_rows([{"line": line} for line in lines])

    @Slot()
    def exportLogs(self) -> None:
        """Zip the logs onto the first removable drive, and say where."""
        drives = removable_drives()
        if not drives:
            self.shell.say(self.ctx.t("tech.logs.no_drive"))
            return
        config = self.ctx.config
        try:
            target = export_logs(config.log_dir, drives[0], config.kiosk.code)
        except KioskError as exc:
            self.shell.say(self.ctx.error_text(exc))
            return
        self.ctx.audit("logs.exported", str(target))
        self.shell.say(self.ctx.t("tech.logs.exported", path=str(target)))
