"""The technician PIN: a scrypt hash, and a lockout that survives restarts.

Five wrong tries lock entry for five minutes. Failures and the lock's end are
kept in the database, so pulling the plug does not reset the count.
"""

from __future__ import annotations

import hmac
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from kiosk.errors import KioskError, ValidationError
from kiosk.settings import get_setting, set_setting
from kiosk.storage import Storage
from kiosk.technician import audit

PIN_SETTING = "technician.pin"
LOCK_SETTING = "technician.lockout"
MAX_TRIES = 5
LOCK_SECONDS = 300
_N, _R, _P = 2**14, 8, 1


class PinLocked(KioskError):
    key = "error.pin.locked"


class PinWrong(KioskError):
    key = "error.pin.wrong"


class PinNotSet(KioskError):
    key = "error.pin.not_set"


def _kdf(salt: bytes) -> Scrypt:
    return Scrypt(salt=salt, length=32, n=_N, r=_R, p=_P)


def hash_pin(pin: str) -> str:
    if not (pin.isdigit() and 6 <= len(pin) <= 12):
        raise ValidationError("PIN must be 6 to 12 digits", key="error.pin.format", field="pin")
    salt = os.urandom(16)
    digest = _kdf(salt).derive(pin.encode())
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_hash(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_hex, digest_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        kdf = Scrypt(salt=bytes.fromhex(salt_hex), length=32, n=int(n), r=int(r), p=int(p))
        candidate = kdf.derive(pin.encode())
    except ValueError:
        return False
    return hmac.compare_digest(candidate, bytes.fromhex(digest_hex))


@dataclass
class LockState:
    failures: int = 0
    locked_until: float = 0.0


class PinGuard:
    """Checks PINs, counts failures, and locks entry; time is injectable for tests."""

    def __init__(self, storage: Storage, clock: Callable[[], float] = time.time) -> None:
        self.storage = storage
        self._now = clock

    def is_set(self) -> bool:
        return bool(get_setting(self.storage, PIN_SETTING))

    def set_pin(self, pin: str) -> None:
        set_setting(self.storage, PIN_SETTING, hash_pin(pin))
        audit.record(self.storage, "pin.changed")

    def _state(self) -> LockState:
        raw = get_setting(self.storage, LOCK_SETTING)
        if not raw:
            return LockState()
        data = json.loads(raw)
        return LockState(int(data.get("failures", 0)), float(data.get("locked_until", 0.0)))

    def _save(self, state: LockState) -> None:
        set_setting(
            self.storage,
            LOCK_SETTING,
            json.dumps({"failures": state.failures, "locked_until": state.locked_until}),
        )

    def seconds_locked(self) -> int:
        remaining = self._state().locked_until - self._now()
        return max(0, int(remaining + 0.999))

    def check(self, pin: str) -> None:
        """Raise PinLocked, PinNotSet or PinWrong; return quietly on success."""
        state = self._state()
        now = self._now()
        if state.locked_until > now:
            audit.record(self.storage, "entry.refused_locked")
            raise PinLocked("entry locked", seconds=self.seconds_locked())
        stored = get_setting(self.storage, PIN_SETTING)
        if not stored:
            raise PinNotSet("no technician PIN has been set")
        if verify_hash(pin, stored):
            self._save(LockState())
            audit.record(self.storage, "entry.ok")
            return
        state.failures += 1
        if state.failures >= MAX_TRIES:
            state = LockState(0, now + LOCK_SECONDS)
            self._save(state)
            audit.record(self.storage, "entry.locked", f"{MAX_TRIES} wrong PINs")
            raise PinLocked("entry locked", seconds=LOCK_SECONDS)
        self._save(state)
        audit.record(self.storage, "entry.failed", f"try {state.failures}")
        raise PinWrong("wrong PIN", left=MAX_TRIES - state.failures)
