"""The kiosk API's storage: kiosks, tokens, applications, status events, nonces.

The same statements run on SQLite and PostgreSQL (``central.store.database``
picks the engine from one URL). The rules that make "exactly once" hold are in
the schema, not only in code: the application's client id is UNIQUE, so a
resend is a duplicate in any worker on any machine, and a batch is committed
before the platform answers.

Over 400 lines on purpose: the kiosk API's SQL in one place, beside the rules
(statuses and their transitions) that it enforces.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection

from central.store import schema
from central.store.database import Database, sql

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
    received_at: str = ""  # the case's "received" status, told with the verdict


class PlatformStore(Database):
    """All persistence of the kiosk API: kiosks, applications, status events, nonces."""

    def __init__(self, where: Path | str, *, pool_size: int = 8) -> None:
        super().__init__(where, pool_size=pool_size)
        self._public_keys: dict[str, str] = {}  # a kiosk id's key never changes
        self._public_keys_loaded = False
        self.before_close: list[Callable[[], None]] = []  # e.g. central.nonces' flush
        # name -> fn(kiosk_id, health), called after each heartbeat is stored
        self.heartbeat_listeners: dict[str, Callable[[str, dict[str, Any]], None]] = {}

    def close(self) -> None:
        hooks, self.before_close = self.before_close, []
        for hook in hooks:
            hook()
        super().close()

    # --- meta -----------------------------------------------------------------

    def get_meta(self, key: str, default: str = "") -> str:
        rows = self.query("SELECT value FROM meta WHERE key = :key", {"key": key})
        return str(rows[0][0]) if rows else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute(sql(SET_META), {"key": key, "value": value})

    # --- enrollment -----------------------------------------------------------

    def create_token(self, valid_hours: float = 24.0) -> str:
        token = secrets.token_urlsafe(18)
        created = dt.datetime.now(dt.UTC)
        with self.transaction() as conn:
            conn.execute(
                sql(
                    "INSERT INTO tokens(token, created_at, expires_at) "
                    "VALUES (:token, :created, :expires)"
                ),
                {
                    "token": token,
                    "created": created.isoformat(timespec="seconds"),
                    "expires": (created + dt.timedelta(hours=valid_hours)).isoformat(
                        timespec="seconds"
                    ),
                },
            )
        return token

    def enroll(self, token: str, public_key: str, code: str) -> str | None:
        """Use a token for a key; returns the kiosk id, or None if the token is no good.

        The same key presenting its already-used token gets the same id again, so
        an enrollment whose answer was lost on the way can simply be repeated.
        The token's row is locked (PostgreSQL), so two kiosks racing with one
        token cannot both be enrolled by it.
        """
        now = dt.datetime.now(dt.UTC)
        with self.transaction() as conn:
            row = conn.execute(
                sql(ENROLLMENT_ROW + self.for_update),
                {"token": token},
            ).fetchone()
            if row is None:
                return None
            expires_at, used_at, kiosk_id = row
            if used_at is not None:
                again = conn.execute(
                    sql(
                        "SELECT kiosk_id FROM kiosks WHERE kiosk_id = :kiosk AND public_key = :key"
                    ),
                    {"kiosk": kiosk_id, "key": public_key},
                ).fetchone()
                return str(again[0]) if again else None
            if dt.datetime.fromisoformat(expires_at) < now:
                return None
            existing = conn.execute(
                sql("SELECT kiosk_id FROM kiosks WHERE public_key = :key"), {"key": public_key}
            ).fetchone()
            if existing:
                kiosk_id = str(existing[0])
            else:
                kiosk_id = f"K-{secrets.token_hex(6).upper()}"
                conn.execute(
                    sql(
                        "INSERT INTO kiosks(kiosk_id, code, public_key, enrolled_at) "
                        "VALUES (:kiosk, :code, :key, :at)"
                    ),
                    {"kiosk": kiosk_id, "code": code, "key": public_key,
                     "at": now.isoformat(timespec="seconds")},
                )  # fmt: skip
            conn.execute(
                sql("UPDATE tokens SET used_at = :at, kiosk_id = :kiosk WHERE token = :token"),
                {"at": now.isoformat(timespec="seconds"), "kiosk": kiosk_id, "token": token},
            )
            # a fresh token is the operator's word that this kiosk may sync again
            conn.execute(
                sql("DELETE FROM kiosk_revocations WHERE kiosk_id = :kiosk"), {"kiosk": kiosk_id}
            )
            return str(kiosk_id)

    def kiosk_public_key(self, kiosk_id: str) -> str | None:
        """The kiosk's Ed25519 key (hex), kept in memory once read: enrollment gives a
        new key a new id, so an id's key never changes. The first call reads the
        whole fleet's keys in one statement (a worker that starts under a fleet's
        load would otherwise spend a round trip on each kiosk's first request)."""
        known = self._public_keys.get(kiosk_id)
        if known is not None:
            return known
        if not self._public_keys_loaded:
            self._public_keys_loaded = True
            rows = self.query("SELECT kiosk_id, public_key FROM kiosks LIMIT 1000000")
            self._public_keys.update((str(r[0]), str(r[1])) for r in rows)
            known = self._public_keys.get(kiosk_id)
            if known is not None:
                return known
        rows = self.query(
            "SELECT public_key FROM kiosks WHERE kiosk_id = :kiosk", {"kiosk": kiosk_id}
        )
        if not rows:
            return None
        if len(self._public_keys) < 1_000_000:
            self._public_keys[kiosk_id] = str(rows[0][0])
        return str(rows[0][0])

    def kiosk_count(self) -> int:
        """How many kiosks are enrolled (the catalog's fetch spread depends on it)."""
        return int(self.query("SELECT count(*) FROM kiosks")[0][0])

    # --- revocation -----------------------------------------------------------

    def revoke_kiosk(self, kiosk_id: str, reason: str = "") -> bool:
        """Revoke an enrolled kiosk: from now on every signed request it makes is
        answered 403 ``kiosk_revoked`` (the kiosk stops syncing and says so on its
        technician page). False when no such kiosk is enrolled. Revoking twice
        keeps the first moment. Only a fresh enrollment token lifts it (enroll).
        """
        with self.transaction() as conn:
            known = conn.execute(
                sql("SELECT 1 FROM kiosks WHERE kiosk_id = :kiosk"), {"kiosk": kiosk_id}
            )
            if known.fetchone() is None:
                return False
            conn.execute(
                sql(
                    "INSERT INTO kiosk_revocations(kiosk_id, revoked_at, reason) "
                    "VALUES (:kiosk, :at, :reason) ON CONFLICT DO NOTHING"
                ),
                {"kiosk": kiosk_id, "at": now_iso(), "reason": reason[:500]},
            )
        return True

    def kiosk_revoked_at(self, kiosk_id: str) -> str | None:
        """When the kiosk was revoked, or None while it may sync."""
        rows = self.query(
            "SELECT revoked_at FROM kiosk_revocations WHERE kiosk_id = :kiosk", {"kiosk": kiosk_id}
        )
        return str(rows[0][0]) if rows else None

    def use_nonce(self, kiosk_id: str, nonce: str, ts: int, window: int) -> bool:
        """Record a nonce; False if it was seen before (a replay), here or in another
        worker: the table's primary key decides. Old nonces are pruned: a request
        that old is refused by the timestamp window anyway. Committed without an
        fsync of its own (``light_transaction``): visible to every worker at once,
        durable with the route's own commit, which follows."""
        with self.light_transaction() as conn:
            cur = conn.execute(sql(SPEND_NONCE), {"kiosk": kiosk_id, "nonce": nonce, "ts": ts})
            if secrets.randbelow(200) == 0:
                conn.execute(sql(PRUNE_NONCES), {"before": ts - 2 * window})
            return cur.rowcount == 1

    def record_nonces(self, rows: list[tuple[str, str, int]], older_than: int) -> None:
        """Keep nonces already spent in memory (central.nonces: the GETs'), in one
        transaction, and prune those older than ``older_than`` (indexed on ts); no
        fsync of its own (``light_transaction``): a GET changes nothing worth one."""
        with self.light_transaction() as conn:
            conn.execute(
                sql(SPEND_NONCE), [{"kiosk": k, "nonce": n, "ts": ts} for k, n, ts in rows]
            )
            conn.execute(sql(PRUNE_NONCES), {"before": older_than})

    def recent_nonces(self, since: int) -> list[tuple[str, str]]:
        """(kiosk id, nonce) of the nonces whose timestamp is ``since`` or later."""
        rows = self.query("SELECT kiosk_id, nonce FROM nonces WHERE ts >= :since", {"since": since})
        return [(str(r[0]), str(r[1])) for r in rows]

    # --- submissions ----------------------------------------------------------

    def submit(
        self, kiosk_id: str, items: list[IncomingItem], rejected: dict[str, str]
    ) -> list[ItemVerdict]:
        """Decide every item of a batch and commit them all before returning.

        ``rejected`` maps client ids the caller already found unacceptable to the
        reason; they are still checked for duplicates first, because an item the
        platform already holds stays "duplicate" whatever happens to its resend.

        One INSERT for the whole batch (issue 19: once one statement per item):
        ``ON CONFLICT DO NOTHING RETURNING`` says which rows went in; the rest are
        held already (the unique client id decides, in any worker) or, once in
        2^50, drew a case number that is taken, and only those draw again.
        """
        now = now_iso()
        day = now[:10].replace("-", "")
        decided: dict[str, ItemVerdict] = {}
        with self.transaction() as conn:
            first_of: dict[str, IncomingItem] = {}
            for item in items:
                first_of.setdefault(item.client_id, item)
            firsts = list(first_of.values())
            fresh = [i for i in firsts if i.client_id not in rejected]
            held = self._held(conn, [i for i in firsts if i.client_id in rejected])
            for item in firsts:
                if item.client_id in rejected:
                    decided[item.client_id] = held.get(item.client_id) or ItemVerdict(
                        item.client_id, "rejected", reason=rejected[item.client_id]
                    )
            while fresh:
                batch, fresh = fresh[:INSERT_ROWS], fresh[INSERT_ROWS:]
                while batch:
                    numbers = {
                        i.client_id: _case_number(i.kind, day, tail)
                        for i, tail in zip(batch, _case_tails(len(batch)), strict=True)
                    }
                    rows = [_row(kiosk_id, i, numbers[i.client_id], now) for i in batch]
                    went_in = self._insert(conn, rows)
                    held = self._held(conn, [i for i in batch if i.client_id not in went_in])
                    redraw = []
                    for item in batch:
                        if item.client_id in went_in:
                            decided[item.client_id] = ItemVerdict(
                                item.client_id, "accepted", numbers[item.client_id], "", now
                            )
                        elif item.client_id in held:
                            decided[item.client_id] = held[item.client_id]
                        else:  # not the client id: that case number was taken
                            redraw.append(item)
                    batch = redraw
            # an item sent twice in one batch: its second copy is judged by the first
            again = self._held(conn, [i for i in items if i is not first_of[i.client_id]])
            verdicts = [
                again[i.client_id] if i is not first_of[i.client_id] else decided[i.client_id]
                for i in items
            ]
            # the batch's "received" events in one statement, in the items' order
            events = [
                {"kiosk": kiosk_id, "client": v.client_id, "case": v.case_number, "at": now}
                for v, i in zip(verdicts, items, strict=True)
                if v.verdict == "accepted"
                and i.kind == "application"
                and i is first_of[i.client_id]
            ]
            if events:
                if self.dialect == "sqlite":  # as in _insert: the driver's executemany
                    conn.connection.driver_connection.executemany(  # type: ignore[union-attr]
                        RECEIVED_EVENT_QMARK,
                        [(e["kiosk"], e["client"], e["case"], e["at"]) for e in events],
                    )
                else:
                    conn.execute(sql(RECEIVED_EVENT), events)
        return verdicts

    def _insert(self, conn: Connection, rows: list[dict[str, Any]]) -> set[str]:
        """Insert application rows, ``ON CONFLICT DO NOTHING``: the client ids that
        went in. On PostgreSQL one compiled statement, sent as multi-row INSERTs
        with RETURNING (SQLAlchemy's "insertmanyvalues"). On SQLite the same
        statement goes straight to the driver, in the same transaction: binding
        13 parameters a row through SQLAlchemy was a third of a 500-item batch's
        time in the store (issue 19), and SQLite caches the prepared statement."""
        if self.dialect != "sqlite":
            return {str(r[0]) for r in conn.execute(self._insert_applications, rows)}
        raw = conn.connection.driver_connection
        assert raw is not None
        params = [row[c] for row in rows for c in APPLICATION_COLUMNS]
        return {str(r[0]) for r in raw.execute(_sqlite_insert_sql(len(rows)), params)}

    @cached_property
    def _insert_applications(self) -> Any:
        """The dialect's INSERT of an application row, ``ON CONFLICT DO NOTHING``,
        returning the client ids that went in."""
        insert = pg_insert if self.dialect == "postgresql" else sqlite_insert
        apps = schema.applications
        return insert(apps).on_conflict_do_nothing().returning(apps.c.client_id)

    @staticmethod
    def _held(conn: Connection, items: list[IncomingItem]) -> dict[str, ItemVerdict]:
        """The verdicts for the items whose client id the platform already holds:
        "duplicate" with the same content, "conflict" with other content."""
        if not items:
            return {}
        apps = schema.applications
        rows = conn.execute(
            sa.select(
                apps.c.client_id, apps.c.payload_hash, apps.c.case_number, apps.c.received_at
            ).where(apps.c.client_id.in_([i.client_id for i in items]))
        ).fetchall()
        stored = {str(r[0]): (str(r[1]), str(r[2]), str(r[3] or "")) for r in rows}
        found: dict[str, ItemVerdict] = {}
        for item in items:
            if item.client_id not in stored:
                continue
            payload_hash, case_number, received_at = stored[item.client_id]
            found[item.client_id] = (
                ItemVerdict(item.client_id, "duplicate", case_number, "", received_at)
                if payload_hash == item.payload_hash
                else ItemVerdict(
                    item.client_id, "conflict", case_number, "same client id, different content"
                )
            )
        return found

    def status_changes(
        self, kiosk_id: str, since: int, limit: int, *, omit_received: bool = False
    ) -> tuple[list[dict[str, Any]], int, bool]:
        """A kiosk's status changes after ``since``: (changes, cursor, more).

        ``omit_received``: the kiosk learned each case's "received" from its verdict
        (``ItemVerdict.received_at``), so those events are passed over, and the
        cursor still moves past them. A drain of 10,000 applications otherwise
        pulled 10,000 events back that the kiosk knew (issue 19). Up to
        ``OMIT_SCAN`` pages of events are passed over per request, so a request's
        work stays bounded."""
        scan = limit * OMIT_SCAN if omit_received else limit
        rows = self.query(STATUS_CHANGES, {"kiosk": kiosk_id, "since": since, "limit": scan + 1})
        more = len(rows) > scan
        rows = rows[:scan]
        cursor = int(rows[-1][0]) if rows else since
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
            if not (omit_received and r[3] == "received")
        ]
        if len(changes) > limit:
            changes = changes[:limit]
            cursor, more = int(changes[-1]["seq"]), True
        return changes, cursor, more

    # --- operator -------------------------------------------------------------

    def set_status(self, case_number: str, status: str, note: str = "") -> dict[str, Any]:
        if status not in STATUSES:
            raise StoreError(f"unknown status {status!r}; one of {', '.join(STATUSES)}")
        now = now_iso()
        with self.transaction() as conn:
            row = conn.execute(
                sql(CASE_ROW + self.for_update),
                {"case": case_number},
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
                sql(
                    "UPDATE applications SET status = :status, status_at = :at "
                    "WHERE case_number = :case"
                ),
                {"status": status, "at": now, "case": case_number},
            )
            conn.execute(
                sql(
                    "INSERT INTO status_events(kiosk_id, client_id, case_number, status, note, at) "
                    "VALUES (:kiosk, :client, :case, :status, :note, :at)"
                ),
                {"kiosk": kiosk_id, "client": client_id, "case": case_number, "status": status,
                 "note": note, "at": now},
            )  # fmt: skip
        return {"case_number": case_number, "status": status, "at": now}

    def applications(self, status: str = "", limit: int = 100) -> list[dict[str, Any]]:
        rows = self.query(
            "SELECT case_number, client_id, kiosk_id, kind, tracking_no, service_code, "
            "status, received_at FROM applications "
            "WHERE :status = '' OR status = :status ORDER BY id DESC LIMIT :limit",
            {"status": status, "limit": limit},
        )
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
        rows = self.query(
            "SELECT case_number, client_id, service_code, tracking_no, status FROM applications "
            "WHERE (case_number = :code OR client_id = :code) AND kind = 'application'",
            {"code": code.strip()},
        )
        if not rows:
            return None
        keys = ("case_number", "client_id", "service_code", "tracking_no", "status")
        return dict(zip(keys, rows[0], strict=True))

    def case_for_kiosk(self, code: str, kiosk_id: str) -> dict[str, Any] | None:
        """A case as the asking kiosk may know it: by its client id (a UUID only the
        resident's receipt or phone carries), or by its case number when the case
        is the asking kiosk's own. Another kiosk's case number finds nothing."""
        rows = self.query(
            "SELECT case_number, client_id, service_code, tracking_no, status FROM applications "
            "WHERE kind = 'application' "
            "AND (client_id = :code OR (case_number = :code AND kiosk_id = :kiosk))",
            {"code": code.strip(), "kiosk": kiosk_id},
        )
        if not rows:
            return None
        keys = ("case_number", "client_id", "service_code", "tracking_no", "status")
        return dict(zip(keys, rows[0], strict=True))

    def case_kiosk(self, client_id: str) -> str | None:
        rows = self.query(
            "SELECT kiosk_id FROM applications WHERE client_id = :client AND kind = 'application'",
            {"client": client_id},
        )
        return str(rows[0][0]) if rows else None

    def sealed_of(self, case_number: str) -> tuple[str, bytes] | None:
        rows = self.query(
            "SELECT client_id, sealed FROM applications WHERE case_number = :case",
            {"case": case_number},
        )
        return (str(rows[0][0]), bytes(rows[0][1])) if rows else None

    def count_by_client_id(self) -> dict[str, int]:
        """How many rows each client id has (the tests' "exactly once" check)."""
        rows = self.query("SELECT client_id, count(*) FROM applications GROUP BY client_id")
        return {str(r[0]): int(r[1]) for r in rows}

    def case_numbers(self) -> dict[str, str]:
        rows = self.query("SELECT client_id, case_number FROM applications")
        return {str(r[0]): str(r[1]) for r in rows}

    # --- heartbeat, phone codes, announcements ----------------------------------

    def record_health(self, kiosk_id: str, health: dict[str, Any]) -> None:
        """The kiosk's latest health report. Committed without an fsync of its own
        (``light_transaction``): a report is replaced by the next one, and one lost
        to a power cut is a missed heartbeat; the audit rows that may come with it
        are committed with fsync right after (``record_audit``), which makes both
        durable."""
        kiosks = schema.kiosks
        with self.light_transaction() as conn:
            conn.execute(
                sa.update(kiosks)
                .where(kiosks.c.kiosk_id == kiosk_id)
                .values(last_seen_at=now_iso(), health=health)
            )
        for listener in list(self.heartbeat_listeners.values()):
            listener(kiosk_id, health)  # the console's alerts, once the report is committed

    def record_audit(self, kiosk_id: str, rows: list[dict[str, Any]]) -> None:
        """A kiosk's technician audit rows; a row sent twice is kept once."""
        if not rows:
            return
        with self.transaction() as conn:
            conn.execute(
                sql(
                    "INSERT INTO kiosk_audit(kiosk_id, local_id, at, actor, action, detail) "
                    "VALUES (:kiosk, :id, :at, :actor, :action, :detail) ON CONFLICT DO NOTHING"
                ),
                [
                    {"kiosk": kiosk_id, "id": int(r["id"]), "at": str(r["at"]),
                     "actor": str(r["actor"]), "action": str(r["action"]),
                     "detail": str(r.get("detail", ""))}
                    for r in rows
                ],
            )  # fmt: skip

    def audit(self, kiosk_id: str = "") -> list[dict[str, Any]]:
        rows = self.query(
            "SELECT kiosk_id, local_id, at, actor, action, detail FROM kiosk_audit "
            "WHERE :kiosk = '' OR kiosk_id = :kiosk ORDER BY kiosk_id, local_id",
            {"kiosk": kiosk_id},
        )
        keys = ("kiosk_id", "id", "at", "actor", "action", "detail")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def kiosks(self, *, seen_before: str = "") -> list[dict[str, Any]]:
        """Every enrolled kiosk with its last health report (``seen_before``: only
        those last heard of before that moment, or never)."""
        k, r = schema.kiosks, schema.kiosk_revocations
        stmt = sa.select(
            k.c.kiosk_id, k.c.code, k.c.enrolled_at, k.c.last_seen_at, k.c.health,
            r.c.revoked_at,
        ).select_from(k.outerjoin(r, r.c.kiosk_id == k.c.kiosk_id))  # fmt: skip
        if seen_before:
            stmt = stmt.where(k.c.last_seen_at < seen_before)
        keys = ("kiosk_id", "code", "enrolled_at", "last_seen_at", "health", "revoked_at")
        return [dict(zip(keys, row, strict=True)) for row in self.query(stmt)]

    def add_announcement(self, text: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                sql("INSERT INTO announcements(text, created_at) VALUES (:text, :at)"),
                {"text": text, "at": now_iso()},
            )

    def announcements(self, limit: int = 5) -> list[str]:
        rows = self.query(
            "SELECT text FROM announcements ORDER BY id DESC LIMIT :limit", {"limit": limit}
        )
        return [str(r[0]) for r in rows]

    def add_phone_code(self, identity: dict[str, Any], valid_minutes: float = 10.0) -> str:
        code = "GOVID:" + secrets.token_urlsafe(16)
        expires = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=valid_minutes)
        with self.transaction() as conn:
            conn.execute(
                sql(
                    "INSERT INTO phone_codes(code, identity, expires_at) "
                    "VALUES (:code, :identity, :expires)"
                ),
                {"code": code, "identity": json.dumps(identity, ensure_ascii=False),
                 "expires": expires.isoformat()},
            )  # fmt: skip
        return code

    def record_phone_code_use(self, code: str, kiosk_id: str) -> None:
        """The resident presented this phone code at this kiosk (the proof check's evidence)."""
        with self.transaction() as conn:
            conn.execute(
                sql(
                    "INSERT INTO phone_code_uses(code, kiosk_id, at) VALUES (:code, :kiosk, :at) "
                    "ON CONFLICT DO NOTHING"
                ),
                {"code": code.strip(), "kiosk": kiosk_id, "at": now_iso()},
            )

    def spend_phone_code(self, code: str, kiosk_id: str) -> bool:
        """Record the one use of an identity code (亮证); False when it was used before,
        here or at another kiosk. One transaction, serialised on the code (SQLite's
        one writer; a transaction lock on PostgreSQL), so two kiosks cannot both
        spend it, even through two workers."""
        with self.transaction() as conn:
            self.serialise(conn, "phone_code", code.strip())
            if conn.execute(
                sql("SELECT 1 FROM phone_code_uses WHERE code = :code"), {"code": code.strip()}
            ).fetchone():
                return False
            conn.execute(
                sql("INSERT INTO phone_code_uses(code, kiosk_id, at) VALUES (:code, :kiosk, :at)"),
                {"code": code.strip(), "kiosk": kiosk_id, "at": now_iso()},
            )
            return True

    def phone_code_used_by(self, code: str, kiosk_id: str) -> bool:
        rows = self.query(
            "SELECT 1 FROM phone_code_uses WHERE code = :code AND kiosk_id = :kiosk",
            {"code": code.strip(), "kiosk": kiosk_id},
        )
        return bool(rows)

    def log_proof(
        self, kiosk_id: str, proof_type: str, id_hash: str, masked_id: str, evidence: str
    ) -> None:
        """Every proof issued, with the kiosk that asked and what vouched for it."""
        with self.transaction() as conn:
            conn.execute(
                sql(
                    "INSERT INTO proof_log(at, kiosk_id, proof_type, id_hash, masked_id, evidence) "
                    "VALUES (:at, :kiosk, :type, :hash, :masked, :evidence)"
                ),
                {"at": now_iso(), "kiosk": kiosk_id, "type": proof_type, "hash": id_hash,
                 "masked": masked_id, "evidence": evidence},
            )  # fmt: skip

    def proof_log(self, kiosk_id: str = "") -> list[dict[str, Any]]:
        rows = self.query(
            "SELECT at, kiosk_id, proof_type, masked_id, evidence FROM proof_log "
            "WHERE :kiosk = '' OR kiosk_id = :kiosk ORDER BY id",
            {"kiosk": kiosk_id},
        )
        keys = ("at", "kiosk_id", "proof_type", "masked_id", "evidence")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def resolve_phone_code(self, code: str) -> dict[str, Any] | None:
        rows = self.query(
            "SELECT identity, expires_at FROM phone_codes WHERE code = :code",
            {"code": code.strip()},
        )
        if not rows or dt.datetime.fromisoformat(rows[0][1]) < dt.datetime.now(dt.UTC):
            return None
        value: dict[str, Any] = json.loads(rows[0][0])
        return value


