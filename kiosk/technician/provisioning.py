"""Provisioning: the platform's QR (or typed fields) to an enrolled kiosk.

The QR carries ``gov-kiosk://provision?url=...&token=...`` and optionally
``code`` (the kiosk code the platform assigned) and ``fp`` (the SHA-256
fingerprint of the platform's TLS certificate, for sites whose platform uses a
private CA). Every check runs before anything is stored: a wrong token, an
unreachable platform or a fingerprint mismatch leave the kiosk as it was
(enrollment itself writes only after the whole answer arrived).
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import logging
import ssl
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kiosk.config import Config
from kiosk.errors import KioskError, ValidationError
from kiosk.settings import get_setting, set_setting
from kiosk.storage import Storage
from kiosk.technician import audit

log = logging.getLogger(__name__)

SCHEME = "gov-kiosk"
KIOSK_CODE_SETTING = "platform.kiosk_code"
FINGERPRINT_SETTING = "platform.ca_fingerprint"
PINNED_CERT_SETTING = "sync.pinned_cert"  # path of the certificate the QR vouched for
PINNED_CERT_FILE = "platform-cert.pem"


class ProvisionError(KioskError):
    key = "error.provision.failed"


class ProvisionTokenError(ProvisionError):
    key = "error.provision.token"


class ProvisionUnreachable(ProvisionError):
    key = "error.provision.unreachable"


class FingerprintMismatch(ProvisionError):
    key = "error.provision.fingerprint"


@dataclass(frozen=True)
class ProvisionRequest:
    url: str
    token: str
    kiosk_code: str = ""
    fingerprint: str = ""  # hex SHA-256, separators and case ignored


def normalize_fingerprint(text: str) -> str:
    return "".join(c for c in text.lower() if c in "0123456789abcdef")


def make_request(
    url: str, token: str, kiosk_code: str = "", fingerprint: str = ""
) -> ProvisionRequest:
    """Typed fields to a request; raises ValidationError with a message key."""
    url, token = url.strip(), token.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            "platform URL must be http(s)://host", key="error.provision.url", field="url"
        )
    if not token:
        raise ValidationError(
            "enrollment token missing", key="error.provision.no_token", field="token"
        )
    fp = normalize_fingerprint(fingerprint)
    if fingerprint.strip() and len(fp) != 64:
        raise ValidationError(
            "fingerprint must be 64 hex digits", key="error.provision.fp_format", field="fp"
        )
    return ProvisionRequest(url.rstrip("/"), token, kiosk_code.strip(), fp)


def parse_provisioning(text: str) -> ProvisionRequest:
    """The provisioning QR's text to a request (what the scanner delivers)."""
    parts = urlsplit(text.strip())
    if parts.scheme != SCHEME or parts.netloc != "provision":
        raise ValidationError("not a provisioning code", key="error.provision.qr", field="qr")
    query = {k: v[0] for k, v in parse_qs(parts.query).items() if v}
    return make_request(
        query.get("url", ""), query.get("token", ""), query.get("code", ""), query.get("fp", "")
    )


def is_provisioning_code(text: str) -> bool:
    return text.strip().startswith(f"{SCHEME}://provision")


def server_certificate(url: str, timeout: float = 5.0) -> bytes:
    """The DER certificate the platform presents (not verified: that is the point).

    Compared with the QR's fingerprint; a platform with a self-signed
    certificate (its own CA) presents exactly the certificate to pin.
    """
    parts = urlsplit(url)
    if parts.scheme != "https":
        raise FingerprintMismatch(
            "a fingerprint was given but the platform URL is not https", url=url
        )
    host, port = parts.hostname or "", parts.port or 443
    try:
        # only to compare with the QR's fingerprint; nothing is sent over this connection
        pem = ssl.get_server_certificate((host, port), timeout=timeout)
        der = ssl.PEM_cert_to_DER_cert(pem)
    except (OSError, ValueError) as exc:
        raise ProvisionUnreachable(f"cannot reach {host}:{port}: {exc}", url=url) from exc
    if not der:
        raise FingerprintMismatch("the platform presented no certificate", url=url)
    return der


def _write_pinned(config: Config, pem: bytes, suffix: str) -> Any:
    path = config.data_dir / (PINNED_CERT_FILE + suffix)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pem)
    return path


def provision(storage: Storage, config: Config, request: ProvisionRequest) -> Any:
    """Check the fingerprint, enroll, store what the platform returned; audit either way.

    Blocking (network): the UI calls it from a worker thread.
    """
    from kiosk.errors import SyncError
    from sync.client import EnrollmentError, TransientError
    from sync.enroll import enroll

    host = urlsplit(request.url).hostname or ""
    pinned: bytes | None = None
    try:
        enroll_config = copy.deepcopy(config)
        if request.fingerprint:
            der = server_certificate(request.url, config.sync.timeout_seconds)
            if not hmac.compare_digest(hashlib.sha256(der).hexdigest(), request.fingerprint):
                raise FingerprintMismatch(
                    "platform certificate does not match the QR", url=request.url
                )
            pinned = ssl.DER_cert_to_PEM_cert(der).encode()
            if not config.sync.ca_bundle:
                # trust exactly the certificate the QR vouched for; written for good below
                enroll_config.sync.ca_bundle = str(_write_pinned(config, pinned, ".new"))
        if request.kiosk_code:
            enroll_config.kiosk.code = request.kiosk_code
        try:
            result = enroll(storage, enroll_config, request.url, request.token)
        except EnrollmentError as exc:
            raise ProvisionTokenError("platform refused the token", url=request.url) from exc
        except TransientError as exc:
            raise ProvisionUnreachable(
                f"cannot reach the platform: {exc.detail}", url=request.url
            ) from exc
        except SyncError as exc:
            raise ProvisionError(f"enrollment failed: {exc.key}", url=request.url) from exc
    except ProvisionError as exc:
        if pinned is not None:
            (config.data_dir / (PINNED_CERT_FILE + ".new")).unlink(missing_ok=True)
        audit.record(storage, "provision.failed", f"{host}: {exc.key}")
        raise
    if pinned is not None and not config.sync.ca_bundle:
        path = config.data_dir / PINNED_CERT_FILE
        (config.data_dir / (PINNED_CERT_FILE + ".new")).replace(path)
        set_setting(storage, PINNED_CERT_SETTING, str(path))
    if request.kiosk_code:
        set_setting(storage, KIOSK_CODE_SETTING, request.kiosk_code)
        config.kiosk.code = request.kiosk_code  # the running kiosk numbers with it from now on
    if request.fingerprint:
        set_setting(storage, FINGERPRINT_SETTING, request.fingerprint)
    audit.record(storage, "provision.ok", f"{host} as {result.kiosk_id}")
    log.info("provisioned with %s as %s", host, result.kiosk_id)
    return result


def apply_kiosk_code(storage: Storage, config: Config) -> None:
    """The code the platform assigned at provisioning, over the config file's.

    Tracking numbers, receipts and the heartbeat carry ``config.kiosk.code``;
    a kiosk provisioned from the platform's QR must use the code it was given
    there after every restart, not the file's default.
    """
    code = get_setting(storage, KIOSK_CODE_SETTING)
    if code:
        config.kiosk.code = code
