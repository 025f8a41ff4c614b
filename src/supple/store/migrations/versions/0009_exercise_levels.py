"""Each exercise's current level and last decision, kept as state.

``exercise_levels`` holds one row per athlete and exercise done: the level the next session
doses it at and the decision (with its reason and cause) that set it, after which session.
Every write that can change a decision updates the rows of the exercises it touches in its
own transaction, so ``today`` reads the levels with one indexed query instead of going
through every item and decision ever stored.

The rows are filled from what is stored, by the rule the levels were read with until now:
of an exercise's done items and level decisions, ordered by day, session, then items before
the decisions made after them, the last one wins. An item that wins (no decision was made
after it yet) gives its level and no decision.

``ix_session_items_athlete_exercise`` lets a write read only the items of the exercises it
touches.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_FILL = (
    "INSERT INTO exercise_levels (athlete_id, exercise, level, decision, reason, cause, session_id, date) "
    "SELECT athlete_id, exercise, level, decision, reason, cause, session_id, day FROM ("
    "SELECT u.*, ROW_NUMBER() OVER ("
    "PARTITION BY athlete_id, exercise ORDER BY day DESC, session_id DESC, kind DESC, seq DESC"
    ") AS latest FROM ("
    "SELECT i.athlete_id AS athlete_id, i.exercise AS exercise, COALESCE(i.result_level, i.level) AS level, "
    "CAST(NULL AS VARCHAR(16)) AS decision, CAST(NULL AS TEXT) AS reason, CAST(NULL AS VARCHAR(100)) AS cause, "
    "s.id AS session_id, s.date AS day, 0 AS kind, i.position AS seq "
    "FROM session_items i JOIN sessions s ON s.id = i.session_id WHERE i.done = :done "
    "UNION ALL "
    "SELECT h.athlete_id, h.exercise, h.level, h.decision, h.reason, h.cause, h.session_id, h.date, 1, h.id "
    "FROM level_history h"
    ") AS u"
    ") AS ranked WHERE latest = 1"
)


def upgrade() -> None:
    op.create_table(
        "exercise_levels",
        sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("exercise", sa.String(100), primary_key=True),
        sa.Column("level", sa.Integer, nullable=False),
        sa.Column("decision", sa.String(16)),
        sa.Column("reason", sa.Text),
        sa.Column("cause", sa.String(100)),
        sa.Column("session_id", sa.Integer, nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.CheckConstraint(
            "decision IS NULL OR decision IN ('progress', 'hold', 'regress')", name="ck_exercise_levels_decision"
        ),
    )
    op.create_index("ix_session_items_athlete_exercise", "session_items", ["athlete_id", "exercise"])
    op.get_bind().execute(sa.text(_FILL).bindparams(sa.bindparam("done", True, type_=sa.Boolean)))


def downgrade() -> None:
    op.drop_index("ix_session_items_athlete_exercise", "session_items")
    op.drop_table("exercise_levels")
