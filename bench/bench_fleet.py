"""A province's fleet against the platform: SQLite and PostgreSQL, 1, 2 and 4 workers.

N kiosks are enrolled with their own Ed25519 keys (written into the platform's
``kiosks`` table through SQLAlchemy at set-up, on either engine: 36,000 HTTP
enrollments would be the whole time budget, and enrollment is not what a
province's day is made of). Each kiosk's sync cycle is 60 s: GET
``/statuses``, GET ``/catalog`` with its ETag (304), a push of 1-3 sealed
applications 10 % of the time, a heartbeat every 5th cycle: 2.3 requests a
cycle, so N kiosks offer N x 2.3 / 60 requests a second. Every request is
signed by its kiosk's key with a fresh nonce, like the kiosk's own
``PlatformClient``; pushes are sealed to the platform's key, which opens them.

Open loop: the requests are signed before a step starts and sent at their
scheduled moments (uniform arrivals) whatever the server does; a late server
does not slow the offered load, and a request's latency counts from its
scheduled moment, so time spent waiting for a free connection is counted too
(at most 1,024 kept-alive connections). Steps of ``--step`` seconds raise the
fleet until p95 passes a second, errors pass 5 % or two steps in a row miss;
the largest step served at p95 under 50 ms with under 0.5 % errors is the
fleet that configuration serves. CPU is the sum over the platform's process
group (``/proc``: uvicorn's supervisor and workers) and, on PostgreSQL, the
postmaster's process tree: kiosks per core divide the fleet served by both.
Then full-catalog downloads (a bump: no ETag, ``Accept-Encoding: gzip`` as the
kiosk's client sends) closed loop on 16 connections for ``--catalog`` seconds.

Configurations, one after the other in one run, each started as the real
command ``python main.py platform --db ... --data ... serve --port P
--workers N`` in a process group of its own:

- the baseline: the platform of the commit before the hot-path change
  (``BASELINE_REF``, extracted with ``git archive``, run with this venv), one
  uvicorn process on SQLite;
- today's single-process platform: one worker on SQLite (synchronous=FULL),
  the baseline of the PostgreSQL rows;
- no 2 or 4 workers on SQLite (``serve`` refuses them: one writer), said in a
  skipped row;
- PostgreSQL at 1, 2 and 4 workers, each on a fresh database of a throwaway
  cluster with fsync on (``bench/pg_cluster.py``: the durability SQLite's
  synchronous=FULL is compared with). Where PostgreSQL cannot start, its rows
  are skipped with the reason and the benchmark still exits 0.

Rows: ``fleet_sqlite_1w_kiosks`` (and its p95 and CPU per request at a step
the baseline ran too), ``fleet_sqlite_2w_kiosks`` (skipped),
``fleet_pg_{1,2,4}w_kiosks``, ``fleet_pg_2w_scaling`` (peak requests/s of two
workers over one), ``fleet_kiosks_per_core`` and ``fleet_catalog_full_per_s``;
each with requests/s, p50/p95/p99, errors and the 1-minute load of every step.
The machine has two cores and the load generator runs on them too.

One module because it is one experiment read top to bottom: the fleet's keys,
the platform's processes and their CPU, the open-loop client and the steps are
tuned together (a change to one moves the others' figures), and no other bench
uses them; its throwaway PostgreSQL cluster is bench/pg_cluster.py.

Usage: python bench/bench_fleet.py [--steps 500,4000,...] [--step 8] [--no-postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey  # noqa: E402
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey  # noqa: E402

from bench.common import emit, machine, percentile  # noqa: E402
from central.server import free_port  # noqa: E402
from protocol.sealing import payload_hash, seal  # noqa: E402
from protocol.signing import sign_headers  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
# the parent of 95caae5 (Platform hot path, issue 18 item 1): today's platform before it
BASELINE_REF = "38e3b4fa994708223b8810f8fd04bff7ca49d112"
DEFAULT_STEPS = "500,4000,8000,13000,18000,24000,30000,36000"
WORKERS = (1, 2, 4)
PATH = "`kiosk platform serve` ({}), open-loop signed fleet on loopback"
SQLITE_2W = (
    "no 2 or 4 workers on SQLite: `serve --workers N` refuses them (one writer: the file "
    "has one write lock; issue 18 measured two processes on one file at most 470 req/s, "
    "p95 1.6-2.4 s, worse than one); uvicorn binds without SO_REUSEPORT, so two serve "
    "commands cannot share a port either"
)
CYCLE_SECONDS = 60.0
# per cycle: statuses, catalog check, a push 10 % of the time, a heartbeat every 5th
MIX = (("statuses", 1.0), ("catalog", 1.0), ("push", 0.1), ("heartbeat", 0.2))
PER_CYCLE = sum(w for _, w in MIX)
MAX_CONNECTIONS = 1024
REQUEST_TIMEOUT = 10.0
GOOD_P95_MS = 50.0
GOOD_ERRORS = 0.005

LAUNCH = """
import sys
from pathlib import Path
from central.server import open_platform, serve
serve(open_platform(Path(sys.argv[1])), port=int(sys.argv[2]))
"""


@dataclass
class Fleet:
    ids: list[str]
    keys: list[Ed25519PrivateKey]

    @classmethod
    def make(cls, n: int) -> Fleet:
        keys = [Ed25519PrivateKey.generate() for _ in range(n)]
        return cls([f"K-B{i:010X}" for i in range(n)], keys)

    def enroll(self, where: Path | str) -> None:
        """Write the fleet into the platform's ``kiosks`` table through SQLAlchemy, on
        either engine (set-up, not timed). The baseline's older SQLite schema has
        the same four columns."""
        import sqlalchemy as sa
        from cryptography.hazmat.primitives import serialization

        from central.store.database import database_url

        raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
        kiosks = sa.table("kiosks", sa.column("kiosk_id"), sa.column("code"),
                          sa.column("public_key"), sa.column("enrolled_at"))  # fmt: skip
        rows = [{"kiosk_id": kid, "code": "BENCH", "enrolled_at": "2026-01-01",
                 "public_key": key.public_key().public_bytes(*raw).hex()}
                for kid, key in zip(self.ids, self.keys, strict=True)]  # fmt: skip
        engine = sa.create_engine(database_url(where))
        try:
            with engine.begin() as conn:
                for i in range(0, len(rows), 5000):
                    conn.execute(kiosks.insert(), rows[i : i + 5000])
        finally:
            engine.dispose()


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def tree_cpu_seconds(root: int, *, by_group: bool) -> float:
    """CPU (user + system, with reaped children's) of a process tree: the processes of
    ``root``'s process group (the platform, started in a session of its own: uvicorn's
    supervisor and its workers), or ``root`` and its descendants (PostgreSQL's
    postmaster and its backends)."""
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None:
                stats[int(entry.name)] = fields
    if by_group:
        members = {pid for pid, f in stats.items() if int(f[2]) == root}
    else:
        members, grew = {root}, True
        while grew:
            more = {pid for pid, f in stats.items() if int(f[1]) in members} - members
            members |= more
            grew = bool(more)
    ticks = sum(sum(int(x) for x in stats[pid][11:15]) for pid in members if pid in stats)
    return ticks / os.sysconf("SC_CLK_TCK")


@dataclass
class Server:
    """One platform under test: the command that starts it, and where its store is."""

    name: str
    cmd: list[str]
    root: Path  # the source tree it runs from
    where: Path | str  # the SQLite file or the PostgreSQL URL
    data: Path  # its keys
    workers: int = 1
    db_pid: int | None = None  # PostgreSQL's postmaster, whose CPU counts too
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None
    catalog_etag: str = ""
    seal_key: X25519PublicKey | None = None

    def start(self) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen(
            [a.replace("{port}", str(self.port)) for a in self.cmd],
            cwd=self.root,
            env={**os.environ, "PYTHONPATH": str(self.root)},
            stdout=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: its CPU, and its stop
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} platform exited ({self.proc.returncode})")
            try:
                asyncio.run(_raw(self.port, b"GET /api/v1/statuses HTTP/1.1\r\nHost: x\r\n\r\n"))
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"{self.name} platform did not start")
        if self.workers > 1:
            time.sleep(3.0 * self.workers)  # the other workers import and open their pools
        from central.keys import load_or_create_keys

        self.seal_key = load_or_create_keys(self.data).seal.public_key()

    def cpu_seconds(self) -> float:
        assert self.proc is not None
        return tree_cpu_seconds(self.proc.pid, by_group=True)

    def db_cpu_seconds(self) -> float:
        return tree_cpu_seconds(self.db_pid, by_group=False) if self.db_pid else 0.0

    def stop(self) -> None:
        """SIGTERM to the group, then SIGKILL: uvicorn's graceful stop waits for
        connections the load generator may still hold open, and the figures are
        taken by now."""
        if self.proc is None:
            return
        for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 20)):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.proc.wait(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                continue
        try:  # workers left behind by a supervisor that died first
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


async def _raw(port: int, request: bytes) -> tuple[int, dict[str, str], bytes]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        return await _read_answer(reader)
    finally:
        writer.close()


async def _read_answer(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
    length = int(headers.get("content-length", "0"))
    body = await reader.readexactly(length) if length else b""
    return status, headers, body


def _request(
    server: Server, fleet: Fleet, i: int, kind: str, at: float, *, etag: str | None = None
) -> bytes:
    """One signed HTTP/1.1 request of kiosk ``i``, timestamped for its moment ``at``."""
    body = b""
    if kind == "statuses":
        method, path = "GET", "/api/v1/statuses?since=0&limit=500"
    elif kind == "catalog":
        method, path = "GET", "/api/v1/catalog"
    elif kind == "heartbeat":
        method, path = "POST", "/api/v1/heartbeat"
        health = {"devices": {"printer": "ok", "reader": "ok"}, "paper": "ok",
                  "queue_depth": 0, "app_version": "bench", "catalog_version": "1"}  # fmt: skip
        body = json.dumps(health).encode()
    else:
        method, path = "POST", "/api/v1/submissions"
        assert server.seal_key is not None
        items = []
        for _ in range(random.randint(1, 3)):  # noqa: S311 (a benchmark's mix)
            cid = str(uuid.uuid4())
            doc = {"service": "S1", "answers": {"address": "某某村一组"}, "name": "张三"}
            box = seal(json.dumps(doc, ensure_ascii=False).encode(), server.seal_key,
                       cid.encode())  # fmt: skip
            items.append({"client_id": cid, "kind": "application",
                          "payload_hash": payload_hash(box),
                          "sealed": base64.b64encode(box).decode(), "tracking_no": cid[:12],
                          "service_code": "S1", "service_version": "1",
                          "created_at": "2026-12-01T08:00:00+00:00"})  # fmt: skip
        body = json.dumps({"items": items}, separators=(",", ":")).encode()
    headers = sign_headers(fleet.keys[i], fleet.ids[i], method, path, body, int(at))
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{server.port}",
             "Accept-Encoding: gzip, deflate"]  # fmt: skip
    lines += [f"{k}: {v}" for k, v in headers.items()]
    if kind == "catalog" and etag is None:
        lines.append(f"If-None-Match: {server.catalog_etag}")
    if body:
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


@dataclass
class Step:
    kiosks: int
    offered_per_s: float
    done: int = 0
    errors: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    db_cpu_seconds: float = 0.0
    load_1min: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    kinds: dict[str, list[float]] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        lat = self.latencies_ms
        total = self.done + self.errors
        return {
            "kiosks": self.kiosks,
            "offered_per_s": round(self.offered_per_s, 1),
            "sustained_per_s": round(self.done / self.seconds, 1) if self.seconds else 0.0,
            "p50_ms": round(percentile(lat, 50), 1),
            "p95_ms": round(percentile(lat, 95), 1),
            "p99_ms": round(percentile(lat, 99), 1),
            "errors": self.errors,
            "error_rate": round(self.errors / total, 4) if total else 0.0,
            "server_cores": round(self.cpu_seconds / self.seconds, 2) if self.seconds else 0.0,
            "db_cores": round(self.db_cpu_seconds / self.seconds, 2) if self.seconds else 0.0,
            "cpu_ms_per_request": round(1000 * self.cpu_seconds / self.done, 3)
            if self.done
            else 0.0,
            "db_cpu_ms_per_request": round(1000 * self.db_cpu_seconds / self.done, 3)
            if self.done
            else 0.0,
            "load_1min": self.load_1min,
            "p95_ms_by_kind": {k: round(percentile(v, 95), 1) for k, v in self.kinds.items()},
        }

    @property
    def good(self) -> bool:
        s = self.summary()
        return s["p95_ms"] < GOOD_P95_MS and s["error_rate"] < GOOD_ERRORS


class Pool:
    """Kept-alive connections to one server; a new one when all are busy."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.idle: deque[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = deque()
        self.open = 0
        self.waiters: deque[asyncio.Future[None]] = deque()

    async def acquire(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        while True:
            if self.idle:
                return self.idle.popleft()
            if self.open < MAX_CONNECTIONS:
                self.open += 1
                try:
                    return await asyncio.open_connection("127.0.0.1", self.port)
                except OSError:
                    self.open -= 1
                    raise
            waiter = asyncio.get_running_loop().create_future()
            self.waiters.append(waiter)
            await waiter

    def release(self, conn: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None) -> None:
        if conn is None:
            self.open -= 1
        else:
            self.idle.append(conn)
        while self.waiters:
            waiter = self.waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                break

    def close(self) -> None:
        for _, writer in self.idle:
            writer.close()
        self.idle.clear()


async def _one(pool: Pool, step: Step, kind: str, request: bytes, due: float) -> None:
    try:
        conn = await pool.acquire()
    except OSError:
        step.errors += 1
        return
    keep = False
    try:
        reader, writer = conn
        writer.write(request)
        status, headers, _ = await _read_answer(reader)
        keep = headers.get("connection", "") != "close"
        if status in (200, 304):
            step.done += 1
            ms = 1000 * (time.perf_counter() - due)
            step.latencies_ms.append(ms)
            step.kinds.setdefault(kind, []).append(ms)
        else:
            step.errors += 1
    except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
        step.errors += 1
    finally:
        if not keep:
            conn[1].close()
        pool.release(conn if keep else None)


def _schedule(server: Server, fleet: Fleet, kiosks: int, seconds: float, start_wall: float
              ) -> list[tuple[float, str, bytes]]:  # fmt: skip
    """The step's requests, signed in advance, at uniform moments (open loop)."""
    rate = kiosks * PER_CYCLE / CYCLE_SECONDS
    n = int(rate * seconds)
    kinds = [k for k, _ in MIX]
    weights = [w for _, w in MIX]
    out = []
    for j in range(n):
        t = (j + random.random()) / rate  # noqa: S311
        kind = random.choices(kinds, weights)[0]  # noqa: S311
        i = random.randrange(min(kiosks, len(fleet.ids)))  # noqa: S311
        out.append((t, kind, _request(server, fleet, i, kind, start_wall + t)))
    return out


async def _run_step(server: Server, fleet: Fleet, kiosks: int, seconds: float) -> Step:
    lead = 1.0  # signing happens before the step's first moment
    plan = _schedule(server, fleet, kiosks, seconds, time.time() + lead)
    step = Step(kiosks, len(plan) / seconds)
    pool = Pool(server.port)
    tasks = []
    t0 = time.perf_counter() + lead
    await asyncio.sleep(max(0.0, t0 - time.perf_counter()))
    cpu0, db0 = server.cpu_seconds(), server.db_cpu_seconds()
    for t, kind, request in plan:
        due = t0 + t
        delay = due - time.perf_counter()
        if delay > 0.0005:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(_one(pool, step, kind, request, due)))
    _, late = await asyncio.wait(tasks, timeout=REQUEST_TIMEOUT)
    step.seconds = time.perf_counter() - t0
    step.cpu_seconds = server.cpu_seconds() - cpu0
    step.db_cpu_seconds = server.db_cpu_seconds() - db0
    step.load_1min = round(os.getloadavg()[0], 2)
    for task in late:
        task.cancel()
    step.errors += len(late)  # not answered within the timeout: failed
    if late:
        await asyncio.wait(late)
    pool.close()
    step.seconds = min(step.seconds, seconds + REQUEST_TIMEOUT)
    return step


