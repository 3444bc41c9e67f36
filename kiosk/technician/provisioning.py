"""Provisioning: the platform's QR (or typed fields) to an enrolled kiosk.

The QR carries ``gov-kiosk://provision?url=...&token=...`` and optionally
``code`` (the kiosk code the platform assigned) and ``fp`` (the SHA-256
fingerprint of the platform's TLS certificate, for sites whose platform uses a
private CA). Every check runs before anything is stored: a wrong token, an
unreachable platform or a fingerprint mismatch leave the kiosk as it was
(enrollment itself writes only after the whole answer arrived).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from kiosk import enrollment
from kiosk.config import KIOSK_CODE, Config
from kiosk.errors import KioskError, ValidationError
from kiosk.settings import get_setting
from kiosk.storage import Storage

log = logging.getLogger(__name__)

SCHEME = "gov-kiosk"
KIOSK_CODE_SETTING = enrollment.KIOSK_CODE
FINGERPRINT_SETTING = enrollment.CA_FINGERPRINT
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
    code = kiosk_code.strip()
    if code and not KIOSK_CODE.fullmatch(code):  # it names files and tracking numbers
        raise ValidationError(
            "kiosk code must be 1-16 of A-Z, 0-9 and '-'", key="error.provision.code", field="code"
        )
    return ProvisionRequest(url.rstrip("/"), token, code, fp)


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


def apply_kiosk_code(storage: Storage, config: Config) -> None:
    """The code the platform assigned at provisioning, over the config file's.

    Tracking numbers, receipts and the heartbeat carry ``config.kiosk.code``;
    a kiosk provisioned from the platform's QR must use the code it was given
    there after every restart, not the file's default.
    """
    code = get_setting(storage, KIOSK_CODE_SETTING)
    if code and not KIOSK_CODE.fullmatch(code):  # stored before codes were checked
        log.warning("ignoring the stored kiosk code: not 1-16 of A-Z, 0-9 and '-'")
    elif code:
        config.kiosk.code = code
