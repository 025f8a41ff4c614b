"""Red flags the runner reported: open ones stop the plan until a clinician has cleared them.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new table only: nothing existing is rebuilt.
    op.create_table(
        "red_flag_reports",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("flag", sa.String(64), nullable=False),
        sa.Column("complaint", sa.String(100)),
        sa.Column("urgent", sa.Boolean, nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cleared_at", sa.DateTime(timezone=True)),
        sa.Column("cleared_on", sa.Date),
    )
    op.create_index("ix_red_flag_reports_athlete_open", "red_flag_reports", ["athlete_id", "cleared_at"])


def downgrade() -> None:
    op.drop_table("red_flag_reports")
