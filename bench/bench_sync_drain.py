"""Drain 10,000 queued applications over loopback into the reference platform.

The platform runs in its own process (``kiosk platform serve``, uvicorn) so
client and server do not share a GIL. The sync engine pushes batches over one
kept-alive, signed connection; the baseline is a naive client that sends each
application in its own request over one kept-alive connection (measured on
500 items and reported as a rate), so the ratio is what batching is worth and
nothing else (a new connection per request would add TCP set-up to it).
Both record each verdict in the kiosk's outbox, and the platform checks
each sealed payload's hash and recipient tag (a version 2 box is opened when
an operator reads it, protocol/sealing.py) and commits before it answers. The
kiosk has synced once before the drain is timed (its catalog is current), as
a kiosk coming back online has.
Anchors: ODK Central's soak test runs 50 submissions/s; MOSIP's load test
reported about 22 packets/s. Target: at least 10,000/s (issue 19).

Usage: python bench/bench_sync_drain.py [--items 10000] [--batch 500] [--naive 500]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_fleet import tree_cpu_seconds  # noqa: E402
from bench.common import emit  # noqa: E402
from central.store import PlatformStore  # noqa: E402
from kiosk import enrollment  # noqa: E402
from kiosk.config import Config  # noqa: E402
from kiosk.outbox import Outbox, Verdict, iso, utcnow  # noqa: E402
from kiosk.settings import get_setting  # noqa: E402
from kiosk.storage import open_storage  # noqa: E402
from protocol.sealing import payload_hash, seal  # noqa: E402
from protocol.signing import sign_headers  # noqa: E402
from sync.engine import SyncEngine  # noqa: E402
from sync.enroll import enroll  # noqa: E402
from sync.keys import load_or_create_signing_key, platform_seal_key  # noqa: E402

REPO = Path(__file__).resolve().parent.parent


def start_platform(db: Path) -> tuple[subprocess.Popen[bytes], str]:
    from central.server import free_port

    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "main.py",
            "platform",
            "--db",
            str(db),
            "serve",
            "--port",
            str(port),
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            requests.get(url + "/api/v1/openapi.json", timeout=1)
            return proc, url
        except requests.RequestException:
            time.sleep(0.05)
    proc.kill()
    raise RuntimeError("platform did not start")


def fill(outbox: Outbox, n: int, sealing_key: object) -> None:
    """Queue n sealed applications (set-up, not timed) in one transaction."""
    rows = []
    now = iso(utcnow())
    for i in range(n):
        cid = str(uuid.uuid4())
        doc = {"service": "S1", "answers": {"i": i, "address": "某某村一组"}, "name": "张三"}
        box = seal(json.dumps(doc, ensure_ascii=False).encode(), sealing_key, cid.encode())  # type: ignore[arg-type]
        rows.append(
            (
                cid,
                "application",
                f"B-{cid[:8]}-{i:06d}",
                "S1",
                "1",
                "张*",
                now,
                box,
                payload_hash(box),
                len(box),
            )
        )
    with outbox.storage.transaction() as conn:
        conn.executemany(
            "INSERT INTO outbox (client_id, kind, tracking_no, service_code, service_version, "
            "masked_name, created_at, sealed, payload_hash, size) VALUES (?,?,?,?,?,?,?,?,?,?)",
            rows,
        )


def naive(outbox: Outbox, url: str, kiosk_id: str, key: object, n: int) -> float:
    """One request per application over one kept-alive connection; verdict recorded per item."""
    batch = outbox.claim_batch(n, 1 << 40)
    session = requests.Session()
    t0 = time.perf_counter()
    for item in batch:
        body = json.dumps(
            {
                "items": [
                    {
                        "client_id": item.client_id,
                        "kind": item.kind,
                        "payload_hash": item.payload_hash,
                        "sealed": base64.b64encode(item.sealed).decode(),
                    }
                ]
            }
        ).encode()
        headers = sign_headers(key, kiosk_id, "POST", "/api/v1/submissions", body, int(time.time()))  # type: ignore[arg-type]
        headers["Content-Type"] = "application/json"
        resp = session.post(url + "/api/v1/submissions", data=body, headers=headers, timeout=30)
        result = resp.json()["results"][0]
        outbox.record_verdicts([Verdict(item.client_id, result["verdict"], result["case_number"])])
    elapsed = time.perf_counter() - t0
    session.close()
    assert len(batch) == n
    return n / elapsed


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=10_000)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--naive", type=int, default=500)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        db = tmpdir / "platform" / "central.db"
        store = PlatformStore(db)  # creates the schema; the server process opens the same file
        proc, url = start_platform(db)
        try:
            config = Config()
            config.kiosk.data_dir = str(tmpdir / "kiosk")
            config.sync.batch_max_items = args.batch
            config.sync.batch_max_bytes = 8_000_000
            config.sync.timeout_seconds = 60
            storage = open_storage(config.database_path)
            enroll(storage, config, url, store.create_token())
            outbox = Outbox(storage, "BENCH")
            sealing_key = platform_seal_key(storage)
            kiosk_id = get_setting(storage, enrollment.KIOSK_ID)
            key = load_or_create_signing_key(config.data_dir)

            fill(outbox, args.naive, sealing_key)
            naive_rate = naive(outbox, url, kiosk_id, key, args.naive)

            # a kiosk that has synced before: its first cycle imports the county's
            # catalog (about half of the drain's time when it was timed with it)
            engine = SyncEngine.from_settings(storage, config)
            warm = engine.run_once(heartbeat=False)
            if not warm.ok:
                raise RuntimeError(f"sync failed: {warm.error_detail}")
            fill(outbox, args.items, sealing_key)
            server_cpu0 = tree_cpu_seconds(proc.pid, by_group=False)
            kiosk_cpu0 = time.process_time()
            t0 = time.perf_counter()
            pushed = accepted = batches = 0
            while True:
                report = engine.run_once(heartbeat=False)
                pushed += report.pushed
                accepted += report.accepted
                batches += report.batches
                if report.ok and report.queue_depth == 0:
                    break
                if not report.ok:
                    raise RuntimeError(f"sync failed: {report.error_detail}")
            elapsed = time.perf_counter() - t0
            kiosk_cpu = time.process_time() - kiosk_cpu0
            server_cpu = tree_cpu_seconds(proc.pid, by_group=False) - server_cpu0
            counts = store.count_by_client_id()
            exactly_once = len(counts) == args.items + args.naive and set(counts.values()) == {1}
            rate = accepted / elapsed
            emit(
                "sync_drain",
                "applications_per_second",
                rate,
                "apps/s",
                f"naive: one request per application, kept-alive connection ({args.naive} items)",
                naive_rate,
                target=">= 10,000 apps/s (anchors: ODK Central soak 50/s, MOSIP load test ~22/s)",
                met=rate >= 10_000,
                path="SyncEngine.run_once over loopback HTTP to `kiosk platform serve`",
                items=args.items,
                batch_size=args.batch,
                batches=batches,
                seconds=round(elapsed, 2),
                # CPU per application on each side: steadier than the rate on a
                # shared machine, and it says which side is the limit
                kiosk_cpu_us_per_item=round(1e6 * kiosk_cpu / args.items, 1),
                platform_cpu_us_per_item=round(1e6 * server_cpu / args.items, 1),
                exactly_once=exactly_once,
                anchors={"odk_central_soak": 50, "mosip_load_test": 22},
            )
        finally:
            proc.terminate()
            proc.wait(timeout=10)
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
