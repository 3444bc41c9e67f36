"""The technician's area: one small QObject per concern, each a QML singleton.

``Technician`` (open or not, the page shown, the message line, leaving and
exiting), ``TechEntry`` (corner gesture, PIN pad, first PIN, lockout) and one
per page: ``TechDevices``, ``TechSync``, ``TechInfo`` (the kiosk page),
``TechLogs``, ``TechProvision``, ``TechReprint``. Each property has its own
notify signal and lists are ``QAbstractListModel``s with roles
(``ui.technician.models``). What a page lists, how a moment reads and what is
audited are ``kiosk.technician``'s; these objects show it and call it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from ui.technician.context import Context
from ui.technician.devices_page import TechDevices
from ui.technician.entry import TechEntry
from ui.technician.info_page import TechInfo
from ui.technician.logs_page import TechLogs
from ui.technician.provision_page import TechProvision
from ui.technician.reprint_page import TechReprint
from ui.technician.shell import Technician
from ui.technician.sync_page import TechSync

if TYPE_CHECKING:
    from ui.catalog import CatalogAreas
    from ui.devices_backend import Devices
    from ui.sync_backend import Sync

# The QML singleton names of the technician's objects (ui.areas.QML_NAMES lists each).
NAMES = (
    "Technician", "TechEntry", "TechDevices", "TechSync",
    "TechInfo", "TechLogs", "TechProvision", "TechReprint",
)  # fmt: skip


@dataclass(frozen=True)
class TechnicianAreas:
    """The technician's objects together, for the tour, tests and tools."""

    shell: Technician
    entry: TechEntry
    devices: TechDevices
    sync: TechSync
    info: TechInfo
    logs: TechLogs
    provision: TechProvision
    reprint: TechReprint

    @classmethod
    def of(cls, backends: Any) -> TechnicianAreas:
        return backends.wired.technician  # type: ignore[no-any-return]

    def by_name(self) -> dict[str, QObject]:
        """The objects under their QML names (NAMES order)."""
        objects = (
            self.shell, self.entry, self.devices, self.sync,
            self.info, self.logs, self.provision, self.reprint,
        )  # fmt: skip
        return dict(zip(NAMES, objects, strict=True))


def build_technician(
    backends: Any, *, devices: Devices, sync: Sync, catalog: CatalogAreas
) -> TechnicianAreas:
    """The technician's objects over the devices, the sync and the catalog."""
    ctx = Context(backends, devices=devices, sync=sync, catalog=catalog)
    shell = Technician(ctx)
    areas = TechnicianAreas(
        shell=shell,
        entry=TechEntry(ctx, shell),
        devices=TechDevices(ctx, shell),
        sync=TechSync(ctx, shell),
        info=TechInfo(ctx, shell),
        logs=TechLogs(ctx, shell),
        provision=TechProvision(ctx, shell),
        reprint=TechReprint(ctx, shell),
    )
    # refreshed in this order: the kiosk facts, the log, the devices, the queue
    shell.attach(
        [areas.info, areas.logs, areas.devices, areas.sync, areas.provision, areas.reprint]
    )
    return areas
