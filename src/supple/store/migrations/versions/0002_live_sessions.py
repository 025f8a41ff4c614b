"""Sessions can be in progress (filled in item by item); athletes get a calendar feed token.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN and an index: no table is rebuilt, so no row can be lost on SQLite.
    op.add_column("sessions", sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE sessions SET finished_at = logged_at")
    op.add_column("athletes", sa.Column("feed_token", sa.String(64), nullable=True))
    op.create_index("ix_athletes_feed_token", "athletes", ["feed_token"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_athletes_feed_token", "athletes")
    with op.batch_alter_table("athletes") as batch:
        batch.drop_column("feed_token")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("finished_at")
