"""SIGKILL the syncing kiosk process at random points, many times: nothing is lost,
nothing is duplicated, and the kiosk's case numbers are the platform's."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from central.server import PlatformServer
from sync.engine import SyncEngine
from tests.conftest import REPO
from tests.sync.conftest import Kiosk
from tests.sync.test_faults import assert_exactly_once, drain


def _kill_rounds(platform: PlatformServer, kiosk: Kiosk, rounds: int, seed: int) -> None:
    rng = random.Random(seed)
    ids = kiosk.enqueue(150)
    kills = finished = 0
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for _ in range(rounds):
        ids += kiosk.enqueue(rng.randint(0, 6))  # the journey keeps enqueueing
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.sync.kill_child",
                kiosk.config.kiosk.data_dir,
                str(rng.choice([1, 5, 10])),
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.12))
        if child.poll() is None:
            child.send_signal(signal.SIGKILL)
            kills += 1
        else:
            finished += 1
        child.wait(timeout=10)
        child.stdout.close()
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
