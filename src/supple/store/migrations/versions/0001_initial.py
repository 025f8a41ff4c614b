"""Initial schema: athletes, profiles, logged sessions and their items.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "athletes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("slug", sa.String(64), nullable=False, unique=True),
        sa.Column("name", sa.String(200), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "profiles",
        sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("run_times", sa.JSON, nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("equipment", sa.JSON, nullable=False),
        sa.Column("priorities", sa.JSON, nullable=False),
        sa.Column("complaints", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("minutes", sa.Integer, nullable=False),
        sa.Column("total_seconds", sa.Integer, nullable=False),
        sa.Column("logged_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_sessions_athlete_id", "sessions", ["athlete_id"])
    op.create_index("ix_sessions_athlete_date", "sessions", ["athlete_id", "date"])
    op.create_table(
        "session_items",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("block", sa.Integer, nullable=False),
        sa.Column("region", sa.String(32), nullable=False),
        sa.Column("exercise", sa.String(100), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("regions", sa.JSON, nullable=False),
        sa.Column("sets", sa.Integer, nullable=False),
        sa.Column("reps", sa.Integer),
        sa.Column("hold_seconds", sa.Integer),
        sa.Column("per_side", sa.Boolean, nullable=False),
        sa.Column("static", sa.Boolean, nullable=False),
        sa.Column("seconds", sa.Integer, nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("why", sa.Text, nullable=False),
        sa.Column("done", sa.Boolean),
        sa.Column("result_level", sa.Integer),
        sa.Column("result_hold_seconds", sa.Integer),
        sa.Column("control", sa.Integer),
        sa.Column("discomfort", sa.Integer),
        sa.UniqueConstraint("session_id", "position", name="uq_session_items_position"),
        sa.CheckConstraint("control IS NULL OR (control BETWEEN 1 AND 5)", name="ck_session_items_control"),
        sa.CheckConstraint("discomfort IS NULL OR (discomfort BETWEEN 0 AND 10)", name="ck_session_items_discomfort"),
    )
    op.create_index("ix_session_items_athlete_id", "session_items", ["athlete_id"])


def downgrade() -> None:
    op.drop_table("session_items")
    op.drop_table("sessions")
    op.drop_table("profiles")
    op.drop_table("athletes")
