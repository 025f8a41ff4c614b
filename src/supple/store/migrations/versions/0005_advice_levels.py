"""Red flags keep their level; level decisions keep their cause; the next-day answer to a session.

- ``red_flag_reports.level``: ``emergency`` | ``same-day`` | ``soon`` (KNOWLEDGE.md section 4).
  Rows written before it are given a level from what was stored: the one emergency sign
  (numbness between the legs) becomes ``emergency``, any other urgent one ``same-day``,
  the rest ``soon``.
- ``level_history.cause``: what a decision was made on, e.g. ``red-flag:12`` (the report it
  came from), so that one red-flag episode reads as one event, not one per exercise.
- ``session_followups``: the one-tap answer, given the next day, to "how did that session's
  work feel?" (``better`` | ``same`` | ``worse``), one per session.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _columns(table: str) -> set[str]:
    return {column["name"] for column in sa.inspect(op.get_bind()).get_columns(table)}


def upgrade() -> None:
    # Plain ADD COLUMN and a new table: nothing is rebuilt. Each step checks what is already
    # there, so a run cut short on SQLite (where each DDL statement commits on its own) can
    # simply be run again.
    if "level" not in _columns("red_flag_reports"):
        op.add_column("red_flag_reports", sa.Column("level", sa.String(16), nullable=False, server_default="soon"))
        op.execute(
            "UPDATE red_flag_reports SET level = CASE "
            "WHEN flag = 'saddle-numbness' THEN 'emergency' "
            "WHEN urgent THEN 'same-day' ELSE 'soon' END"
        )
    if "cause" not in _columns("level_history"):
        op.add_column("level_history", sa.Column("cause", sa.String(100), nullable=True))
    if not sa.inspect(op.get_bind()).has_table("session_followups"):
        op.create_table(
            "session_followups",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
            sa.Column("session_id", sa.Integer, sa.ForeignKey("sessions.id", ondelete="CASCADE"), nullable=False),
            sa.Column("answer", sa.String(16), nullable=False),
            sa.Column("date", sa.Date, nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.CheckConstraint("answer IN ('better', 'same', 'worse')", name="ck_session_followups_answer"),
            sa.UniqueConstraint("session_id", name="uq_session_followups_session"),
        )
        op.create_index("ix_session_followups_athlete", "session_followups", ["athlete_id", "date"])


def downgrade() -> None:
    op.drop_table("session_followups")
    with op.batch_alter_table("level_history") as batch:
        batch.drop_column("cause")
    with op.batch_alter_table("red_flag_reports") as batch:
        batch.drop_column("level")
