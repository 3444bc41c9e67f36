"""Sealing a payload to the platform's public key, so the kiosk keeps no readable copy.

An ephemeral X25519 key agrees a secret with the platform's static key; HKDF
turns it into an AES-256-GCM key; the associated data binds the box to its
client id, so a sealed payload cannot be replayed under another application.

Box layout (version 2): ``version(1) | recipient(8) | ephemeral public key(32) |
nonce(12) | ciphertext+tag``, where ``recipient`` is the first 8 bytes of the
SHA-256 of the platform key the box is sealed to. It lets the platform refuse,
at submit, a box sealed to another key (a kiosk provisioned against the wrong
platform) without the X25519 agreement of opening it: that agreement was 44 %
of the platform's time per submitted item (issue 19), and the payload hash
already proves the bytes whole. The box is opened when an operator reads it;
the AEAD tag still guards it then. Version 1 boxes (no ``recipient``; a kiosk's
outbox may hold them from before) still open, and are opened at submit.
This is a small ECIES; we write it over ``cryptography``'s primitives because
no well-kept library offers this exact construction with X25519 and AES-GCM
(libsodium's sealed box uses XSalsa20-Poly1305 and has no associated data).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

VERSION = 2
_INFO = b"gov-kiosk seal v1"  # the key derivation is unchanged from version 1
_V1_HEADER = 1
_V2_HEADER = 1 + 8


class SealError(ValueError):
    """A key or a box that is not what the protocol says. ``key`` is the
    message key the kiosk's UI translates (callers wrap it in their own typed
    error where a resident could see it)."""

    key = "error.seal"


def public_key_bytes(key: X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def load_public_key(raw: bytes) -> X25519PublicKey:
    try:
        return X25519PublicKey.from_public_bytes(raw)
    except ValueError as exc:
        raise SealError("platform sealing key is not a 32-byte X25519 key") from exc


def _derive(shared: bytes, eph_pub: bytes, recipient_pub: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=eph_pub + recipient_pub, info=_INFO
    ).derive(shared)


@dataclass(frozen=True)
class OneTimeKey:
    """The half of a seal that does not depend on the payload, made ahead of time.

    Generating the ephemeral key and agreeing the secret are nearly all of a
    seal's ~75 µs; the journey makes one while the resident reads the review
    screen, so the confirm tap only encrypts. Each is used for exactly one box
    (whoever holds it drops it on use), so every box still has its own
    ephemeral key. ``recipient`` says which platform key it was agreed with:
    after a re-provisioning it no longer fits and a fresh one is made.
    """

    recipient: bytes
    eph_pub: bytes
    key: bytes = field(repr=False)


def one_time_key(recipient: X25519PublicKey) -> OneTimeKey:
    ephemeral = X25519PrivateKey.generate()
    eph_pub = public_key_bytes(ephemeral.public_key())
    recipient_raw = public_key_bytes(recipient)
    key = _derive(ephemeral.exchange(recipient), eph_pub, recipient_raw)
    return OneTimeKey(recipient_raw, eph_pub, key)


def seal(
    plaintext: bytes,
    recipient: X25519PublicKey,
    associated: bytes = b"",
    *,
    prepared: OneTimeKey | None = None,
) -> bytes:
    if prepared is None or prepared.recipient != public_key_bytes(recipient):
        prepared = one_time_key(recipient)
    nonce = os.urandom(12)
    ciphertext = AESGCM(prepared.key).encrypt(nonce, plaintext, associated)
    return (
        bytes([VERSION]) + recipient_tag(prepared.recipient) + prepared.eph_pub + nonce + ciphertext
    )


@lru_cache(maxsize=16)
def recipient_tag(recipient_raw: bytes) -> bytes:
    """The 8 bytes naming the key a box is sealed to (not a secret: a public key's hash).
    Kept per key: the platform checks every item of a batch against its own one key."""
    return hashlib.sha256(recipient_raw).digest()[:8]


def sealed_to(box: bytes, recipient_raw: bytes) -> bool | None:
    """Whether a well-formed box names ``recipient_raw`` as its key: True or False for
    a version 2 box (a prefix comparison, no key agreement), None when only opening
    can tell (a version 1 box). A malformed box is False."""
    if len(box) >= 1 and box[0] == 1:
        return None if len(box) >= _V1_HEADER + 32 + 12 + 16 else False
    if len(box) < _V2_HEADER + 32 + 12 + 16 or box[0] != VERSION:
        return False
    return box[1:_V2_HEADER] == recipient_tag(recipient_raw)


def open_sealed(box: bytes, recipient: X25519PrivateKey, associated: bytes = b"") -> bytes:
    recipient_raw = public_key_bytes(recipient.public_key())
    fits = sealed_to(box, recipient_raw)
    if fits is False:
        raise SealError("sealed payload cannot be opened")  # malformed, or another key's
    start = _V1_HEADER if fits is None else _V2_HEADER
    eph_pub, nonce, ciphertext = (
        box[start : start + 32],
        box[start + 32 : start + 44],
        box[start + 44 :],
    )
    try:
        shared = recipient.exchange(X25519PublicKey.from_public_bytes(eph_pub))
        key = _derive(shared, eph_pub, recipient_raw)
        return AESGCM(key).decrypt(nonce, ciphertext, associated)
    except (InvalidTag, ValueError) as exc:
        raise SealError("sealed payload cannot be opened") from exc


def payload_hash(box: bytes) -> str:
    """The hash the platform compares to tell a duplicate from a conflict."""
    return hashlib.sha256(box).hexdigest()
