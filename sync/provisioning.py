"""Provisioning over the network: the platform's certificate checked against the
QR's fingerprint, then enrollment; what the QR says is parsed in
``kiosk.technician.provisioning`` (no network there).
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import logging
import ssl
from typing import Any
from urllib.parse import urlsplit

from kiosk.config import Config
from kiosk.errors import SyncError
from kiosk.settings import set_setting
from kiosk.storage import Storage
from kiosk.technician import audit
from kiosk.technician.provisioning import (
    FINGERPRINT_SETTING,
    KIOSK_CODE_SETTING,
    PINNED_CERT_FILE,
    PINNED_CERT_SETTING,
    FingerprintMismatch,
    ProvisionError,
    ProvisionRequest,
    ProvisionTokenError,
    ProvisionUnreachable,
)
from sync.client import EnrollmentError, TransientError
from sync.enroll import enroll

log = logging.getLogger(__name__)


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
