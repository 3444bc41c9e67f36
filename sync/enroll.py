"""Enrollment: the kiosk's public key and a one-time token for a kiosk id and keys.

Used by ``kiosk provision`` and demo mode. Nothing is stored unless the whole
answer arrived and checks out, so a wrong token or an unreachable platform
leaves the kiosk exactly as it was.
"""

from __future__ import annotations

import logging

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

import kiosk
from kiosk import platforms
from kiosk.config import Config
from kiosk.enrollment import PUBLIC_URL
from kiosk.errors import SyncError
from kiosk.settings import get_setting
from kiosk.storage import Storage
from protocol.sealing import load_public_key
from protocol.signing import verify_seal_key
from sync import keys
from sync.client import Enrollment, PlatformClient

log = logging.getLogger(__name__)


def enroll(storage: Storage, config: Config, url: str, token: str) -> Enrollment:
    signing_key = keys.load_or_create_signing_key(config.data_dir)
    client = PlatformClient(
        url, timeout=config.sync.timeout_seconds, ca_bundle=config.sync.ca_bundle
    )
    try:
        result = client.enroll(
            token.strip(), keys.public_key_hex(signing_key), config.kiosk.code, kiosk.__version__
        )
    finally:
        client.close()
    seal_raw = _vouched_seal_key(storage, url, result)
    previous = (get_setting(storage, keys.URL), get_setting(storage, keys.KIOSK_ID))
    with storage.transaction() as conn:
        if previous != (url.rstrip("/"), result.kiosk_id):
            # another platform or identity: its status cursor and catalog ETag mean nothing
            conn.execute(
                "DELETE FROM settings WHERE key IN ('sync.status_cursor', 'sync.catalog_etag')"
            )
        # a new enrollment (a fresh token) is the platform's word that the kiosk may sync
        conn.execute("DELETE FROM settings WHERE key = 'sync.revoked_at'")
        for key, value in (
            (keys.URL, url.rstrip("/")),
            (keys.KIOSK_ID, result.kiosk_id),
            (keys.SEAL_PUBLIC_KEY, result.seal_public_key),
            (keys.SIGNING_PUBLIC_KEY, result.signing_public_key),
            (PUBLIC_URL, result.public_url.rstrip("/")),
            ("sync.clock_offset_seconds", f"{client.clock_offset:.1f}"),
        ):
            conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
        # this platform is current; the items sealed for any other stay bound to theirs
        platforms.record_enrollment(
            conn,
            seal_key=seal_raw.hex(),
            url=url.rstrip("/"),
            kiosk_id=result.kiosk_id,
            signing_key=result.signing_public_key,
            ca_bundle=config.sync.ca_bundle,
        )
    log.info("enrolled as %s at %s", result.kiosk_id, url)
    return result


def _vouched_seal_key(storage: Storage, url: str, result: Enrollment) -> bytes:
    """The sealing key, only if the platform's signing key signed it, and only if that
    signing key is the one pinned for this platform at an earlier enrollment.

    The sealing key decides who can read every application the kiosk will queue:
    it is taken from no answer that does not vouch for it.
    """
    try:
        seal_raw = bytes.fromhex(result.seal_public_key)
        load_public_key(seal_raw)
        signing = Ed25519PublicKey.from_public_bytes(bytes.fromhex(result.signing_public_key))
    except ValueError as exc:
        raise SyncError("platform keys malformed", key="error.provision.seal_key") from exc
    if not verify_seal_key(signing, seal_raw, result.seal_key_signature):
        raise SyncError(
            "the platform's sealing key is not signed by its signing key",
            key="error.provision.seal_key",
        )
    pinned = [
        p.signing_key
        for p in platforms.known(storage)
        if p.url == url.rstrip("/") and p.signing_key and p.retired_at is None
    ]
    if pinned and result.signing_public_key not in pinned:
        raise SyncError(
            "the platform at this address answers with another signing key than the one pinned",
            key="error.provision.signing_key_changed",
        )
    return seal_raw
