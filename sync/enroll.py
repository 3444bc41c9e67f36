"""Enrollment: the kiosk's public key and a one-time token for a kiosk id and keys.

Used by ``kiosk provision`` and demo mode. Nothing is stored unless the whole
answer arrived and checks out, so a wrong token or an unreachable platform
leaves the kiosk exactly as it was.
"""

from __future__ import annotations

import logging

import kiosk
from kiosk.config import Config
from kiosk.enrollment import PUBLIC_URL
from kiosk.errors import SyncError
from kiosk.settings import get_setting
from kiosk.storage import Storage
from protocol.sealing import load_public_key
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
    try:
        load_public_key(bytes.fromhex(result.seal_public_key))
    except ValueError as exc:
        raise SyncError("platform sealing key malformed", key="error.sync.protocol") from exc
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
    log.info("enrolled as %s at %s", result.kiosk_id, url)
    return result
