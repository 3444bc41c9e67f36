"""The outbox: where an application's fate is decided, durably, before any receipt.

``enqueue`` writes one row in ONE transaction (synchronous=FULL): the client
id (the idempotency key), the tracking number, the sealed payload and its hash,
and a small plaintext index (service, masked name, keyed hash of the ID number,
time, sync state). When it returns, the application survives a power cut.

States: pending -> sending -> accepted | quarantined. ``claim_batch`` marks
items ``sending`` *before* they go on the wire, so a crash mid-send leaves them
``sending`` and they are simply sent again; the platform's idempotency on
client id turns the resend into a "duplicate" verdict, which counts as accepted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import secrets
import sqlite3
import uuid
from dataclasses import dataclass
from typing import Any

from kiosk.errors import StorageError
from kiosk.sealing import payload_hash
from kiosk.storage import Storage

log = logging.getLogger(__name__)

ID_HASH_KEY_SETTING = "outbox.id_hash_key"
STATES = ("pending", "sending", "accepted", "quarantined")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class NewItem:
    """What the journey hands over: already sealed, already masked."""

    kind: str  # "application" | "evaluation"
    sealed: bytes
    service_code: str = ""
    service_version: str = ""
    masked_name: str = ""
    id_number: str = ""  # only hashed with the kiosk's key, never stored
    client_id: str = ""


@dataclass(frozen=True)
class OutboxItem:
    client_id: str
    kind: str
    tracking_no: str | None
    service_code: str
    service_version: str
    masked_name: str
    created_at: str
    state: str
    payload_hash: str
    size: int
    attempts: int
    case_number: str
    status: str
    status_at: str | None
    quarantine_reason: str
    last_error: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> OutboxItem:
        names = cls.__dataclass_fields__
        return cls(**{k: row[k] for k in names})


class Outbox:
    def __init__(self, storage: Storage, kiosk_code: str) -> None:
        self.storage = storage
        self.kiosk_code = kiosk_code
        self._id_key = self._load_id_key()

    def _load_id_key(self) -> bytes:
        rows = self.storage.query(
            "SELECT value FROM settings WHERE key = ?", (ID_HASH_KEY_SETTING,)
        )
        if rows:
            return bytes.fromhex(str(rows[0]["value"]))
        key = secrets.token_bytes(32)
        with self.storage.transaction() as conn:
            conn.execute(
                "INSERT OR IGNORE INTO settings(key, value) VALUES (?, ?)",
                (ID_HASH_KEY_SETTING, key.hex()),
            )
        return self._load_id_key()

    def id_hash(self, id_number: str) -> str:
        """Keyed hash: lets the kiosk find a resident's cases without storing the number."""
        return hmac.new(self._id_key, id_number.upper().encode(), hashlib.sha256).hexdigest()

    # --- writing -------------------------------------------------------------

    def enqueue(self, item: NewItem, now: dt.datetime | None = None) -> OutboxItem:
        now = now or utcnow()
        client_id = item.client_id or str(uuid.uuid4())
        local_day = now.astimezone().strftime("%Y%m%d")
        created_at = iso(now)
        digest = payload_hash(item.sealed)
        try:
            with self.storage.transaction() as conn:
                tracking_no = None
                if item.kind == "application":
                    tracking_no = self._next_tracking_no(conn, local_day)
                conn.execute(
                    """INSERT INTO outbox (client_id, kind, tracking_no, service_code,
                        service_version, masked_name, id_hash, created_at, sealed,
                        payload_hash, size)
                       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    (
                        client_id,
                        item.kind,
                        tracking_no,
                        item.service_code,
                        item.service_version,
                        item.masked_name,
                        self.id_hash(item.id_number) if item.id_number else "",
                        created_at,
                        item.sealed,
                        digest,
                        len(item.sealed),
                    ),
                )
        except sqlite3.Error as exc:
            raise StorageError(f"outbox write failed: {exc}", key="error.storage.write") from exc
        log.info("queued %s %s", item.kind, tracking_no or client_id)
        # Built from what was written rather than read back: the commit is the proof.
        return OutboxItem(
            client_id=client_id,
            kind=item.kind,
            tracking_no=tracking_no,
            service_code=item.service_code,
            service_version=item.service_version,
            masked_name=item.masked_name,
            created_at=created_at,
            state="pending",
            payload_hash=digest,
            size=len(item.sealed),
            attempts=0,
            case_number="",
            status="submitted",
            status_at=None,
            quarantine_reason="",
            last_error="",
        )

    def _next_tracking_no(self, conn: sqlite3.Connection, day: str) -> str:
        # A per-day counter that only grows: if the clock jumps back to a day
        # already used, numbering continues after that day's last number.
        conn.execute(
            "INSERT INTO tracking_sequence(day, last) VALUES (?, 1) "
            "ON CONFLICT(day) DO UPDATE SET last = last + 1",
            (day,),
        )
        (seq,) = conn.execute("SELECT last FROM tracking_sequence WHERE day = ?", (day,)).fetchone()
        return f"{self.kiosk_code}-{day}-{seq:04d}"

    # --- reading -------------------------------------------------------------

    def get(self, client_id: str) -> OutboxItem | None:
        rows = self.storage.query("SELECT * FROM outbox WHERE client_id = ?", (client_id,))
        return OutboxItem.from_row(rows[0]) if rows else None

    def by_tracking_no(self, tracking_no: str) -> OutboxItem | None:
        rows = self.storage.query(
            "SELECT * FROM outbox WHERE tracking_no = ?", (tracking_no.strip().upper(),)
        )
        return OutboxItem.from_row(rows[0]) if rows else None

    def by_id_number(self, id_number: str, limit: int = 20) -> list[OutboxItem]:
        rows = self.storage.query(
            "SELECT * FROM outbox WHERE id_hash = ? AND kind = 'application' "
            "ORDER BY created_at DESC LIMIT ?",
            (self.id_hash(id_number), limit),
        )
        return [OutboxItem.from_row(r) for r in rows]

    def sealed_payload(self, client_id: str) -> bytes | None:
        rows = self.storage.query("SELECT sealed FROM outbox WHERE client_id = ?", (client_id,))
        value = rows[0]["sealed"] if rows else None
        return bytes(value) if isinstance(value, bytes | bytearray | memoryview) else None

    def counts(self) -> dict[str, int]:
        rows = self.storage.query("SELECT state, count(*) AS n FROM outbox GROUP BY state")
        counts = dict.fromkeys(STATES, 0)
        counts.update({str(r["state"]): int(str(r["n"])) for r in rows})
        return counts

    def oldest_pending_at(self) -> dt.datetime | None:
        rows = self.storage.query(
            "SELECT min(created_at) AS t FROM outbox WHERE state IN ('pending', 'sending')"
        )
        value = rows[0]["t"] if rows else None
        return dt.datetime.fromisoformat(str(value)) if value else None