async def _catalog_downloads(server: Server, fleet: Fleet, seconds: float) -> dict[str, float]:
    """Full catalogs per second, closed loop on 16 connections (a bump, no ETag)."""
    done = 0
    sizes: list[int] = []
    stop = time.perf_counter() + seconds

    async def loader(worker: int) -> None:
        nonlocal done
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        n = 0
        try:
            while time.perf_counter() < stop:
                i = (worker * 7919 + n) % len(fleet.ids)
                n += 1
                writer.write(_request(server, fleet, i, "catalog", time.time(), etag=""))
                status, _, body = await _read_answer(reader)
                if status == 200:
                    done += 1
                    sizes.append(len(body))
        finally:
            writer.close()

    t0 = time.perf_counter()
    cpu0 = server.cpu_seconds()
    await asyncio.gather(*(loader(w) for w in range(16)))
    wall = time.perf_counter() - t0
    return {
        "full_per_s": round(done / wall, 1),
        "bytes_each": round(sum(sizes) / len(sizes)) if sizes else 0,
        "cpu_ms_each": round(1000 * (server.cpu_seconds() - cpu0) / done, 3) if done else 0,
    }


def measure(server: Server, fleet: Fleet, steps: list[int], seconds: float,
            catalog_seconds: float) -> dict[str, Any]:  # fmt: skip
    """Ramp one platform through ``steps`` until it saturates, then its full catalogs."""
    started = time.monotonic()
    server.start()
    try:
        fleet.enroll(server.where)
        first = _request(server, fleet, 0, "catalog", time.time(), etag="")
        status, headers, _ = asyncio.run(_raw(server.port, first))
        assert status == 200, status
        server.catalog_etag = headers["etag"]
        ran: list[tuple[Step, dict[str, Any]]] = []
        bad_in_a_row = 0
        for kiosks in steps:
            step = asyncio.run(_run_step(server, fleet, kiosks, seconds))
            summary = step.summary()
            ran.append((step, summary))
            print(f"{server.name}: {json.dumps(summary)}", file=sys.stderr)
            bad_in_a_row = 0 if step.good else bad_in_a_row + 1
            if summary["p95_ms"] > 1000 or summary["error_rate"] > 0.05 or bad_in_a_row >= 2:
                break  # saturated: the next step would only queue longer
        catalog = asyncio.run(_catalog_downloads(server, fleet, catalog_seconds))
        print(f"{server.name}: catalog {json.dumps(catalog)}", file=sys.stderr)
    finally:
        server.stop()
    served = max((s.kiosks for s, _ in ran if s.good), default=0)
    top = next((summary for s, summary in ran if s.kiosks == served), {})
    answered = [summary for _, summary in ran if summary["error_rate"] < 0.05]
    # per core, at the busiest step answered (the fixed costs of a quiet step, the
    # nonce flush and the fleet sweep, weigh least there): requests/s over the
    # cores the platform's processes and its database used, and the kiosks that is
    busiest = max(answered, key=lambda s: s["sustained_per_s"], default={})
    cores = busiest.get("server_cores", 0) + busiest.get("db_cores", 0)
    per_core = busiest["sustained_per_s"] / cores if cores else 0.0
    return {
        "steps": [summary for _, summary in ran],
        "served": served,
        "top": top,
        "kiosks_per_core": round(per_core * CYCLE_SECONDS / PER_CYCLE),
        "requests_per_core": round(per_core),
        "per_core_at": busiest.get("kiosks", 0),
        "peak_per_s": busiest.get("sustained_per_s", 0.0),
        "saturated": bool(ran) and not ran[-1][0].good,
        "catalog": catalog,
        "seconds": round(time.monotonic() - started),
    }


