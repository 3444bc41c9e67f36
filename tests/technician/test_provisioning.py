"""Provisioning against the reference platform: good token, wrong token, platform down,
certificate fingerprint; the QR parser; nothing changes on failure."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
from pathlib import Path
from urllib.parse import urlencode

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from hypothesis import given
from hypothesis import strategies as st

from central.server import PlatformServer, open_platform
from kiosk.config import Config
from kiosk.errors import ValidationError
from kiosk.i18n import describe_error
from kiosk.settings import get_setting
from kiosk.storage import Storage
from kiosk.technician import audit
from kiosk.technician.provisioning import (
    FingerprintMismatch,
    ProvisionTokenError,
    ProvisionUnreachable,
    apply_kiosk_code,
    make_request,
    parse_provisioning,
)
from protocol.provisioning import provisioning_uri
from sync.engine import SyncEngine
from sync.provisioning import provision
from tests.technician.conftest import dead_url


def _settings(storage: Storage) -> dict[str, str]:
    return {str(r["key"]): str(r["value"]) for r in storage.query("SELECT * FROM settings")}


def test_the_platforms_qr_parses_to_url_and_token() -> None:
    req = parse_provisioning(provisioning_uri("http://127.0.0.1:8470", "tok-123"))
    assert (req.url, req.token, req.kiosk_code, req.fingerprint) == (
        "http://127.0.0.1:8470",
        "tok-123",
        "",
        "",
    )
    fp = "AB:" * 31 + "AB"
    full = parse_provisioning(
        "gov-kiosk://provision?"
        + urlencode({"url": "https://p.example/", "token": "t", "code": "GD07", "fp": fp})
    )
    assert full.url == "https://p.example" and full.kiosk_code == "GD07"
    assert full.fingerprint == "ab" * 32


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("GOVID:abc", "error.provision.qr"),
        ("gov-kiosk://provision?token=t", "error.provision.url"),
        ("gov-kiosk://provision?url=ftp://x&token=t", "error.provision.url"),
        ("gov-kiosk://provision?url=https://x", "error.provision.no_token"),
        ("gov-kiosk://provision?url=https://x&token=t&fp=abc", "error.provision.fp_format"),
    ],
)
def test_bad_codes_are_refused_with_a_key(text: str, key: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_provisioning(text)
    assert info.value.key == key
    assert describe_error(info.value, "zh") != key  # translated, not the bare key


@given(
    host=st.from_regex(r"[a-z][a-z0-9-]{0,20}(\.[a-z]{2,6}){0,2}", fullmatch=True),
    port=st.integers(1, 65535),
    token=st.text(st.characters(min_codepoint=33, max_codepoint=0x2FFF), min_size=1, max_size=60),
    code=st.from_regex(r"[A-Z0-9]{0,8}", fullmatch=True),
)
def test_any_platform_qr_round_trips(host: str, port: int, token: str, code: str) -> None:
    url = f"https://{host}:{port}"
    text = "gov-kiosk://provision?" + urlencode({"url": url, "token": token, "code": code})
    req = parse_provisioning(text)
    assert (req.url, req.token, req.kiosk_code) == (url, token.strip(), code)


def test_good_token_enrolls_and_the_kiosk_then_syncs(
    platform: PlatformServer, kiosk_config: Config, storage: Storage
) -> None:
    token = platform.platform.store.create_token()
    req = parse_provisioning(provisioning_uri(platform.url, token) + "&code=GD09")
    result = provision(storage, kiosk_config, req)
    assert get_setting(storage, "platform.kiosk_id") == result.kiosk_id
    assert get_setting(storage, "platform.url") == platform.url
    assert get_setting(storage, "platform.seal_public_key")
    assert get_setting(storage, "platform.kiosk_code") == "GD09"
    assert kiosk_config.kiosk.code == "GD09"  # the running kiosk numbers with it
    assert [k["code"] for k in platform.platform.store.kiosks()] == ["GD09"]
    restarted = Config()  # after a restart the file's default code is replaced again
    restarted.kiosk.code = "DEMO01"
    apply_kiosk_code(storage, restarted)
    assert restarted.kiosk.code == "GD09"
    report = SyncEngine.from_settings(storage, kiosk_config).run_once(heartbeat=True)
    assert report.ok and report.heartbeat, report
    assert [e.action for e in audit.recent(storage)] == ["provision.ok"]


def test_wrong_token_changes_nothing(
    platform: PlatformServer, kiosk_config: Config, storage: Storage
) -> None:
    before = _settings(storage)
    with pytest.raises(ProvisionTokenError) as info:
        provision(storage, kiosk_config, make_request(platform.url, "not-a-token"))
    assert _settings(storage) == before
    assert "nothing was changed" in describe_error(info.value, "en")
    assert "未做任何更改" in describe_error(info.value, "zh")
    assert platform.platform.store.kiosks() == []
    assert audit.recent(storage)[0].action == "provision.failed"


def test_platform_down_changes_nothing(kiosk_config: Config, storage: Storage) -> None:
    url = dead_url()
    before = _settings(storage)
    with pytest.raises(ProvisionUnreachable) as info:
        provision(storage, kiosk_config, make_request(url, "whatever"))
    assert _settings(storage) == before
    assert url in describe_error(info.value, "en")


def test_enrolled_kiosk_keeps_its_platform_when_a_new_token_is_wrong(
    platform: PlatformServer, kiosk_config: Config, storage: Storage
) -> None:
    provision(
        storage, kiosk_config, make_request(platform.url, platform.platform.store.create_token())
    )
    before = _settings(storage)
    with pytest.raises(ProvisionUnreachable):
        provision(storage, kiosk_config, make_request(dead_url(), "t"))
    with pytest.raises(ProvisionTokenError):
        provision(storage, kiosk_config, make_request(platform.url, "used-or-wrong"))
    assert _settings(storage) == before


def _self_signed(tmp_path: Path) -> tuple[Path, Path, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    fp = hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()
    return cert_file, key_file, fp


def test_fingerprint_pins_a_self_signed_platform_and_a_mismatch_changes_nothing(
    tmp_path: Path, kiosk_config: Config, storage: Storage
) -> None:
    cert_file, key_file, fp = _self_signed(tmp_path)
    server = PlatformServer(
        open_platform(tmp_path / "tls-platform" / "central.db"),
        ssl_certfile=str(cert_file),
        ssl_keyfile=str(key_file),
    ).start()
    try:
        token = server.platform.store.create_token()
        before = _settings(storage)
        wrong = "0" * 64
        with pytest.raises(FingerprintMismatch) as info:
            provision(storage, kiosk_config, make_request(server.url, token, fingerprint=wrong))
        assert _settings(storage) == before
        assert not list(kiosk_config.data_dir.glob("platform-cert*"))
        assert "fingerprint" in describe_error(info.value, "en")
        # the right fingerprint: the kiosk trusts exactly that certificate, enrolls, syncs
        provision(storage, kiosk_config, make_request(server.url, token, fingerprint=fp))
        # one file per pinned certificate (an earlier platform keeps its own)
        assert get_setting(storage, "sync.pinned_cert").endswith(f"platform-cert-{fp[:16]}.pem")
        report = SyncEngine.from_settings(storage, kiosk_config).run_once(heartbeat=True)
        assert report.ok, report
    finally:
        server.stop()
        server.platform.store.close()


def test_fingerprint_on_plain_http_is_a_mismatch(
    platform: PlatformServer, kiosk_config: Config, storage: Storage
) -> None:
    token = platform.platform.store.create_token()
    with pytest.raises(FingerprintMismatch):
        provision(storage, kiosk_config, make_request(platform.url, token, fingerprint="a" * 64))
    assert platform.platform.store.kiosks() == []


def test_shell_provision_from_the_qr_text(
    platform: PlatformServer,
    kiosk_config: Config,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from app.cli import main

    conf = tmp_path / "kiosk.toml"
    conf.write_text(
        f'[kiosk]\ndata_dir = "{kiosk_config.data_dir}"\ncode = "GD01"\n', encoding="utf-8"
    )
    assert main(["--config", str(conf), "technician", "provision", "--qr", "GOVID:x"]) == 1
    assert "not a provisioning QR" in capsys.readouterr().err
    qr = provisioning_uri(platform.url, platform.platform.store.create_token())
    assert main(["--config", str(conf), "technician", "provision", "--qr", qr]) == 0
    assert "enrolled as" in capsys.readouterr().out
    assert len(platform.platform.store.kiosks()) == 1
