"""Resident sessions in bulk with devices, sync and random faults (see soak.py).

``make test`` runs a short one (the harness works, both sides agree);
``make soak`` runs 2,000 sessions and holds memory, handles and threads to 5%.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from tests.journey.conftest import db_bytes, encodings
from tests.reliability.conftest import kiosk_config
from tests.reliability.soak import SoakReport, run_soak

MAX_GROWTH_PERCENT = 5.0


def _check(report: SoakReport, sessions: int) -> None:
    assert report.sessions == sessions
    assert report.submitted > sessions * 0.8, report
    assert report.kiosk_applications == report.platform_applications == report.submitted
    assert report.platform_duplicates == 0
    assert report.receipts_printed + report.print_failures == report.submitted
    assert report.receipts_checked > report.receipts_printed * 0.8
    assert report.receipt_leaks == 0, "a receipt shows a full name or ID number"


def test_short_soak_both_sides_agree_and_nothing_personal_is_kept(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    report = run_soak(tmp_path, sessions=60, seed=3, warmup=10)
    _check(report, 60)
    assert report.net_faults + report.card_faults + report.print_failures > 0
    # the database and its WAL, and the log at DEBUG: no name, no ID number
    raw = db_bytes(kiosk_config(tmp_path / "kiosk").database_path)
    assert len(raw) > 100_000
    for secret in report.secrets:
        assert secret not in caplog.text
        forms = encodings(secret) if secret[:1].isdigit() else [secret.encode()]
        for form in forms:
            assert form not in raw, secret


@pytest.mark.slow
def test_soak_2000_sessions(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR)
    report = run_soak(tmp_path, sessions=2000, seed=2026)
    print("\nSOAK " + json.dumps(report.as_dict(), ensure_ascii=False))
    _check(report, 2000)
    growth = report.growth()
    assert all(g <= MAX_GROWTH_PERCENT for g in growth.values()), growth