ENROLLMENT_ROW = "SELECT expires_at, used_at, kiosk_id FROM tokens WHERE token = :token"
CASE_ROW = "SELECT client_id, kiosk_id, status, kind FROM applications WHERE case_number = :case"
SET_META = (
    "INSERT INTO meta(key, value) VALUES (:key, :value) "
    "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
)
SPEND_NONCE = (
    "INSERT INTO nonces(kiosk_id, nonce, ts) VALUES (:kiosk, :nonce, :ts) ON CONFLICT DO NOTHING"
)
PRUNE_NONCES = "DELETE FROM nonces WHERE ts < :before"
RECEIVED_EVENT = (
    "INSERT INTO status_events(kiosk_id, client_id, case_number, status, at) "
    "VALUES (:kiosk, :client, :case, 'received', :at)"
)
STATUS_CHANGES = (
    "SELECT seq, client_id, case_number, status, note, at FROM status_events "
    "WHERE kiosk_id = :kiosk AND seq > :since ORDER BY seq LIMIT :limit"
)
OMIT_SCAN = 10  # pages of events passed over per /statuses request with omit_received
INSERT_ROWS = 500  # rows per INSERT: 13 parameters each, well under SQLite's 32,766


def _row(kiosk_id: str, item: IncomingItem, case_number: str, now: str) -> dict[str, Any]:
    return {
        "client_id": item.client_id,
        "kiosk_id": kiosk_id,
        "kind": item.kind,
        "payload_hash": item.payload_hash,
        "sealed": item.sealed,
        "case_number": case_number,
        "tracking_no": item.tracking_no,
        "service_code": item.service_code,
        "service_version": item.service_version,
        "created_at": item.created_at,
        "received_at": now,
        "status": "received",
        "status_at": now,
    }


