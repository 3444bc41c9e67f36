"""Who may do what in the console, and how a person proves who they are.

Passwords are argon2id hashes (argon2-cffi's defaults, RFC 9106's second
recommended set); a hash made with older parameters is replaced at the next
login. Five wrong passwords in a row lock the account for fifteen minutes,
and each address may try twenty logins in five minutes whatever the
accounts, so guessing is slow both across accounts and on one.

The session cookie is ``__Host-``-prefixed, ``Secure``, ``HttpOnly`` and
``SameSite=Strict``: browsers keep Secure cookies on ``http://localhost`` and
``http://127.0.0.1`` (both are secure contexts), so the demo and the tests on
loopback work with the same cookie a county serves over HTTPS, and a console
opened over plain HTTP from another machine cannot log in at all.
"""

from __future__ import annotations

import collections
import threading
import time
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from central.console.db import ROLES, Account, ConsoleDB

SESSION_COOKIE = "__Host-console"
LOGIN_COOKIE = "__Host-console-login"  # double-submit CSRF token of the login form
MAX_FAILURES = 5
LOCK_MINUTES = 15.0
SESSION_HOURS = 12.0
IDLE_MINUTES = 30.0
MIN_PASSWORD = 10

# The sections of the console and the roles that see them. A counter clerk sees
# only the cases of the kiosks in their hall (central.console.cases).
SECTIONS: dict[str, tuple[str, ...]] = {
    "cases": ("admin", "reviewer", "clerk"),
    "fleet": ("admin", "technician"),
    "catalog": ("admin",),
    "audit": ("admin",),
    "users": ("admin",),
}

ROLE_LABELS = {
    "admin": "管理员 Administrator",
    "reviewer": "审核员 Reviewer",
    "clerk": "窗口人员 Counter clerk",
    "technician": "运维人员 Fleet technician",
}

_hasher = PasswordHasher()
_DUMMY = ""


def set_hasher(hasher: PasswordHasher) -> None:
    """Replace the argon2 parameters (the tests use cheaper ones; a county that wants
    dearer ones sets them here at start-up). Hashes made before are rehashed with
    the new parameters at their account's next login."""
    global _hasher, _DUMMY
    _hasher, _DUMMY = hasher, ""


def _dummy() -> str:
    global _DUMMY
    if not _DUMMY:
        _DUMMY = _hasher.hash("not a password of anyone")
    return _DUMMY


class AccountError(ValueError):
    """An account request the console refuses; the message says why, in words."""


LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


def secure_origin(scheme: str, host: str | None) -> bool:
    """Whether a browser keeps the console's Secure cookies for this address: HTTPS,
    or plain HTTP to the loopback address (a secure context, as the demo is)."""
    return scheme == "https" or (host or "") in LOOPBACK


def may(account: Account, section: str) -> bool:
    return account.role in SECTIONS.get(section, ())


def sections_of(account: Account) -> list[str]:
    return [name for name in SECTIONS if may(account, name)]


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
    return _hasher.hash(password)


def check_password(account: Account | None, password: str) -> tuple[bool, str | None]:
    """(matches, a fresher hash to store or None). An unknown account costs the
    same time as a known one, so timing tells no usernames."""
    try:
        _hasher.verify(account.password_hash if account else _dummy(), password)
    except (VerificationError, InvalidHashError):
        return False, None
    if account is None:
        return False, None
    if _hasher.check_needs_rehash(account.password_hash):
        return True, _hasher.hash(password)
    return True, None


def create_account(
    db: ConsoleDB, username: str, role: str, password: str, *, display_name: str = "",
    hall: str = "",
) -> None:  # fmt: skip
    username = username.strip()
    if (
        not username
        or len(username) > 64
        or not username.replace("-", "").replace("_", "").replace(".", "").isalnum()
    ):
        raise AccountError("a username is 1-64 letters, digits, '.', '-' or '_'")
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if role == "clerk" and not hall.strip():
        raise AccountError("a counter clerk needs a hall")
    if db.account(username) is not None:
        raise AccountError(f"account {username} exists")
    db.add_account(username, role, hash_password(password), display_name=display_name.strip(),
                   hall=hall.strip())  # fmt: skip


def is_locked(account: Account) -> bool:
    import datetime as dt

    return bool(account.locked_until) and dt.datetime.fromisoformat(
        account.locked_until
    ) > dt.datetime.now(dt.UTC)


@dataclass
class Throttle:
    """At most ``limit`` attempts per ``window`` seconds from one address (in memory:
    the console runs in one process; a restart forgets, the account lockout does not)."""

    limit: int = 20
    window: float = 300.0

    def __post_init__(self) -> None:
        self._seen: dict[str, collections.deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, address: str) -> bool:
        now = time.monotonic()
        with self._lock:
            seen = self._seen.setdefault(address, collections.deque())
            while seen and now - seen[0] > self.window:
                seen.popleft()
            if len(seen) >= self.limit:
                return False
            seen.append(now)
            if len(self._seen) > 10_000:  # forget quiet addresses
                for key in [k for k, v in self._seen.items() if not v]:
                    del self._seen[key]
            return True
