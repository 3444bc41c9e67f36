"""Fixtures of the reliability tests: a platform in a child process, an enrolled kiosk."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kiosk.applications import ApplicationService
from kiosk.config import Config
from kiosk.outbox import Outbox
from kiosk.services import DEMO_SERVICES, StaticServices
from kiosk.storage import Storage, open_storage
from sync.enroll import enroll
from tests.conftest import REPO
from tests.sync.conftest import make_config


@dataclass
class RemotePlatform:
    """The reference platform served by ``platform_proc`` in another process."""

    url: str
    db: Path
    proc: subprocess.Popen[str]
    tokens: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Rows per client id on the platform (read straight from its database)."""
        conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=30)
        try:
            rows = conn.execute(
                "SELECT client_id, count(*) FROM applications GROUP BY client_id"
            ).fetchall()
        finally:
            conn.close()
        return {str(r[0]): int(r[1]) for r in rows}


@pytest.fixture
def remote_platform(tmp_path: Path) -> Iterator[RemotePlatform]:
    db = tmp_path / "platform" / "central.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.platform_proc", str(db)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdin is not None
    line = proc.stdout.readline()
    assert line, "platform process did not start"
    info = json.loads(line)
    yield RemotePlatform(info["url"], db, proc, list(info["tokens"]))
    proc.stdin.close()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)
    proc.stdout.close()


def kiosk_config(data_dir: Path) -> Config:
    """The sync tests' kiosk config, with a shorter timeout for fault-heavy runs."""
    cfg = make_config(data_dir)
    cfg.sync.timeout_seconds = 5.0
    return cfg


@dataclass
class KioskCore:
    config: Config
    storage: Storage
    outbox: Outbox
    apps: ApplicationService


def open_kiosk(config: Config) -> KioskCore:
    storage = open_storage(config.database_path)
    outbox = Outbox(storage, config.kiosk.code)
    apps = ApplicationService(storage, outbox, config, StaticServices(DEMO_SERVICES))
    return KioskCore(config, storage, outbox, apps)


@pytest.fixture
def enrolled_config(tmp_path: Path, remote_platform: RemotePlatform) -> Config:
    cfg = kiosk_config(tmp_path / "kiosk")
    storage = open_storage(cfg.database_path)
    try:
        enroll(storage, cfg, remote_platform.url, remote_platform.tokens[0])
    finally:
        storage.close()
    return cfg


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The long variants run only with ``-m slow`` (``make soak``), not in ``make test``."""
    if "slow" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="slow soak: run with -m slow (make soak)")
    for item in items:
        if item.get_closest_marker("slow") and "tests/reliability/" in str(item.fspath):
            item.add_marker(skip)
