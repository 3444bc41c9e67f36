"""Fixtures: a real reference platform on loopback and an enrolled kiosk database."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pytest

from central.server import PlatformServer
from kiosk.config import Config
from kiosk.outbox import NewItem, Outbox
from kiosk.storage import Storage, open_storage
from protocol.sealing import seal
from sync.enroll import enroll
from sync.keys import platform_seal_key
from tests.engines import PlatformDB, platform_db, serve

__all__ = ["platform_db"]


@pytest.fixture
def platform(platform_db: PlatformDB) -> Iterator[PlatformServer]:
    """The platform on each engine in turn (tests/engines.py); a ``WorkerPlatform``
    where the module asks for worker processes too."""
    server = cast(PlatformServer, serve(platform_db))  # WorkerPlatform: the same surface
    yield server
    server.stop()
    server.platform.store.close()


def make_config(data_dir: Path) -> Config:
    cfg = Config()
    cfg.kiosk.data_dir = str(data_dir)
    cfg.kiosk.code = "GD01"
    cfg.sync.timeout_seconds = 10.0
    cfg.sync.batch_max_items = 10
    cfg.source = "(test)"
    return cfg


@dataclass
class Kiosk:
    config: Config
    storage: Storage
    outbox: Outbox

    def enqueue(self, n: int, kind: str = "application") -> list[str]:
        key = platform_seal_key(self.storage)
        assert key is not None
        ids = []
        for i in range(n):
            client_id = str(uuid.uuid4())
            doc = {"service": "S1", "answers": {"n": i}, "name": "张三"}
            box = seal(json.dumps(doc, ensure_ascii=False).encode(), key, client_id.encode())
            self.outbox.enqueue(NewItem(kind, box, "S1", 1, "张*", "11010519491231002X", client_id))
            ids.append(client_id)
        return ids


def make_kiosk(data_dir: Path, url: str) -> Kiosk:
    cfg = make_config(data_dir)
    storage = open_storage(cfg.database_path)
    platform_store_token = None
    del platform_store_token
    return Kiosk(cfg, storage, Outbox(storage, cfg.kiosk.code))


@pytest.fixture
def kiosk(tmp_path: Path, platform: PlatformServer) -> Iterator[Kiosk]:
    k = make_kiosk(tmp_path / "kiosk", platform.url)
    enroll(k.storage, k.config, platform.url, platform.platform.store.create_token())
    yield k
    k.storage.close()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The soak variants run only with ``-m slow`` (``make soak``), not in ``make test``."""
    if "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow soak: run with -m slow (make soak)")
    for item in items:
        if item.get_closest_marker("slow") and "tests/sync/" in str(item.fspath):
            item.add_marker(skip)