def _at(result: dict[str, Any], kiosks: int) -> dict[str, Any]:
    for summary in result["steps"]:
        if summary["kiosks"] == kiosks:
            return dict(summary)
    return {}


def _serve_cmd(where: Path | str, data: Path, workers: int) -> list[str]:
    """The real command, as an operator types it."""
    platform = ["platform", "--db", str(where), "--data", str(data)]
    serve = ["serve", "--port", "{port}", "--workers", str(workers)]
    return [sys.executable, str(REPO / "main.py"), *platform, *serve]


def _skip(name: str, reason: str, **extra: Any) -> None:
    print(json.dumps({"name": name, "skipped": reason, "machine": machine(), **extra},
                     ensure_ascii=False))  # fmt: skip
    sys.stdout.flush()


def _postgres(fleet: Fleet, steps: list[int], args: argparse.Namespace, tmp: Path
              ) -> tuple[dict[int, dict[str, Any]], dict[int, str]]:  # fmt: skip
    """The PostgreSQL platforms at 1, 2 and 4 workers, each on a fresh database of one
    throwaway cluster with fsync on; a configuration that cannot run says why."""
    from bench.pg_cluster import ClusterUnavailable, pg_cluster

    results: dict[int, dict[str, Any]] = {}
    reasons: dict[int, str] = {}
    try:
        with pg_cluster() as cluster:
            settings = {k: cluster.setting(k) for k in ("fsync", "synchronous_commit",
                                                        "server_version")}  # fmt: skip
            print(f"postgresql: {settings}", file=sys.stderr)
            for workers in WORKERS:
                url = cluster.create_database(f"fleet_{workers}w")
                data = tmp / f"pg{workers}"
                cmd = _serve_cmd(url, data, workers)
                server = Server(f"postgresql {workers}w", cmd, REPO, url, data, workers=workers,
                                db_pid=cluster.postmaster_pid())  # fmt: skip
                try:
                    results[workers] = measure(server, fleet, steps, args.step, args.catalog)
                    results[workers]["postgresql"] = settings
                except (RuntimeError, OSError, AssertionError) as exc:
                    reasons[workers] = f"the platform did not run: {exc}"
    except ClusterUnavailable as exc:
        for workers in WORKERS:
            reasons.setdefault(workers, f"PostgreSQL did not start: {exc}")
    return results, reasons


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", default=DEFAULT_STEPS, help="fleet sizes, comma-separated")
    ap.add_argument("--step", type=float, default=8.0, help="seconds per step")
    ap.add_argument("--catalog", type=float, default=3.0, help="seconds of full catalogs")
    ap.add_argument("--baseline-ref", default=BASELINE_REF)
    ap.add_argument("--no-postgres", action="store_true", help="SQLite rows only")
    args = ap.parse_args()
    try:  # the load generator on uvloop too: less of the two cores for sending
        import uvloop

        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    except ImportError:
        pass
    steps = [int(s) for s in args.steps.split(",")]
    started = time.monotonic()
    load_start = round(os.getloadavg()[0], 2)
    fleet = Fleet.make(max(steps))
    with tempfile.TemporaryDirectory(prefix="bench-fleet-") as tmp_name:
        tmp = Path(tmp_name)
        base_root = tmp / "baseline"
        base_root.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.baseline_ref],
                                 check=True, capture_output=True).stdout  # fmt: skip
        subprocess.run(["tar", "-x", "-C", str(base_root)], input=archive, check=True)
        base_db = tmp / "b" / "central.db"
        before = measure(Server("baseline", [sys.executable, "-c", LAUNCH, str(base_db), "{port}"],
                                base_root, base_db, base_db.parent),
                         fleet, steps, args.step, args.catalog)  # fmt: skip
        now_db = tmp / "n" / "central.db"
        after = measure(Server("sqlite 1w", _serve_cmd(now_db, now_db.parent, 1), REPO, now_db,
                               now_db.parent), fleet, steps, args.step, args.catalog)  # fmt: skip
        if args.no_postgres:
            pg, pg_reasons = {}, {w: "--no-postgres" for w in WORKERS}
        else:
            pg, pg_reasons = _postgres(fleet, steps, args, tmp)
    common = {"load_start": load_start, "load_end": round(os.getloadavg()[0], 2),
              "bench_seconds": round(time.monotonic() - started)}  # fmt: skip
    baseline_name = f"the platform at {args.baseline_ref[:10]} (before the hot-path change)"
    today = "today's single-process platform (1 uvicorn process on SQLite, this run)"
    target_kiosks = ">= 25,000 kiosks (1,000 requests/s per core at p95 < 50 ms)"

    def details(r: dict[str, Any]) -> dict[str, Any]:
        keys = ("top", "kiosks_per_core", "requests_per_core", "per_core_at", "peak_per_s",
                "saturated", "catalog", "steps", "seconds")  # fmt: skip
        return {k: r[k] for k in keys}

    served_now, served_before = int(after["served"]), int(before["served"])
    emit("fleet_sqlite_1w_kiosks", "kiosks served at p95 < 50 ms, errors < 0.5 %",
         served_now, "kiosks", baseline_name, served_before, target=target_kiosks,
         met=served_now >= 25000, path=PATH.format("SQLite, 1 worker"),
         before=details(before), **details(after), **common)  # fmt: skip
    both = [s["kiosks"] for s in before["steps"] if _at(after, s["kiosks"])]
    at = max(both) if both else steps[0]
    now_at, before_at = _at(after, at), _at(before, at)
    emit(f"fleet_sqlite_1w_p95_{at}", f"p95 latency at {at} kiosks", now_at["p95_ms"], "ms",
         baseline_name, before_at["p95_ms"], target="< 50 ms",
         met=now_at["p95_ms"] < GOOD_P95_MS, path=PATH.format("SQLite, 1 worker"),
         now=now_at, before=before_at, **common)  # fmt: skip
    emit(f"fleet_sqlite_1w_cpu_per_request_{at}", f"server CPU per request at {at} kiosks",
         now_at["cpu_ms_per_request"], "ms", baseline_name, before_at["cpu_ms_per_request"],
         target="<= 1 ms (1,000 requests/s per core)", path=PATH.format("SQLite, 1 worker"),
         met=now_at["cpu_ms_per_request"] <= 1.0, **common)  # fmt: skip
    _skip("fleet_sqlite_2w_kiosks", SQLITE_2W, **common)
    for workers in WORKERS:
        name = f"fleet_pg_{workers}w_kiosks"
        if workers not in pg:
            _skip(name, pg_reasons.get(workers, "not run"), **common)
            continue
        r = pg[workers]
        emit(name, "kiosks served at p95 < 50 ms, errors < 0.5 %", r["served"], "kiosks",
             today, served_now, target=target_kiosks, met=r["served"] >= 25000,
             path=PATH.format(f"PostgreSQL fsync on, {workers} worker{'s' * (workers > 1)}"),
             postgresql=r["postgresql"], **details(r), **common)  # fmt: skip
    if 1 in pg and 2 in pg:
        one, two = pg[1], pg[2]
        emit("fleet_pg_2w_scaling", "peak requests/s answered, 2 workers over 1 (PostgreSQL)",
             two["peak_per_s"], "req/s", "1 worker on PostgreSQL, this run", one["peak_per_s"],
             target=">= 1.8x", met=bool(one["peak_per_s"]) and
             two["peak_per_s"] / one["peak_per_s"] >= 1.8,
             path=PATH.format("PostgreSQL, 2 workers against 1"),
             saturated_1w=one["saturated"], saturated_2w=two["saturated"],
             served_ratio=round(two["served"] / one["served"], 3) if one["served"] else 0,
             **common)  # fmt: skip
    else:
        _skip("fleet_pg_2w_scaling", pg_reasons.get(2) or pg_reasons.get(1, "not run"), **common)
    configs = {"sqlite 1w": after, **{f"postgresql {w}w": pg[w] for w in pg}}
    best = max(configs, key=lambda k: configs[k]["kiosks_per_core"])
    emit("fleet_kiosks_per_core", "kiosks per core at the busiest step (platform + database CPU)",
         configs[best]["kiosks_per_core"], "kiosks", baseline_name, before["kiosks_per_core"],
         target=">= 26,000 (1,000 requests/s per core at p95 < 50 ms)",
         met=configs[best]["requests_per_core"] >= 1000,
         path=PATH.format(f"best configuration: {best}"), best=best,
         by_config={k: {"kiosks_per_core": v["kiosks_per_core"],
                        "requests_per_core": v["requests_per_core"]} for k, v in configs.items()},
         **common)  # fmt: skip
    cat_now, cat_before = after["catalog"], before["catalog"]
    emit("fleet_catalog_full_per_s", "full catalog downloads per second (gzip asked)",
         cat_now["full_per_s"], "1/s", baseline_name, cat_before["full_per_s"],
         target=">= 500/s", met=cat_now["full_per_s"] >= 500,
         path="`kiosk platform serve` (SQLite, 1 worker), 16 connections, no ETag",
         now=cat_now, before=cat_before,
         by_config={k: v["catalog"] for k, v in configs.items()}, **common)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