APPLICATION_COLUMNS = (
    "client_id",
    "kiosk_id",
    "kind",
    "payload_hash",
    "sealed",
    "case_number",
    "tracking_no",
    "service_code",
    "service_version",
    "created_at",
    "received_at",
    "status",
    "status_at",
)  # the keys of _row, in the order of _sqlite_insert_sql's placeholders
RECEIVED_EVENT_QMARK = (
    "INSERT INTO status_events(kiosk_id, client_id, case_number, status, at) "
    "VALUES (?, ?, ?, 'received', ?)"
)


@lru_cache(maxsize=8)
def _sqlite_insert_sql(rows: int) -> str:
    one = "(" + ", ".join("?" * len(APPLICATION_COLUMNS)) + ")"
    return (
        f"INSERT INTO applications ({', '.join(APPLICATION_COLUMNS)}) "  # noqa: S608 (names are ours)
        f"VALUES {', '.join([one] * rows)} ON CONFLICT DO NOTHING RETURNING client_id"
    )


def _case_number(kind: str, day: str, tail: str) -> str:
    return f"{'ZW' if kind == 'application' else 'PJ'}{day}{tail}"


def _case_tails(n: int) -> list[str]:
    """``n`` case numbers' 10 random characters each (Crockford base32, 50 bits):
    a case number is printed and looked up, so it must not be guessable from its
    neighbours (the row id once was, and any kiosk could walk them).

    One draw for the whole batch, a random byte per letter: its low 5 bits pick
    the letter (256 is a multiple of 32, so each letter is equally likely), all
    in C through ``bytes.translate``. A draw per case number (a getrandom call
    each, then a Python loop over its letters) was a tenth of a 500-item batch's
    time in the store (issue 19)."""
    letters = secrets.token_bytes(10 * n).translate(_LETTER_OF_BYTE).decode("ascii")
    return [letters[i : i + 10] for i in range(0, 10 * n, 10)]


_LETTER_OF_BYTE = bytes(CASE_ALPHABET.encode()[b & 31] for b in range(256))
