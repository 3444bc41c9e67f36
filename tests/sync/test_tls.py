"""TLS verification stays on: an unknown CA is refused; the configured CA bundle is trusted."""

from __future__ import annotations

import datetime as dt
import ipaddress
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from central.server import PlatformServer, open_platform
from sync.engine import SyncEngine
from sync.enroll import enroll
from tests.sync.conftest import make_kiosk


def _cert(
    subject: str, issuer_key: ec.EllipticCurvePrivateKey | None, issuer: x509.Name | None, ca: bool
) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)])
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(issuer or name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if ca:
        builder = builder.add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False),
            critical=True,
        )
    else:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
    return key, builder.sign(issuer_key or key, hashes.SHA256())


def test_tls_refuses_unknown_ca_and_trusts_configured_bundle(tmp_path: Path) -> None:
    ca_key, ca_cert = _cert("Test Kiosk CA", None, None, ca=True)
    srv_key, srv_cert = _cert("127.0.0.1", ca_key, ca_cert.subject, ca=False)
    ca_file, cert_file, key_file = tmp_path / "ca.pem", tmp_path / "cert.pem", tmp_path / "key.pem"
    ca_file.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(srv_cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        srv_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    server = PlatformServer(
        open_platform(tmp_path / "platform" / "central.db"),
        ssl_certfile=str(cert_file),
        ssl_keyfile=str(key_file),
    ).start()
    try:
        assert server.url.startswith("https://")
        kiosk = make_kiosk(tmp_path / "kiosk", server.url)
        token = server.platform.store.create_token()
        try:
            enroll(kiosk.storage, kiosk.config, server.url, token)
        except Exception as exc:  # the system trust store does not know our CA
            assert "TLS" in str(exc) or "certificate" in str(exc).lower()
        else:
            raise AssertionError("an unknown CA was trusted")
        kiosk.config.sync.ca_bundle = str(ca_file)
        enroll(kiosk.storage, kiosk.config, server.url, token)
        ids = kiosk.enqueue(3)
        report = SyncEngine.from_settings(kiosk.storage, kiosk.config).run_once()
        assert report.ok and report.accepted == 3
        assert server.platform.store.count_by_client_id() == dict.fromkeys(ids, 1)
    finally:
        server.stop()
