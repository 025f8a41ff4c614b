"""The runner's display name, shown on the report instead of the athlete's key.

- ``profiles.name``: what the runner wants to be called (``supple init --name``, Settings,
  ``PUT /api/v1/profile``); empty until set.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN with a default: nothing is rebuilt, and a second run finds it there.
    columns = {column["name"] for column in sa.inspect(op.get_bind()).get_columns("profiles")}
    if "name" not in columns:
        op.add_column("profiles", sa.Column("name", sa.String(80), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("profiles") as batch:
        batch.drop_column("name")
