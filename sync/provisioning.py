"""Provisioning over the network: https with a pin or a CA (plain http to loopback
only), the queue's items kept for their own platform, the platform's
certificate checked against the QR's fingerprint, then enrollment (which
takes the sealing key only signed by the platform's signing key); what the QR
says is parsed in ``kiosk.technician.provisioning`` (no network there).
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import logging
import ssl
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kiosk import platforms
from kiosk.config import Config
from kiosk.errors import SyncError
from kiosk.settings import get_setting, set_setting
from kiosk.storage import Storage
from kiosk.technician import audit
from kiosk.technician.provisioning import (
    FINGERPRINT_SETTING,
    KIOSK_CODE_SETTING,
    PINNED_CERT_FILE,
    PINNED_CERT_SETTING,
    FingerprintMismatch,
    PendingItems,
    ProvisionError,
    ProvisionRequest,
    ProvisionTokenError,
    ProvisionUnreachable,
)
from sync import keys

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


def _pinned_path(config: Config, fingerprint: str) -> Path:
    """One file per pinned certificate: an earlier platform's pin stays where its
    record (kiosk.platforms) points, for the items still on their way to it."""
    return config.data_dir / f"{PINNED_CERT_FILE.removesuffix('.pem')}-{fingerprint[:16]}.pem"


def _check_trust(config: Config, request: ProvisionRequest) -> None:
    """https with a pin or a CA, before anything goes on the network.

    Plain http is accepted only to a loopback address (demo mode, tests): make_request
    already refused it anywhere else. https needs the certificate's fingerprint
    from the QR or ``[sync] ca_bundle``; the system's CA list alone is not enough
    for the platform that every application will be sealed to.
    """
    if urlsplit(request.url).scheme == "https" and not (
        request.fingerprint or config.sync.ca_bundle
    ):
        raise ProvisionError(
            "an https platform needs the certificate fingerprint or [sync] ca_bundle",
            key="error.provision.no_pin",
            url=request.url,
        )


def _check_pending(storage: Storage, request: ProvisionRequest) -> None:
    """Re-provisioning while items wait: the technician must have been told how many."""
    if not keys.is_enrolled(storage):
        return
    waiting = platforms.waiting_for_current(storage)
    if waiting and not request.confirm_pending:
        current = get_setting(storage, keys.URL)
        raise PendingItems(
            f"{waiting} items wait for {current}",
            count=waiting,
            url=current,
            waiting=waiting,
        )


def provision(storage: Storage, config: Config, request: ProvisionRequest) -> Any:
    """Check the URL's trust and the queue, the fingerprint, enroll, store what the
    platform returned; audit either way.

    Blocking (network): the UI calls it from a worker thread. Raises
    ``PendingItems`` (with ``waiting``) when the kiosk still holds items for
    its current platform and the request was not confirmed: those items stay
    bound to that platform whatever happens next (kiosk.platforms).
    """
    # the client and the protocol's models load with a provisioning, not with the
    # technician's pages (they are most of sync's import: sync.report)
    from sync.client import EnrollmentError, TransientError
    from sync.enroll import enroll

    host = urlsplit(request.url).hostname or ""
    pinned_path: Path | None = None
    created_pin = False
    try:
        _check_trust(config, request)
        _check_pending(storage, request)
        enroll_config = copy.deepcopy(config)
        if request.fingerprint:
            der = server_certificate(request.url, config.sync.timeout_seconds)
            if not hmac.compare_digest(hashlib.sha256(der).hexdigest(), request.fingerprint):
                raise FingerprintMismatch(
                    "platform certificate does not match the QR", url=request.url
                )
            if not config.sync.ca_bundle:
                # trust exactly the certificate the QR vouched for
                pinned_path = _pinned_path(config, request.fingerprint)
                created_pin = not pinned_path.exists()
                pinned_path.parent.mkdir(parents=True, exist_ok=True)
                pinned_path.write_bytes(ssl.DER_cert_to_PEM_cert(der).encode())
                enroll_config.sync.ca_bundle = str(pinned_path)
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
            key = exc.key if exc.key.startswith("error.provision.") else "error.provision.failed"
            raise ProvisionError(
                f"enrollment failed: {exc.detail}", key=key, url=request.url
            ) from exc
    except ProvisionError as exc:
        if pinned_path is not None and created_pin:
            pinned_path.unlink(missing_ok=True)
        audit.record(storage, "provision.failed", f"{host}: {exc.key}")
        raise
    if pinned_path is not None:
        set_setting(storage, PINNED_CERT_SETTING, str(pinned_path))
    elif config.sync.ca_bundle:
        set_setting(storage, PINNED_CERT_SETTING, "")  # the configured CA serves
    if request.kiosk_code:
        set_setting(storage, KIOSK_CODE_SETTING, request.kiosk_code)
        config.kiosk.code = request.kiosk_code  # the running kiosk numbers with it from now on
    if request.fingerprint:
        set_setting(storage, FINGERPRINT_SETTING, request.fingerprint)
    detail = f"{host} as {result.kiosk_id}"
    if request.confirm_pending:
        detail += " (items of the earlier platform kept for it)"
    audit.record(storage, "provision.ok", detail)
    log.info("provisioned with %s as %s", host, result.kiosk_id)
    return result
