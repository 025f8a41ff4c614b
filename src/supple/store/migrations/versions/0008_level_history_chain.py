"""Level history: one decision follows another, at most once.

Two processes refreshing the levels at the same moment could both append the same decision
(the audit found 191 duplicate groups). Each row now names the row it follows for the same
athlete and exercise (``follows``, 0 for the first), and that triple is unique: of two writers
that read the same last decision, only one can append after it.

Existing duplicates are removed first: a row equal to the row before it for the same athlete
and exercise (same date, level, decision, reason, session and cause) says nothing new.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_FIELDS = ("date", "level", "decision", "reason", "session_id", "cause")


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column("level_history", sa.Column("follows", sa.Integer, nullable=False, server_default="0"))
    history = sa.table(
        "level_history", *(sa.column(name) for name in ("id", "athlete_id", "exercise", "follows", *_FIELDS))
    )
    rows = bind.execute(
        sa.select(history.c.id, history.c.athlete_id, history.c.exercise, *(history.c[f] for f in _FIELDS)).order_by(
            history.c.athlete_id, history.c.exercise, history.c.id
        )
    )
    duplicates: list[int] = []
    links: list[dict[str, int]] = []
    last: tuple[object, ...] | None = None
    last_id = 0
    for row in rows:
        key, fields = (row.athlete_id, row.exercise), tuple(row[2:])
        if last is not None and last[:2] == key and last[2:] == fields:
            duplicates.append(row.id)
            continue
        follows = last_id if last is not None and last[:2] == key else 0
        links.append({"row": row.id, "follows": follows})
        last, last_id = (*key, *fields), row.id
    if duplicates:
        bind.execute(history.delete().where(history.c.id.in_(sa.bindparam("ids", expanding=True))), {"ids": duplicates})
    chained = [link for link in links if link["follows"]]
    if chained:
        bind.execute(
            history.update().where(history.c.id == sa.bindparam("row")).values(follows=sa.bindparam("follows")),
            chained,
        )
    op.create_index("uq_level_history_follows", "level_history", ["athlete_id", "exercise", "follows"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_level_history_follows", "level_history")
    with op.batch_alter_table("level_history") as batch:
        batch.drop_column("follows")
