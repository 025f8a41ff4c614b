"""The rows of the accounts tables as plain records, and the joins that read them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from supple.store.schema import athletes, auth_sessions, users

#: A session's last-seen time and a token's last-used time are written at most this often.
TOUCH_EVERY = dt.timedelta(minutes=1)


@dataclass(frozen=True)
class User:
    id: int
    email: str
    name: str
    role: str
    disabled: bool
    athlete: str | None
    created_at: dt.datetime


@dataclass(frozen=True)
class SignedIn:
    session_id: int
    user: User | None
    athlete: str
    kind: str
    label: str
    created_at: dt.datetime
    last_seen_at: dt.datetime
    expires_at: dt.datetime


@dataclass(frozen=True)
class Token:
    id: int
    user_id: int
    name: str
    read_only: bool
    created_at: dt.datetime
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


@dataclass(frozen=True)
class Backoff:
    """How failed sign-ins block a key: from the ``after``-th failure on, ``first`` seconds, doubling with each
    further failure up to ``most``; failures older than ``forget_after`` are forgotten."""

    after: int
    first: int
    most: int
    forget_after: dt.timedelta


OWNER = athletes.alias("owned")  # the athlete a user owns
SEEN_AS = athletes.alias("seen_as")  # the athlete a session acts for
USER_COLUMNS = (
    users.c.id.label("u_id"),
    users.c.email.label("u_email"),
    users.c.name.label("u_name"),
    users.c.role.label("u_role"),
    users.c.disabled.label("u_disabled"),
    OWNER.c.slug.label("u_athlete"),
    users.c.created_at.label("u_created_at"),
)
USERS = users.outerjoin(OWNER, users.c.athlete_id == OWNER.c.id)
SESSIONS = auth_sessions.outerjoin(users, auth_sessions.c.user_id == users.c.id).outerjoin(
    OWNER, users.c.athlete_id == OWNER.c.id
)


def utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive times; every time written here is UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def maybe_utc(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else utc(value)


def user_row(row: Any) -> User:
    return User(
        id=row.u_id,
        email=row.u_email,
        name=row.u_name,
        role=row.u_role,
        disabled=bool(row.u_disabled),
        athlete=row.u_athlete,
        created_at=utc(row.u_created_at),
    )


def token_row(row: Any) -> Token:
    return Token(
        id=row.id,
        user_id=row.user_id,
        name=row.name,
        read_only=bool(row.read_only),
        created_at=utc(row.created_at),
        last_used_at=maybe_utc(row.last_used_at),
        revoked_at=maybe_utc(row.revoked_at),
    )


def signed_in(row: Any) -> SignedIn:
    return SignedIn(
        session_id=row.id,
        user=None if row.u_id is None else user_row(row),
        athlete=row.s_athlete or "",
        kind=row.kind,
        label=row.label,
        created_at=utc(row.created_at),
        last_seen_at=utc(row.last_seen_at),
        expires_at=utc(row.expires_at),
    )


def session_query() -> sa.Select[Any]:
    return (
        sa.select(auth_sessions, *USER_COLUMNS, SEEN_AS.c.slug.label("s_athlete"))
        .select_from(SESSIONS.outerjoin(SEEN_AS, auth_sessions.c.athlete_id == SEEN_AS.c.id))
        .order_by(auth_sessions.c.id)
    )
