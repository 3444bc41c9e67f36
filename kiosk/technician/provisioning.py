"""Provisioning: the platform's QR (or typed fields) to an enrolled kiosk.

The QR carries ``gov-kiosk://provision?url=...&token=...`` and optionally
``code`` (the kiosk code the platform assigned) and ``fp`` (the SHA-256
fingerprint of the platform's TLS certificate, for sites whose platform uses a
private CA). Every check runs before anything is stored: a wrong token, an
unreachable platform or a fingerprint mismatch leave the kiosk as it was
(enrollment itself writes only after the whole answer arrived).
"""

from __future__ import annotations

import ipaddress
import logging
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kiosk import enrollment
from kiosk.config import KIOSK_CODE, Config
from kiosk.errors import KioskError, ValidationError
from kiosk.settings import get_setting
from kiosk.storage import Storage
from protocol.provisioning import SCHEME

log = logging.getLogger(__name__)

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


class PendingItems(ProvisionError):
    """Items still wait for the current platform: the technician is told how many
    and confirms (``ProvisionRequest.confirm_pending``) before anything changes.
    Confirmed or not, they stay bound to the platform they were sealed for."""

    key = "error.provision.pending"

    def __init__(self, detail: str = "", *, waiting: int = 0, **params: Any) -> None:
        super().__init__(detail, **params)
        self.waiting = waiting


@dataclass(frozen=True)
class ProvisionRequest:
    url: str
    token: str
    kiosk_code: str = ""
    fingerprint: str = ""  # hex SHA-256, separators and case ignored
    confirm_pending: bool = False  # the technician was told what still waits, and goes on


LABEL = r"[a-z0-9_-]{1,63}"  # letters, digits, - and _ only: what a platform's name needs
HOST_NAME = re.compile(rf"{LABEL}(?:\.{LABEL})*")


def _url_error(detail: str, key: str, url: str) -> ValidationError:
    # the URL as typed can hold anything (a right-to-left mark...): shown escaped
    return ValidationError(detail, key=key, field="url", url=ascii(url)[1:-1][:200])


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_platform_url(url: str) -> str:
    """The platform's base URL, or a ValidationError that names what is wrong.

    https only; plain http only to a loopback address (demo mode, tests). The
    host must be a plain DNS name (IDN in its xn-- form) or an IP address: a
    right-to-left mark, a space or an ``@`` can make a URL read as another
    host than the one it names. The port must be 1-65535.
    """
    if not url.lower().startswith(("https://", "http://")):
        raise _url_error("platform URL must be https://host", "error.provision.url", url)
    if not url.isascii() or any(c.isspace() or ord(c) < 32 for c in url):
        raise _url_error("platform URL holds non-ASCII or control characters",
                         "error.provision.url_host", url)  # fmt: skip
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port
    except ValueError as exc:  # "[::1" (an unclosed IPv6 bracket), port 99999 or "x"
        key = "error.provision.url_port" if "port" in str(exc).lower() else "error.provision.url"
        raise _url_error(f"platform URL cannot be read: {exc}", key, url) from exc
    if parts.scheme not in ("http", "https") or not host:
        raise _url_error("platform URL must be https://host", "error.provision.url", url)
    if parts.username is not None or parts.password is not None:
        raise _url_error("platform URL holds a user name", "error.provision.url_host", url)
    try:
        ipaddress.ip_address(host)
    except ValueError:
        if not HOST_NAME.fullmatch(host) or len(host) > 253:
            raise _url_error(
                "platform host is not a DNS name", "error.provision.url_host", url
            ) from None
    if port == 0:
        raise _url_error("platform port 0", "error.provision.url_port", url)
    if parts.scheme == "http" and not is_loopback(host):
        raise _url_error("plain http to a remote platform", "error.provision.url_insecure", url)
    if parts.query or parts.fragment:
        raise _url_error("platform URL holds a query", "error.provision.url", url)
    return url.rstrip("/")


def normalize_fingerprint(text: str) -> str:
    return "".join(c for c in text.lower() if c in "0123456789abcdef")


def make_request(
    url: str,
    token: str,
    kiosk_code: str = "",
    fingerprint: str = "",
    *,
    confirm_pending: bool = False,
) -> ProvisionRequest:
    """Typed fields to a request; raises ValidationError with a message key."""
    url, token = url.strip(), token.strip()
    url = check_platform_url(url)
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
    return ProvisionRequest(url.rstrip("/"), token, code, fp, confirm_pending)


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
