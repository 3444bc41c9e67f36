"""Every table of the platform's database, in one place, for both engines.

The migrations (``central/store/migrations``) are written from these tables,
and a test compares what the migrations build with this metadata on each
engine, so the two cannot drift. Types are the portable ones: text, integers,
``LargeBinary`` (BLOB on SQLite, bytea on PostgreSQL) and ``JSON`` with a JSONB
variant. Times are ISO 8601 text in UTC, as before: they sort as text on both
engines and every row written by an older platform still reads.

Ids that a cursor walks (``applications.id``, ``status_events.seq``) are
``AUTOINCREMENT`` on SQLite and an identity on PostgreSQL, so an id is never
handed out twice, not even after the newest row is deleted.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

metadata = sa.MetaData()

JSONDoc = sa.JSON().with_variant(JSONB(), "postgresql")


def _text(name: str, *, default: str | None = None, nullable: bool = False) -> sa.Column[str]:
    server_default = sa.text(f"'{default}'") if default is not None else None
    return sa.Column(name, sa.Text, nullable=nullable, server_default=server_default)


def _serial(name: str) -> sa.Column[int]:
    return sa.Column(name, sa.Integer, primary_key=True, autoincrement=True)


# --- the kiosk API's tables (central/store/platform_store.py) -------------------

meta = sa.Table("meta", metadata, sa.Column("key", sa.Text, primary_key=True), _text("value"))

kiosks = sa.Table(
    "kiosks",
    metadata,
    sa.Column("kiosk_id", sa.Text, primary_key=True),
    _text("code", default=""),
    sa.Column("public_key", sa.Text, nullable=False, unique=True),
    _text("enrolled_at"),
    _text("last_seen_at", nullable=True),
    sa.Column("health", JSONDoc, nullable=False, server_default=sa.text("'{}'")),
    sa.Index("kiosks_last_seen", "last_seen_at"),  # migration 0002: the fleet's sweep
)

tokens = sa.Table(
    "tokens",
    metadata,
    sa.Column("token", sa.Text, primary_key=True),
    _text("created_at"),
    _text("expires_at"),
    _text("used_at", nullable=True),
    _text("kiosk_id", nullable=True),
)

applications = sa.Table(
    "applications",
    metadata,
    _serial("id"),
    sa.Column("client_id", sa.Text, nullable=False, unique=True),
    _text("kiosk_id"),
    _text("kind"),
    _text("payload_hash"),
    sa.Column("sealed", sa.LargeBinary, nullable=False),
    sa.Column("case_number", sa.Text, unique=True),
    _text("tracking_no", nullable=True),
    _text("service_code", default=""),
    _text("service_version", default=""),
    _text("created_at", default=""),
    _text("received_at"),
    _text("status", default="received"),
    _text("status_at"),
    # migration 0002: the ratings' and the console's walks by kind in id order
    sa.Index("applications_kind_id", "kind", "id"),
    sqlite_autoincrement=True,
)

status_events = sa.Table(
    "status_events",
    metadata,
    _serial("seq"),
    _text("kiosk_id"),
    _text("client_id"),
    _text("case_number"),
    _text("status"),
    _text("note", default=""),
    _text("at"),
    sa.Index("status_events_kiosk", "kiosk_id", "seq"),
    sqlite_autoincrement=True,
)

nonces = sa.Table(
    "nonces",
    metadata,
    sa.Column("kiosk_id", sa.Text, primary_key=True),
    sa.Column("nonce", sa.Text, primary_key=True),
    sa.Column("ts", sa.BigInteger, nullable=False),
    sa.Index("nonces_ts", "ts"),
)

phone_codes = sa.Table(
    "phone_codes",
    metadata,
    sa.Column("code", sa.Text, primary_key=True),
    _text("identity"),
    _text("expires_at"),
)

kiosk_audit = sa.Table(
    "kiosk_audit",
    metadata,
    sa.Column("kiosk_id", sa.Text, primary_key=True),
    sa.Column("local_id", sa.BigInteger, primary_key=True, autoincrement=False),
    _text("at"),
    _text("actor"),
    _text("action"),
    _text("detail"),
)

announcements = sa.Table(
    "announcements",
    metadata,
    _serial("id"),
    _text("text"),
    _text("created_at"),
    sqlite_autoincrement=True,
)

kiosk_revocations = sa.Table(
    "kiosk_revocations",
    metadata,
    sa.Column("kiosk_id", sa.Text, primary_key=True),
    _text("revoked_at"),
    _text("reason", default=""),
)

phone_code_uses = sa.Table(
    "phone_code_uses",
    metadata,
    sa.Column("code", sa.Text, primary_key=True),
    sa.Column("kiosk_id", sa.Text, primary_key=True),
    _text("at"),
)

proof_log = sa.Table(
    "proof_log",
    metadata,
    _serial("id"),
    _text("at"),
    _text("kiosk_id"),
    _text("proof_type"),
    _text("id_hash"),
    _text("masked_id"),
    _text("evidence"),
    sqlite_autoincrement=True,
)

# --- the phone pages, certificates, notices and ratings ---------------------------

phone_drafts = sa.Table(
    "phone_drafts",
    metadata,
    sa.Column("code", sa.Text, primary_key=True),
    _text("service_code"),
    sa.Column("service_version", sa.Integer, nullable=False),
    sa.Column("sealed", sa.LargeBinary, nullable=False),
    _text("created_at"),
    _text("expires_at"),
    _text("claimed_at", nullable=True),
    _text("claimed_by", nullable=True),
)

certificates = sa.Table(
    "certificates",
    metadata,
    sa.Column("case_number", sa.Text, primary_key=True),
    sa.Column("client_id", sa.Text, nullable=False, unique=True),
    sa.Column("sealed", sa.LargeBinary, nullable=False),
    _text("sha256"),
    sa.Column("size", sa.Integer, nullable=False),
    _text("issued_at"),
    _text("issued_by", default=""),
    sa.Column("failures", sa.Integer, nullable=False, server_default=sa.text("0")),
    _text("locked_until", default=""),
)

notices = sa.Table(
    "notices",
    metadata,
    _serial("id"),
    sa.Column("seq", sa.Integer, nullable=False),
    _text("client_id"),
    _text("status"),
    _text("channel"),
    _text("text"),
    _text("state"),
    _text("detail", default=""),
    _text("at"),
    sa.UniqueConstraint("seq", "channel"),
    sqlite_autoincrement=True,
)

ratings = sa.Table(
    "ratings",
    metadata,
    sa.Column("application_id", sa.Text, primary_key=True),
    sa.Column("level", sa.Integer, nullable=False),
    _text("reasons", default="[]"),
    sa.Column("comment_sealed", sa.LargeBinary, nullable=True),
    _text("channel"),
    _text("at"),
)

# --- the staff console (central/console/db.py) ------------------------------------

console_accounts = sa.Table(
    "console_accounts",
    metadata,
    sa.Column("username", sa.Text, primary_key=True),
    _text("display_name", default=""),
    _text("role"),
    _text("hall", default=""),
    _text("password_hash"),
    sa.Column("disabled", sa.Integer, nullable=False, server_default=sa.text("0")),
    sa.Column("failed_logins", sa.Integer, nullable=False, server_default=sa.text("0")),
    _text("locked_until", default=""),
    _text("created_at"),
    _text("last_login_at", default=""),
)

console_sessions = sa.Table(
    "console_sessions",
    metadata,
    sa.Column("token_hash", sa.Text, primary_key=True),
    _text("username"),
    _text("csrf"),
    _text("created_at"),
    _text("seen_at"),
    _text("expires_at"),
)

console_api_tokens = sa.Table(
    "console_api_tokens",
    metadata,
    _serial("id"),
    sa.Column("token_hash", sa.Text, nullable=False, unique=True),
    _text("username"),
    _text("label", default=""),
    _text("created_at"),
    _text("last_used_at", default=""),
    _text("revoked_at", default=""),
    sqlite_autoincrement=True,
)

console_audit = sa.Table(
    "console_audit",
    metadata,
    _serial("id"),
    _text("at"),
    _text("actor"),
    _text("role", default=""),
    _text("action"),
    _text("target", default=""),
    _text("detail", default=""),
    _text("address", default=""),
    sa.Index("console_audit_target", "target", "id"),
    sqlite_autoincrement=True,
)

console_alerts = sa.Table(
    "console_alerts",
    metadata,
    _serial("id"),
    _text("kiosk_id"),
    _text("kind"),
    _text("detail", default=""),
    _text("raised_at"),
    _text("cleared_at", default=""),
    _text("acked_by", default=""),
    _text("acked_at", default=""),
    sa.Index("console_alerts_open", "kiosk_id", "kind", "cleared_at"),
    sqlite_autoincrement=True,
)

console_kiosk_halls = sa.Table(
    "console_kiosk_halls",
    metadata,
    sa.Column("kiosk_id", sa.Text, primary_key=True),
    _text("hall", default=""),
)
