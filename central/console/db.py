"""The console's own tables and every SQL statement of the console.

They live in the platform's database (``PlatformStore.add_schema``), on its one
connection and lock, so there is still one writer; the platform's own tables
are only read here, never written (status changes go through
``PlatformStore.set_status``, so the kiosks and the notices hear of them).

Secrets are never stored as given: passwords as argon2 hashes
(``central.console.security``), session and API tokens as their SHA-256 (a
token is 32 random bytes, so a fast hash is enough and lets a lookup use the
index).

One module because all of the console's SQL sits in one place, beside its
schema, as the platform's own does in central/store.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from central.store import PlatformStore, now_iso

ROLES = ("admin", "reviewer", "clerk", "technician")

SCHEMA = """
CREATE TABLE IF NOT EXISTS console_accounts (
    username TEXT PRIMARY KEY,
    display_name TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL,
    hall TEXT NOT NULL DEFAULT '',
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    last_login_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS console_sessions (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS console_api_tokens (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash TEXT NOT NULL UNIQUE,
    username TEXT NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    last_used_at TEXT NOT NULL DEFAULT '',
    revoked_at TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS console_audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL,
    target TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS console_audit_target ON console_audit(target, id);
CREATE TABLE IF NOT EXISTS console_alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kiosk_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    raised_at TEXT NOT NULL,
    cleared_at TEXT NOT NULL DEFAULT '',
    acked_by TEXT NOT NULL DEFAULT '',
    acked_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS console_alerts_open ON console_alerts(kiosk_id, kind, cleared_at);
CREATE TABLE IF NOT EXISTS console_kiosk_halls (
    kiosk_id TEXT PRIMARY KEY,
    hall TEXT NOT NULL DEFAULT ''
);
"""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _later(**delta: float) -> str:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(**delta)).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Account:
    username: str
    display_name: str
    role: str
    hall: str
    password_hash: str
    disabled: bool
    failed_logins: int
    locked_until: str
    created_at: str
    last_login_at: str

    @property
    def label(self) -> str:
        return self.display_name or self.username


@dataclass(frozen=True)
class Session:
    account: Account
    csrf: str


_ACCOUNT_COLUMNS = (
    "username, display_name, role, hall, password_hash, disabled, failed_logins, "
    "locked_until, created_at, last_login_at"
)


def _account(row: tuple[Any, ...]) -> Account:
    return Account(
        str(row[0]), str(row[1]), str(row[2]), str(row[3]), str(row[4]), bool(row[5]),
        int(row[6]), str(row[7]), str(row[8]), str(row[9]),
    )  # fmt: skip


class ConsoleDB:
    """Accounts, sessions, API tokens, the audit log, alerts and halls."""

    def __init__(self, store: PlatformStore) -> None:
        self.store = store
        store.add_schema(SCHEMA)

    # --- accounts ---------------------------------------------------------------

    def account(self, username: str) -> Account | None:
        rows = self.store.query(
            f"SELECT {_ACCOUNT_COLUMNS} FROM console_accounts WHERE username = ?",  # noqa: S608
            (username,),
        )
        return _account(rows[0]) if rows else None

    def accounts(self) -> list[Account]:
        rows = self.store.query(
            f"SELECT {_ACCOUNT_COLUMNS} FROM console_accounts ORDER BY role, username"  # noqa: S608
        )
        return [_account(r) for r in rows]

    def add_account(
        self, username: str, role: str, password_hash: str, *, display_name: str = "",
        hall: str = "",
    ) -> None:  # fmt: skip
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO console_accounts(username, display_name, role, hall, password_hash, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (username, display_name, role, hall, password_hash, now_iso()),
            )

    def set_password(self, username: str, password_hash: str) -> None:
        """A new password also lifts a lockout and ends the account's sessions."""
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE console_accounts SET password_hash = ?, failed_logins = 0, "
                "locked_until = '' WHERE username = ?",
                (password_hash, username),
            )
            conn.execute("DELETE FROM console_sessions WHERE username = ?", (username,))

    def set_disabled(self, username: str, disabled: bool) -> None:
        """Disabling ends the account's sessions and revokes its API tokens."""
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE console_accounts SET disabled = ? WHERE username = ?",
                (int(disabled), username),
            )
            if disabled:
                conn.execute("DELETE FROM console_sessions WHERE username = ?", (username,))
                conn.execute(
                    "UPDATE console_api_tokens SET revoked_at = ? "
                    "WHERE username = ? AND revoked_at = ''",
                    (now_iso(), username),
                )

    def login_failed(self, username: str, max_failures: int, lock_minutes: float) -> bool:
        """Count a wrong password; True when this one locked the account."""
        with self.store.transaction() as conn:
            row = conn.execute(
                "SELECT failed_logins FROM console_accounts WHERE username = ?", (username,)
            ).fetchone()
            if row is None:
                return False
            failures = int(row[0]) + 1
            locked = ""
            if failures >= max_failures:
                locked, failures = _later(minutes=lock_minutes), 0
            conn.execute(
                "UPDATE console_accounts SET failed_logins = ?, locked_until = ? "
                "WHERE username = ?",
                (failures, locked, username),
            )
            return bool(locked)

    def login_succeeded(self, username: str, password_hash: str | None = None) -> None:
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE console_accounts SET failed_logins = 0, locked_until = '', "
                "last_login_at = ? WHERE username = ?",
                (now_iso(), username),
            )
            if password_hash:  # argon2 parameters raised since the hash was made
                conn.execute(
                    "UPDATE console_accounts SET password_hash = ? WHERE username = ?",
                    (password_hash, username),
                )

    # --- sessions ---------------------------------------------------------------

    def new_session(self, username: str, lifetime_hours: float) -> str:
        token = secrets.token_urlsafe(32)
        now = now_iso()
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO console_sessions(token_hash, username, csrf, created_at, seen_at, "
                "expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                (token_hash(token), username, secrets.token_urlsafe(32), now, now,
                 _later(hours=lifetime_hours)),
            )  # fmt: skip
        return token

    def session(self, token: str, idle_minutes: float) -> Session | None:
        """The live session of ``token``: not expired, not idle too long, its account
        enabled; each use moves its idle clock on."""
        if not token:
            return None
        digest = token_hash(token)
        rows = self.store.query(
            "SELECT username, csrf, seen_at, expires_at FROM console_sessions "
            "WHERE token_hash = ?",
            (digest,),
        )
        if not rows:
            return None
        username, csrf, seen_at, expires_at = (str(v) for v in rows[0])
        now = dt.datetime.now(dt.UTC)
        idle = now - dt.datetime.fromisoformat(seen_at)
        if dt.datetime.fromisoformat(expires_at) < now or idle > dt.timedelta(
            minutes=idle_minutes
        ):
            self.end_session(token)
            return None
        account = self.account(username)
        if account is None or account.disabled:
            return None
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE console_sessions SET seen_at = ? WHERE token_hash = ?", (now_iso(), digest)
            )
        return Session(account, csrf)

    def end_session(self, token: str) -> None:
        with self.store.transaction() as conn:
            conn.execute("DELETE FROM console_sessions WHERE token_hash = ?", (token_hash(token),))

    # --- API tokens ---------------------------------------------------------------

    def new_api_token(self, username: str, label: str = "") -> tuple[int, str]:
        """A bearer token for scripts, shown once; the database keeps its hash."""
        token = "gkp_" + secrets.token_urlsafe(32)
        with self.store.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO console_api_tokens(token_hash, username, label, created_at) "
                "VALUES (?, ?, ?, ?)",
                (token_hash(token), username, label, now_iso()),
            )
        return int(cur.lastrowid or 0), token

    def api_account(self, token: str) -> Account | None:
        """The enabled account whose unrevoked API token this is."""
        rows = self.store.query(
            "SELECT id, username FROM console_api_tokens WHERE token_hash = ? AND revoked_at = ''",
            (token_hash(token),),
        )
        if not rows:
            return None
        account = self.account(str(rows[0][1]))
        if account is None or account.disabled:
            return None
        with self.store.transaction() as conn:
            conn.execute(
                "UPDATE console_api_tokens SET last_used_at = ? WHERE id = ?",
                (now_iso(), int(rows[0][0])),
            )
        return account

    def api_tokens(self, username: str = "") -> list[dict[str, Any]]:
        rows = self.store.query(
            "SELECT id, username, label, created_at, last_used_at, revoked_at "
            "FROM console_api_tokens WHERE ? = '' OR username = ? ORDER BY id DESC",
            (username, username),
        )
        keys = ("id", "username", "label", "created_at", "last_used_at", "revoked_at")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def revoke_api_token(self, token_id: int) -> bool:
        with self.store.transaction() as conn:
            cur = conn.execute(
                "UPDATE console_api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at = ''",
                (now_iso(), token_id),
            )
        return cur.rowcount == 1

    # --- audit --------------------------------------------------------------------

    def audit(
        self, actor: Account | str, action: str, target: str = "", detail: str = "",
        address: str = "",
    ) -> None:  # fmt: skip
        """One row: who did what to which case or kiosk. ``detail`` never holds a
        resident's name or ID number."""
        name, role = (actor.username, actor.role) if isinstance(actor, Account) else (actor, "")
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO console_audit(at, actor, role, action, target, detail, address) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (now_iso(), name, role, action, target, detail[:500], address),
            )

    def audit_rows(
        self, *, target: str = "", actor: str = "", action: str = "", limit: int = 200
    ) -> list[dict[str, Any]]:
        rows = self.store.query(
            "SELECT id, at, actor, role, action, target, detail, address FROM console_audit "
            "WHERE (? = '' OR target = ?) AND (? = '' OR actor = ?) AND (? = '' OR action = ?) "
            "ORDER BY id DESC LIMIT ?",
            (target, target, actor, actor, action, action, limit),
        )
        keys = ("id", "at", "actor", "role", "action", "target", "detail", "address")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    # --- alerts -------------------------------------------------------------------

    def sync_alerts(self, kiosk_id: str, found: dict[str, str]) -> None:
        """Make the kiosk's open alerts match what ``found`` (kind -> detail) says:
        raise the new ones, clear the ones whose cause is gone."""
        now = now_iso()
        with self.store.transaction() as conn:
            open_rows = conn.execute(
                "SELECT id, kind FROM console_alerts WHERE kiosk_id = ? AND cleared_at = ''",
                (kiosk_id,),
            ).fetchall()
            open_kinds = {str(r[1]): int(r[0]) for r in open_rows}
            for kind, detail in found.items():
                if kind in open_kinds:
                    conn.execute(
                        "UPDATE console_alerts SET detail = ? WHERE id = ?",
                        (detail, open_kinds[kind]),
                    )
                else:
                    conn.execute(
                        "INSERT INTO console_alerts(kiosk_id, kind, detail, raised_at) "
                        "VALUES (?, ?, ?, ?)",
                        (kiosk_id, kind, detail, now),
                    )
            for kind, alert_id in open_kinds.items():
                if kind not in found:
                    conn.execute(
                        "UPDATE console_alerts SET cleared_at = ? WHERE id = ?", (now, alert_id)
                    )

    def alerts(self, *, include_done: bool = False, limit: int = 200) -> list[dict[str, Any]]:
        """Open alerts and cleared ones nobody acknowledged yet (``include_done``: all)."""
        rows = self.store.query(
            "SELECT id, kiosk_id, kind, detail, raised_at, cleared_at, acked_by, acked_at "
            "FROM console_alerts WHERE ? OR cleared_at = '' OR acked_at = '' "
            "ORDER BY id DESC LIMIT ?",
            (int(include_done), limit),
        )
        keys = ("id", "kiosk_id", "kind", "detail", "raised_at", "cleared_at", "acked_by",
                "acked_at")  # fmt: skip
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def ack_alert(self, alert_id: int, username: str) -> bool:
        with self.store.transaction() as conn:
            cur = conn.execute(
                "UPDATE console_alerts SET acked_by = ?, acked_at = ? "
                "WHERE id = ? AND acked_at = ''",
                (username, now_iso(), alert_id),
            )
        return cur.rowcount == 1

    # --- halls ----------------------------------------------------------------------

    def halls(self) -> dict[str, str]:
        """Each kiosk's hall: the one assigned on the fleet page, else the default hall
        (meta ``console.default_hall``, empty unless a county or the demo sets it)."""
        default = self.store.get_meta("console.default_hall", "")
        rows = self.store.query(
            "SELECT k.kiosk_id, h.hall FROM kiosks k "
            "LEFT JOIN console_kiosk_halls h ON h.kiosk_id = k.kiosk_id"
        )
        return {str(r[0]): str(r[1] or default) for r in rows}

    def set_hall(self, kiosk_id: str, hall: str) -> None:
        with self.store.transaction() as conn:
            conn.execute(
                "INSERT INTO console_kiosk_halls(kiosk_id, hall) VALUES (?, ?) "
                "ON CONFLICT(kiosk_id) DO UPDATE SET hall = excluded.hall",
                (kiosk_id, hall),
            )
