"""Provisioning trusts what it must (issue 15, items 3 and 10), against real platforms.

A hostile platform is a real reference platform on loopback that answers
"accepted" to anything (it does not try to open what it gets) or that sends a
sealing key its signing key did not sign. The kiosk must never hand it the
items queued for its own platform, and must not seal to a key nobody vouched
for; a plain-http or malformed provisioning URL is refused in words.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from central.keys import PlatformKeys
from central.server import PlatformServer, open_platform
from kiosk import platforms
from kiosk.errors import ValidationError
from kiosk.i18n import describe_error
from kiosk.settings import get_setting
from kiosk.technician.provisioning import PendingItems, ProvisionError, make_request
from protocol.signing import sign_seal_key
from sync.engine import SyncEngine
from sync.provisioning import provision
from sync.service import status_snapshot
from tests.conftest import REPO
from tests.sync.conftest import Kiosk

RLM = "\u200f"


def _settings(kiosk: Kiosk) -> dict[str, str]:
    return {str(r["key"]): str(r["value"]) for r in kiosk.storage.query("SELECT * FROM settings")}


@pytest.fixture
def hostile(tmp_path: Path) -> PlatformServer:
    """A platform that says "accepted" to every item, readable or not."""
    platform = open_platform(tmp_path / "hostile" / "central.db")
    platform.verify_payloads = False
    server = PlatformServer(platform).start()
    yield server  # type: ignore[misc]
    server.stop()
    platform.store.close()


@dataclass
class UnsignedKeys(PlatformKeys):
    """Keys whose sealing key is vouched for by another signing key than the published one."""

    @property
    def seal_key_signature(self) -> str:
        return sign_seal_key(Ed25519PrivateKey.generate(), bytes.fromhex(self.seal_public_hex))


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("http://203.0.113.5:8470", "error.provision.url_insecure"),
        ("http://platform.example.gov.cn", "error.provision.url_insecure"),
        ("http://[::1", "error.provision.url"),
        ("https://platform.example:99999", "error.provision.url_port"),
        ("https://platform.example:0", "error.provision.url_port"),
        (f"https://plat{RLM}form.example", "error.provision.url_host"),
        ("https://evil.example@platform.example", "error.provision.url_host"),
        ("https://plat form.example", "error.provision.url_host"),
    ],
)
def test_provisioning_urls_are_refused_in_words(url: str, key: str) -> None:
    with pytest.raises(ValidationError) as info:
        make_request(url, "token")
    assert info.value.key == key
    for lang in ("zh", "en"):
        text = describe_error(info.value, lang)
        assert text != key and "Traceback" not in text and RLM not in text


def test_loopback_http_stays_for_demo_and_tests() -> None:
    for url in ("http://127.0.0.1:8470", "http://localhost:8470", "http://[::1]:8470"):
        assert make_request(url, "t").url == url


def test_the_shell_says_what_is_wrong_with_a_url_instead_of_a_traceback(tmp_path: Path) -> None:
    conf = tmp_path / "kiosk.toml"
    conf.write_text(f'[kiosk]\ndata_dir = "{tmp_path / "k"}"\ncode = "GD01"\n', encoding="utf-8")
    for url in ("http://[::1", "https://p.example:99999", f"https://p{RLM}.example"):
        done = subprocess.run(
            [sys.executable, "main.py", "--config", str(conf), "--lang", "zh",
             "technician", "provision", "--url", url, "--token", "t"],
            cwd=REPO, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
        assert "平台地址" in done.stderr, done.stderr


def test_https_needs_the_pin_or_a_ca_before_any_network(kiosk: Kiosk) -> None:
    before = _settings(kiosk)
    with pytest.raises(ProvisionError) as info:
        # nothing listens on port 9: the refusal comes before any connection
        provision(kiosk.storage, kiosk.config, make_request("https://127.0.0.1:9", "t"))
    assert info.value.key == "error.provision.no_pin"
    assert _settings(kiosk) == before


def test_a_sealing_key_its_signing_key_did_not_sign_is_refused(
    tmp_path: Path, kiosk: Kiosk
) -> None:
    platform = open_platform(tmp_path / "forger" / "central.db")
    platform.keys = UnsignedKeys(platform.keys.seal, platform.keys.signing)
    server = PlatformServer(platform).start()
    try:
        before = _settings(kiosk)
        token = platform.store.create_token()
        with pytest.raises(ProvisionError) as info:
            provision(
                kiosk.storage, kiosk.config, make_request(server.url, token, confirm_pending=True)
            )
        assert info.value.key == "error.provision.seal_key"
        assert _settings(kiosk) == before  # still sealing to its own platform's key
        assert "signing key did not sign" in describe_error(info.value, "en")
    finally:
        server.stop()
        platform.store.close()


def test_reprovisioning_never_hands_queued_items_to_the_new_platform(
    platform: PlatformServer, hostile: PlatformServer, kiosk: Kiosk
) -> None:
    own = platform.platform.store
    queued = kiosk.enqueue(20)  # sealed for the platform the kiosk is enrolled with
    before = _settings(kiosk)
    # the technician is told how many wait, and nothing changes until they confirm
    request = make_request(hostile.url, hostile.platform.store.create_token())
    with pytest.raises(PendingItems) as info:
        provision(kiosk.storage, kiosk.config, request)
    assert info.value.waiting == 20
    assert "20" in describe_error(info.value, "zh") and platform.url in describe_error(
        info.value, "en"
    )
    assert _settings(kiosk) == before and hostile.platform.store.kiosks() == []
    # confirmed: enrolled with the new platform; the 20 stay bound to the old one
    confirmed = make_request(hostile.url, request.token, confirm_pending=True)
    provision(kiosk.storage, kiosk.config, confirmed)
    assert get_setting(kiosk.storage, "platform.url") == hostile.url
    report = SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once()
    assert report.ok, report
    assert hostile.platform.store.count_by_client_id() == {}  # not one of them
    assert own.count_by_client_id() == dict.fromkeys(queued, 1)  # all went home
    assert report.pushed_elsewhere == 20 and report.quarantined == 0
    assert {kiosk.outbox.get(c).state for c in queued} == {"accepted"}  # type: ignore[union-attr]
    # what is queued from now on is sealed for, and goes to, the new platform
    (fresh,) = kiosk.enqueue(1)
    assert SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once().ok
    assert list(hostile.platform.store.count_by_client_id()) == [fresh]


def test_a_legitimate_move_quarantines_nothing_and_the_page_says_where_items_go(
    platform: PlatformServer, tmp_path: Path, kiosk: Kiosk
) -> None:
    """The day's bug: 10 queued items, a new platform, all 10 quarantined as
    "cannot be opened with the platform key". Now they wait for their own."""
    queued = kiosk.enqueue(10)
    platform.stop()  # the old platform is down for now: the items wait for it
    new = PlatformServer(open_platform(tmp_path / "new" / "central.db")).start()
    try:
        token = new.platform.store.create_token()
        provision(
            kiosk.storage, kiosk.config, make_request(new.url, token, confirm_pending=True)
        )
        report = SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once()
        assert report.ok and report.quarantined == 0 and report.pushed_elsewhere == 0
        assert new.platform.store.count_by_client_id() == {}
        assert kiosk.outbox.counts()["quarantined"] == 0
        (waiting,) = platforms.waiting_elsewhere(kiosk.storage)
        assert (waiting.count, waiting.sendable) == (10, True)
        snap = status_snapshot(kiosk.storage, kiosk.config)
        assert snap["elsewhere"] == [{"url": platform.url, "count": 10, "sendable": True}]
        # the old platform comes back: the items reach it, and only it
        platform.start()
        report = SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once()
        assert report.pushed_elsewhere == 10, report
        assert set(platform.platform.store.count_by_client_id()) >= set(queued)
        assert platforms.waiting_elsewhere(kiosk.storage) == []
    finally:
        new.stop()
        new.platform.store.close()
