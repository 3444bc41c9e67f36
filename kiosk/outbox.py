"""The outbox: where an application's fate is decided, durably, before any receipt.

``enqueue`` writes one row in ONE transaction (synchronous=FULL): the client
id (the idempotency key), the tracking number, the sealed payload and its hash,
and a small plaintext index (service, masked name, keyed hash of the ID number,
time, sync state). When it returns, the application survives a power cut.

States: pending -> sending -> accepted | quarantined. ``claim_batch`` marks
items ``sending`` *before* they go on the wire, so a crash mid-send leaves them
``sending`` and they are simply sent again; the platform's idempotency on
client id turns the resend into a "duplicate" verdict, which counts as accepted.

Over 400 lines on purpose: every statement that decides an application's fate
is in this one file, so one reading shows the whole exactly-once argument.

One module because every state change of a queued item is here, in transactions
that must be read together to see why nothing is lost or sent twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import secrets
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.backup import strip_backups
from kiosk.errors import StorageError
from kiosk.fsutil import write_private
from kiosk.journal import Confirmed, ConfirmedJournal, journal_path
from kiosk.storage import Storage, typed_error
from protocol.sealing import payload_hash

log = logging.getLogger(__name__)

# Where the key lived before it moved out of the database (read once, then deleted).
ID_HASH_KEY_SETTING = "outbox.id_hash_key"
# The ID-number hash key: a 0600 file beside the database, never in it and never
# in its backups, so a copied backup cannot be brute-forced back to ID numbers.
ID_HASH_KEY_FILE = "id_hash.key"
STATES = ("pending", "sending", "accepted", "quarantined")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def stored_version(raw: Any) -> int:
    """A service version as the outbox column holds it: SQLite's TEXT affinity keeps
    the int as text ('3'), and evaluations have none (''); the kiosk reads an int."""
    try:
        return int(raw or 0)
    except (TypeError, ValueError):
        return 0


@dataclass(frozen=True)
class NewItem:
    """What the journey hands over: already sealed, already masked."""

    kind: str  # "application" | "evaluation"
    sealed: bytes
    service_code: str = ""
    service_version: int = 0  # the catalog's Service.version; 0 for an evaluation
    masked_name: str = ""
    id_number: str = ""  # only hashed with the kiosk's key, never stored
    client_id: str = ""
    # hex of the platform sealing key the box was sealed to (kiosk.platforms): the
    # item goes to that platform only; "" binds it to the key enrolled right now
    sealed_for: str = ""


@dataclass(frozen=True)
class OutboxItem:
    client_id: str
    kind: str
    tracking_no: str | None
    service_code: str
    service_version: int
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
        values = {k: row[k] for k in names}
        values["service_version"] = stored_version(row["service_version"])
        return cls(**values)


@dataclass(frozen=True)
class ClaimedItem:
    """One item on its way to the platform, with its sealed bytes."""

    client_id: str
    kind: str
    tracking_no: str | None
    service_code: str
    service_version: int
    created_at: str
    sealed: bytes
    payload_hash: str
    size: int
    rowid: int = 0  # its place in the queue, after created_at (claim_batch's ``after``)


@dataclass(frozen=True)
class Verdict:
    """The platform's answer for one item."""

    client_id: str
    verdict: str  # accepted | duplicate | conflict | rejected
    case_number: str = ""
    reason: str = ""
    received_at: str = ""  # the platform's "received" status, told with the verdict


@dataclass(frozen=True)
class StatusChange:
    """One status change pulled back from the platform."""

    client_id: str
    status: str
    at: str
    case_number: str = ""
    note: str = ""


