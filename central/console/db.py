"""The console's own tables and every SQL statement of the console.

They live in the platform's database (central/store/schema.py), reached through
the platform's store and its transactions; the platform's own tables
are only read here, never written (status changes go through
``PlatformStore.set_status``, so the kiosks and the notices hear of them).

Secrets are never stored as given: passwords as argon2 hashes
(``central.console.security``), session and API tokens as their SHA-256 (a
token is 32 random bytes, so a fast hash is enough and lets a lookup use the
index).

One module because all of the console's SQL sits in one place, as the kiosk
API's does in central/store/platform_store.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from central.store import PlatformStore, now_iso, sql

if TYPE_CHECKING:
    from sqlalchemy import TextClause

ROLES = ("admin", "reviewer", "clerk", "technician")


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _later(**delta: float) -> str:
    return (dt.datetime.now(dt.UTC) + dt.timedelta(**delta)).isoformat(timespec="milliseconds")


FAILED_LOGINS = "SELECT failed_logins FROM console_accounts WHERE username = :user"
END_SESSIONS = sql("DELETE FROM console_sessions WHERE username = :user")


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

    # --- accounts ---------------------------------------------------------------

    def _write(self, statement: TextClause, params: dict[str, Any]) -> int:
        """One statement in a transaction of its own; the number of rows it changed."""
        with self.store.transaction() as conn:
            return int(conn.execute(statement, params).rowcount)

    def account(self, username: str) -> Account | None:
        rows = self.store.query(
            f"SELECT {_ACCOUNT_COLUMNS} FROM console_accounts WHERE username = :user",  # noqa: S608
            {"user": username},
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
        self._write(
            sql(
                "INSERT INTO console_accounts(username, display_name, role, hall, "
                "password_hash, created_at) VALUES (:user, :name, :role, :hall, :hash, :at)"
            ),
            {"user": username, "name": display_name, "role": role, "hall": hall,
             "hash": password_hash, "at": now_iso()},
        )  # fmt: skip

    def set_password(self, username: str, password_hash: str) -> None:
        """A new password also lifts a lockout and ends the account's sessions."""
        with self.store.transaction() as conn:
            conn.execute(
                sql(
                    "UPDATE console_accounts SET password_hash = :hash, failed_logins = 0, "
                    "locked_until = '' WHERE username = :user"
                ),
                {"hash": password_hash, "user": username},
            )
            conn.execute(END_SESSIONS, {"user": username})

    def set_disabled(self, username: str, disabled: bool) -> None:
        """Disabling ends the account's sessions and revokes its API tokens."""
        with self.store.transaction() as conn:
            conn.execute(
                sql("UPDATE console_accounts SET disabled = :disabled WHERE username = :user"),
                {"disabled": int(disabled), "user": username},
            )
            if disabled:
                conn.execute(END_SESSIONS, {"user": username})
                conn.execute(
                    sql(
                        "UPDATE console_api_tokens SET revoked_at = :at "
                        "WHERE username = :user AND revoked_at = ''"
                    ),
                    {"at": now_iso(), "user": username},
                )

    def login_failed(self, username: str, max_failures: int, lock_minutes: float) -> bool:
        """Count a wrong password; True when this one locked the account."""
        with self.store.transaction() as conn:
            row = conn.execute(
                sql(FAILED_LOGINS + self.store.for_update),
                {"user": username},
            ).fetchone()
            if row is None:
                return False
            failures = int(row[0]) + 1
            locked = ""
            if failures >= max_failures:
                locked, failures = _later(minutes=lock_minutes), 0
            conn.execute(
                sql(
                    "UPDATE console_accounts SET failed_logins = :failures, locked_until = :locked "
                    "WHERE username = :user"
                ),
                {"failures": failures, "locked": locked, "user": username},
            )
            return bool(locked)

    def login_succeeded(self, username: str, password_hash: str | None = None) -> None:
        with self.store.transaction() as conn:
            conn.execute(
                sql(
                    "UPDATE console_accounts SET failed_logins = 0, locked_until = '', "
                    "last_login_at = :at WHERE username = :user"
                ),
                {"at": now_iso(), "user": username},
            )
            if password_hash:  # argon2 parameters raised since the hash was made
                conn.execute(
                    sql("UPDATE console_accounts SET password_hash = :hash WHERE username = :user"),
                    {"hash": password_hash, "user": username},
                )

    # --- sessions ---------------------------------------------------------------

    def new_session(self, username: str, lifetime_hours: float) -> str:
        token = secrets.token_urlsafe(32)
        now = now_iso()
        self._write(
            sql(
                "INSERT INTO console_sessions(token_hash, username, csrf, created_at, "
                "seen_at, expires_at) VALUES (:hash, :user, :csrf, :now, :now, :expires)"
            ),
            {"hash": token_hash(token), "user": username, "csrf": secrets.token_urlsafe(32),
             "now": now, "expires": _later(hours=lifetime_hours)},
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
            "WHERE token_hash = :hash",
            {"hash": digest},
        )
        if not rows:
            return None
        username, csrf, seen_at, expires_at = (str(v) for v in rows[0])
        now = dt.datetime.now(dt.UTC)
        idle = now - dt.datetime.fromisoformat(seen_at)
        if dt.datetime.fromisoformat(expires_at) < now or idle > dt.timedelta(minutes=idle_minutes):
            self.end_session(token)
            return None
        account = self.account(username)
        if account is None or account.disabled:
            return None
        self._write(
            sql("UPDATE console_sessions SET seen_at = :at WHERE token_hash = :hash"),
            {"at": now_iso(), "hash": digest},
        )
        return Session(account, csrf)

    def end_session(self, token: str) -> None:
        self._write(
            sql("DELETE FROM console_sessions WHERE token_hash = :hash"),
            {"hash": token_hash(token)},
        )

    # --- API tokens ---------------------------------------------------------------

    def new_api_token(self, username: str, label: str = "") -> tuple[int, str]:
        """A bearer token for scripts, shown once; the database keeps its hash."""
        token = "gkp_" + secrets.token_urlsafe(32)
        with self.store.transaction() as conn:
            token_id = conn.execute(
                sql(
                    "INSERT INTO console_api_tokens(token_hash, username, label, created_at) "
                    "VALUES (:hash, :user, :label, :at) RETURNING id"
                ),
                {"hash": token_hash(token), "user": username, "label": label, "at": now_iso()},
            ).scalar_one()
        return int(token_id), token

    def api_account(self, token: str) -> Account | None:
        """The enabled account whose unrevoked API token this is."""
        rows = self.store.query(
            "SELECT id, username FROM console_api_tokens "
            "WHERE token_hash = :hash AND revoked_at = ''",
            {"hash": token_hash(token)},
        )
        if not rows:
            return None
        account = self.account(str(rows[0][1]))
        if account is None or account.disabled:
            return None
        self._write(
            sql("UPDATE console_api_tokens SET last_used_at = :at WHERE id = :id"),
            {"at": now_iso(), "id": int(rows[0][0])},
        )
        return account

    def api_tokens(self, username: str = "") -> list[dict[str, Any]]:
        rows = self.store.query(
            "SELECT id, username, label, created_at, last_used_at, revoked_at "
            "FROM console_api_tokens WHERE :user = '' OR username = :user ORDER BY id DESC",
            {"user": username},
        )
        keys = ("id", "username", "label", "created_at", "last_used_at", "revoked_at")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def revoke_api_token(self, token_id: int) -> bool:
        cur = self._write(
            sql(
                "UPDATE console_api_tokens SET revoked_at = :at WHERE id = :id AND revoked_at = ''"
            ),
            {"at": now_iso(), "id": token_id},
        )
        return cur == 1

    # --- audit --------------------------------------------------------------------

    def audit(
        self, actor: Account | str, action: str, target: str = "", detail: str = "",
        address: str = "",
    ) -> None:  # fmt: skip
        """One row: who did what to which case or kiosk. ``detail`` never holds a
        resident's name or ID number."""
        name, role = (actor.username, actor.role) if isinstance(actor, Account) else (actor, "")
        self._write(
            sql(
                "INSERT INTO console_audit(at, actor, role, action, target, detail, address) "
                "VALUES (:at, :actor, :role, :action, :target, :detail, :address)"
            ),
            {"at": now_iso(), "actor": name, "role": role, "action": action,
             "target": target, "detail": detail[:500], "address": address},
        )  # fmt: skip

    def audit_rows(
        self, *, target: str = "", actor: str = "", action: str = "", limit: int = 200
    ) -> list[dict[str, Any]]:
        rows = self.store.query(
            "SELECT id, at, actor, role, action, target, detail, address FROM console_audit "
            "WHERE (:target = '' OR target = :target) AND (:actor = '' OR actor = :actor) "
            "AND (:action = '' OR action = :action) ORDER BY id DESC LIMIT :limit",
            {"target": target, "actor": actor, "action": action, "limit": limit},
        )
        keys = ("id", "at", "actor", "role", "action", "target", "detail", "address")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    # --- alerts -------------------------------------------------------------------

    def sync_alerts(self, kiosk_id: str, found: dict[str, str]) -> None:
        """Make the kiosk's open alerts match what ``found`` (kind -> detail) says:
        raise the new ones, clear the ones whose cause is gone."""
        now = now_iso()
        with self.store.transaction() as conn:
            self.store.serialise(conn, "alerts", kiosk_id)
            open_rows = conn.execute(
                sql(
                    "SELECT id, kind FROM console_alerts "
                    "WHERE kiosk_id = :kiosk AND cleared_at = ''"
                ),
                {"kiosk": kiosk_id},
            ).fetchall()
            open_kinds = {str(r[1]): int(r[0]) for r in open_rows}
            for kind, detail in found.items():
                if kind in open_kinds:
                    conn.execute(
                        sql("UPDATE console_alerts SET detail = :detail WHERE id = :id"),
                        {"detail": detail, "id": open_kinds[kind]},
                    )
                else:
                    conn.execute(
                        sql(
                            "INSERT INTO console_alerts(kiosk_id, kind, detail, raised_at) "
                            "VALUES (:kiosk, :kind, :detail, :at)"
                        ),
                        {"kiosk": kiosk_id, "kind": kind, "detail": detail, "at": now},
                    )
            for kind, alert_id in open_kinds.items():
                if kind not in found:
                    conn.execute(
                        sql("UPDATE console_alerts SET cleared_at = :at WHERE id = :id"),
                        {"at": now, "id": alert_id},
                    )

    def alerts(self, *, include_done: bool = False, limit: int = 200) -> list[dict[str, Any]]:
        """Open alerts and cleared ones nobody acknowledged yet (``include_done``: all)."""
        rows = self.store.query(
            "SELECT id, kiosk_id, kind, detail, raised_at, cleared_at, acked_by, acked_at "
            "FROM console_alerts WHERE :all OR cleared_at = '' OR acked_at = '' "
            "ORDER BY id DESC LIMIT :limit",
            {"all": include_done, "limit": limit},
        )
        keys = ("id", "kiosk_id", "kind", "detail", "raised_at", "cleared_at", "acked_by",
                "acked_at")  # fmt: skip
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def ack_alert(self, alert_id: int, username: str) -> bool:
        cur = self._write(
            sql(
                "UPDATE console_alerts SET acked_by = :user, acked_at = :at "
                "WHERE id = :id AND acked_at = ''"
            ),
            {"user": username, "at": now_iso(), "id": alert_id},
        )
        return cur == 1

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
        self._write(
            sql(
                "INSERT INTO console_kiosk_halls(kiosk_id, hall) VALUES (:kiosk, :hall) "
                "ON CONFLICT(kiosk_id) DO UPDATE SET hall = excluded.hall"
            ),
            {"kiosk": kiosk_id, "hall": hall},
        )
