"""The power-cut harness: a forked kiosk child submits and syncs until SIGKILLed.

The child is forked from the test process after every import, so a round costs
a few milliseconds instead of an interpreter start. It uses only core modules
(no Qt) and reports through a pipe: ``C <client id>`` once ``submit`` returned
(the moment a receipt would print: the application is *confirmed*), ``S`` and
``s`` around each sync cycle. The parent kills it at a random moment, then
checks the database the way the kiosk would find it after the power returns.
"""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import time
from dataclasses import dataclass, field

from kiosk.config import Config
from kiosk.services import DEMO_SERVICES
from protocol.sealing import payload_hash
from sync.engine import SyncEngine
from tests.journey.conftest import make_identity
from tests.reliability.conftest import open_kiosk

SERVICE_VALUES = {
    "name": "张三丰",
    "id_number": "11010519491231002X",
    "phone": "13800138000",
    "address": "北京市朝阳区建国路88号",
    "reason": "work",
    "note": "",
}


def _child(config: Config, write_fd: int, seed: int) -> None:
    """Runs in the forked child; never returns (``os._exit``)."""
    code = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        rng = random.Random(seed)
        core = open_kiosk(config)
        engine = SyncEngine.from_settings(core.storage, config)
        service = DEMO_SERVICES[0]
        materials = [m.code for m in service.materials]
        identity = make_identity()
        os.write(write_fd, b"R\n")
        while True:
            if rng.random() < 0.25:
                os.write(write_fd, b"S\n")
                engine.run_once(heartbeat=rng.random() < 0.1)
                os.write(write_fd, b"s\n")
            sub = core.apps.submit(service, identity, SERVICE_VALUES, materials)
            os.write(write_fd, f"C {sub.client_id}\n".encode())
    except BaseException:  # noqa: BLE001 - the parent sees the exit code
        code = 3
    finally:
        os._exit(code)


@dataclass
class Tally:
    kills: int = 0
    kills_in_sync: int = 0
    child_finished: int = 0
    confirmed: set[str] = field(default_factory=set, repr=False)
    seconds: float = 0.0


def check_database(config: Config, confirmed: set[str]) -> None:
    """What the kiosk finds after the power returns: a sound file, every confirmed
    application exactly once, no row half written."""
    conn = sqlite3.connect(config.database_path, timeout=30)
    try:
        row = conn.execute("PRAGMA integrity_check").fetchone()
        assert row[0] == "ok", row
        rows = conn.execute(
            "SELECT client_id, tracking_no, sealed, payload_hash, size, state FROM outbox"
        ).fetchall()
    finally:
        conn.close()
    seen: dict[str, int] = {}
    for client_id, tracking_no, sealed, digest, size, state in rows:
        seen[client_id] = seen.get(client_id, 0) + 1
        assert tracking_no, client_id
        assert sealed is not None and len(sealed) == size, client_id
        assert payload_hash(sealed) == digest, client_id
        assert state in ("pending", "sending", "accepted"), (client_id, state)
    missing = confirmed - seen.keys()
    assert not missing, f"{len(missing)} confirmed applications lost"
    assert all(seen[c] == 1 for c in confirmed)


def _read_lines(fd: int, buf: bytearray) -> list[str]:
    while True:
        ready, _, _ = select.select([fd], [], [], 0)
        if not ready:
            break
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        buf.extend(chunk)
    *lines, rest = buf.split(b"\n")
    buf[:] = rest
    return [line.decode() for line in lines]


def power_cuts(config: Config, rounds: int, seed: int, max_delay: float = 0.06) -> Tally:
    """Fork, let the child work for a random moment, SIGKILL it; check after each cut."""
    rng = random.Random(seed)
    tally = Tally()
    t0 = time.monotonic()
    for n in range(rounds):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _child(config, write_fd, seed * 100_003 + n)
        os.close(write_fd)
        buf = bytearray()
        in_sync = False
        lines: list[str] = []
        try:
            ready, _, _ = select.select([read_fd], [], [], 20)
            assert ready, "child did not start"
            lines += _read_lines(read_fd, buf)
            time.sleep(rng.uniform(0, max_delay))
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            lines += _read_lines(read_fd, buf)
        finally:
            os.close(read_fd)
        if os.WIFSIGNALED(status):
            tally.kills += 1
        else:
            tally.child_finished += 1
            assert os.WEXITSTATUS(status) == 0, f"child failed with {os.WEXITSTATUS(status)}"
        for line in lines:
            if line.startswith("C "):
                tally.confirmed.add(line[2:])
            elif line == "S":
                in_sync = True
            elif line == "s":
                in_sync = False
        tally.kills_in_sync += in_sync
        check_database(config, tally.confirmed)
    tally.seconds = time.monotonic() - t0
    return tally
