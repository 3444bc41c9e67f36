"""The platform's tables as they were before migrations (written from the schema).

A database made by an older platform (``CREATE TABLE IF NOT EXISTS`` at each
start, some tables only once their page was first used) is adopted: only
what it lacks is made, so upgrading a county's central.db keeps every row.

Revision ID: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _new_table(bind: sa.Connection, name: str) -> bool:
    return not sa.inspect(bind).has_table(name)


def _new_index(bind: sa.Connection, table: str, name: str) -> bool:
    return name not in {ix["name"] for ix in sa.inspect(bind).get_indexes(table)}


def upgrade() -> None:
    """Every table the platform had before migrations, made only where missing."""
    bind = op.get_bind()
    if _new_table(bind, "announcements"):
        op.create_table(
            "announcements",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("created_at", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sqlite_autoincrement=True,
        )
    if _new_table(bind, "applications"):
        op.create_table(
            "applications",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("client_id", sa.Text(), nullable=False),
            sa.Column("kiosk_id", sa.Text(), nullable=False),
            sa.Column("kind", sa.Text(), nullable=False),
            sa.Column("payload_hash", sa.Text(), nullable=False),
            sa.Column("sealed", sa.LargeBinary(), nullable=False),
            sa.Column("case_number", sa.Text(), nullable=True),
            sa.Column("tracking_no", sa.Text(), nullable=True),
            sa.Column("service_code", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.Column("service_version", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.Column("created_at", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.Column("received_at", sa.Text(), nullable=False),
            sa.Column("status", sa.Text(), server_default=sa.text("'received'"), nullable=False),
            sa.Column("status_at", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("case_number"),
            sa.UniqueConstraint("client_id"),
            sqlite_autoincrement=True,
        )
    if _new_table(bind, "certificates"):
        op.create_table(
            "certificates",
            sa.Column("case_number", sa.Text(), nullable=False),
            sa.Column("client_id", sa.Text(), nullable=False),
            sa.Column("sealed", sa.LargeBinary(), nullable=False),
            sa.Column("sha256", sa.Text(), nullable=False),
            sa.Column("size", sa.Integer(), nullable=False),
            sa.Column("issued_at", sa.Text(), nullable=False),
            sa.Column("issued_by", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.Column("failures", sa.Integer(), server_default=sa.text("0"), nullable=False),
            sa.Column("locked_until", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.PrimaryKeyConstraint("case_number"),
            sa.UniqueConstraint("client_id"),
        )
    if _new_table(bind, "console_accounts"):
        op.create_table(
            "console_accounts",
            sa.Column("username", sa.Text(), nullable=False),
            sa.Column("display_name", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.Column("role", sa.Text(), nullable=False),
            sa.Column("hall", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.Column("password_hash", sa.Text(), nullable=False),
            sa.Column("disabled", sa.Integer(), server_default=sa.text("0"), nullable=False),
            sa.Column("failed_logins", sa.Integer(), server_default=sa.text("0"), nullable=False),
            sa.Column("locked_until", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.Column("created_at", sa.Text(), nullable=False),
            sa.Column("last_login_at", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.PrimaryKeyConstraint("username"),
        )
    if _new_table(bind, "console_alerts"):
        op.create_table(
            "console_alerts",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("kiosk_id", sa.Text(), nullable=False),
            sa.Column("kind", sa.Text(), nullable=False),
            sa.Column("detail", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.Column("raised_at", sa.Text(), nullable=False),
            sa.Column("cleared_at", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.Column("acked_by", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.Column("acked_at", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sqlite_autoincrement=True,
        )
    if _new_index(bind, "console_alerts", "console_alerts_open"):
        with op.batch_alter_table("console_alerts", schema=None) as batch_op:
            batch_op.create_index(
                "console_alerts_open", ["kiosk_id", "kind", "cleared_at"], unique=False
            )

    if _new_table(bind, "console_api_tokens"):
        op.create_table(
            "console_api_tokens",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("token_hash", sa.Text(), nullable=False),
            sa.Column("username", sa.Text(), nullable=False),
            sa.Column("label", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.Column("created_at", sa.Text(), nullable=False),
            sa.Column("last_used_at", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.Column("revoked_at", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("token_hash"),
            sqlite_autoincrement=True,
        )
    if _new_table(bind, "console_audit"):
        op.create_table(
            "console_audit",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("at", sa.Text(), nullable=False),
            sa.Column("actor", sa.Text(), nullable=False),
            sa.Column("role", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.Column("action", sa.Text(), nullable=False),
            sa.Column("target", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.Column("detail", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.Column("address", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sqlite_autoincrement=True,
        )
    if _new_index(bind, "console_audit", "console_audit_target"):
        with op.batch_alter_table("console_audit", schema=None) as batch_op:
            batch_op.create_index("console_audit_target", ["target", "id"], unique=False)

    if _new_table(bind, "console_kiosk_halls"):
        op.create_table(
            "console_kiosk_halls",
            sa.Column("kiosk_id", sa.Text(), nullable=False),
            sa.Column("hall", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.PrimaryKeyConstraint("kiosk_id"),
        )
    if _new_table(bind, "console_sessions"):
        op.create_table(
            "console_sessions",
            sa.Column("token_hash", sa.Text(), nullable=False),
            sa.Column("username", sa.Text(), nullable=False),
            sa.Column("csrf", sa.Text(), nullable=False),
            sa.Column("created_at", sa.Text(), nullable=False),
            sa.Column("seen_at", sa.Text(), nullable=False),
            sa.Column("expires_at", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("token_hash"),
        )
    if _new_table(bind, "kiosk_audit"):
        op.create_table(
            "kiosk_audit",
            sa.Column("kiosk_id", sa.Text(), nullable=False),
            sa.Column("local_id", sa.BigInteger(), autoincrement=False, nullable=False),
            sa.Column("at", sa.Text(), nullable=False),
            sa.Column("actor", sa.Text(), nullable=False),
            sa.Column("action", sa.Text(), nullable=False),
            sa.Column("detail", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("kiosk_id", "local_id"),
        )
    if _new_table(bind, "kiosk_revocations"):
        op.create_table(
            "kiosk_revocations",
            sa.Column("kiosk_id", sa.Text(), nullable=False),
            sa.Column("revoked_at", sa.Text(), nullable=False),
            sa.Column("reason", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.PrimaryKeyConstraint("kiosk_id"),
        )
    if _new_table(bind, "kiosks"):
        op.create_table(
            "kiosks",
            sa.Column("kiosk_id", sa.Text(), nullable=False),
            sa.Column("code", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.Column("public_key", sa.Text(), nullable=False),
            sa.Column("enrolled_at", sa.Text(), nullable=False),
            sa.Column("last_seen_at", sa.Text(), nullable=True),
            sa.Column(
                "health",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                server_default=sa.text("'{}'"),
                nullable=False,
            ),
            sa.PrimaryKeyConstraint("kiosk_id"),
            sa.UniqueConstraint("public_key"),
        )
    if _new_table(bind, "meta"):
        op.create_table(
            "meta",
            sa.Column("key", sa.Text(), nullable=False),
            sa.Column("value", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("key"),
        )
    if _new_table(bind, "nonces"):
        op.create_table(
            "nonces",
            sa.Column("kiosk_id", sa.Text(), nullable=False),
            sa.Column("nonce", sa.Text(), nullable=False),
            sa.Column("ts", sa.BigInteger(), nullable=False),
            sa.PrimaryKeyConstraint("kiosk_id", "nonce"),
        )
    if _new_index(bind, "nonces", "nonces_ts"):
        with op.batch_alter_table("nonces", schema=None) as batch_op:
            batch_op.create_index("nonces_ts", ["ts"], unique=False)

    if _new_table(bind, "notices"):
        op.create_table(
            "notices",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("seq", sa.Integer(), nullable=False),
            sa.Column("client_id", sa.Text(), nullable=False),
            sa.Column("status", sa.Text(), nullable=False),
            sa.Column("channel", sa.Text(), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("state", sa.Text(), nullable=False),
            sa.Column("detail", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.Column("at", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sa.UniqueConstraint("seq", "channel"),
            sqlite_autoincrement=True,
        )
    if _new_table(bind, "phone_code_uses"):
        op.create_table(
            "phone_code_uses",
            sa.Column("code", sa.Text(), nullable=False),
            sa.Column("kiosk_id", sa.Text(), nullable=False),
            sa.Column("at", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("code", "kiosk_id"),
        )
    if _new_table(bind, "phone_codes"):
        op.create_table(
            "phone_codes",
            sa.Column("code", sa.Text(), nullable=False),
            sa.Column("identity", sa.Text(), nullable=False),
            sa.Column("expires_at", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("code"),
        )
    if _new_table(bind, "phone_drafts"):
        op.create_table(
            "phone_drafts",
            sa.Column("code", sa.Text(), nullable=False),
            sa.Column("service_code", sa.Text(), nullable=False),
            sa.Column("service_version", sa.Integer(), nullable=False),
            sa.Column("sealed", sa.LargeBinary(), nullable=False),
            sa.Column("created_at", sa.Text(), nullable=False),
            sa.Column("expires_at", sa.Text(), nullable=False),
            sa.Column("claimed_at", sa.Text(), nullable=True),
            sa.Column("claimed_by", sa.Text(), nullable=True),
            sa.PrimaryKeyConstraint("code"),
        )
    if _new_table(bind, "proof_log"):
        op.create_table(
            "proof_log",
            sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("at", sa.Text(), nullable=False),
            sa.Column("kiosk_id", sa.Text(), nullable=False),
            sa.Column("proof_type", sa.Text(), nullable=False),
            sa.Column("id_hash", sa.Text(), nullable=False),
            sa.Column("masked_id", sa.Text(), nullable=False),
            sa.Column("evidence", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("id"),
            sqlite_autoincrement=True,
        )
    if _new_table(bind, "ratings"):
        op.create_table(
            "ratings",
            sa.Column("application_id", sa.Text(), nullable=False),
            sa.Column("level", sa.Integer(), nullable=False),
            sa.Column("reasons", sa.Text(), server_default=sa.text("'[]'"), nullable=False),
            sa.Column("comment_sealed", sa.LargeBinary(), nullable=True),
            sa.Column("channel", sa.Text(), nullable=False),
            sa.Column("at", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("application_id"),
        )
    if _new_table(bind, "status_events"):
        op.create_table(
            "status_events",
            sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
            sa.Column("kiosk_id", sa.Text(), nullable=False),
            sa.Column("client_id", sa.Text(), nullable=False),
            sa.Column("case_number", sa.Text(), nullable=False),
            sa.Column("status", sa.Text(), nullable=False),
            sa.Column("note", sa.Text(), server_default=sa.text("('')"), nullable=False),
            sa.Column("at", sa.Text(), nullable=False),
            sa.PrimaryKeyConstraint("seq"),
            sqlite_autoincrement=True,
        )
    if _new_index(bind, "status_events", "status_events_kiosk"):
        with op.batch_alter_table("status_events", schema=None) as batch_op:
            batch_op.create_index("status_events_kiosk", ["kiosk_id", "seq"], unique=False)

    if _new_table(bind, "tokens"):
        op.create_table(
            "tokens",
            sa.Column("token", sa.Text(), nullable=False),
            sa.Column("created_at", sa.Text(), nullable=False),
            sa.Column("expires_at", sa.Text(), nullable=False),
            sa.Column("used_at", sa.Text(), nullable=True),
            sa.Column("kiosk_id", sa.Text(), nullable=True),
            sa.PrimaryKeyConstraint("token"),
        )
    # ### end Alembic commands ###


def downgrade() -> None:
    """Drop every table (a test database only: the data goes with them)."""
    bind = op.get_bind()
    for name in reversed(sa.inspect(bind).get_table_names()):
        if name != "alembic_version":
            op.drop_table(name)
