"""Indexes for the walks that grew with a province's fleet.

``applications (kind, id)``: the ratings' ingestion and the console's queue
walk one kind in id order; ``kiosks (last_seen_at)``: the fleet page's sweep
for quiet kiosks. The first migration written after the tables, through
``batch_alter_table`` so that it runs on SQLite as on PostgreSQL.

Revision ID: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("applications") as batch_op:
        batch_op.create_index("applications_kind_id", ["kind", "id"], unique=False)
    with op.batch_alter_table("kiosks") as batch_op:
        batch_op.create_index("kiosks_last_seen", ["last_seen_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("kiosks") as batch_op:
        batch_op.drop_index("kiosks_last_seen")
    with op.batch_alter_table("applications") as batch_op:
        batch_op.drop_index("applications_kind_id")