def load_id_key(storage: Storage) -> bytes:
    """The ID-number hash key from its 0600 file; created once, or moved there
    from the database setting where older kiosks kept it.

    The move writes the file first (fsynced), then deletes the setting with
    ``secure_delete`` so the freed page holds no copy, and strips it from the
    backups already written (``kiosk.backup.strip_backups``): the key is then
    nowhere a copied database or backup would take it along.
    """
    if str(storage.path) == ":memory:":
        return _key_from_settings(storage) or secrets.token_bytes(32)
    path = Path(storage.path).parent / ID_HASH_KEY_FILE
    old = _key_from_settings(storage)
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except FileNotFoundError:
        key = b""
    except (OSError, ValueError) as exc:
        raise StorageError(f"cannot read {path.name}: {exc}", key="error.storage.open") from exc
    if not key:
        key = old or secrets.token_bytes(32)
        try:
            write_private(path, key.hex().encode())
        except OSError as exc:
            raise typed_error(exc, f"cannot write {path.name}") from exc
    elif old and old != key:
        log.warning("the database held another ID hash key; the key file wins")
    if old:
        _forget_setting(storage)
    return key


def _key_from_settings(storage: Storage) -> bytes:
    rows = storage.query("SELECT value FROM settings WHERE key = ?", (ID_HASH_KEY_SETTING,))
    return bytes.fromhex(str(rows[0]["value"])) if rows else b""


def _forget_setting(storage: Storage) -> None:
    with storage.read_lock():
        storage.conn.execute("PRAGMA secure_delete = ON")
    try:
        with storage.transaction() as conn:
            conn.execute("DELETE FROM settings WHERE key = ?", (ID_HASH_KEY_SETTING,))
    finally:
        with storage.read_lock():
            storage.conn.execute("PRAGMA secure_delete = OFF")
    if str(storage.path) != ":memory:":
        with storage.read_lock():
            storage.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    strip_backups(storage.path)
    log.info("ID hash key moved out of the database into %s", ID_HASH_KEY_FILE)


