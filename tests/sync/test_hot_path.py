"""The platform's hot path at province scale (issue 18, item 1), against a real server.

Nonces: a GET's nonce is kept in the worker's memory and written in batches,
a POST's is spent in the database; a replay is refused either way, across a
restart too, and a POST's across two platforms sharing one database. The
catalog: made once per version, gzip when asked, strong ETags, 304 without
the document; kiosks skip the request when their copy is current and spread
their fetch after a bump.
"""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest
import requests

import central.publish
from central.nonces import nonce_window
from central.publish import bump_catalog
from central.server import PlatformServer, open_platform
from kiosk.settings import get_setting, set_setting
from protocol.signing import H_CATALOG_ETAG, H_CATALOG_SPREAD, sign_headers
from sync import keys
from sync.client import PlatformClient
from sync.engine import CATALOG_DUE, SyncEngine

from .conftest import Kiosk


def _signed(kiosk: Kiosk, method: str, path: str, body: bytes = b"") -> dict[str, str]:
    key = keys.load_or_create_signing_key(kiosk.config.data_dir)
    kiosk_id = get_setting(kiosk.storage, keys.KIOSK_ID)
    headers = sign_headers(key, kiosk_id, method, "/api/v1" + path, body, int(time.time()))
    if body:
        headers["Content-Type"] = "application/json"
    return headers


def _heartbeat_body() -> bytes:
    health = {"devices": {}, "queue_depth": 0, "app_version": "test"}
    return json.dumps(health).encode()


def test_a_replayed_get_is_refused_also_after_a_restart(
    platform: PlatformServer, kiosk: Kiosk, tmp_path: Path
) -> None:
    headers = _signed(kiosk, "GET", "/statuses")
    first = requests.get(f"{platform.url}/api/v1/statuses", headers=headers, timeout=10)
    assert first.status_code == 200
    again = requests.get(f"{platform.url}/api/v1/statuses", headers=headers, timeout=10)
    assert again.status_code == 401 and again.json()["error"] == "replayed_nonce"
    # the GET's nonce was spent in memory: no row yet, one fsync a second at most
    db, data = platform.platform.store.where, platform.platform.data_dir
    platform.stop()
    platform.platform.store.close()  # a clean stop writes the window down
    restarted = PlatformServer(open_platform(db, data=data)).start()
    try:
        replay = requests.get(f"{restarted.url}/api/v1/statuses", headers=headers, timeout=10)
        assert replay.status_code == 401 and replay.json()["error"] == "replayed_nonce"
        fresh = _signed(kiosk, "GET", "/statuses")
        ok = requests.get(f"{restarted.url}/api/v1/statuses", headers=fresh, timeout=10)
        assert ok.status_code == 200
    finally:
        restarted.stop()
        restarted.platform.store.close()


def test_a_replayed_post_is_refused_by_another_platform_on_the_same_database(
    platform: PlatformServer, kiosk: Kiosk
) -> None:
    other = PlatformServer(
        open_platform(platform.platform.store.where, data=platform.platform.data_dir)
    ).start()
    try:
        # the other worker's window is made before the request, so it never sees the
        # nonce in memory: only the database's key can refuse the replay
        others = nonce_window(other.platform.store, other.platform.window_seconds)
        body = _heartbeat_body()
        headers = _signed(kiosk, "POST", "/heartbeat", body)
        sent = requests.post(f"{platform.url}/api/v1/heartbeat", data=body, headers=headers,
                             timeout=10)  # fmt: skip
        assert sent.status_code == 200, sent.text
        assert len(others) == 0
        replay = requests.post(f"{other.url}/api/v1/heartbeat", data=body, headers=headers,
                               timeout=10)  # fmt: skip
        assert replay.status_code == 401 and replay.json()["error"] == "replayed_nonce"
    finally:
        other.stop()
        other.platform.store.close()


