"""The platform's two engines for the tests: SQLite (a file in the test's folder)
and PostgreSQL (a fresh database on the server that ``GOV_KIOSK_PG_URL`` names,
dropped after the test).

``make test`` and ``.ci/run`` start a throwaway PostgreSQL cluster and export
that URL (scripts/pg-test-cluster.sh); where it could not start, the
PostgreSQL variants skip and say why.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
import sqlalchemy as sa

from central.platform import Platform
from central.server import PlatformServer, free_port, open_platform

ROOT = Path(__file__).resolve().parent.parent
ENGINES = ("sqlite", "postgresql")
# the sync fault and kill tests also run against this (issue 18)
WITH_WORKERS = (*ENGINES, "postgresql, 2 workers")
PG_URL = os.environ.get("GOV_KIOSK_PG_URL", "")


def pg_server() -> sa.URL:
    if not PG_URL:
        pytest.skip(
            "PostgreSQL not running: GOV_KIOSK_PG_URL is unset (make test and .ci/run "
            "start a throwaway cluster with scripts/pg-test-cluster.sh)"
        )
    return sa.make_url(PG_URL)


@contextmanager
def fresh_database(engine: str, folder: Path) -> Iterator[str]:
    """Where a new, empty platform database is: a path, or a PostgreSQL URL."""
    if engine == "sqlite":
        yield str(folder / "central.db")
        return
    server = pg_server()
    name = f"t_{uuid.uuid4().hex[:16]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@dataclass(frozen=True)
class PlatformDB:
    where: str  # a SQLite path or a PostgreSQL URL
    folder: Path  # the platform's keys and catalogs
    workers: int = 0  # 0: served in the test's process; N: `kiosk platform serve --workers N`


def _platform_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[PlatformDB]:
    engine, _, workers = str(request.param).partition(", ")
    folder = tmp_path / "platform"
    folder.mkdir(exist_ok=True)
    with fresh_database(engine, folder) as where:
        yield PlatformDB(where, folder, int(workers.split()[0]) if workers else 0)


platform_db = pytest.fixture(params=ENGINES)(_platform_db)
"""A fresh platform database on each engine in turn."""
platform_db_and_workers = pytest.fixture(params=WITH_WORKERS, name="platform_db")(_platform_db)
"""The same, and a third run against PostgreSQL served by two worker processes
(a test module takes it with ``from tests.engines import platform_db_and_workers``)."""


class WorkerPlatform:
    """``kiosk platform serve --workers N`` in its own process group, on loopback.

    Looks like ``PlatformServer`` to the tests: ``url``, ``port``, ``stop()``, and a
    ``platform`` opened in the test's process on the same database and keys, for
    tokens and for checking what the workers stored."""

    def __init__(self, db: PlatformDB) -> None:
        self.db = db
        self.port = free_port()
        self.platform: Platform = open_platform(db.where, data=db.folder)
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> WorkerPlatform:
        cmd = [sys.executable, str(ROOT / "main.py"), "platform", "--db", self.db.where,
               "--data", str(self.db.folder), "serve", "--port", str(self.port),
               "--workers", str(self.db.workers)]  # fmt: skip
        log = open(self.db.folder / "serve.log", "wb")  # noqa: SIM115 - the child keeps it
        self._proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                      start_new_session=True)  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError((self.db.folder / "serve.log").read_text()[-2000:])
            try:
                requests.get(f"{self.url}/api/v1/statuses", timeout=1)
                if len(self.worker_pids()) >= self.db.workers:
                    return self
            except requests.ConnectionError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"{self.db.workers} workers did not start on {self.url}")

    def worker_pids(self) -> list[int]:
        """The serving processes uvicorn started (children of the serve command)."""
        assert self._proc is not None
        found = []
        for entry in Path("/proc").iterdir():
            try:
                stat = (entry / "stat").read_text()
            except (OSError, ValueError):
                continue
            fields = stat[stat.rindex(")") + 2 :].split()
            if entry.name.isdigit() and int(fields[1]) == self._proc.pid:
                cmdline = (entry / "cmdline").read_bytes()
                if b"multiprocessing" in cmdline and b"resource_tracker" not in cmdline:
                    found.append(int(entry.name))
        return found

    def stop(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            os.killpg(self._proc.pid, signal.SIGTERM)
            try:
                self._proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self._proc.pid, signal.SIGKILL)
                self._proc.wait()
        self._proc = None


def serve(db: PlatformDB) -> PlatformServer | WorkerPlatform:
    """The platform on ``db``: in this process, or in worker processes."""
    if db.workers:
        return WorkerPlatform(db).start()
    return PlatformServer(open_platform(db.where, data=db.folder)).start()
