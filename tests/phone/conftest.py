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

from central.server import PlatformServer, open_platform
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

__all__ = ["ID_NUMBER", "NAME", "Kiosk", "SERVICE_CODE"]

SERVICE_CODE = "GA0101"  # 居民身份证换领: kiosk, app and counter


def sample_services(platform: PlatformServer) -> list[Service]:
    path = platform.platform.catalog_path
    return list(parse_catalog(path.read_bytes(), str(path)).services)


@dataclass
class Kiosk:
    config: Config
    storage: Storage
    outbox: Outbox
    apps: ApplicationService
    services: StaticServices

    def submit(self, code: str = SERVICE_CODE) -> Submission:
        """A card-identified application with every required answer and material."""
        service = self.services.service(code)
        assert service is not None
        ident = make_identity()
        from kiosk.forms import prefill

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
        return self.apps.submit(service, ident, values, ticked)

    def sync(self) -> None:
        report = SyncEngine.from_settings(self.storage, self.config).run_once()
        assert report.ok, report.error_detail


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[PlatformServer]:
    server = PlatformServer(open_platform(tmp_path / "platform" / "central.db")).start()
    yield server
    server.stop()
    server.platform.store.close()


@pytest.fixture
def kiosk(tmp_path: Path, platform: PlatformServer) -> Iterator[Kiosk]:
    cfg = Config()
    cfg.kiosk.data_dir = str(tmp_path / "kiosk")
    cfg.kiosk.code = "GD01"
    cfg.sync.timeout_seconds = 10.0
    cfg.source = "(test)"
    storage = open_storage(cfg.database_path)
    enroll(storage, cfg, platform.url, platform.platform.store.create_token())
    outbox = Outbox(storage, cfg.kiosk.code)
    services = StaticServices(sample_services(platform))
    yield Kiosk(cfg, storage, outbox, ApplicationService(storage, outbox, cfg, services), services)
    storage.close()
