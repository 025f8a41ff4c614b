"""Measure and adapt: screening-test results, soreness ratings and the history of ladder levels.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # New tables only: nothing existing is rebuilt, so no row can be lost.
    op.create_table(
        "assessment_results",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("test", sa.String(100), nullable=False),
        sa.Column("side", sa.String(8)),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("side IS NULL OR side IN ('left', 'right')", name="ck_assessment_results_side"),
    )
    op.create_index("ix_assessment_results_athlete_test", "assessment_results", ["athlete_id", "test", "date"])
    op.create_table(
        "soreness",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("region", sa.String(32), nullable=False),
        sa.Column("value", sa.Integer, nullable=False),
        sa.Column("after_run", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("value BETWEEN 0 AND 10", name="ck_soreness_value"),
    )
    op.create_index("ix_soreness_athlete_date", "soreness", ["athlete_id", "date"])
    op.create_table(
        "level_history",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("exercise", sa.String(100), nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("level >= 1", name="ck_level_history_level"),
        sa.CheckConstraint("decision IN ('progress', 'hold', 'regress')", name="ck_level_history_decision"),
    )
    op.create_index("ix_level_history_athlete_exercise", "level_history", ["athlete_id", "exercise"])


def downgrade() -> None:
    op.drop_table("level_history")
    op.drop_table("soreness")
    op.drop_table("assessment_results")
