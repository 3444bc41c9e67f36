"""Revocation (issue 15, item 7): the operator revokes a kiosk; its next request
is refused 403 ``kiosk_revoked``; it stops syncing, keeps every item, and says so
on the technician's sync page; a fresh token lifts it."""

from __future__ import annotations

import pytest

from app.cli import main
from central.server import PlatformServer
from kiosk.i18n import translate
from kiosk.settings import get_setting
from kiosk.technician import pages
from sync.engine import REVOKED_AT, SyncEngine
from sync.enroll import enroll
from sync.keys import KIOSK_ID
from sync.service import status_snapshot
from tests.sync.conftest import Kiosk


def _nonces(platform: PlatformServer) -> int:
    rows = platform.platform.store.query("SELECT count(*) FROM nonces")
    return int(rows[0][0])


def test_a_revoked_kiosk_is_refused_stops_syncing_and_says_so(
    platform: PlatformServer, kiosk: Kiosk, capsys: pytest.CaptureFixture[str]
) -> None:
    store = platform.platform.store
    kiosk.enqueue(2)
    assert SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once().ok
    kiosk_id = get_setting(kiosk.storage, KIOSK_ID)
    db = ["--db", store.where, "--data", str(platform.platform.data_dir)]
    assert main(["platform", *db, "kiosk", "revoke", "NO-SUCH"]) == 1
    revoke = ["platform", *db, "kiosk", "revoke", kiosk_id, "--reason", "stolen"]
    assert main(revoke) == 0
    assert f"kiosk {kiosk_id} revoked" in capsys.readouterr().out
    assert [k["revoked_at"] for k in store.kiosks()] != [None]

    waiting = kiosk.enqueue(3)
    engine = SyncEngine.from_settings(kiosk.storage, kiosk.config)
    report = engine.run_once(heartbeat=True)
    assert not report.ok and report.error == "error.sync.revoked", report
    assert get_setting(kiosk.storage, REVOKED_AT)
    # nothing of the waiting items reached the platform, none was quarantined
    assert not set(waiting) & set(store.count_by_client_id())
    assert {kiosk.outbox.get(c).state for c in waiting} == {"pending"}  # type: ignore[union-attr]
    # it stops: the next cycle sends nothing at all, and a new engine is not even built
    before = _nonces(platform)
    assert engine.run_once().error == "error.sync.revoked"
    assert _nonces(platform) == before
    with pytest.raises(Exception) as info:
        SyncEngine.from_settings(kiosk.storage, kiosk.config)
    assert getattr(info.value, "key", "") == "error.sync.revoked"
    # the technician's sync page says so first, in words
    rows = pages.sync_rows(status_snapshot(kiosk.storage, kiosk.config), False, "zh")
    assert rows[0].key == "tech.sync.revoked" and "平台已撤销本机" in rows[0].value

    # a fresh token (the operator's word) lifts it; the waiting items then go
    enroll(kiosk.storage, kiosk.config, platform.url, store.create_token())
    assert not get_setting(kiosk.storage, REVOKED_AT)
    assert SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once().ok
    assert set(waiting) <= set(store.count_by_client_id())


def test_revocation_is_refused_before_the_body_is_read(
    platform: PlatformServer, kiosk: Kiosk
) -> None:
    """The answer is a clear 403 code, whatever the kiosk was sending."""
    import time

    import requests

    from protocol.signing import sign_headers
    from sync.keys import load_or_create_signing_key

    kiosk_id = get_setting(kiosk.storage, KIOSK_ID)
    platform.platform.store.revoke_kiosk(kiosk_id)
    key = load_or_create_signing_key(kiosk.config.data_dir)
    body = b'{"devices": {}}'
    headers = sign_headers(key, kiosk_id, "POST", "/api/v1/heartbeat", body, int(time.time()))
    resp = requests.post(
        platform.url + "/api/v1/heartbeat",
        data=body,
        headers={**headers, "Content-Type": "application/json"},
        timeout=10,
    )
    assert resp.status_code == 403 and resp.json()["error"] == "kiosk_revoked"
    assert translate("error.sync.revoked", "en").startswith("The platform has revoked")
