"""Sync under faults and SIGKILLs, counted on both sides (see sync_soak.py).

``make test`` runs a short one (the harness kills, faults land, both sides
agree); ``make soak`` pushes 5,000 applications and prints a ``SYNC-SOAK``
line with the lost, duplicated, stuck and quarantined counts of each side.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.enroll import enroll
from tests.reliability.conftest import RemotePlatform
from tests.reliability.sync_soak import SyncSoakReport, count, run_sync_soak
from tests.sync.conftest import Kiosk, make_kiosk


@pytest.fixture
def soak_kiosk(tmp_path: Path, remote_platform: RemotePlatform) -> Iterator[Kiosk]:
    k = make_kiosk(tmp_path / "kiosk", remote_platform.url)
    enroll(k.storage, k.config, remote_platform.url, remote_platform.tokens[0])
    yield k
    k.storage.close()


def _check(report: SyncSoakReport, applications: int) -> None:
    assert report.applications == applications
    assert report.kills > 0 and sum(report.faults.values()) > 0, report
    assert report.resent > 0, "no kill landed between sending and the verdict"
    assert report.kiosk.held == report.platform.held == applications, report
    assert report.clean, report


def test_counts_see_a_loss_on_each_side(soak_kiosk: Kiosk, remote_platform: RemotePlatform) -> None:
    """The counters are not blind: an item never sent is stuck on the kiosk and lost
    on the platform; a client id the kiosk never wrote is lost on the kiosk."""
    ids = soak_kiosk.enqueue(3)
    k, p = count(soak_kiosk, remote_platform.db, [*ids, "never-written"])
    assert (k.held, k.lost, k.stuck, k.duplicated, k.quarantined) == (3, 1, 3, 0, 0)
    assert (p.held, p.lost, p.stuck, p.duplicated, p.quarantined) == (0, 4, 0, 0, 0)


def test_short_sync_soak_both_sides_agree(
    soak_kiosk: Kiosk, remote_platform: RemotePlatform
) -> None:
    report = run_sync_soak(
        soak_kiosk, remote_platform.url, remote_platform.db, applications=300, seed=15
    )
    _check(report, 300)


@pytest.mark.slow
def test_sync_soak_5000_applications(soak_kiosk: Kiosk, remote_platform: RemotePlatform) -> None:
    report = run_sync_soak(
        soak_kiosk, remote_platform.url, remote_platform.db, applications=5000, seed=2026
    )
    print("\nSYNC-SOAK " + json.dumps(report.as_dict()))
    _check(report, 5000)
