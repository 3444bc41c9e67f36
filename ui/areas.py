"""The areas, built by constructor in dependency order over the opened database.

This is the UI's half of the composition root: the areas are QObjects and
must be built on the GUI thread once the first frame is on the glass, so the
UI's start-up (``ui.app``) builds them here; ``app/`` composes what lies
around them (config, logging, the database's recovery, demo mode). Each area
is handed the areas it uses when it is made, so nothing looks another up by
name; the QML names are only how QML reaches them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from kiosk.catalog.store import CatalogStore
from kiosk.technician.device_config import effective_devices
from sync.gateway import EnrolledGateway
from sync.service import SyncService
from ui.backends import AREA_NAMES, Backends
from ui.catalog import CatalogAreas, build_catalog
from ui.devices_backend import DeviceManager, Devices
from ui.journey import JourneyAreas, build_journey
from ui.sync_backend import Sync, device_states_of
from ui.technician import TechnicianAreas, build_technician

if TYPE_CHECKING:
    from kiosk.storage import Storage


@dataclass(frozen=True)
class Areas:
    """Every area of a running kiosk, typed."""

    devices: Devices
    sync: Sync
    catalog: CatalogAreas
    journey: JourneyAreas
    technician: TechnicianAreas

    def by_qml_name(self) -> dict[str, QObject]:
        named: dict[str, QObject] = {
            "Devices": self.devices,
            "Sync": self.sync,
            **self.catalog.by_name(),
            **self.journey.by_name(),
            **self.technician.by_name(),
        }
        if tuple(named) != AREA_NAMES:
            raise RuntimeError(f"areas built {list(named)}, AREA_NAMES lists {list(AREA_NAMES)}")
        return named

    def stop(self) -> None:
        """Stop the workers (device threads, sync) before the objects go away."""
        self.sync.stop()
        self.devices.stop()


SYNC_START_DELAY = 2.0  # seconds after the areas are built; nobody waits on a first sync


def build_areas(backends: Backends, storage: Storage) -> Areas:
    """Devices, then sync (which reports the devices' states), the catalog, the
    journey (which uses all three) and the technician's pages (devices and sync)."""
    config = backends.config
    qt_app = QCoreApplication.instance()

    # the technician's port/role/baud changes, laid over the config file
    manager = DeviceManager(effective_devices(storage, config.devices))
    devices = Devices(manager)
    manager.start()

    demo = backends.demo_platform  # demo mode's platform on loopback (app.demo), or None
    service = SyncService(storage, config, device_states=device_states_of(manager))
    sync = Sync(service, demo)
    live = qt_app is not None and qt_app.platformName() != "offscreen"
    if live:  # offscreen (tests, tools): a test syncs when it means to
        # its first cycle once the kiosk answers touches: the sync thread loads the
        # engine and the protocol's models first (sync.report), which would share
        # the start's core with building the areas
        service.start(delay=SYNC_START_DELAY)

    catalog = build_catalog(backends, CatalogStore(storage))
    sync.catalogUpdated.connect(catalog.shelf.newer_in_store)
    journey = build_journey(
        backends, storage, catalog=catalog, sync=sync, devices=devices,
        gateway=_gateway(storage, backends, sync),
    )  # fmt: skip
    technician = build_technician(backends, devices=devices, sync=sync, catalog=catalog)
    if qt_app is not None:
        qt_app.aboutToQuit.connect(manager.stop)
        if live:
            qt_app.aboutToQuit.connect(service.stop)
            if demo is not None:
                qt_app.aboutToQuit.connect(demo.stop)
    return Areas(
        devices=devices, sync=sync, catalog=catalog, journey=journey, technician=technician
    )


def _gateway(storage: Storage, backends: Backends, sync: Sync) -> EnrolledGateway:
    """The platform through the sync area's client: offline until enrolled,
    "online" while its cycles succeed."""
    service = sync.service
    return EnrolledGateway(storage, backends.config, online_fn=lambda: bool(service.online))
