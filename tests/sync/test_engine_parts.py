"""Backoff, admission control, purge, gateway, CLI and the service thread."""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from app.demo import start_enrolled_platform
from app.demo_platform import DEMO_IDENTITY
from central.server import PlatformServer
from kiosk.backoff import Backoff
from kiosk.errors import SyncError
from kiosk.i18n import translate
from kiosk.identity import IdentitySource
from kiosk.outbox import NewItem
from kiosk.settings import get_setting, set_setting
from sync.admission import AdmissionRefused, ensure_can_accept
from sync.engine import SyncEngine
from sync.gateway import HttpGateway
from sync.service import SyncService
from tests.conftest import REPO
from tests.sync.conftest import Kiosk, make_kiosk
from tests.sync.faultproxy import FaultProxy


def test_backoff_grows_with_jitter_is_capped_and_resets() -> None:
    b = Backoff(2.0, 60.0, random.Random(1))
    delays = [b.next_delay() for _ in range(10)]
    assert 1.0 <= delays[0] <= 2.0 and 2.0 <= delays[1] <= 4.0
    assert all(d <= 60.0 for d in delays) and max(delays) >= 30.0
    assert len({round(d, 3) for d in delays[6:]}) > 1  # jitter even at the cap
    assert b.next_delay(retry_after=45.0) >= 45.0
    b.reset()
    assert b.next_delay() <= 2.0


def test_admission_refuses_old_backlog_and_low_disk(kiosk: Kiosk) -> None:
    ensure_can_accept(kiosk.outbox, kiosk.config)
    old = dt.datetime.now(dt.UTC) - dt.timedelta(hours=200)
    kiosk.outbox.enqueue(NewItem("application", b"x" * 60, "S1", 1), now=old)
    with pytest.raises(AdmissionRefused) as err:
        ensure_can_accept(kiosk.outbox, kiosk.config)
    assert err.value.key == "error.sync.backlog_old"
    for lang in ("zh", "en"):
        assert "{" not in translate(err.value.tech_key, lang, **err.value.params)
    kiosk.config.sync.max_pending_age_hours = 1000
    kiosk.config.sync.min_free_disk_mb = 10**12
    with pytest.raises(AdmissionRefused) as err:
        ensure_can_accept(kiosk.outbox, kiosk.config)
    assert err.value.key == "error.sync.disk_low"


def test_sealed_payloads_are_purged_after_retention(kiosk: Kiosk) -> None:
    ids = kiosk.enqueue(4)
    SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once()
    assert kiosk.outbox.purge_sealed(30) == 0
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=31)
    assert kiosk.outbox.purge_sealed(30, now=later) == 4
    assert kiosk.outbox.sealed_payload(ids[0]) is None
    item = kiosk.outbox.get(ids[0])
    assert item is not None and item.state == "accepted" and item.case_number


def test_what_the_kiosk_submits_is_the_protocols_submit_request(kiosk: Kiosk) -> None:
    # the client builds the batch as plain dicts (sync/client.py): every field of
    # protocol.models.SubmitItem is there, and the body validates against the model
    from protocol import models as m

    ids = kiosk.enqueue(3)
    engine = SyncEngine.from_settings(kiosk.storage, kiosk.config)
    sent: list[bytes] = []

    def keep(resp: Any, *args: Any, **kwargs: Any) -> None:
        if resp.request.path_url.endswith("/submissions"):
            sent.append(resp.request.body)

    engine.client.session.hooks["response"].append(keep)
    assert engine.run_once(heartbeat=False).accepted == 3
    assert len(sent) == 1, [json.loads(b)['items'][0]['client_id'] for b in sent]
    body = m.SubmitRequest.model_validate_json(sent[0])
    assert [i.client_id for i in body.items] == ids
    for raw in json.loads(sent[0])["items"]:
        assert set(raw) == set(m.SubmitItem.model_fields)
    assert body.items[0].service_code == "S1" and body.items[0].service_version == "1"


def test_gateway_resolves_phone_code_proof_and_case(platform: PlatformServer, kiosk: Kiosk) -> None:
    gateway = HttpGateway.from_settings(kiosk.storage, kiosk.config)
    code = platform.platform.store.add_phone_code(DEMO_IDENTITY)
    identity = gateway.resolve_phone_qr(code)
    assert identity.source is IdentitySource.PHONE_QR
    assert identity.id_number == DEMO_IDENTITY["id_number"]
    assert identity.birth_date == dt.date(1949, 12, 31)
    with pytest.raises(SyncError) as err:
        gateway.resolve_phone_qr("GOVID:nonsense")
    assert err.value.key == "error.sync.qr_unknown"
    assert gateway.fetch_proof("residence", identity).startswith(b"%PDF")
    (cid,) = kiosk.enqueue(1)
    SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once()
    case = gateway.fetch_phone_case(f"https://example/cases/{cid}")
    assert case.status == "received" and case.case_id.startswith("ZW")
    assert gateway.online()