class Outbox:
    def __init__(self, storage: Storage, kiosk_code: str) -> None:
        self.storage = storage
        self.kiosk_code = kiosk_code
        in_memory = str(storage.path) == ":memory:"
        self._id_key = load_id_key(storage)
        self.journal = None if in_memory else ConfirmedJournal(journal_path(storage.path.parent))
        # One enqueue at a time: each journal entry gets its COMMIT's mark before
        # the next entry starts, so only the newest can lack one (kiosk.journal).
        self._enqueue_lock = threading.Lock()

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
        staged = False
        with self._enqueue_lock:
            try:
                with self.storage.transaction() as conn:
                    tracking_no = None
                    if item.kind == "application":
                        tracking_no = self._next_tracking_no(conn, local_day)
                    conn.execute(
                        """INSERT INTO outbox (client_id, kind, tracking_no, service_code,
                            service_version, masked_name, id_hash, created_at, sealed,
                            payload_hash, size, sealed_for)
                           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(nullif(?, ''),
                            (SELECT value FROM settings
                             WHERE key = 'platform.seal_public_key'), ''))""",
                        (
                            client_id,
                            item.kind,
                            tracking_no,
                            item.service_code,
                            str(item.service_version) if item.service_version else "",
                            item.masked_name,
                            self.id_hash(item.id_number) if item.id_number else "",
                            created_at,
                            item.sealed,
                            digest,
                            len(item.sealed),
                            item.sealed_for,
                        ),
                    )
                    # The journal's line goes to the disk now; the COMMIT's own
                    # flush makes it durable with the row (kiosk.journal).
                    staged = self._journal(client_id, item.kind, tracking_no)
            except BaseException as exc:
                self._journal_mark(staged, client_id, False, client_id)
                if isinstance(exc, sqlite3.Error):
                    raise StorageError(
                        f"outbox write failed: {exc}", key="error.storage.write"
                    ) from exc
                raise
            self._journal_mark(staged, client_id, True, tracking_no or client_id)
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

    def _journal(self, client_id: str, kind: str, tracking_no: str | None) -> bool:
        """The confirmed journal's line, on the disk before the COMMIT, whose flush
        makes it durable with the row; False where it could not be written (a full
        disk: logged, the application still goes in, as the database decides)."""
        if self.journal is None:
            return False
        day, seq = "-", 0
        if tracking_no:
            _, day, number = tracking_no.rsplit("-", 2)
            seq = int(number)
        entry = Confirmed(
            client_id, "a" if kind == "application" else "e", day, seq, tracking_no or ""
        )
        try:
            self.journal.stage(entry)
        except OSError as exc:
            log.error("confirmed journal not written for %s: %s", tracking_no or client_id, exc)
            return False
        return True

    def _journal_mark(self, staged: bool, client_id: str, committed: bool, what: str) -> None:
        """The COMMIT's outcome after the journal's line: "committed", or, when the
        COMMIT failed, "void" (no flush of its own: the next line's carries it;
        without it the entry is only uncertain). The application's fate is decided
        by the database by now, so a full disk here is logged, not raised: raising
        after a commit would tell the resident it failed while it is queued, and a
        second try would make it twice."""
        if not staged or self.journal is None:
            return
        try:
            self.journal.mark(client_id, committed=committed)
        except OSError as exc:
            log.error("confirmed journal not %s for %s: %s",
                      "marked" if committed else "taken back", what, exc)  # fmt: skip

    def _next_tracking_no(self, conn: sqlite3.Connection, day: str) -> str:
        # A per-day counter that only grows: if the clock jumps back to a day
        # already used, numbering continues after that day's last number.
        (seq,) = conn.execute(
            "INSERT INTO tracking_sequence(day, last) VALUES (?, 1) "
            "ON CONFLICT(day) DO UPDATE SET last = last + 1 RETURNING last",
            (day,),
        ).fetchone()
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

    # --- the sync engine's side: state transitions ---------------------------
    #
    # Only the sync engine calls these. Every transition is one transaction, so
    # a crash leaves each item in exactly one state; "sending" is the only state
    # a crash can strand, and it is claimed again like "pending" (the platform's
    # idempotency on client id turns the resend into a harmless "duplicate").
    # For the same reason the transitions commit without an fsync of their own
    # (``durable=False``): a power cut that takes one back makes a resend, never
    # a loss; the application itself was committed with an fsync at enqueue.

    def claim_batch(
        self,
        max_items: int,
        max_bytes: int,
        now: dt.datetime | None = None,
        *,
        sealed_for: str | None = None,
        after: ClaimedItem | None = None,
    ) -> list[ClaimedItem]:
        """Mark up to ``max_items`` / ``max_bytes`` of work 'sending' BEFORE it is sent.

        One item larger than ``max_bytes`` still goes alone, or it would never go.
        ``sealed_for``: only items sealed to that platform key (the platform the
        batch goes to; kiosk.platforms) or bound to none (a row salvaged from a
        file older than the binding), or any item when None.
        ``after``: only items queued after that one, the last of the batch still on
        the wire (sync.push): "sending" items are claimed again, since after a
        crash nobody else is sending them, but not the ones being sent right now.
        """
        now = now or utcnow()
        with self.storage.transaction(durable=False) as conn:
            rows = conn.execute(
                """SELECT client_id, kind, tracking_no, service_code, service_version,
                          created_at, sealed, payload_hash, size, rowid
                   FROM outbox
                   WHERE state IN ('pending', 'sending') AND sealed IS NOT NULL
                     AND (? IS NULL OR sealed_for IN (?, ''))
                     AND (? IS NULL OR (created_at, rowid) > (?, ?))
                   ORDER BY created_at, rowid LIMIT ?""",
                (
                    sealed_for,
                    sealed_for,
                    after and after.created_at,
                    after and after.created_at,
                    after and after.rowid,
                    max(1, max_items),
                ),
            ).fetchall()
            batch: list[ClaimedItem] = []
            rowids: list[int] = []
            total = 0
            for row in rows:
                size = int(row[8])
                if batch and total + size > max_bytes:
                    break
                total += size
                rowids.append(row[9])
                batch.append(
                    ClaimedItem(
                        client_id=row[0],
                        kind=row[1],
                        tracking_no=row[2],
                        service_code=row[3],
                        service_version=stored_version(row[4]),
                        created_at=row[5],
                        sealed=bytes(row[6]),
                        payload_hash=row[7],
                        size=size,
                        rowid=row[9],
                    )
                )
            if rowids:
                # one statement for the batch, by rowid: half the time of one
                # UPDATE per item through the client id's index (issue 19's drain)
                conn.execute(
                    "UPDATE outbox SET state = 'sending', attempts = attempts + 1, "
                    "last_attempt_at = ? WHERE rowid IN (SELECT value FROM json_each(?))",
                    (iso(now), json.dumps(rowids)),
                )
        return batch

    def record_verdicts(
        self, verdicts: list[Verdict], now: dt.datetime | None = None
    ) -> dict[str, int]:
        """Apply the platform's verdicts in one transaction; returns counts per verdict.

        accepted and duplicate both mean "the platform holds it"; conflict and
        rejected move the item aside (quarantine) so it never blocks the rest.
        """
        now = now or utcnow()
        counts = {"accepted": 0, "duplicate": 0, "conflict": 0, "rejected": 0}
        held: list[list[str]] = []
        aside: list[list[str]] = []
        for v in verdicts:
            if v.verdict in ("accepted", "duplicate"):
                held.append([v.client_id, v.case_number, v.received_at])
            elif v.verdict in ("conflict", "rejected"):
                aside.append([v.client_id, f"{v.verdict}: {v.reason}"[:500]])
            else:
                continue
            counts[v.verdict] += 1
        # one statement per kind of verdict, the batch's pairs as one JSON array:
        # an UPDATE per item was a quarter of the kiosk's time in a drain (issue 19).
        # A verdict's "received" is the case's first status, applied as one pulled
        # from /statuses would be (apply_statuses): to applications, never over
        # newer news; the kiosk then asks /statuses to leave those events out.
        with self.storage.transaction(durable=False) as conn:
            if held:
                conn.execute(
                    """UPDATE outbox SET state = 'accepted', case_number = v.case_no,
                        accepted_at = coalesce(accepted_at, ?), last_error = '',
                        quarantine_reason = '',
                        status = CASE WHEN kind = 'application' AND v.received != ''
                            AND (status_at IS NULL OR status_at <= v.received)
                            THEN 'received' ELSE status END,
                        status_at = CASE WHEN kind = 'application' AND v.received != ''
                            AND (status_at IS NULL OR status_at <= v.received)
                            THEN v.received ELSE status_at END
                       FROM (SELECT json_extract(value, '$[0]') AS id,
                                    json_extract(value, '$[1]') AS case_no,
                                    json_extract(value, '$[2]') AS received
                             FROM json_each(?)) AS v
                       WHERE outbox.client_id = v.id AND state != 'accepted'""",
                    (iso(now), json.dumps(held)),
                )
            if aside:
                conn.execute(
                    """UPDATE outbox SET state = 'quarantined',
                        quarantine_reason = json_extract(v.value, '$[1]')
                       FROM json_each(?) AS v
                       WHERE outbox.client_id = json_extract(v.value, '$[0]')
                         AND state IN ('pending', 'sending')""",
                    (json.dumps(aside),),
                )
        return counts

    def mark_accepted(self, client_id: str, case_number: str) -> None:
        self.record_verdicts([Verdict(client_id, "accepted", case_number)])

    def requeue(self, client_ids: list[str], error: str) -> None:
        """Items whose send failed in transit go back to 'pending' with the error."""
        if not client_ids:
            return
        with self.storage.transaction(durable=False) as conn:
            conn.executemany(
                "UPDATE outbox SET state = 'pending', last_error = ? "
                "WHERE state = 'sending' AND client_id = ?",
                [(error[:500], i) for i in client_ids],
            )

    def quarantine(self, client_id: str, reason: str) -> None:
        with self.storage.transaction() as conn:
            conn.execute(
                "UPDATE outbox SET state = 'quarantined', quarantine_reason = ? "
                "WHERE client_id = ? AND state IN ('pending', 'sending')",
                (reason[:500], client_id),
            )

    def release(self, client_id: str) -> bool:
        """A technician sends a quarantined item again (after the cause was fixed)."""
        with self.storage.transaction() as conn:
            cur = conn.execute(
                "UPDATE outbox SET state = 'pending', quarantine_reason = '' "
                "WHERE client_id = ? AND state = 'quarantined'",
                (client_id,),
            )
            return cur.rowcount > 0

    def awaits_received(self, within_days: float = 30, now: dt.datetime | None = None) -> bool:
        """Whether an application the platform accepted lately still says "submitted":
        its verdict came without the case's "received" (a kiosk upgraded with the
        event not pulled yet, or a platform older than ``received_at``), so the
        next pull must not leave the "received" events out (sync.engine)."""
        cutoff = iso((now or utcnow()) - dt.timedelta(days=within_days))
        rows = self.storage.query(
            # the planner takes outbox_state otherwise, which walks every accepted row
            "SELECT 1 FROM outbox INDEXED BY outbox_awaiting_received "
            "WHERE state = 'accepted' AND kind = 'application' AND status = 'submitted' "
            "AND created_at >= ? LIMIT 1",
            (cutoff,),
        )
        return bool(rows)

    def apply_statuses(self, changes: list[StatusChange]) -> int:
        """Status changes pulled from the platform; older news never overwrites newer."""
        # Within one page a case may change twice: the latest (the last of equal
        # times) is the one that stands, as if the changes were applied in turn.
        latest: dict[str, StatusChange] = {}
        for c in changes:
            was = latest.get(c.client_id)
            if was is None or was.at <= c.at:
                latest[c.client_id] = c
        rows = [[c.client_id, c.status, c.at, c.note[:500], c.case_number] for c in latest.values()]
        if not rows:
            return 0
        with self.storage.transaction(durable=False) as conn:
            cur = conn.execute(
                """UPDATE outbox SET status = json_extract(v.value, '$[1]'),
                    status_at = json_extract(v.value, '$[2]'),
                    status_note = json_extract(v.value, '$[3]'),
                    case_number = CASE WHEN case_number = ''
                        THEN json_extract(v.value, '$[4]') ELSE case_number END
                   FROM json_each(?) AS v
                   WHERE outbox.client_id = json_extract(v.value, '$[0]')
                     AND (status_at IS NULL OR status_at <= json_extract(v.value, '$[2]'))""",
                (json.dumps(rows),),
            )
            applied = cur.rowcount
        return applied

    def purge_sealed(self, older_than_days: float, now: dt.datetime | None = None) -> int:
        """Drop sealed payloads the platform has held long enough; the index stays."""
        now = now or utcnow()
        cutoff = iso(now - dt.timedelta(days=older_than_days))
        with self.storage.transaction() as conn:
            cur = conn.execute(
                "UPDATE outbox SET sealed = NULL, purged_at = ? "
                "WHERE state = 'accepted' AND sealed IS NOT NULL AND accepted_at <= ?",
                (iso(now), cutoff),
            )
            return cur.rowcount

    def stats(self, now: dt.datetime | None = None) -> dict[str, Any]:
        """Queue figures for the heartbeat, ``kiosk status`` and admission control."""
        now = now or utcnow()
        counts = self.counts()
        oldest = self.oldest_pending_at()
        return {
            "queue_depth": counts["pending"] + counts["sending"],
            "pending": counts["pending"],
            "sending": counts["sending"],
            "accepted": counts["accepted"],
            "quarantined": counts["quarantined"],
            "oldest_pending_age_seconds": round((now - oldest).total_seconds(), 1)
            if oldest
            else 0.0,
        }

    def quarantined(self, limit: int = 100) -> list[OutboxItem]:
        rows = self.storage.query(
            "SELECT * FROM outbox WHERE state = 'quarantined' ORDER BY created_at LIMIT ?",
            (limit,),
        )
        return [OutboxItem.from_row(r) for r in rows]
