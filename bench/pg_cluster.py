"""A throwaway PostgreSQL cluster for the benchmarks, with fsync ON.

scripts/pg-test-cluster.sh starts one for the tests with ``fsync=off`` (on
port 54329): fast, and not a durability a figure may be measured with. This
one keeps PostgreSQL's defaults for durability (``fsync=on``,
``synchronous_commit=on``, ``full_page_writes=on``), the honest counterpart of
the SQLite store's ``synchronous=FULL``, in a temporary directory on a free
loopback port of its own, and is removed when the block ends.

initdb refuses to run as root, so as root the cluster is made and run by the
``postgres`` user (``runuser``). Whatever fails raises ``ClusterUnavailable``
with the reason, which the benchmark prints in its skipped rows.

    with pg_cluster() as cluster:
        url = cluster.create_database("fleet_2w")
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from central.server import free_port


class ClusterUnavailable(RuntimeError):
    """PostgreSQL is not installed, or its cluster did not start (the reason)."""


def _bindir() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name)
                   if p.parent.name.isdigit() else 0)  # fmt: skip
    return found[-1] if found else None


def _as_pg(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@dataclass
class Cluster:
    bindir: Path
    root: Path
    port: int

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A fresh database (each configuration starts from an empty store)."""
        self._sql(f'DROP DATABASE IF EXISTS "{name}"')
        self._sql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def _sql(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:  # fmt: skip
            conn.execute(statement.encode())

    def postmaster_pid(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def setting(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"
                             ) as conn:  # fmt: skip
            row = conn.execute(f"SHOW {name}".encode()).fetchone()
        return str(row[0]) if row else ""


@contextmanager
def pg_cluster(max_connections: int = 200) -> Iterator[Cluster]:
    """A running cluster with fsync on, stopped and removed when the block ends."""
    bindir = _bindir()
    if bindir is None:
        raise ClusterUnavailable("PostgreSQL is not installed (apt-get install postgresql)")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        raise ClusterUnavailable("running as root without runuser: initdb refuses root")
    root = Path(tempfile.mkdtemp(prefix="bench-pg-"))
    cluster = Cluster(bindir, root, free_port())
    try:
        if os.geteuid() == 0:
            shutil.chown(root, "postgres")
        made = subprocess.run(
            _as_pg([str(bindir / "initdb"), "-D", str(cluster.data), "-U", "postgres",
                    "--auth=trust", "-E", "UTF8"]),
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if made.returncode != 0:
            raise ClusterUnavailable(f"initdb failed: {made.stderr.strip()[-300:]}")
        options = " ".join([
            f"-c listen_addresses=127.0.0.1 -p {cluster.port} -k {root}",
            f"-c fsync=on -c synchronous_commit=on -c max_connections={max_connections}",
        ])  # fmt: skip
        started = subprocess.run(
            _as_pg([str(bindir / "pg_ctl"), "-D", str(cluster.data), "-l",
                    str(root / "server.log"), "-w", "-t", "60", "-o", options, "start"]),
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        if started.returncode != 0:
            server_log = root / "server.log"
            log = server_log.read_text(errors="replace") if server_log.exists() else ""
            raise ClusterUnavailable(
                f"pg_ctl start failed: {(started.stderr + log).strip()[-300:]}"
            )
        try:
            yield cluster
        finally:
            subprocess.run(
                _as_pg([str(bindir / "pg_ctl"), "-D", str(cluster.data), "-m", "fast", "-w",
                        "stop"]),
                capture_output=True, check=False,
            )  # fmt: skip
    finally:
        shutil.rmtree(root, ignore_errors=True)
