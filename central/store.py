"""The reference platform's storage: every SQL statement of ``central`` lives here.

SQLite by default (WAL, synchronous=FULL, one connection behind a lock), so a
PostgreSQL store can follow by implementing the same methods. The rules that
make "exactly once" hold are in the schema, not only in code: the application's
client id is UNIQUE, and a batch is committed before the platform answers.

Over 400 lines on purpose: all of central's SQL in one place is what lets a
PostgreSQL store replace it whole, method for method.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STATUSES = ("received", "accepted", "in_review", "approved", "rejected", "certificate_ready")
# Which status may follow which: the operator moves a case along this graph.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "received": ("accepted", "rejected"),
    "accepted": ("in_review", "rejected"),
    "in_review": ("approved", "rejected"),
    "approved": ("certificate_ready",),
    "rejected": (),
    "certificate_ready": (),
}

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS kiosks (
    kiosk_id TEXT PRIMARY KEY,
    code TEXT NOT NULL DEFAULT '',
    public_key TEXT NOT NULL UNIQUE,
    enrolled_at TEXT NOT NULL,
    last_seen_at TEXT,
    health TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS tokens (
    token TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    kiosk_id TEXT
);
CREATE TABLE IF NOT EXISTS applications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id TEXT NOT NULL UNIQUE,
    kiosk_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload_hash TEXT NOT NULL,
    sealed BLOB NOT NULL,
    case_number TEXT UNIQUE,
    tracking_no TEXT,
    service_code TEXT NOT NULL DEFAULT '',
    service_version TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT '',
    received_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'received',
    status_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS status_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    kiosk_id TEXT NOT NULL,
    client_id TEXT NOT NULL,
    case_number TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS status_events_kiosk ON status_events(kiosk_id, seq);
CREATE TABLE IF NOT EXISTS nonces (
    kiosk_id TEXT NOT NULL,
    nonce TEXT NOT NULL,
    ts INTEGER NOT NULL,
    PRIMARY KEY (kiosk_id, nonce)
);
CREATE INDEX IF NOT EXISTS nonces_ts ON nonces(ts);
CREATE TABLE IF NOT EXISTS phone_codes (
    code TEXT PRIMARY KEY,
    identity TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS kiosk_audit (
    kiosk_id TEXT NOT NULL,
    local_id INTEGER NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (kiosk_id, local_id)
);
CREATE TABLE IF NOT EXISTS announcements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS kiosk_revocations (
    kiosk_id TEXT PRIMARY KEY,
    revoked_at TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS phone_code_uses (
    code TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (code, kiosk_id)
);
CREATE TABLE IF NOT EXISTS proof_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    kiosk_id TEXT NOT NULL,
    proof_type TEXT NOT NULL,
    id_hash TEXT NOT NULL,
    masked_id TEXT NOT NULL,
    evidence TEXT NOT NULL
);
"""


CASE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


class StoreError(Exception):
    """An operator request the store refuses (unknown case, wrong transition...)."""


@dataclass(frozen=True)
class IncomingItem:
    client_id: str
    kind: str
    payload_hash: str
    sealed: bytes
    tracking_no: str = ""
    service_code: str = ""
    service_version: str = ""
    created_at: str = ""


@dataclass(frozen=True)
class ItemVerdict:
    client_id: str
    verdict: str
    case_number: str = ""
    reason: str = ""


