"""Power cuts: SIGKILL the kiosk while it submits and syncs, hundreds of times.

After every cut the database passes ``PRAGMA integrity_check``, every
application whose ``submit`` returned is there exactly once and whole; at the
end the queue drains and the platform holds each exactly once.
"""

from __future__ import annotations

import pytest

from kiosk.config import Config
from kiosk.storage import open_storage
from sync.engine import SyncEngine
from tests.reliability.conftest import RemotePlatform
from tests.reliability.powercut import Tally, check_database, power_cuts


def _drain_and_compare(config: Config, platform: RemotePlatform, tally: Tally) -> None:
    storage = open_storage(config.database_path)
    try:
        engine = SyncEngine.from_settings(storage, config)
        for _ in range(100):
            report = engine.run_once(heartbeat=False)
            if report.ok and report.queue_depth == 0:
                break
        else:
            raise AssertionError(f"queue did not drain: {report}")
        rows = storage.query("SELECT client_id, state FROM outbox WHERE kind = 'application'")
    finally:
        storage.close()
    kiosk_ids = {str(r["client_id"]) for r in rows}
    assert all(r["state"] == "accepted" for r in rows)
    counts = platform.counts()
    # every application the kiosk holds (confirmed or committed just before a cut)
    # is on the platform exactly once, and nothing else is
    assert counts == dict.fromkeys(kiosk_ids, 1)
    assert tally.confirmed <= kiosk_ids


def _run(config: Config, platform: RemotePlatform, rounds: int, seed: int) -> Tally:
    tally = power_cuts(config, rounds=rounds, seed=seed)
    assert tally.kills >= rounds * 9 // 10, tally
    assert tally.kills_in_sync > 0, "no cut landed during a sync cycle"
    assert len(tally.confirmed) > rounds, "too few applications were confirmed"
    check_database(config, tally.confirmed)
    _drain_and_compare(config, platform, tally)
    return tally


def test_power_cut_during_submit_and_sync(
    enrolled_config: Config, remote_platform: RemotePlatform
) -> None:
    tally = _run(enrolled_config, remote_platform, rounds=220, seed=9)
    print(f"power cuts: {tally}, {len(tally.confirmed)} confirmed")


@pytest.mark.slow
def test_power_cut_soak(enrolled_config: Config, remote_platform: RemotePlatform) -> None:
    tally = _run(enrolled_config, remote_platform, rounds=1500, seed=99)
    print(
        f"power-cut soak: {tally.kills} kills ({tally.kills_in_sync} during sync), "
        f"{len(tally.confirmed)} confirmed, {tally.seconds:.0f} s"
    )
