"""The console's alerts at a province's scale (issue 18): a heartbeat judges its own
kiosk and the kiosks gone quiet, and writes only the alerts that change; before,
every heartbeat rewrote every kiosk's alerts, one transaction each."""

from __future__ import annotations

import datetime as dt

import pytest

from central.console.db import ConsoleDB
from central.server import PlatformServer
from central.store import sql
from sync.engine import SyncEngine
from tests.console.conftest import Kiosk


def test_a_heartbeat_raises_a_quiet_kiosks_alert_and_rewrites_nothing_else(
    platform: PlatformServer, kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = platform.platform.store
    written: list[str] = []
    real = ConsoleDB.sync_alerts

    def counting(self: ConsoleDB, kiosk_id: str, found: dict[str, str]) -> None:
        written.append(kiosk_id)  # one write transaction per call
        real(self, kiosk_id, found)

    monkeypatch.setattr(ConsoleDB, "sync_alerts", counting)
    now = dt.datetime.now(dt.UTC)
    seen = now.isoformat(timespec="milliseconds")
    hour_ago = (now - dt.timedelta(hours=1)).isoformat(timespec="milliseconds")
    with store.transaction() as conn:
        # 200 kiosks that heartbeat fine, and one whose last heartbeat was an hour ago
        conn.execute(
            sql(
                "INSERT INTO kiosks(kiosk_id, code, public_key, enrolled_at, last_seen_at, health) "
                "VALUES (:id, 'GD9', :key, :at, :at, '{}')"
            ),
            [{"id": f"K-FLEET{i:04d}", "key": f"{i:064x}", "at": seen} for i in range(200)]
            + [{"id": "K-QUIET", "key": "f" * 64, "at": hour_ago}],
        )  # fmt: skip
    assert SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once(heartbeat=True).ok
    alerts = ConsoleDB(store).alerts()
    assert [(a["kiosk_id"], a["kind"]) for a in alerts] == [("K-QUIET", "offline")]
    assert written == ["K-QUIET"]  # one write, the new alert: not one per kiosk (202)
    written.clear()
    assert SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once(heartbeat=True).ok
    assert written == []  # nothing changed, nothing written
    assert len(ConsoleDB(store).alerts()) == 1
