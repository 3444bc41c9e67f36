"""The sync soak: thousands of applications through a fault-injecting proxy while
the syncing process is SIGKILLed at random; then both sides are counted.

The platform runs in its own process (``platform_proc``), the fault proxy
(``tests/sync/faultproxy.py``) in the test process, and each sync run in a
child process forked by a zygote (``python -m tests.reliability.sync_soak
--zygote DATA_DIR``) and SIGKILLed at a random moment. The harness keeps
enqueueing between runs, as the journey does. After the last kill one
uninterrupted child drains the queue with the faults stopped.

``SyncSoakReport`` counts each side on its own, so a loss shows on the side
where it happened:

- kiosk: ``lost`` (an enqueued client id missing from the outbox),
  ``duplicated`` (a client id or tracking number held twice), ``stuck``
  (still pending or sending after the drain), ``quarantined``;
- platform: ``lost`` (an enqueued client id it does not hold), ``duplicated``
  (a client id, tracking number or case number held twice), ``stuck`` (held
  by the platform while the kiosk does not know it was accepted, or knows it
  under another case number), ``quarantined`` (held with other bytes than the
  kiosk sealed: the kiosk would be told "conflict").
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import traceback
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kiosk.settings import set_setting
from kiosk.storage import open_storage
from sync.engine import SyncEngine
from tests.conftest import REPO
from tests.sync.conftest import Kiosk, make_config
from tests.sync.faultproxy import FaultProxy

# Every fault the proxy knows, "none" weighted so most requests pass.
FAULTS = ["none"] * 6 + ["reset", "http500", "http503", "timeout", "slow", "truncated", "portal"]


@dataclass
class SideCounts:
    held: int = 0
    lost: int = 0
    duplicated: int = 0
    stuck: int = 0
    quarantined: int = 0


@dataclass
class SyncSoakReport:
    applications: int = 0
    runs: int = 0
    kills: int = 0
    finished: int = 0
    resent: int = 0  # items sent more than once: a kill landed between send and verdict
    child_tracebacks: int = 0  # a sync child that died of an exception, not of a kill
    faults: dict[str, int] = field(default_factory=dict)
    kiosk: SideCounts = field(default_factory=SideCounts)
    platform: SideCounts = field(default_factory=SideCounts)
    integrity_ok: bool = False
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def clean(self) -> bool:
        sides = (self.kiosk, self.platform)
        return (
            self.integrity_ok
            and self.child_tracebacks == 0
            and all(s.lost == s.duplicated == s.stuck == s.quarantined == 0 for s in sides)
        )


def _child(
    data_dir: Path, batch: int, timeout: float, ready: int | None = None, rounds: int = 1000
) -> int:
    """One sync process: cycles until the queue is empty (or it is killed).

    ``ready``: a pipe to write one byte to once the database is open and the
    engine built, so the kill's random moment is counted from there.
    """
    config = make_config(data_dir)
    config.sync.batch_max_items = batch
    config.sync.timeout_seconds = timeout
    storage = open_storage(config.database_path)
    engine = SyncEngine.from_settings(storage, config)
    if ready is not None:
        os.write(ready, b"r")
        os.close(ready)
    for _ in range(rounds):
        report = engine.run_once(heartbeat=False)
        if report.ok and report.queue_depth == 0:
            return 0
    return 1


class Zygote:
    """A process that has imported the kiosk once and forks one sync child per run.

    Starting a fresh interpreter costs about 1.5 s of imports on this machine;
    forking a process that already holds them costs milliseconds, so the soak
    spends its time syncing and being killed. The zygote opens no database and
    starts no thread, so each fork starts clean. The SIGKILL is sent by the
    zygote, the children's parent, which reaps them.
    """

    def __init__(self, data_dir: Path, log: Path) -> None:
        self._log = log.open("a")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.sync_soak", "--zygote", str(data_dir)],
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )
        if self._ask("") != "ready":
            raise AssertionError(f"the sync zygote did not start; see {log}")

    def _ask(self, line: str) -> str:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        if line:
            self.proc.stdin.write(line + "\n")
            self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def run(self, batch: int, timeout: float) -> int:
        """Fork a sync child; returns its pid once its database is open."""
        return int(self._ask(f"run {batch} {timeout}"))

    def kill(self, pid: int) -> bool:
        """SIGKILL the child unless it has finished; True if it was killed."""
        return self._ask(f"kill {pid}") == "killed"

    def wait(self, pid: int) -> int:
        return int(self._ask(f"wait {pid}"))

    def close(self) -> None:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.proc.stdout.close()
        self._log.close()


def _zygote(data_dir: Path) -> int:
    print("ready", flush=True)
    for line in sys.stdin:
        command, *args = line.split()
        if command == "run":
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(read_end)
                code = 1
                try:
                    code = _child(data_dir, int(args[0]), float(args[1]), write_end)
                except BaseException:  # the log says why; the zygote lives on
                    traceback.print_exc()
                finally:
                    os._exit(code)
            os.close(write_end)
            os.read(read_end, 1)  # the child is ready (or died: then b"")
            os.close(read_end)
            print(pid, flush=True)
        elif command == "kill":
            pid = int(args[0])
            done, _status = os.waitpid(pid, os.WNOHANG)
            if done:
                print("finished", flush=True)
            else:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                print("killed", flush=True)
        elif command == "wait":
            _pid, status = os.waitpid(int(args[0]), 0)
            print(os.waitstatus_to_exitcode(status), flush=True)
    return 0


def _platform_rows(db: Path) -> list[tuple[str, str, str, str]]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        rows = conn.execute(
            "SELECT client_id, payload_hash, coalesce(case_number, ''), coalesce(tracking_no, '')"
            " FROM applications"
        ).fetchall()
    finally:
        conn.close()
    return [(str(a), str(b), str(c), str(d)) for a, b, c, d in rows]


def count(kiosk: Kiosk, platform_db: Path, ids: list[str]) -> tuple[SideCounts, SideCounts]:
    """Both sides against the list of client ids the kiosk confirmed to residents."""
    rows = kiosk.storage.query(
        "SELECT client_id, tracking_no, state, payload_hash, case_number FROM outbox"
    )
    local = {str(r["client_id"]): r for r in rows}
    tracking = Counter(str(r["tracking_no"]) for r in rows)
    k = SideCounts(
        held=len(rows),
        lost=sum(1 for cid in ids if cid not in local),
        duplicated=(len(rows) - len(local)) + sum(n - 1 for n in tracking.values() if n > 1),
        stuck=sum(1 for r in rows if r["state"] in ("pending", "sending")),
        quarantined=sum(1 for r in rows if r["state"] == "quarantined"),
    )
    remote = _platform_rows(platform_db)
    by_id = Counter(r[0] for r in remote)
    by_tracking = Counter(r[3] for r in remote if r[3])
    by_case = Counter(r[2] for r in remote if r[2])
    stuck = quarantined = 0
    for cid, digest, case, _tracking in remote:
        mine = local.get(cid)
        if mine is None:
            continue
        if mine["payload_hash"] != digest:
            quarantined += 1
        elif mine["state"] != "accepted" or mine["case_number"] != case:
            stuck += 1
    p = SideCounts(
        held=len(remote),
        lost=sum(1 for cid in ids if cid not in by_id),
        duplicated=sum(n - 1 for c in (by_id, by_tracking, by_case) for n in c.values() if n > 1),
        stuck=stuck,
        quarantined=quarantined,
    )
    return k, p


def run_sync_soak(
    kiosk: Kiosk,
    platform_url: str,
    platform_db: Path,
    *,
    applications: int,
    seed: int,
    max_wait: float = 0.3,
) -> SyncSoakReport:
    """Enqueue ``applications`` in bursts, each burst followed by a sync child that is
    SIGKILLed after a random moment while the proxy injects random faults."""
    start = time.monotonic()
    rng = random.Random(seed)
    report = SyncSoakReport()
    port = int(platform_url.rsplit(":", 1)[1].split("/")[0])
    proxy = FaultProxy(port, hang_seconds=1.2).start()
    data_dir = Path(kiosk.config.kiosk.data_dir)
    log = data_dir.parent / "sync-children.log"
    zygote = Zygote(data_dir, log)
    try:
        set_setting(kiosk.storage, "platform.url", proxy.url)
        ids: list[str] = []
        while len(ids) < applications:
            ids += kiosk.enqueue(min(rng.randint(5, 60), applications - len(ids)))
            proxy.inject(*rng.choices(FAULTS, k=rng.randint(0, 6)))
            pid = zygote.run(rng.choice([5, 20, 50, 200]), 1.0)
            # now and then a run long enough to drain the queue and exit on its own
            time.sleep(2.0 if rng.random() < 0.08 else rng.uniform(0, max_wait))
            report.runs += 1
            if zygote.kill(pid):
                report.kills += 1
            else:
                report.finished += 1
        with proxy._lock:
            proxy.faults.clear()
        # the faults stop: one run that is not killed drains what is left
        zygote.wait(zygote.run(200, 5.0))
        report.faults = {k: v for k, v in proxy.seen.items() if k != "none"}
    finally:
        zygote.close()
        proxy.stop()
    resent = kiosk.storage.query("SELECT count(*) AS n FROM outbox WHERE attempts >= 2")
    report.resent = int(str(resent[0]["n"]))
    report.applications = len(ids)
    report.child_tracebacks = log.read_text(errors="replace").count("Traceback")
    report.integrity_ok = kiosk.storage.integrity_ok()
    report.kiosk, report.platform = count(kiosk, platform_db, ids)
    report.seconds = round(time.monotonic() - start, 1)
    return report


if __name__ == "__main__":
    sys.exit(_zygote(Path(sys.argv[2])))
