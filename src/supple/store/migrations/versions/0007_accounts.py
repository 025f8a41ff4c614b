"""Accounts: users, their sessions and API tokens, sign-in limits, one-time links, server options.

- ``users``: email (lower-cased, unique), display name, argon2id hash, role, disabled flag,
  and the athlete profile the account owns (unique when set).
- ``auth_sessions``: browser and device sessions, stored by the sha256 of their secret, with
  an idle limit and an absolute end.
- ``api_tokens``: personal tokens for the HTTP API, stored by the sha256 of their secret.
- ``sign_in_attempts``: failures per account and per address, shared by every process.
- ``one_time_links``: invitations and pairing links (single use, expiring).
- ``server_options``: e.g. whether registration is open.

Rows that belong to an athlete or a user go with them (ON DELETE CASCADE).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_TABLES = ("server_options", "one_time_links", "sign_in_attempts", "api_tokens", "auth_sessions", "users")


def _has(table: str) -> bool:
    return sa.inspect(op.get_bind()).has_table(table)


def _when(name: str, *, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    # New tables only; each is skipped when already there, so a run cut short on SQLite (where
    # each DDL statement commits on its own) can simply be run again.
    if not _has("users"):
        op.create_table(
            "users",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("email", sa.String(254), nullable=False, unique=True),
            sa.Column("name", sa.String(80), nullable=False, server_default=""),
            sa.Column("password_hash", sa.String(255), nullable=False),
            sa.Column("role", sa.String(16), nullable=False),
            sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
            sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE")),
            _when("created_at"),
            sa.CheckConstraint("role IN ('athlete', 'coach', 'admin')", name="ck_users_role"),
        )
        op.create_index("ix_users_athlete", "users", ["athlete_id"], unique=True)
    if not _has("auth_sessions"):
        op.create_table(
            "auth_sessions",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("secret_hash", sa.String(64), nullable=False, unique=True),
            sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE")),
            sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE")),
            sa.Column("kind", sa.String(16), nullable=False),
            sa.Column("label", sa.String(200), nullable=False, server_default=""),
            sa.Column("idle_minutes", sa.Integer, nullable=False),
            _when("created_at"),
            _when("last_seen_at"),
            _when("expires_at"),
            _when("revoked_at", nullable=True),
            sa.CheckConstraint("kind IN ('browser', 'device')", name="ck_auth_sessions_kind"),
        )
        op.create_index("ix_auth_sessions_user", "auth_sessions", ["user_id"])
        op.create_index("ix_auth_sessions_athlete", "auth_sessions", ["athlete_id"])
    if not _has("api_tokens"):
        op.create_table(
            "api_tokens",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
            sa.Column("name", sa.String(100), nullable=False, server_default=""),
            sa.Column("secret_hash", sa.String(64), nullable=False, unique=True),
            sa.Column("read_only", sa.Boolean, nullable=False),
            _when("created_at"),
            _when("last_used_at", nullable=True),
            _when("revoked_at", nullable=True),
        )
        op.create_index("ix_api_tokens_user", "api_tokens", ["user_id"])
    if not _has("sign_in_attempts"):
        op.create_table(
            "sign_in_attempts",
            sa.Column("key", sa.String(300), primary_key=True),
            sa.Column("failures", sa.Integer, nullable=False),
            _when("last_failure_at"),
            _when("blocked_until", nullable=True),
        )
    if not _has("one_time_links"):
        op.create_table(
            "one_time_links",
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("purpose", sa.String(16), nullable=False),
            sa.Column("secret_hash", sa.String(64), nullable=False, unique=True),
            sa.Column("role", sa.String(16)),
            sa.Column("athlete_id", sa.Integer, sa.ForeignKey("athletes.id", ondelete="CASCADE")),
            sa.Column("created_by", sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL")),
            _when("created_at"),
            _when("expires_at"),
            _when("used_at", nullable=True),
            sa.CheckConstraint("purpose IN ('invitation', 'pairing')", name="ck_one_time_links_purpose"),
        )
    if not _has("server_options"):
        op.create_table(
            "server_options",
            sa.Column("key", sa.String(64), primary_key=True),
            sa.Column("value", sa.Text, nullable=False),
        )


def downgrade() -> None:
    for table in _TABLES:
        op.drop_table(table)
