"""Background jobs: their rows (state, progress, report) and the files an upload hands them.

``jobs`` is what the runner sees of a long piece of work (an import): queued, running, done or
failed, how far it has got and, at the end, its report. ``job_files`` holds an uploaded file in
chunks until its job is done, so a worker on any machine can read it and a killed worker's job
can start again from it. On PostgreSQL the job queue itself is procrastinate's: its schema (the
one that ships with the pinned release) is created here, under our own migration history.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("title", sa.String(300), nullable=False, server_default=""),
        sa.Column("params", sa.JSON, nullable=False),
        sa.Column("state", sa.String(12), nullable=False),
        sa.Column("total", sa.Integer, nullable=False, server_default="0"),
        sa.Column("done", sa.Integer, nullable=False, server_default="0"),
        sa.Column("report", sa.JSON),
        sa.Column("error", sa.Text),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True)),
        sa.CheckConstraint("state IN ('queued', 'running', 'done', 'failed')", name="ck_jobs_state"),
    )
    op.create_index("ix_jobs_athlete_created", "jobs", ["athlete_id", "created_at"])
    op.create_index("ix_jobs_state_created", "jobs", ["state", "created_at"])
    op.create_table(
        "job_files",
        sa.Column("job_id", sa.String(36), sa.ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    bind = op.get_bind()
    # The queue's schema stays when this migration is undone (it holds no athlete data), so an
    # upgrade after a downgrade finds it there and leaves it.
    postgres = bind.dialect.name == "postgresql"
    if postgres and bind.exec_driver_sql("SELECT to_regclass('procrastinate_jobs')").scalar() is None:
        from importlib import resources

        schema = (resources.files("procrastinate.sql") / "schema.sql").read_text(encoding="utf-8")
        # Straight to the driver: the schema holds '%' signs that must not be read as placeholders.
        dbapi = bind.connection.dbapi_connection
        assert dbapi is not None
        cursor = dbapi.cursor()
        try:
            cursor.execute(schema)
        finally:
            cursor.close()


def downgrade() -> None:
    op.drop_table("job_files")
    op.drop_index("ix_jobs_state_created", "jobs")
    op.drop_index("ix_jobs_athlete_created", "jobs")
    op.drop_table("jobs")
