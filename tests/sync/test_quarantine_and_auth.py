"""Conflict and rejection land in quarantine while the rest go through; a replayed,
tampered, stale or unsigned request is refused; a wrong kiosk clock is corrected."""

from __future__ import annotations

import base64
import hashlib
import json
import time
import uuid

import requests
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from central.platform import open_payload
from central.server import PlatformServer
from central.store import IncomingItem
from kiosk.outbox import NewItem
from kiosk.settings import get_setting
from protocol.sealing import seal
from protocol.signing import sign_headers
from sync.client import PlatformClient
from sync.engine import SyncEngine
from sync.keys import load_or_create_signing_key
from tests.sync.conftest import Kiosk


def test_conflict_rejection_and_refused_item_are_quarantined_alone(
    platform: PlatformServer, kiosk: Kiosk
) -> None:
    good = kiosk.enqueue(12)
    # conflict: the platform already holds this client id with other content
    conflicted = good.pop(3)
    kiosk_id = get_setting(kiosk.storage, "platform.kiosk_id")
    platform.platform.store.submit(
        kiosk_id, [IncomingItem(conflicted, "application", "0" * 64, b"other")], {}
    )
    # rejected: sealed to a key that is not the platform's
    wrong = str(uuid.uuid4())
    box = seal(b"{}", X25519PrivateKey.generate().public_key(), wrong.encode())
    kiosk.outbox.enqueue(NewItem("application", box, "S1", 1, client_id=wrong))
    # refused outright by the API (id too long): the whole batch is refused once,
    # then items go one by one and only this one is quarantined
    too_long = "x" * 80
    box = seal(b"{}", X25519PrivateKey.generate().public_key(), too_long.encode())
    kiosk.outbox.enqueue(NewItem("application", box, "S1", 1, client_id=too_long))
    good += kiosk.enqueue(5)

    report = SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once()
    assert report.ok, report
    assert (report.conflicts, report.rejected, report.quarantined) == (1, 1, 3)
    states = {cid: kiosk.outbox.get(cid).state for cid in good}  # type: ignore[union-attr]
    assert set(states.values()) == {"accepted"}
    quarantined = {q.client_id: q.quarantine_reason for q in kiosk.outbox.quarantined()}
    assert set(quarantined) == {conflicted, wrong, too_long}
    assert quarantined[conflicted].startswith("conflict")
    assert "cannot be opened" in quarantined[wrong]
    assert kiosk.outbox.stats()["queue_depth"] == 0
    # the next cycle does not resend quarantined items
    again = SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once()
    assert again.ok and again.pushed == 0


def _signed_post(kiosk: Kiosk, url: str, body: bytes, ts: int | None = None) -> dict[str, str]:
    key = load_or_create_signing_key(kiosk.config.data_dir)
    kiosk_id = get_setting(kiosk.storage, "platform.kiosk_id")
    return sign_headers(
        key, kiosk_id, "POST", "/api/v1/heartbeat", body, ts if ts is not None else int(time.time())
    )


def test_replayed_tampered_stale_and_unsigned_requests_are_refused(
    platform: PlatformServer, kiosk: Kiosk
) -> None:
    url = platform.url + "/api/v1/heartbeat"
    body = json.dumps({"queue_depth": 1}).encode()
    headers = {**_signed_post(kiosk, url, body), "Content-Type": "application/json"}
    first = requests.post(url, data=body, headers=headers, timeout=5)
    assert first.status_code == 200
    replay = requests.post(url, data=body, headers=headers, timeout=5)
    assert replay.status_code == 401 and replay.json()["error"] == "replayed_nonce"

    headers = {**_signed_post(kiosk, url, body), "Content-Type": "application/json"}
    tampered = requests.post(url, data=body.replace(b"1", b"9"), headers=headers, timeout=5)
    assert tampered.status_code == 401 and tampered.json()["error"] == "bad_signature"

    old = int(time.time()) - 3600
    headers = {**_signed_post(kiosk, url, body, ts=old), "Content-Type": "application/json"}
    stale = requests.post(url, data=body, headers=headers, timeout=5)
    assert stale.status_code == 401 and stale.json()["error"] == "clock_skew"

    unsigned = requests.post(url, json={"queue_depth": 1}, timeout=5)
    assert unsigned.status_code == 401

    # a submission under a signature for another path is refused too
    headers = _signed_post(kiosk, url, body)
    sub = requests.post(platform.url + "/api/v1/submissions", data=body, headers=headers, timeout=5)
    assert sub.status_code == 401 and sub.json()["error"] == "bad_signature"


def test_wrong_kiosk_clock_is_corrected_from_the_date_header(
    platform: PlatformServer, kiosk: Kiosk
) -> None:
    ids = kiosk.enqueue(3)
    engine = SyncEngine.from_settings(kiosk.storage, kiosk.config)
    engine.client.clock_offset = -7200.0  # the village kiosk thinks it is two hours earlier
    report = engine.run_once()
    assert report.ok and report.accepted == 3
    assert abs(report.clock_offset_seconds) < 3
    assert abs(float(get_setting(kiosk.storage, "sync.clock_offset_seconds"))) < 3
    assert platform.platform.store.count_by_client_id() == dict.fromkeys(ids, 1)


def test_bad_item_hash_is_rejected_by_platform(platform: PlatformServer, kiosk: Kiosk) -> None:
    key = load_or_create_signing_key(kiosk.config.data_dir)
    client = PlatformClient(
        platform.url, kiosk_id=get_setting(kiosk.storage, "platform.kiosk_id"), key=key
    )
    body = {
        "items": [
            {
                "client_id": "c1",
                "kind": "application",
                "payload_hash": hashlib.sha256(b"a").hexdigest(),
                "sealed": base64.b64encode(b"b").decode(),
            }
        ]
    }
    data = client.request("POST", "/submissions", body).json()
    assert data["results"][0]["verdict"] == "rejected"
    assert "hash" in data["results"][0]["reason"]


def _version1(plain: bytes, key: X25519PrivateKey, client_id: str) -> bytes:
    """A box as kiosks sealed them before version 2 (no recipient tag): a kiosk's
    outbox may still hold such boxes when its software is upgraded."""
    box = seal(plain, key.public_key(), client_id.encode())
    return bytes([1]) + box[9:]


def test_an_outbox_of_version_1_boxes_still_goes_through(
    platform: PlatformServer, kiosk: Kiosk
) -> None:
    keys = platform.platform.keys
    good, foreign = str(uuid.uuid4()), str(uuid.uuid4())
    kiosk.outbox.enqueue(
        NewItem("application", _version1(b'{"v": 1}', keys.seal, good), "S1", 1, client_id=good)
    )
    other = X25519PrivateKey.generate()
    kiosk.outbox.enqueue(
        NewItem("application", _version1(b"{}", other, foreign), "S1", 1, client_id=foreign)
    )
    report = SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once()
    assert report.ok and report.rejected == 1, report
    # a version 1 box is opened at submit (it names no key): the foreign one is refused
    assert kiosk.outbox.get(good).state == "accepted"  # type: ignore[union-attr]
    quarantined = {q.client_id: q.quarantine_reason for q in kiosk.outbox.quarantined()}
    assert "cannot be opened" in quarantined[foreign]
    case = kiosk.outbox.get(good).case_number  # type: ignore[union-attr]
    assert open_payload(platform.platform, case) == {"v": 1}
