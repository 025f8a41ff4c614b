"""Runs: recorded activities and the files they came from, planned runs and calendars.

``activities`` holds one summary per recorded activity (a run, or cross-training); each file
(or part of a multisport file) it was read from is a row of ``activity_files``, keyed by the
athlete, the sha256 of the file's bytes and the part: importing the same file again finds it
there and stores nothing. ``planned_runs`` are the runs a runner means to do (added by hand or
taken from a training-plan ``calendars`` feed).

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _athlete() -> sa.Column[int]:
    return sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False)


def upgrade() -> None:
    op.create_table(
        "activities",
        sa.Column("id", sa.Integer, primary_key=True),
        _athlete(),
        sa.Column("start_utc", sa.DateTime(timezone=True), nullable=False),
        sa.Column("local_offset_minutes", sa.Integer),
        sa.Column("sport", sa.String(32), nullable=False),
        sa.Column("source_sport", sa.String(100), nullable=False, server_default=""),
        sa.Column("elapsed_seconds", sa.Float, nullable=False),
        sa.Column("moving_seconds", sa.Float),
        sa.Column("distance_m", sa.Float),
        sa.Column("avg_hr", sa.Integer),
        sa.Column("source", sa.Text, nullable=False, server_default=""),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("format IN ('fit', 'gpx', 'tcx', 'manual')", name="ck_activities_format"),
        sa.CheckConstraint("elapsed_seconds >= 0", name="ck_activities_elapsed"),
    )
    op.create_index("ix_activities_athlete_start", "activities", ["athlete_id", "start_utc"])
    op.create_table(
        "activity_files",
        sa.Column("id", sa.Integer, primary_key=True),
        _athlete(),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("part", sa.Integer, nullable=False),
        sa.Column("activity_id", sa.Integer, sa.ForeignKey("activities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("path", sa.Text, nullable=False, server_default=""),
        sa.Column("format", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("athlete_id", "content_hash", "part", name="uq_activity_files_hash_part"),
    )
    op.create_index("ix_activity_files_activity", "activity_files", ["activity_id"])
    op.create_table(
        "calendars",
        sa.Column("id", sa.Integer, primary_key=True),
        _athlete(),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("name", sa.String(200), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True)),
        sa.Column("status", sa.Text, nullable=False, server_default=""),
        sa.Column("report", sa.JSON),
        sa.Column("etag", sa.String(255)),
    )
    op.create_index("ix_calendars_athlete", "calendars", ["athlete_id"])
    op.create_table(
        "planned_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        _athlete(),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("at", sa.Time),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("distance_m", sa.Float),
        sa.Column("minutes", sa.Integer),
        sa.Column("title", sa.String(200), nullable=False, server_default=""),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("calendar_id", sa.Integer, sa.ForeignKey("calendars.id", ondelete="CASCADE")),
        sa.Column("event_uid", sa.String(255)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('easy', 'long', 'workout', 'race')", name="ck_planned_runs_kind"),
        sa.CheckConstraint("source IN ('manual', 'calendar')", name="ck_planned_runs_source"),
        sa.UniqueConstraint("athlete_id", "calendar_id", "event_uid", "date", name="uq_planned_runs_event"),
    )
    op.create_index("ix_planned_runs_athlete_date", "planned_runs", ["athlete_id", "date"])


def downgrade() -> None:
    op.drop_table("planned_runs")
    op.drop_table("calendars")
    op.drop_table("activity_files")
    op.drop_table("activities")
