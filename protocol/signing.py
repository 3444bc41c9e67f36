"""Request signing shared by the kiosk (signs) and the reference platform (verifies).

Each request carries the kiosk id, a timestamp, a random nonce and an Ed25519
signature over ``METHOD\\nPATH?QUERY\\nTIMESTAMP\\nNONCE\\nsha256(body)``. The
platform refuses a bad signature, a nonce it has seen, and a timestamp outside
its window; the kiosk keeps its timestamps inside by correcting its clock with
the offset it learns from the platform's ``Date`` header.
"""

from __future__ import annotations

import base64
import hashlib
import secrets

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

H_KIOSK = "X-Kiosk-Id"
H_TIMESTAMP = "X-Kiosk-Timestamp"
H_NONCE = "X-Kiosk-Nonce"
H_SIGNATURE = "X-Kiosk-Signature"
WINDOW_SECONDS = 300
PROTOCOL = "gov-kiosk-sync/1"
# On every /statuses answer: the current catalog's ETag and how many seconds a
# kiosk should spread its fetch of a new one over (sync.engine; central.publish)
H_CATALOG_ETAG = "X-Catalog-ETag"
H_CATALOG_SPREAD = "X-Catalog-Spread"
CATALOG_GZIP_TAG = "-gzip"  # the gzip representation's strong ETag: '"<hash>-gzip"'


def catalog_tag(etag: str) -> str:
    """The catalog version an ETag names, whichever content coding it was sent in."""
    return etag.strip().removeprefix("W/").replace(CATALOG_GZIP_TAG + '"', '"')


def canonical(method: str, path: str, timestamp: int, nonce: str, body: bytes) -> bytes:
    digest = hashlib.sha256(body).hexdigest()
    return f"{method.upper()}\n{path}\n{timestamp}\n{nonce}\n{digest}".encode()


def sign_headers(
    key: Ed25519PrivateKey, kiosk_id: str, method: str, path: str, body: bytes, timestamp: int
) -> dict[str, str]:
    nonce = secrets.token_hex(16)
    signature = key.sign(canonical(method, path, timestamp, nonce, body))
    return {
        H_KIOSK: kiosk_id,
        H_TIMESTAMP: str(timestamp),
        H_NONCE: nonce,
        H_SIGNATURE: base64.b64encode(signature).decode(),
    }


SEAL_KEY_CONTEXT = b"gov-kiosk seal key v1\n"


def seal_key_statement(seal_public_raw: bytes) -> bytes:
    """What the platform's signing key signs to vouch for its sealing key.

    The sealing key decides who can read every application the kiosk keeps;
    the kiosk pins the signing key at enrollment (over a TLS connection whose
    certificate it checked) and seals only to a key this statement covers.
    """
    return SEAL_KEY_CONTEXT + seal_public_raw


def sign_seal_key(key: Ed25519PrivateKey, seal_public_raw: bytes) -> str:
    return base64.b64encode(key.sign(seal_key_statement(seal_public_raw))).decode()


def verify_seal_key(
    public_key: Ed25519PublicKey, seal_public_raw: bytes, signature_b64: str
) -> bool:
    try:
        signature = base64.b64decode(signature_b64, validate=True)
        public_key.verify(signature, seal_key_statement(seal_public_raw))
    except (InvalidSignature, ValueError):
        return False
    return True


def verify_signature(
    public_key: Ed25519PublicKey,
    method: str,
    path: str,
    timestamp: int,
    nonce: str,
    body: bytes,
    signature_b64: str,
) -> bool:
    try:
        signature = base64.b64decode(signature_b64, validate=True)
        public_key.verify(signature, canonical(method, path, timestamp, nonce, body))
    except (InvalidSignature, ValueError):
        return False
    return True
