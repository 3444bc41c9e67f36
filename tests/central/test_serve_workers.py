"""``kiosk platform serve --workers N``: N processes on PostgreSQL, one writer on SQLite."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import requests

from central.server import free_port
from sync.engine import SyncEngine
from sync.enroll import enroll
from tests.engines import ROOT, PlatformDB, WorkerPlatform, fresh_database
from tests.sync.conftest import make_kiosk


def test_on_sqlite_it_says_that_one_writer_serves(tmp_path: Path) -> None:
    port = free_port()
    cmd = [sys.executable, str(ROOT / "main.py"), "platform", "--db", str(tmp_path / "p"),
           "serve", "--port", str(port), "--workers", "3"]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        said = proc.stdout.readline() + proc.stdout.readline()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert "SQLite has one writer, so one worker serves" in said
    assert "(db " in said and "1 worker)" in said


def test_two_workers_on_postgresql_share_one_database(tmp_path: Path) -> None:
    folder = tmp_path / "platform"
    folder.mkdir()
    with fresh_database("postgresql", folder) as url:
        served = WorkerPlatform(PlatformDB(url, folder, workers=2)).start()
        try:
            assert len(served.worker_pids()) == 2
            kiosk = make_kiosk(tmp_path / "kiosk", served.url)
            enroll(kiosk.storage, kiosk.config, served.url, served.platform.store.create_token())
            ids = kiosk.enqueue(30)
            # many short cycles over fresh connections: both workers take some
            kiosk.config.sync.batch_max_items = 3
            for _ in range(12):
                assert SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once().ok
            assert served.platform.store.count_by_client_id() == dict.fromkeys(ids, 1)
            answered = requests.get(f"{served.url}/api/v1/statuses", timeout=5)
            assert answered.json()["error"] == "unknown_kiosk"  # the API, not a stray server
            kiosk.storage.close()
        finally:
            served.stop()
            served.platform.store.close()
