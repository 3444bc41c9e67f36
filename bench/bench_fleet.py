"""A province's fleet against one platform process: open loop, signed, on loopback.

N kiosks are enrolled with their own Ed25519 keys (written into the platform's
``kiosks`` table at set-up: 30,000 HTTP enrollments would be the whole time
budget, and enrollment is not what a province's day is made of). Each kiosk's
sync cycle is 60 s: GET ``/statuses``, GET ``/catalog`` with its ETag (304), a
push of 1-3 sealed applications 10 % of the time, a heartbeat every 5th cycle:
2.3 requests a cycle, so N kiosks offer N x 2.3 / 60 requests a second. Every
request is signed by its kiosk's key with a fresh nonce, like the kiosk's own
``PlatformClient``; pushes are sealed to the platform's key, which opens them.

Open loop: the requests are signed before a step starts and sent at their
scheduled moments (uniform arrivals) whatever the server does; a late server
does not slow the offered load, and a request's latency counts from its
scheduled moment, so time spent waiting for a free connection is counted too
(at most 1,024 kept-alive connections). Steps of ``--step`` seconds raise the
fleet until p95 passes a second or errors pass 5 %; the largest step served
at p95 under 50 ms with under 0.5 % errors is the fleet one process serves.
The server's CPU (``/proc/PID/stat``) gives CPU per request and kiosks per core.

Then full-catalog downloads (a bump: no ETag, ``Accept-Encoding: gzip`` as the
kiosk's client sends) closed loop on 16 connections for 5 s.

Baseline, in the same run and on the same machine: the platform of the commit
before the hot-path change (``BASELINE_REF``, extracted with ``git archive``
into a temporary directory, run with this venv), fed the same fleet and
steps. Both are one uvicorn process on SQLite (synchronous=FULL).

Rows: ``fleet_sqlite_1w_kiosks`` (the fleet served), ``fleet_sqlite_1w_p95``
and ``fleet_sqlite_1w_cpu_per_request`` at a step both ran, and
``fleet_catalog_full_per_s``.

Usage: python bench/bench_fleet.py [--steps 8000,13000,...] [--step 12] [--baseline-ref REF]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import random
import sqlite3
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

from bench.common import emit, percentile  # noqa: E402
from central.server import free_port  # noqa: E402
from protocol.sealing import payload_hash, seal  # noqa: E402
from protocol.signing import sign_headers  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
# the parent of 95caae5 (Platform hot path, issue 18 item 1): today's platform before it
BASELINE_REF = "38e3b4fa994708223b8810f8fd04bff7ca49d112"
DEFAULT_STEPS = "500,2000,8000,13000,18000,24000,30000,36000"
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

    def enroll(self, db: Path) -> None:
        """Write the fleet into the platform's kiosks table (set-up, not timed)."""
        from cryptography.hazmat.primitives import serialization

        raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
        conn = sqlite3.connect(db, timeout=30)
        with conn:
            conn.executemany(
                "INSERT INTO kiosks(kiosk_id, code, public_key, enrolled_at) VALUES (?,?,?,?)",
                [
                    (kid, "BENCH", key.public_key().public_bytes(*raw).hex(), "2026-01-01")
                    for kid, key in zip(self.ids, self.keys, strict=True)
                ],
            )
        conn.close()


@dataclass
class Server:
    name: str
    root: Path
    db: Path
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None
    catalog_etag: str = ""
    seal_key: X25519PublicKey | None = None

    def start(self) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-c", LAUNCH, str(self.db), str(self.port)],
            cwd=self.root,
            env={**os.environ, "PYTHONPATH": str(self.root)},
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                asyncio.run(_raw(self.port, b"GET /api/v1/statuses HTTP/1.1\r\nHost: x\r\n\r\n"))
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"{self.name} platform did not start")
        from central.keys import load_or_create_keys

        self.seal_key = load_or_create_keys(self.db.parent).seal.public_key()

    def cpu_seconds(self) -> float:
        assert self.proc is not None
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        """SIGTERM, then SIGKILL: uvicorn's graceful stop waits for connections
        the load generator may still hold open, and the figures are taken by now."""
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=20)


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
            "cpu_ms_per_request": round(1000 * self.cpu_seconds / self.done, 3)
            if self.done
            else 0.0,
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
    cpu0 = server.cpu_seconds()
    for t, kind, request in plan:
        due = t0 + t
        delay = due - time.perf_counter()
        if delay > 0.0005:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(_one(pool, step, kind, request, due)))
    _, late = await asyncio.wait(tasks, timeout=REQUEST_TIMEOUT)
    step.seconds = time.perf_counter() - t0
    step.cpu_seconds = server.cpu_seconds() - cpu0
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


