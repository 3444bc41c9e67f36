"""The whole protocol against a real platform on loopback: push, statuses, catalog."""

from __future__ import annotations

import requests

from central.server import PlatformServer
from kiosk.settings import get_setting
from sync.engine import SyncEngine
from sync.keys import KIOSK_ID
from tests.sync.conftest import Kiosk


def test_happy_path_push_status_catalog_heartbeat(platform: PlatformServer, kiosk: Kiosk) -> None:
    apps = kiosk.enqueue(25)
    evals = kiosk.enqueue(3, kind="evaluation")
    engine = SyncEngine.from_settings(kiosk.storage, kiosk.config)
    report = engine.run_once(heartbeat=True)
    assert report.ok, report.error_detail
    assert (report.pushed, report.accepted, report.duplicates, report.quarantined) == (28, 28, 0, 0)
    assert report.batches == 3  # batch_max_items = 10
    assert report.heartbeat
    store = platform.platform.store
    assert store.count_by_client_id() == dict.fromkeys(apps + evals, 1)
    cases = store.case_numbers()
    for cid in apps + evals:
        item = kiosk.outbox.get(cid)
        assert item is not None and item.state == "accepted"
        assert item.case_number == cases[cid]
    # "received" came with each application's verdict, so the cycle pulled none back
    assert report.statuses_pulled == 0
    kiosk_id = get_setting(kiosk.storage, KIOSK_ID)
    events = store.status_changes(kiosk_id, 0, 100)[0]  # the platform still records them
    received = {e["client_id"]: e["at"] for e in events if e["status"] == "received"}
    assert set(received) == set(apps)
    for cid in apps:
        item = kiosk.outbox.get(cid)
        assert item is not None and (item.status, item.status_at) == ("received", received[cid])
    for cid in evals:
        item = kiosk.outbox.get(cid)
        assert item is not None and item.status == "submitted"  # an evaluation has no case

    # the operator moves one case along; the next cycle brings the status back
    case = cases[apps[0]]
    for status in ("accepted", "in_review", "approved", "certificate_ready"):
        store.set_status(case, status)
    report = engine.run_once()
    assert report.ok and report.pushed == 0 and report.statuses_pulled == 4
    item = kiosk.outbox.get(apps[0])
    assert item is not None and item.status == "certificate_ready"

    # the catalog: pulled once, then 304 until the operator bumps the version
    version = get_setting(kiosk.storage, "sync.catalog_version")
    assert version == "1" and not report.catalog_updated
    from central.publish import bump_catalog

    bump_catalog(platform.platform)
    report = engine.run_once()
    assert report.catalog_updated and report.catalog_version == "2"

    # the platform holds the health report of the kiosk
    (health,) = [k["health"] for k in store.kiosks()]
    assert health["queue_depth"] == 0 and health["app_version"]

    # the operator can read a payload the kiosk could not
    from central.app import open_payload

    assert open_payload(platform.platform, case)["name"] == "张三"

    # OpenAPI is published (central/openapi.json, kiosk platform openapi) and versioned;
    # a platform in service does not serve it, nor its docs page (demo mode does)
    from central.app import create_app

    doc = create_app(platform.platform).openapi()
    assert doc["info"]["version"] == "1.0.0" and "/api/v1/submissions" in doc["paths"]
    for path in ("/api/v1/openapi.json", "/api/v1/docs"):
        assert requests.get(platform.url + path, timeout=5).status_code == 404


def test_cases_accepted_without_their_received_get_it_from_the_next_pull(
    platform: PlatformServer, kiosk: Kiosk
) -> None:
    """A kiosk upgraded before it pulled its cases' "received" events: their verdicts
    came without it, so the next cycle asks for those events too, then leaves them
    out again."""
    from kiosk.settings import set_setting
    from sync.engine import STATUS_CURSOR

    apps = kiosk.enqueue(3)
    engine = SyncEngine.from_settings(kiosk.storage, kiosk.config)
    assert engine.run_once().ok and not kiosk.outbox.awaits_received()
    # as the kiosk was before the upgrade: accepted, "submitted", events not yet pulled
    with kiosk.storage.transaction() as conn:
        conn.execute("UPDATE outbox SET status = 'submitted', status_at = NULL")
    set_setting(kiosk.storage, STATUS_CURSOR, "0")
    assert kiosk.outbox.awaits_received()
    report = engine.run_once()
    assert report.ok and report.statuses_pulled == 3
    for cid in apps:
        item = kiosk.outbox.get(cid)
        assert item is not None and item.status == "received"
    assert not kiosk.outbox.awaits_received()
    set_setting(kiosk.storage, STATUS_CURSOR, "0")
    assert engine.run_once().statuses_pulled == 0  # left out again
