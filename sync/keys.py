"""The kiosk's own signing key and the platform keys it learned at enrollment.

The Ed25519 signing key lives in ``kiosk_signing_key.pem`` in the data dir,
created with mode 0600 and never rewritten: a new key means a new enrollment.
The platform's X25519 sealing key is stored (hex of the raw 32 bytes) in the
``platform.seal_public_key`` setting, so the journey can seal with no network.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from kiosk.enrollment import KIOSK_ID, SEAL_PUBLIC_KEY, SIGNING_PUBLIC_KEY, URL
from kiosk.errors import SyncError
from kiosk.settings import get_setting
from kiosk.storage import Storage

SIGNING_KEY_FILE = "kiosk_signing_key.pem"

# Settings written at enrollment: named once, in kiosk.enrollment.
__all__ = ["KIOSK_ID", "SEAL_PUBLIC_KEY", "SIGNING_PUBLIC_KEY", "URL"]


def load_or_create_signing_key(data_dir: Path) -> Ed25519PrivateKey:
    """The kiosk's Ed25519 key; created once, with 0600, atomically."""
    path = Path(data_dir) / SIGNING_KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # another process won the race; read theirs
        else:
            with os.fdopen(fd, "wb") as fh:
                fh.write(pem)
                fh.flush()
                os.fsync(fh.fileno())
    try:
        loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError) as exc:
        raise SyncError(f"cannot read {path.name}: {exc}", key="error.sync.key") from exc
    if not isinstance(loaded, Ed25519PrivateKey):
        raise SyncError(f"{path.name} is not an Ed25519 key", key="error.sync.key")
    return loaded


def public_key_hex(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex()


def platform_seal_key(storage: Storage) -> X25519PublicKey | None:
    """The platform's sealing key learned at enrollment, or None before enrollment."""
    value = get_setting(storage, SEAL_PUBLIC_KEY)
    if not value:
        return None
    try:
        return X25519PublicKey.from_public_bytes(bytes.fromhex(value))
    except ValueError:
        return None


def is_enrolled(storage: Storage) -> bool:
    return bool(get_setting(storage, KIOSK_ID)) and platform_seal_key(storage) is not None
