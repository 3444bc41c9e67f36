"""The technician PIN: a scrypt hash, and a lockout that survives restarts.

Five wrong tries lock entry for five minutes. Failures and the lock's end are
kept in the database, so pulling the plug does not reset the count.

A fresh kiosk has no PIN. The first one is set on the touchscreen, which asks
for a one-time set-up code first: ``kiosk technician first-run-code`` prints
one, valid for a limited time and kept only as a scrypt hash. A wrong code
counts toward the same lockout as a wrong PIN.
"""

from __future__ import annotations

import hmac
import json
import os
import secrets
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
FIRST_RUN_SETTING = "technician.first_run_code"
FIRST_RUN_DIGITS = 8
FIRST_RUN_SECONDS = 1800
MAX_TRIES = 5
LOCK_SECONDS = 300
_N, _R, _P = 2**14, 8, 1


class PinLocked(KioskError):
    key = "error.pin.locked"


class PinWrong(KioskError):
    key = "error.pin.wrong"


class PinNotSet(KioskError):
    key = "error.pin.not_set"


class PinAlreadySet(KioskError):
    """A one-time set-up code is only for a kiosk that has no PIN yet."""

    key = "error.pin.already_set"


class SetupCodeWrong(KioskError):
    key = "error.pin.code_wrong"


class SetupCodeExpired(KioskError):
    key = "error.pin.code_expired"


def _kdf(salt: bytes) -> Scrypt:
    return Scrypt(salt=salt, length=32, n=_N, r=_R, p=_P)


def check_format(pin: str) -> None:
    if not (pin.isdigit() and 6 <= len(pin) <= 12):
        raise ValidationError("PIN must be 6 to 12 digits", key="error.pin.format", field="pin")


def hash_pin(pin: str) -> str:
    check_format(pin)
    return _hash(pin)


def _hash(secret: str) -> str:
    salt = os.urandom(16)
    digest = _kdf(salt).derive(secret.encode())
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
        set_setting(self.storage, FIRST_RUN_SETTING, "")  # a set-up code is no use any more
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

    def _refuse_if_locked(self) -> None:
        if self._state().locked_until > self._now():
            audit.record(self.storage, "entry.refused_locked")
            raise PinLocked("entry locked", seconds=self.seconds_locked())

    def _failed(self, what: str) -> int:
        """Count one wrong try; lock (raising PinLocked) at the limit; return tries left."""
        state = self._state()
        state.failures += 1
        if state.failures >= MAX_TRIES:
            self._save(LockState(0, self._now() + LOCK_SECONDS))
            audit.record(self.storage, "entry.locked", f"{MAX_TRIES} wrong tries")
            raise PinLocked("entry locked", seconds=LOCK_SECONDS)
        self._save(state)
        audit.record(self.storage, "entry.failed", f"{what}, try {state.failures}")
        return MAX_TRIES - state.failures

    # -- the first PIN: a one-time set-up code ------------------------------------
    def issue_setup_code(self, seconds: int = FIRST_RUN_SECONDS) -> tuple[str, float]:
        """A new one-time code (replacing any earlier one) and when it expires.

        Only the code's scrypt hash is stored. Refused once a PIN is set: then
        the PIN is changed from a shell (``kiosk technician set-pin``).
        """
        if self.is_set():
            raise PinAlreadySet("a technician PIN is already set")
        code = "".join(secrets.choice("0123456789") for _ in range(FIRST_RUN_DIGITS))
        expires = self._now() + seconds
        set_setting(
            self.storage,
            FIRST_RUN_SETTING,
            json.dumps({"hash": _hash(code), "expires_at": expires}),
        )
        audit.record(self.storage, "pin.setup_code_issued", f"valid {seconds} s")
        return code, expires

    def check_setup_code(self, code: str) -> None:
        """Raise PinLocked, PinAlreadySet, SetupCodeExpired or SetupCodeWrong.

        Every refusal but the lock itself counts toward the lockout.
        """
        self._refuse_if_locked()
        if self.is_set():
            raise PinAlreadySet("a technician PIN is already set")
        raw = get_setting(self.storage, FIRST_RUN_SETTING)
        try:
            data = json.loads(raw) if raw else {}
            stored, expires = str(data.get("hash", "")), float(data.get("expires_at", 0.0))
        except (ValueError, TypeError, AttributeError):
            stored, expires = "", 0.0
        if stored and code and verify_hash(code, stored):
            if expires > self._now():
                return
            left = self._failed("set-up code expired")
            raise SetupCodeExpired("the set-up code has expired", left=left)
        left = self._failed("wrong set-up code")
        raise SetupCodeWrong("wrong set-up code", left=left)

    def set_first_pin(self, code: str, pin: str) -> None:
        """Set the first PIN with a valid one-time code; the code is used up."""
        check_format(pin)
        self.check_setup_code(code)
        set_setting(self.storage, PIN_SETTING, hash_pin(pin))
        set_setting(self.storage, FIRST_RUN_SETTING, "")
        self._save(LockState())
        audit.record(self.storage, "pin.first_set")

    def seconds_locked(self) -> int:
        remaining = self._state().locked_until - self._now()
        return max(0, int(remaining + 0.999))

    def check(self, pin: str) -> None:
        """Raise PinLocked, PinNotSet or PinWrong; return quietly on success."""
        self._refuse_if_locked()
        stored = get_setting(self.storage, PIN_SETTING)
        if not stored:
            raise PinNotSet("no technician PIN has been set")
        if verify_hash(pin, stored):
            self._save(LockState())
            audit.record(self.storage, "entry.ok")
            return
        left = self._failed("wrong PIN")
        raise PinWrong("wrong PIN", left=left)