class PlatformStore:
    """All persistence of the reference platform."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(
            str(path), check_same_thread=False, isolation_level=None, timeout=30
        )
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.execute("PRAGMA busy_timeout=30000")
        self._lock = threading.Lock()
        self._conn.executescript(SCHEMA)
        # the signed routes' hot reads (a kiosk's key, its revocation) on a second
        # connection: WAL lets it read while a writer waits for its fsync, so a
        # request's signature check never queues behind another's commit
        self._reader = self._conn
        if str(path) != ":memory:":
            self._reader = sqlite3.connect(
                str(path), check_same_thread=False, isolation_level=None, timeout=30
            )
        self._read_lock = threading.Lock() if self._reader is not self._conn else self._lock
        self._public_keys: dict[str, str] = {}  # a kiosk id's key never changes
        self.before_close: list[Callable[[], None]] = []  # e.g. central.nonces' flush
        # name -> fn(kiosk_id, health), called after each heartbeat is stored
        self.heartbeat_listeners: dict[str, Callable[[str, dict[str, Any]], None]] = {}

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def _light_tx(self) -> Iterator[sqlite3.Connection]:
        """A write transaction committed without its own fsync (synchronous=NORMAL):
        in WAL mode it is durable with the next FULL commit, the WAL being written
        in order. For nonces: a signed POST's route commits (with fsync) right
        after its nonce, and a crash between the two loses both, so the replay
        it would allow is the request's first and only effect."""
        with self._lock:
            self._conn.execute("PRAGMA synchronous=NORMAL")
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._conn
                except BaseException:
                    self._conn.execute("ROLLBACK")
                    raise
                self._conn.execute("COMMIT")
            finally:
                self._conn.execute("PRAGMA synchronous=FULL")

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows of one read on the reader connection (committed data only)."""
        with self._read_lock:
            return self._reader.execute(sql, params).fetchall()

    def close(self) -> None:
        hooks, self.before_close = self.before_close, []
        for hook in hooks:
            hook()
        with self._lock:
            self._conn.close()
        if self._reader is not self._conn:
            with self._read_lock:
                self._reader.close()

    # --- for the platform's other modules (certificates, phone cases, notices) ----

    def add_schema(self, sql: str) -> None:
        """Create a module's own tables on this connection (``CREATE ... IF NOT EXISTS``).

        The phone pages, certificates and notices keep their SQL in their own
        modules; they share this one connection and its lock, so there is still
        one writer."""
        with self._lock:
            self._conn.executescript(sql)

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """One write transaction (``with store.transaction() as conn:``), as the store's own."""
        return self._tx()

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Rows of one read, under the store's lock."""
        return self._query(sql, params)

    # --- meta -----------------------------------------------------------------

    def get_meta(self, key: str, default: str = "") -> str:
        rows = self._read("SELECT value FROM meta WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else default

    def set_meta(self, key: str, value: str) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # --- enrollment -----------------------------------------------------------

    def create_token(self, valid_hours: float = 24.0) -> str:
        token = secrets.token_urlsafe(18)
        created = dt.datetime.now(dt.UTC)
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO tokens(token, created_at, expires_at) VALUES (?, ?, ?)",
                (
                    token,
                    created.isoformat(timespec="seconds"),
                    (created + dt.timedelta(hours=valid_hours)).isoformat(timespec="seconds"),
                ),
            )
        return token

    def enroll(self, token: str, public_key: str, code: str) -> str | None:
        """Use a token for a key; returns the kiosk id, or None if the token is no good.

        The same key presenting its already-used token gets the same id again, so
        an enrollment whose answer was lost on the way can simply be repeated.
        """
        now = dt.datetime.now(dt.UTC)
        with self._tx() as conn:
            row = conn.execute(
                "SELECT expires_at, used_at, kiosk_id FROM tokens WHERE token = ?", (token,)
            ).fetchone()
            if row is None:
                return None
            expires_at, used_at, kiosk_id = row
            if used_at is not None:
                again = conn.execute(
                    "SELECT kiosk_id FROM kiosks WHERE kiosk_id = ? AND public_key = ?",
                    (kiosk_id, public_key),
                ).fetchone()
                return str(again[0]) if again else None
            if dt.datetime.fromisoformat(expires_at) < now:
                return None
            existing = conn.execute(
                "SELECT kiosk_id FROM kiosks WHERE public_key = ?", (public_key,)
            ).fetchone()
            if existing:
                kiosk_id = str(existing[0])
            else:
                kiosk_id = f"K-{secrets.token_hex(6).upper()}"
                conn.execute(
                    "INSERT INTO kiosks(kiosk_id, code, public_key, enrolled_at) VALUES (?,?,?,?)",
                    (kiosk_id, code, public_key, now.isoformat(timespec="seconds")),
                )
            conn.execute(
                "UPDATE tokens SET used_at = ?, kiosk_id = ? WHERE token = ?",
                (now.isoformat(timespec="seconds"), kiosk_id, token),
            )
            # a fresh token is the operator's word that this kiosk may sync again
            conn.execute("DELETE FROM kiosk_revocations WHERE kiosk_id = ?", (kiosk_id,))
            return str(kiosk_id)

    def kiosk_public_key(self, kiosk_id: str) -> str | None:
        """The kiosk's Ed25519 key (hex), kept in memory once read: enrollment gives a
        new key a new id, so an id's key never changes."""
        known = self._public_keys.get(kiosk_id)
        if known is not None:
            return known
        rows = self._read("SELECT public_key FROM kiosks WHERE kiosk_id = ?", (kiosk_id,))
        if not rows:
            return None
        if len(self._public_keys) < 1_000_000:
            self._public_keys[kiosk_id] = str(rows[0][0])
        return str(rows[0][0])

    def kiosk_count(self) -> int:
        """How many kiosks are enrolled (the catalog's fetch spread depends on it)."""
        return int(self._read("SELECT count(*) FROM kiosks")[0][0])

    # --- revocation -----------------------------------------------------------

    def revoke_kiosk(self, kiosk_id: str, reason: str = "") -> bool:
        """Revoke an enrolled kiosk: from now on every signed request it makes is
        answered 403 ``kiosk_revoked`` (the kiosk stops syncing and says so on its
        technician page). False when no such kiosk is enrolled. Revoking twice
        keeps the first moment. Only a fresh enrollment token lifts it (enroll).
        """
        with self._tx() as conn:
            known = conn.execute("SELECT 1 FROM kiosks WHERE kiosk_id = ?", (kiosk_id,))
            if known.fetchone() is None:
                return False
            conn.execute(
                "INSERT OR IGNORE INTO kiosk_revocations(kiosk_id, revoked_at, reason) "
                "VALUES (?, ?, ?)",
                (kiosk_id, now_iso(), reason[:500]),
            )
        return True

    def kiosk_revoked_at(self, kiosk_id: str) -> str | None:
        """When the kiosk was revoked, or None while it may sync."""
        rows = self._read(
            "SELECT revoked_at FROM kiosk_revocations WHERE kiosk_id = ?", (kiosk_id,)
        )
        return str(rows[0][0]) if rows else None

    def use_nonce(self, kiosk_id: str, nonce: str, ts: int, window: int) -> bool:
        """Record a nonce; False if it was seen before (a replay). Old nonces are pruned:
        a request that old is refused by the timestamp window anyway. Committed
        without an fsync of its own (``_light_tx``): visible to every worker at once,
        durable with the route's own commit."""
        with self._light_tx() as conn:
            cur = conn.execute(
                "INSERT OR IGNORE INTO nonces(kiosk_id, nonce, ts) VALUES (?, ?, ?)",
                (kiosk_id, nonce, ts),
            )
            if secrets.randbelow(200) == 0:
                conn.execute("DELETE FROM nonces WHERE ts < ?", (ts - 2 * window,))
            return cur.rowcount == 1

    def record_nonces(self, rows: list[tuple[str, str, int]], older_than: int) -> None:
        """Keep nonces already spent in memory (central.nonces: the GETs'), in one
        transaction, and prune those older than ``older_than`` (indexed on ts); no
        fsync of its own (``_light_tx``): a GET changes nothing worth one."""
        with self._light_tx() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO nonces(kiosk_id, nonce, ts) VALUES (?, ?, ?)", rows
            )
            conn.execute("DELETE FROM nonces WHERE ts < ?", (older_than,))

    def recent_nonces(self, since: int) -> list[tuple[str, str]]:
        """(kiosk id, nonce) of the nonces whose timestamp is ``since`` or later."""
        rows = self._read("SELECT kiosk_id, nonce FROM nonces WHERE ts >= ?", (since,))
        return [(str(r[0]), str(r[1])) for r in rows]

    # --- submissions ----------------------------------------------------------

    def submit(
        self, kiosk_id: str, items: list[IncomingItem], rejected: dict[str, str]
    ) -> list[ItemVerdict]:
        """Decide every item of a batch and commit them all before returning.

        ``rejected`` maps client ids the caller already found unacceptable to the
        reason; they are still checked for duplicates first, because an item the
        platform already holds stays "duplicate" whatever happens to its resend.
        """
        verdicts: list[ItemVerdict] = []
        now = now_iso()
        day = now[:10].replace("-", "")
        events: list[tuple[str, str, str, str]] = []
        with self._tx() as conn:
            for item in items:
                if item.client_id in rejected:
                    held = self._held(conn, item)
                    verdicts.append(
                        held
                        or ItemVerdict(item.client_id, "rejected", reason=rejected[item.client_id])
                    )
                    continue
                # One statement per item (issue 19): the row with its case number,
                # or nothing when the client id (or, once in 2^50, the case number)
                # is already held; only then is the held row read.
                prefix = "ZW" if item.kind == "application" else "PJ"
                while True:
                    case_number = f"{prefix}{day}{_case_tail()}"
                    cur = conn.execute(
                        """INSERT INTO applications (client_id, kiosk_id, kind, payload_hash,
                            sealed, case_number, tracking_no, service_code, service_version,
                            created_at, received_at, status, status_at)
                           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?)
                           ON CONFLICT DO NOTHING""",
                        (
                            item.client_id,
                            kiosk_id,
                            item.kind,
                            item.payload_hash,
                            item.sealed,
                            case_number,
                            item.tracking_no,
                            item.service_code,
                            item.service_version,
                            item.created_at,
                            now,
                            now,
                        ),
                    )
                    if cur.rowcount == 1:
                        verdicts.append(ItemVerdict(item.client_id, "accepted", case_number))
                        if item.kind == "application":
                            events.append((kiosk_id, item.client_id, case_number, now))
                        break
                    held = self._held(conn, item)
                    if held is not None:
                        verdicts.append(held)
                        break
                    # not the client id: that case number was taken, draw another
            # the batch's "received" events in one statement, in the items' order
            conn.executemany(
                "INSERT INTO status_events(kiosk_id, client_id, case_number, status, at) "
                "VALUES (?, ?, ?, 'received', ?)",
                events,
            )
        return verdicts

    @staticmethod
    def _held(conn: sqlite3.Connection, item: IncomingItem) -> ItemVerdict | None:
        """The verdict for an item whose client id the platform already holds, else None:
        "duplicate" with the same content, "conflict" with other content."""
        row = conn.execute(
            "SELECT payload_hash, case_number FROM applications WHERE client_id = ?",
            (item.client_id,),
        ).fetchone()
        if row is None:
            return None
        if row[0] == item.payload_hash:
            return ItemVerdict(item.client_id, "duplicate", str(row[1]))
        return ItemVerdict(
            item.client_id, "conflict", str(row[1]), "same client id, different content"
        )

    def status_changes(
        self, kiosk_id: str, since: int, limit: int
    ) -> tuple[list[dict[str, Any]], int]:
        # on the reader connection: /statuses is answered on the event loop
        rows = self._read(
            "SELECT seq, client_id, case_number, status, note, at FROM status_events "
            "WHERE kiosk_id = ? AND seq > ? ORDER BY seq LIMIT ?",
            (kiosk_id, since, limit),
        )
        changes = [
            {
                "seq": int(r[0]),
                "client_id": r[1],
                "case_number": r[2],
                "status": r[3],
                "note": r[4],
                "at": r[5],
            }
            for r in rows
        ]
        cursor = int(rows[-1][0]) if rows else since
        return changes, cursor

    # --- operator -------------------------------------------------------------

    def set_status(self, case_number: str, status: str, note: str = "") -> dict[str, Any]:
        if status not in STATUSES:
            raise StoreError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")
        now = now_iso()
        with self._tx() as conn:
            row = conn.execute(
                "SELECT client_id, kiosk_id, status, kind FROM applications WHERE case_number = ?",
                (case_number,),
            ).fetchone()
            if row is None:
                raise StoreError(f"no case {case_number}")
            client_id, kiosk_id, current, kind = row
            if kind != "application":
                raise StoreError(f"{case_number} is an evaluation, it has no status")
            if status not in TRANSITIONS[current]:
                allowed = ", ".join(TRANSITIONS[current]) or "none"
                raise StoreError(f"{case_number} is {current}; next may be: {allowed}")
            conn.execute(
                "UPDATE applications SET status = ?, status_at = ? WHERE case_number = ?",
                (status, now, case_number),
            )
            conn.execute(
                "INSERT INTO status_events(kiosk_id, client_id, case_number, status, note, at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (kiosk_id, client_id, case_number, status, note, now),
            )
        return {"case_number": case_number, "status": status, "at": now}

    def applications(self, status: str = "", limit: int = 100) -> list[dict[str, Any]]:
        sql = (
            "SELECT case_number, client_id, kiosk_id, kind, tracking_no, service_code, "
            "status, received_at FROM applications"
        )
        params: tuple[Any, ...] = ()
        if status:
            sql += " WHERE status = ?"
            params = (status,)
        rows = self._query(sql + " ORDER BY id DESC LIMIT ?", (*params, limit))
        keys = (
            "case_number",
            "client_id",
            "kiosk_id",
            "kind",
            "tracking_no",
            "service_code",
            "status",
            "received_at",
        )
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def case_summary(self, code: str) -> dict[str, Any] | None:
        """A case by its case number or client id (what a phone's case QR carries)."""
        rows = self._query(
            "SELECT case_number, client_id, service_code, tracking_no, status FROM applications "
            "WHERE (case_number = ? OR client_id = ?) AND kind = 'application'",
            (code.strip(), code.strip()),
        )
        if not rows:
            return None
        keys = ("case_number", "client_id", "service_code", "tracking_no", "status")
        return dict(zip(keys, rows[0], strict=True))

    def case_for_kiosk(self, code: str, kiosk_id: str) -> dict[str, Any] | None:
        """A case as the asking kiosk may know it: by its client id (a UUID only the
        resident's receipt or phone carries), or by its case number when the case
        is the asking kiosk's own. Another kiosk's case number finds nothing."""
        code = code.strip()
        rows = self._query(
            "SELECT case_number, client_id, service_code, tracking_no, status FROM applications "
            "WHERE kind = 'application' AND (client_id = ? OR (case_number = ? AND kiosk_id = ?))",
            (code, code, kiosk_id),
        )
        if not rows:
            return None
        keys = ("case_number", "client_id", "service_code", "tracking_no", "status")
        return dict(zip(keys, rows[0], strict=True))

    def case_kiosk(self, client_id: str) -> str | None:
        rows = self._query(
            "SELECT kiosk_id FROM applications WHERE client_id = ? AND kind = 'application'",
            (client_id,),
        )
        return str(rows[0][0]) if rows else None

    def sealed_of(self, case_number: str) -> tuple[str, bytes] | None:
        rows = self._query(
            "SELECT client_id, sealed FROM applications WHERE case_number = ?", (case_number,)
        )
        return (str(rows[0][0]), bytes(rows[0][1])) if rows else None

    def count_by_client_id(self) -> dict[str, int]:
        """How many rows each client id has (the tests' "exactly once" check)."""
        rows = self._query("SELECT client_id, count(*) FROM applications GROUP BY client_id")
        return {str(r[0]): int(r[1]) for r in rows}

    def case_numbers(self) -> dict[str, str]:
        rows = self._query("SELECT client_id, case_number FROM applications")
        return {str(r[0]): str(r[1]) for r in rows}

    # --- heartbeat, phone codes, announcements ----------------------------------

    def record_health(self, kiosk_id: str, health: dict[str, Any]) -> None:
        """The kiosk's latest health report. Committed without an fsync of its own
        (``_light_tx``): a report is replaced by the next one, and one lost to a power
        cut is a missed heartbeat; the audit rows that may come with it are committed
        with fsync right after (``record_audit``), which makes both durable."""
        with self._light_tx() as conn:
            conn.execute(
                "UPDATE kiosks SET last_seen_at = ?, health = ? WHERE kiosk_id = ?",
                (now_iso(), json.dumps(health, ensure_ascii=False), kiosk_id),
            )
        for listener in list(self.heartbeat_listeners.values()):
            listener(kiosk_id, health)  # the console's alerts, once the report is committed

    def record_audit(self, kiosk_id: str, rows: list[dict[str, Any]]) -> None:
        """A kiosk's technician audit rows; a row sent twice is kept once."""
        with self._tx() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO kiosk_audit(kiosk_id, local_id, at, actor, action, detail) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (kiosk_id, int(r["id"]), str(r["at"]), str(r["actor"]), str(r["action"]),
                     str(r.get("detail", "")))
                    for r in rows
                ],
            )  # fmt: skip

    def audit(self, kiosk_id: str = "") -> list[dict[str, Any]]:
        rows = self._query(
            "SELECT kiosk_id, local_id, at, actor, action, detail FROM kiosk_audit "
            "WHERE ? = '' OR kiosk_id = ? ORDER BY kiosk_id, local_id",
            (kiosk_id, kiosk_id),
        )
        keys = ("kiosk_id", "id", "at", "actor", "action", "detail")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def kiosks(self) -> list[dict[str, Any]]:
        rows = self._query(
            "SELECT k.kiosk_id, code, enrolled_at, last_seen_at, health, r.revoked_at "
            "FROM kiosks k LEFT JOIN kiosk_revocations r ON r.kiosk_id = k.kiosk_id"
        )
        return [
            {
                "kiosk_id": r[0],
                "code": r[1],
                "enrolled_at": r[2],
                "last_seen_at": r[3],
                "health": json.loads(r[4]),
                "revoked_at": r[5],
            }
            for r in rows
        ]

    def add_announcement(self, text: str) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO announcements(text, created_at) VALUES (?, ?)", (text, now_iso())
            )

    def announcements(self, limit: int = 5) -> list[str]:
        rows = self._query("SELECT text FROM announcements ORDER BY id DESC LIMIT ?", (limit,))
        return [str(r[0]) for r in rows]

    def add_phone_code(self, identity: dict[str, Any], valid_minutes: float = 10.0) -> str:
        code = "GOVID:" + secrets.token_urlsafe(16)
        expires = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=valid_minutes)
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO phone_codes(code, identity, expires_at) VALUES (?, ?, ?)",
                (code, json.dumps(identity, ensure_ascii=False), expires.isoformat()),
            )
        return code

    def record_phone_code_use(self, code: str, kiosk_id: str) -> None:
        """The resident presented this phone code at this kiosk (the proof check's evidence)."""
        with self._tx() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO phone_code_uses(code, kiosk_id, at) VALUES (?, ?, ?)",
                (code.strip(), kiosk_id, now_iso()),
            )

    def spend_phone_code(self, code: str, kiosk_id: str) -> bool:
        """Record the one use of an identity code (亮证); False when it was used before,
        here or at another kiosk. One transaction, so two kiosks cannot both spend it."""
        with self._tx() as conn:
            if conn.execute(
                "SELECT 1 FROM phone_code_uses WHERE code = ?", (code.strip(),)
            ).fetchone():
                return False
            conn.execute(
                "INSERT INTO phone_code_uses(code, kiosk_id, at) VALUES (?, ?, ?)",
                (code.strip(), kiosk_id, now_iso()),
            )
            return True

    def phone_code_used_by(self, code: str, kiosk_id: str) -> bool:
        rows = self._query(
            "SELECT 1 FROM phone_code_uses WHERE code = ? AND kiosk_id = ?",
            (code.strip(), kiosk_id),
        )
        return bool(rows)

    def log_proof(
        self, kiosk_id: str, proof_type: str, id_hash: str, masked_id: str, evidence: str
    ) -> None:
        """Every proof issued, with the kiosk that asked and what vouched for it."""
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO proof_log(at, kiosk_id, proof_type, id_hash, masked_id, evidence) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (now_iso(), kiosk_id, proof_type, id_hash, masked_id, evidence),
            )

    def proof_log(self, kiosk_id: str = "") -> list[dict[str, Any]]:
        rows = self._query(
            "SELECT at, kiosk_id, proof_type, masked_id, evidence FROM proof_log "
            "WHERE ? = '' OR kiosk_id = ? ORDER BY id",
            (kiosk_id, kiosk_id),
        )
        keys = ("at", "kiosk_id", "proof_type", "masked_id", "evidence")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def resolve_phone_code(self, code: str) -> dict[str, Any] | None:
        rows = self._query(
            "SELECT identity, expires_at FROM phone_codes WHERE code = ?", (code.strip(),)
        )
        if not rows or dt.datetime.fromisoformat(rows[0][1]) < dt.datetime.now(dt.UTC):
            return None
        value: dict[str, Any] = json.loads(rows[0][0])
        return value


def _case_tail() -> str:
    """A case number's 10 random characters (Crockford base32, 50 bits): a case
    number is printed and looked up, so it must not be guessable from its
    neighbours (the row id once was, and any kiosk could walk them)."""
    return "".join(secrets.choice(CASE_ALPHABET) for _ in range(10))