def measure(server: Server, fleet: Fleet, steps: list[int], seconds: float) -> dict[str, object]:
    server.start()
    try:
        fleet.enroll(server.db)
        first = _request(server, fleet, 0, "catalog", time.time(), etag="")
        status, headers, _ = asyncio.run(_raw(server.port, first))
        assert status == 200, status
        server.catalog_etag = headers["etag"]
        ran = []
        for kiosks in steps:
            step = asyncio.run(_run_step(server, fleet, kiosks, seconds))
            summary = step.summary()
            ran.append((step, summary))
            print(f"{server.name}: {json.dumps(summary)}", file=sys.stderr)
            if summary["p95_ms"] > 1000 or summary["error_rate"] > 0.05:
                break  # saturated: the next step would only queue longer
        catalog = asyncio.run(_catalog_downloads(server, fleet, 5.0))
        print(f"{server.name}: catalog {json.dumps(catalog)}", file=sys.stderr)
    finally:
        server.stop()
    served = max((s.kiosks for s, _ in ran if s.good), default=0)
    return {"steps": [summary for _, summary in ran], "served": served, "catalog": catalog}


def _at(result: dict[str, object], kiosks: int) -> dict[str, float]:
    for summary in result["steps"]:  # type: ignore[attr-defined]
        if summary["kiosks"] == kiosks:
            return dict(summary)
    return {}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", default=DEFAULT_STEPS, help="fleet sizes, comma-separated")
    ap.add_argument("--step", type=float, default=12.0, help="seconds per step")
    ap.add_argument("--baseline-ref", default=BASELINE_REF)
    args = ap.parse_args()
    steps = [int(s) for s in args.steps.split(",")]
    started = time.monotonic()
    fleet = Fleet.make(max(steps))
    with tempfile.TemporaryDirectory(prefix="bench-fleet-") as tmp:
        base_root = Path(tmp) / "baseline"
        base_root.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.baseline_ref],
                                 check=True, capture_output=True).stdout  # fmt: skip
        subprocess.run(["tar", "-x", "-C", str(base_root)], input=archive, check=True)
        before = measure(Server("baseline", base_root, Path(tmp) / "b" / "central.db"),
                         fleet, steps, args.step)  # fmt: skip
        after = measure(Server("now", REPO, Path(tmp) / "n" / "central.db"),
                        fleet, steps, args.step)  # fmt: skip
    load = os.getloadavg()[0]
    common = {"load_before": round(load, 2), "bench_seconds": round(time.monotonic() - started)}
    baseline_name = f"the platform at {args.baseline_ref[:10]} (before the hot-path change)"
    served_now, served_before = int(after["served"]), int(before["served"])  # type: ignore[call-overload]
    top_now = _at(after, served_now) if served_now else {}
    top_before = _at(before, served_before) if served_before else {}
    emit("fleet_sqlite_1w_kiosks", "kiosks served at p95 < 50 ms, errors < 0.5 %",
         served_now, "kiosks", baseline_name, served_before,
         target=">= 25,000 kiosks (1,000 requests/s per core at p95 < 50 ms)",
         met=served_now >= 25000, now=top_now, before=top_before,
         kiosks_per_core_now=round(served_now / top_now["server_cores"])
         if top_now.get("server_cores") else 0,
         kiosks_per_core_before=round(served_before / top_before["server_cores"])
         if top_before.get("server_cores") else 0,
         steps_now=after["steps"], steps_before=before["steps"], **common)  # fmt: skip
    both = [s["kiosks"] for s in before["steps"] if _at(after, s["kiosks"])]  # type: ignore[attr-defined]
    at = max(both) if both else steps[0]
    now_at, before_at = _at(after, at), _at(before, at)
    emit(f"fleet_sqlite_1w_p95_{at}", f"p95 latency at {at} kiosks", now_at["p95_ms"], "ms",
         baseline_name, before_at["p95_ms"], target="< 50 ms",
         met=now_at["p95_ms"] < GOOD_P95_MS, now=now_at, before=before_at, **common)  # fmt: skip
    emit(f"fleet_sqlite_1w_cpu_per_request_{at}", f"server CPU per request at {at} kiosks",
         now_at["cpu_ms_per_request"], "ms", baseline_name, before_at["cpu_ms_per_request"],
         target="<= 1 ms (1,000 requests/s per core)",
         met=now_at["cpu_ms_per_request"] <= 1.0, **common)  # fmt: skip
    cat_now, cat_before = after["catalog"], before["catalog"]
    emit("fleet_catalog_full_per_s", "full catalog downloads per second (gzip asked)",
         cat_now["full_per_s"], "1/s", baseline_name, cat_before["full_per_s"],  # type: ignore[index]
         target=">= 500/s", met=cat_now["full_per_s"] >= 500,  # type: ignore[index]
         now=cat_now, before=cat_before, **common)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