def test_the_catalog_is_made_once_gzip_on_request_and_304_by_either_etag(
    platform: PlatformServer, kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[int] = []
    real = central.publish.catalog_document

    def counting(p: object) -> object:
        made.append(1)
        return real(p)  # type: ignore[arg-type]

    monkeypatch.setattr(central.publish, "catalog_document", counting)
    url = f"{platform.url}/api/v1/catalog"
    plain = requests.get(url, headers={**_signed(kiosk, "GET", "/catalog"),
                                       "Accept-Encoding": "identity"}, timeout=10)  # fmt: skip
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    asks_gzip = {**_signed(kiosk, "GET", "/catalog"), "Accept-Encoding": "gzip"}
    raw = requests.get(url, headers=asks_gzip, stream=True, timeout=10)
    assert raw.headers["Content-Encoding"] == "gzip"
    packed = raw.raw.read(decode_content=False)
    assert len(packed) < len(plain.content) / 4  # the 161 KB document travels as much less
    assert json.loads(gzip.decompress(packed)) == plain.json()
    assert plain.json()["catalog"]["services"]
    strong, strong_gzip = plain.headers["ETag"], raw.headers["ETag"]
    assert strong != strong_gzip and not strong.startswith("W/")
    for etag in (strong, strong_gzip):
        for _ in range(20):
            hit = requests.get(url, headers={**_signed(kiosk, "GET", "/catalog"),
                                             "If-None-Match": etag}, timeout=10)  # fmt: skip
            assert hit.status_code == 304 and hit.content == b""
    assert len(made) == 1  # 42 answers, one document
    bump_catalog(platform.platform)
    new = requests.get(url, headers={**_signed(kiosk, "GET", "/catalog"),
                                     "If-None-Match": strong}, timeout=10)  # fmt: skip
    assert new.status_code == 200 and new.headers["ETag"] != strong
    assert new.json()["version"] == str(int(plain.json()["version"]) + 1)


def test_a_current_kiosk_sends_no_catalog_request_and_a_bump_is_spread(
    platform: PlatformServer, kiosk: Kiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    real = PlatformClient.catalog

    def spying(self: PlatformClient, etag: str = "") -> object:
        asked.append(etag)
        return real(self, etag)

    monkeypatch.setattr(PlatformClient, "catalog", spying)
    # a fleet large enough that its fetches are spread over the platform's maximum
    monkeypatch.setattr(central.publish, "CATALOG_FETCHES_PER_SECOND", 0.0001)

    def cycle() -> object:
        return SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once(heartbeat=False)

    first = cycle()
    assert first.ok and first.catalog_updated and len(asked) == 1  # no copy yet: at once
    status = requests.get(f"{platform.url}/api/v1/statuses",
                          headers=_signed(kiosk, "GET", "/statuses"), timeout=10)  # fmt: skip
    assert status.headers[H_CATALOG_SPREAD] == str(central.publish.MAX_SPREAD_SECONDS)
    for _ in range(3):
        assert cycle().ok
    assert len(asked) == 1  # current: not even a conditional GET
    bump_catalog(platform.platform)
    before = time.time()
    report = cycle()
    assert report.ok and not report.catalog_updated and len(asked) == 1
    tag, _, due = get_setting(kiosk.storage, CATALOG_DUE).rpartition(" ")
    advertised = requests.get(f"{platform.url}/api/v1/statuses",
                              headers=_signed(kiosk, "GET", "/statuses"), timeout=10)  # fmt: skip
    assert tag == advertised.headers[H_CATALOG_ETAG]
    assert before < float(due) <= time.time() + central.publish.MAX_SPREAD_SECONDS
    assert not cycle().catalog_updated and len(asked) == 1  # the same moment, not a new draw
    assert get_setting(kiosk.storage, CATALOG_DUE) == f"{tag} {due}"
    set_setting(kiosk.storage, CATALOG_DUE, f"{tag} {before - 1}")  # its moment has come
    report = cycle()
    assert report.ok and report.catalog_updated and len(asked) == 2
    assert report.catalog_version == get_setting(kiosk.storage, "sync.catalog_version")
    assert cycle().ok and len(asked) == 2
