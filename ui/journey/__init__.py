"""The resident's journey: one small QObject per screen area, each a QML singleton.

``Visit`` (what several screens share), ``Identify``, ``Apply`` (form,
materials, review, submit), ``Receipt`` (receipt printer, QR, A4), ``Progress``,
``Proofs`` (proofs and phone cases) and ``Evaluation``. Each property has its
own notify signal (or one shared by the few that change together), and lists
are ``QAbstractListModel``s with roles (``ui.journey.models``). Python decides
every step; QML shows the properties and calls the slots. The domain services
they share are in ``Context``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from kiosk import a4_spool
from kiosk.platform import PlatformGateway
from ui.journey.application import Apply
from ui.journey.context import Context
from ui.journey.evaluation import Evaluation
from ui.journey.identify import Identify
from ui.journey.progress import Progress
from ui.journey.proofs import Proofs
from ui.journey.receipt import Receipt
from ui.journey.visit import Visit

if TYPE_CHECKING:
    from kiosk.storage import Storage
    from ui.catalog import CatalogAreas
    from ui.devices_backend import Devices
    from ui.sync_backend import Sync

# The QML singleton names of the journey's objects (ui.areas.QML_NAMES lists each).
NAMES = ("Visit", "Identify", "Apply", "Receipt", "Progress", "Proofs", "Evaluation")


@dataclass(frozen=True)
class JourneyAreas:
    """The journey's objects together, for the tour, tests and tools."""

    visit: Visit
    identify: Identify
    apply: Apply
    receipt: Receipt
    progress: Progress
    proofs: Proofs
    evaluation: Evaluation

    @property
    def ctx(self) -> Context:
        return self.visit.ctx

    @classmethod
    def of(cls, backends: Any) -> JourneyAreas:
        return backends.wired.journey  # type: ignore[no-any-return]

    def by_name(self) -> dict[str, QObject]:
        """The objects under their QML names (NAMES order)."""
        objects = (
            self.visit, self.identify, self.apply, self.receipt,
            self.progress, self.proofs, self.evaluation,
        )  # fmt: skip
        return dict(zip(NAMES, objects, strict=True))


def build_journey(
    backends: Any,
    storage: Storage,
    *,
    catalog: CatalogAreas,
    sync: Sync,
    devices: Devices,
    gateway: PlatformGateway,
) -> JourneyAreas:
    """The journey's objects over the catalog, the platform and the devices."""
    ctx = Context(backends, catalog.store, gateway, catalog.guide)
    a4_spool.prune(ctx.a4_dir)  # a day's unprinted PDFs, left from before a restart
    visit = Visit(ctx)
    receipt = Receipt(ctx)
    apply = Apply(ctx, visit, receipt)
    areas = JourneyAreas(
        visit=visit,
        identify=Identify(ctx, visit, apply),
        apply=apply,
        receipt=receipt,
        progress=Progress(ctx, visit, receipt),
        proofs=Proofs(ctx, visit, receipt),
        evaluation=Evaluation(ctx, visit),
    )
    areas.proofs.identify = areas.identify  # a phone-started application continues there
    attach_devices(areas, devices)
    sync.changed.connect(visit.refresh_online)  # a sync cycle ended: online or not
    sync.changed.connect(areas.progress.lastSyncChanged)
    return areas


def attach_devices(areas: JourneyAreas, devices: Any) -> None:
    """Connect the Devices area: cards, scanned codes (each screen reads its own), prints."""
    areas.ctx.devices = devices
    areas.identify.attach_devices(devices)
    devices.codeScanned.connect(areas.progress.acceptCode)
    devices.codeScanned.connect(areas.proofs.acceptCode)
    devices.printFinished.connect(areas.receipt.print_finished)
