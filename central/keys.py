"""The platform's own keys, as files in its data directory.

``seal_key.pem`` (X25519) opens the kiosks' sealed payloads; ``signing_key.pem``
(Ed25519) is published at enrollment and pinned by the kiosk, and signs the
sealing key (``seal_key_signature``) so the kiosk seals to no other key;
both are created once, 0600. (The operator API takes console accounts' API
tokens, hashed in the database: central.console.db; no static token is kept.)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from protocol.signing import sign_seal_key


def _write_private(path: Path, data: bytes) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _pem(key: X25519PrivateKey | Ed25519PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _raw_public(key: X25519PrivateKey | Ed25519PrivateKey) -> str:
    return (
        key.public_key()
        .public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        .hex()
    )


@dataclass
class PlatformKeys:
    seal: X25519PrivateKey
    signing: Ed25519PrivateKey

    @property
    def seal_public_hex(self) -> str:
        return _raw_public(self.seal)

    @cached_property
    def seal_public_raw(self) -> bytes:
        """The sealing key's 32 raw bytes (what a version 2 box names, at each submit)."""
        return bytes.fromhex(self.seal_public_hex)

    @property
    def signing_public_hex(self) -> str:
        return _raw_public(self.signing)

    @property
    def seal_key_signature(self) -> str:
        """The signing key's word for the sealing key (protocol.signing.sign_seal_key)."""
        return sign_seal_key(self.signing, bytes.fromhex(self.seal_public_hex))


def load_or_create_keys(directory: Path) -> PlatformKeys:
    directory.mkdir(parents=True, exist_ok=True)
    seal_path = directory / "seal_key.pem"
    signing_path = directory / "signing_key.pem"
    if not seal_path.exists():
        _write_private(seal_path, _pem(X25519PrivateKey.generate()))
    if not signing_path.exists():
        _write_private(signing_path, _pem(Ed25519PrivateKey.generate()))
    seal = serialization.load_pem_private_key(seal_path.read_bytes(), password=None)
    signing = serialization.load_pem_private_key(signing_path.read_bytes(), password=None)
    if not isinstance(seal, X25519PrivateKey) or not isinstance(signing, Ed25519PrivateKey):
        raise ValueError(f"platform keys in {directory} have the wrong type")
    return PlatformKeys(seal, signing)
