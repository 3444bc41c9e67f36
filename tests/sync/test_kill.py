"""SIGKILL the syncing kiosk process at random points, many times: nothing is lost,
nothing is duplicated, and the kiosk's case numbers are the platform's."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest

from central.server import PlatformServer
from sync.engine import SyncEngine
from tests.engines import platform_db_and_workers  # noqa: F401 - also 2 workers on PG
from tests.reliability.sync_soak import Zygote
from tests.sync.conftest import Kiosk
from tests.sync.test_faults import assert_exactly_once, drain


def _kill_rounds(platform: PlatformServer, kiosk: Kiosk, rounds: int, seed: int) -> None:
    """Each round a sync process starts and is SIGKILLed a random moment after its
    database is open.

    The process is forked from a zygote that already holds the imports
    (tests/reliability/sync_soak.py): a fresh interpreter costs about 1.5 s, and
    the 200-round soak spent five minutes starting Python and ran past its
    timeout on a loaded machine.
    """
    rng = random.Random(seed)
    ids = kiosk.enqueue(150)
    kills = finished = 0
    data_dir = Path(kiosk.config.kiosk.data_dir)
    zygote = Zygote(data_dir, data_dir.parent / "kill-children.log")
    try:
        for _ in range(rounds):
            ids += kiosk.enqueue(rng.randint(0, 6))  # the journey keeps enqueueing
            pid = zygote.run(rng.choice([1, 5, 10]), kiosk.config.sync.timeout_seconds)
            time.sleep(rng.uniform(0, 0.12))
            if zygote.kill(pid):
                kills += 1
            else:
                finished += 1
    finally:
        zygote.close()
    assert kills >= rounds * 2 // 3, (kills, finished)
    assert kiosk.storage.integrity_ok()
    # proof that kills landed between "marked sending" and "verdict recorded"
    resent = kiosk.storage.query("SELECT count(*) AS n FROM outbox WHERE attempts >= 2")
    assert int(str(resent[0]["n"])) > 0
    # a last, uninterrupted run drains what is left
    drain(SyncEngine.from_settings(kiosk.storage, kiosk.config), max_cycles=50)
    assert_exactly_once(platform, kiosk, ids)


def test_sigkill_during_sync_loses_and_duplicates_nothing(
    platform: PlatformServer, kiosk: Kiosk
) -> None:
    _kill_rounds(platform, kiosk, rounds=35, seed=6)


@pytest.mark.slow
def test_sigkill_soak(platform: PlatformServer, kiosk: Kiosk) -> None:
    _kill_rounds(platform, kiosk, rounds=200, seed=66)
