"""A real platform on loopback and a real enrolled kiosk that submits to it.

Cases reach the platform the way they do in service: ``ApplicationService``
seals and queues them in the kiosk's SQLite file, the sync engine pushes them
over HTTP. The phone pages are then opened on what the platform holds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from central.server import PlatformServer
from kiosk.applications import ApplicationService, Submission
from kiosk.catalog.files import parse_catalog
from kiosk.catalog.model import Service
from kiosk.config import Config
from kiosk.outbox import Outbox
from kiosk.services import StaticServices
from kiosk.storage import Storage, open_storage
from sync.engine import SyncEngine
from sync.enroll import enroll
from tests.journey.conftest import ID_NUMBER, NAME, make_identity
from tests.live import running_platform

__all__ = ["ID_NUMBER", "NAME", "SERVICE_CODE", "Kiosk", "make_kiosk", "submit_by_card"]

SERVICE_CODE = "GA0101"  # 居民身份证换领: kiosk, app and counter


def sample_services(platform: PlatformServer) -> list[Service]:
    path = platform.platform.catalog_path
    return list(parse_catalog(path.read_bytes(), str(path)).services)


def submit_by_card(apps: ApplicationService, service: Service | None) -> Submission:
    """A card-identified application of ``service`` (``make_identity``'s resident) with
    every required answer and material, queued by the kiosk's own ``ApplicationService``."""
    from kiosk.forms import prefill

    assert service is not None
    ident = make_identity()
    values = prefill(service.form, ident)
    for spec in service.form:
        if values.get(spec.id):
            continue
        if spec.type.value == "phone":
            values[spec.id] = "13800138000"
        elif spec.type.value == "select" and spec.required:
            values[spec.id] = spec.options[0].value
        elif spec.type.value == "checkbox":
            values[spec.id] = "true"
    ticked = [m.code for m in service.materials]
    return apps.submit(service, ident, values, ticked)


@dataclass
class Kiosk:
    config: Config
    storage: Storage
    outbox: Outbox
    apps: ApplicationService
    services: StaticServices

    def submit(self, code: str = SERVICE_CODE) -> Submission:
        """A card-identified application with every required answer and material."""
        return submit_by_card(self.apps, self.services.service(code))

    def sync(self) -> None:
        report = SyncEngine.from_settings(self.storage, self.config).run_once()
        assert report.ok, report.error_detail

    def submit_to(self, platform: PlatformServer) -> tuple[Submission, str]:
        """One application submitted and synced: it, and its case number on ``platform``."""
        sub = self.submit()
        self.sync()
        return sub, platform.platform.store.case_numbers()[sub.client_id]


def make_kiosk(data_dir: Path, platform: PlatformServer, code: str = "GD01") -> Kiosk:
    """A kiosk database of its own in ``data_dir``, enrolled with ``platform`` through
    the real API, with the catalog the platform serves."""
    cfg = Config()
    cfg.kiosk.data_dir = str(data_dir)
    cfg.kiosk.code = code
    cfg.sync.timeout_seconds = 10.0
    cfg.source = "(test)"
    storage = open_storage(cfg.database_path)
    enroll(storage, cfg, platform.url, platform.platform.store.create_token())
    outbox = Outbox(storage, cfg.kiosk.code)
    services = StaticServices(sample_services(platform))
    return Kiosk(cfg, storage, outbox, ApplicationService(storage, outbox, cfg, services), services)


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[PlatformServer]:
    with running_platform(tmp_path) as server:
        yield server


@pytest.fixture
def kiosk(tmp_path: Path, platform: PlatformServer) -> Iterator[Kiosk]:
    k = make_kiosk(tmp_path / "kiosk", platform)
    yield k
    k.storage.close()
