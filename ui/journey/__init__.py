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
from typing import Any

from PySide6.QtCore import QObject

from kiosk import a4_spool
from kiosk.platform import OfflineGateway, PlatformGateway
from kiosk.services import StaticServices
from ui.journey.application import Apply
from ui.journey.context import Context
from ui.journey.evaluation import Evaluation
from ui.journey.identify import Identify
from ui.journey.progress import Progress
from ui.journey.proofs import Proofs
from ui.journey.receipt import Receipt
from ui.journey.visit import Visit

# The QML singleton names this package's factory builds (AREA_FACTORIES lists each).
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
        a = backends.areas
        return cls(
            a["Visit"], a["Identify"], a["Apply"], a["Receipt"],
            a["Progress"], a["Proofs"], a["Evaluation"],
        )  # fmt: skip


def _gateway(backends: Any) -> PlatformGateway:
    """The platform: one given to the app, else the sync area's client (offline until
    enrolled, "online" while its cycles succeed), else none."""
    given = getattr(backends, "platform_gateway", None)
    if given is not None:
        return given  # type: ignore[no-any-return]
    sync = backends.areas.get("Sync")
    if sync is None:
        return OfflineGateway()
    from sync.gateway import EnrolledGateway

    service = sync.service
    return EnrolledGateway(
        backends.storage, backends.config, online_fn=lambda: bool(service.online)
    )


def create(backends: Any) -> dict[str, QObject]:
    """AREA_FACTORIES entry for every name in NAMES."""
    catalog = backends.areas.get("Catalog")
    store = getattr(catalog, "store", None)
    services = store if store is not None else StaticServices(())  # no catalog: no services
    ctx = Context(backends, services, _gateway(backends), catalog)
    a4_spool.prune(ctx.a4_dir)  # a day's unprinted PDFs, left from before a restart
    visit = Visit(ctx)
    receipt = Receipt(ctx)
    apply = Apply(ctx, visit, receipt)
    areas = JourneyAreas(
        visit=visit,
        identify=Identify(ctx, visit, apply),
        apply=apply,
        receipt=receipt,
        progress=Progress(ctx, visit),
        proofs=Proofs(ctx, visit, receipt),
        evaluation=Evaluation(ctx, visit),
    )
    devices = backends.areas.get("Devices")
    if devices is not None:
        attach_devices(areas, devices)
    sync = backends.areas.get("Sync")
    if sync is not None and hasattr(sync, "changed"):
        sync.changed.connect(visit.refresh_online)  # a sync cycle ended: online or not
        sync.changed.connect(areas.progress.lastSyncChanged)
    return {
        "Visit": visit,
        "Identify": areas.identify,
        "Apply": apply,
        "Receipt": receipt,
        "Progress": areas.progress,
        "Proofs": areas.proofs,
        "Evaluation": areas.evaluation,
    }


def attach_devices(areas: JourneyAreas, devices: Any) -> None:
    """Connect the Devices area: cards, scanned codes (each screen reads its own), prints."""
    areas.ctx.devices = devices
    areas.identify.attach_devices(devices)
    devices.codeScanned.connect(areas.progress.acceptCode)
    devices.codeScanned.connect(areas.proofs.acceptCode)
    devices.printFinished.connect(areas.receipt.print_finished)
