"""The outbox: every application and evaluation, sealed, until the platform has it."""

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("kiosk.outbox")


@migrations()
def m001_outbox(db: Database) -> None:
    db.execute(
        """CREATE TABLE outbox (
            client_id TEXT PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('application', 'evaluation')),
            tracking_no TEXT UNIQUE,
            service_code TEXT NOT NULL DEFAULT '',
            service_version TEXT NOT NULL DEFAULT '',
            masked_name TEXT NOT NULL DEFAULT '',
            id_hash TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            sealed BLOB,
            payload_hash TEXT NOT NULL,
            size INTEGER NOT NULL,
            state TEXT NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'sending', 'accepted', 'quarantined')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_attempt_at TEXT,
            last_error TEXT NOT NULL DEFAULT '',
            case_number TEXT NOT NULL DEFAULT '',
            accepted_at TEXT,
            quarantine_reason TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'submitted',
            status_at TEXT,
            status_note TEXT NOT NULL DEFAULT '',
            purged_at TEXT
        )"""
    )
    db.execute("CREATE INDEX outbox_state ON outbox(state, created_at)")
    db.execute("CREATE INDEX outbox_id_hash ON outbox(id_hash)")
    db.execute("CREATE INDEX outbox_case ON outbox(case_number)")
    db.execute("CREATE TABLE tracking_sequence (day TEXT PRIMARY KEY, last INTEGER NOT NULL)")