def test_gateway_offline_maps_to_journey_error(
    tmp_path: Path, platform: PlatformServer, kiosk: Kiosk
) -> None:
    proxy = FaultProxy(platform.port)  # never started: connection refused
    set_setting(kiosk.storage, "platform.url", proxy.url)
    gateway = HttpGateway.from_settings(kiosk.storage, kiosk.config)
    with pytest.raises(SyncError) as err:
        gateway.resolve_phone_qr("GOVID:x")
    assert err.value.key == "error.platform.offline"


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    config = data_dir.parent / "kiosk.toml"
    config.write_text(
        f'[kiosk]\ndata_dir = "{data_dir}"\ncode = "GD01"\n[sync]\ntimeout_seconds = 15.0\n'
    )
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from app.cli import main; sys.exit(main())",
            "--config",
            str(config),
            *args,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_cli_provision_sync_status(tmp_path: Path, platform: PlatformServer) -> None:
    data = tmp_path / "cli-kiosk"
    bad = _cli(data, "provision", "--url", platform.url, "--token", "wrong")
    assert bad.returncode == 1 and "refused the token" in bad.stderr
    gone = _cli(data, "provision", "--url", "http://127.0.0.1:9", "--token", "x")
    assert gone.returncode == 1 and "cannot reach" in gone.stderr
    k = make_kiosk(data, platform.url)
    assert get_setting(k.storage, "platform.kiosk_id") == ""  # nothing changed on failure
    token = platform.platform.store.create_token()
    ok = _cli(data, "provision", "--url", platform.url, "--token", token)
    assert ok.returncode == 0, ok.stderr
    assert get_setting(k.storage, "platform.kiosk_id").startswith("K-")
    assert (data / "kiosk_signing_key.pem").stat().st_mode & 0o777 == 0o600
    k.enqueue(7)
    out = _cli(data, "sync", "--once", "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["pushed"] == 7 and report["accepted"] == 7
    assert report["statuses_pulled"] == 0  # each "received" came with its verdict
    assert report["catalog_version"] == "1" and "clock_offset_seconds" in report
    status = json.loads(_cli(data, "status", "--json").stdout)
    assert status["queue_depth"] == 0 and status["last_success_at"] and status["accepting"]
    text = _cli(data, "status").stdout
    assert "queue depth" in text


def test_service_syncs_as_soon_as_connectivity_returns(
    platform: PlatformServer, kiosk: Kiosk
) -> None:
    proxy = FaultProxy(platform.port)
    set_setting(kiosk.storage, "platform.url", proxy.url)
    kiosk.config.sync.backoff_initial_seconds = 60.0  # the backoff alone would wait a minute
    kiosk.config.sync.interval_seconds = 3600
    ids = kiosk.enqueue(5)
    service = SyncService(kiosk.storage, kiosk.config, probe_seconds=0.2)
    reports = []
    service.add_listener(reports.append)
    service.start()
    try:
        assert service.wait(10) and not service.online
        proxy.start()  # the network comes back
        t0 = time.monotonic()
        assert service.wait(10)
        assert service.online and time.monotonic() - t0 < 5
        assert platform.platform.store.count_by_client_id() == dict.fromkeys(ids, 1)
        more = kiosk.enqueue(2)
        service.sync_now()
        assert service.wait(10)
        assert all(kiosk.outbox.get(c).state == "accepted" for c in more)  # type: ignore[union-attr]
        snap = service.snapshot()
        assert snap["online"] and snap["queue_depth"] == 0
    finally:
        service.stop()
        proxy.stop()


def test_demo_offline_applications_arrive_once_and_statuses_flow_back(tmp_path: Path) -> None:
    k = make_kiosk(tmp_path / "demo-kiosk", "")
    demo = start_enrolled_platform(tmp_path / "demo-kiosk", k.storage, k.config, port=0)
    try:
        assert get_setting(k.storage, "platform.url") == demo.url
        demo.stop()  # the platform goes away
        ids = k.enqueue(6)  # applications made while it is stopped
        engine = SyncEngine.from_settings(k.storage, k.config)
        assert not engine.run_once().ok
        demo.start()
        assert engine.run_once().ok
        assert demo.store.count_by_client_id() == dict.fromkeys(ids, 1)
        case = demo.store.case_numbers()[ids[0]]
        demo.store.set_status(case, "accepted")
        engine.run_once()
        item = k.outbox.by_tracking_no(k.outbox.get(ids[0]).tracking_no or "")  # type: ignore[union-attr]
        assert item is not None and item.status == "accepted"
    finally:
        demo.stop()


def test_enrolled_gateway_is_offline_until_enrollment(
    tmp_path: Path, platform: PlatformServer
) -> None:
    from sync.enroll import enroll
    from sync.gateway import EnrolledGateway

    k = make_kiosk(tmp_path / "late", platform.url)
    gateway = EnrolledGateway(k.storage, k.config)
    assert not gateway.online()
    with pytest.raises(SyncError) as err:
        gateway.resolve_phone_qr("GOVID:x")
    assert err.value.key == "error.platform.offline"
    enroll(k.storage, k.config, platform.url, platform.platform.store.create_token())
    code = platform.platform.store.add_phone_code(DEMO_IDENTITY)
    assert gateway.resolve_phone_qr(code).name == DEMO_IDENTITY["name"]
    assert gateway.online()
