"""The confirmed journal under SIGKILL: a kiosk that submits and is killed at random,
then starts again the way ``kiosk run`` does (``open_recovered``).

After every cut: no loss is reported (a kill between the journal's fsync and
the COMMIT leaves an "uncertain" entry, which is voided without a report),
every application whose submit returned is in the database, and no tracking
number is ever handed out twice across all the restarts.
"""

from __future__ import annotations

import os
import random
import select
import signal
import time
from pathlib import Path

from kiosk.backup import open_recovered
from kiosk.journal import ConfirmedJournal, journal_path
from kiosk.outbox import NewItem, Outbox
from kiosk.recovery_report import last_recovery

ROUNDS = 60


def _child(db: Path, write_fd: int) -> None:
    code = 1
    try:
        storage = open_recovered(db)  # the start-up check runs in every life
        outbox = Outbox(storage, "GD01")
        os.write(write_fd, b"R\n")
        while True:
            item = outbox.enqueue(NewItem("application", os.urandom(200), "S1", 1))
            os.write(write_fd, f"C {item.client_id} {item.tracking_no}\n".encode())
    except BaseException:  # noqa: BLE001 - the parent sees the exit code
        code = 3
    finally:
        os._exit(code)


def _lines(fd: int) -> list[str]:
    data = b""
    while select.select([fd], [], [], 0)[0]:
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        data += chunk
    return [line for line in data.decode().split("\n") if line]


def test_kills_never_cause_a_false_loss_report_or_a_reused_tracking_number(
    tmp_path: Path,
) -> None:
    db = tmp_path / "kiosk.db"
    open_recovered(db).close()
    rng = random.Random(15)
    confirmed: dict[str, str] = {}
    started = 0
    for _ in range(ROUNDS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            _child(db, write_fd)
        os.close(write_fd)
        try:
            assert select.select([read_fd], [], [], 30)[0], "child did not start"
            time.sleep(rng.uniform(0, 0.05))
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
            lines = _lines(read_fd)
        finally:
            os.close(read_fd)
        assert os.WIFSIGNALED(status), f"child exited with {os.WEXITSTATUS(status)}"
        started += any(line == "R" for line in lines)
        for line in lines:
            if line.startswith("C "):
                _, client_id, number = line.split()
                confirmed[client_id] = number

        storage = open_recovered(db)  # the next start, as the kiosk makes it
        try:
            assert last_recovery(storage) is None, last_recovery(storage)
            rows = {
                str(r["client_id"]): str(r["tracking_no"])
                for r in storage.query("SELECT client_id, tracking_no FROM outbox")
            }
        finally:
            storage.close()
        assert confirmed.keys() <= rows.keys()
        assert len(set(rows.values())) == len(rows)  # never a number twice
    assert started == ROUNDS
    assert len(confirmed) > ROUNDS // 2, "too few submits returned for the test to mean much"
    read = ConfirmedJournal(journal_path(tmp_path)).read()
    assert read.uncertain <= set(rows)  # an uncertain entry left is one that did commit
    print(f"journal kills: {ROUNDS} cuts, {len(confirmed)} confirmed, {len(rows)} rows")
