"""The accounts repository: users, sessions, API tokens, sign-in limits, one-time links, options.

Every write is one transaction (``Transaction`` turns driver errors into a ``StoreError``).
Secrets never reach this module: callers hand in the sha256 of a secret and the argon2id hash
of a password. Every time is given by the caller (``now``), so expiry is tested without sleeping.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from supple.core.errors import InvalidInput
from supple.store.account_rows import (
    TOUCH_EVERY,
    USER_COLUMNS,
    USERS,
    Backoff,
    SignedIn,
    Token,
    User,
    maybe_utc,
    session_query,
    signed_in,
    token_row,
    user_row,
    utc,
)
from supple.store.errors import StoreError
from supple.store.repository import Transaction, athlete_id
from supple.store.schema import (
    api_tokens,
    athletes,
    auth_sessions,
    one_time_links,
    server_options,
    sign_in_attempts,
    users,
)


class AccountStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- users ------------------------------------------------------------------------------------
    def any_users(self) -> bool:
        with self.engine.connect() as conn:
            return bool(conn.execute(sa.select(sa.exists().select_from(users))).scalar())

    def users(self) -> list[User]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(*USER_COLUMNS).select_from(USERS).order_by(users.c.email))
            return [user_row(row) for row in rows]

    def user(self, email: str) -> User | None:
        with self.engine.connect() as conn:
            return _find_user(conn, users.c.email == email)

    def credentials(self, email: str) -> tuple[User, str] | None:
        """The user and their password hash, for checking a password."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(*USER_COLUMNS, users.c.password_hash).select_from(USERS).where(users.c.email == email)
            ).first()
        return None if row is None else (user_row(row), row.password_hash)

    def add_user(
        self,
        *,
        email: str,
        name: str,
        password_hash: str,
        role: str,
        athlete: str | None,
        new_athlete: str | None,
        now: dt.datetime,
    ) -> User:
        """Add an account owning the existing ``athlete``, or a new athlete ``new_athlete``, or none.

        InvalidInput when the email is taken, the athlete does not exist or another account owns it
        (also when another process took the email or the athlete at the same moment)."""
        with self._creating(email, athlete), Transaction(self.engine) as conn:
            return _insert_user(conn, email, name, password_hash, role, athlete, new_athlete, now)

    def set_password_hash(self, user_id: int, password_hash: str) -> None:
        with Transaction(self.engine) as conn:
            conn.execute(users.update().where(users.c.id == user_id).values(password_hash=password_hash))

    def set_password(self, email: str, password_hash: str, *, now: dt.datetime) -> User | None:
        """A new password hash; every session of the account ends. None for an unknown email."""
        with Transaction(self.engine) as conn:
            found = _find_user(conn, users.c.email == email)
            if found is None:
                return None
            conn.execute(users.update().where(users.c.id == found.id).values(password_hash=password_hash))
            _revoke_sessions(conn, auth_sessions.c.user_id == found.id, now)
            return found

    def disable_user(self, email: str, *, now: dt.datetime) -> User | None:
        """Disable the account and revoke its sessions and tokens. None for an unknown email."""
        with Transaction(self.engine) as conn:
            found = _find_user(conn, users.c.email == email)
            if found is None:
                return None
            conn.execute(users.update().where(users.c.id == found.id).values(disabled=True))
            _revoke_sessions(conn, auth_sessions.c.user_id == found.id, now)
            conn.execute(
                api_tokens.update()
                .where(api_tokens.c.user_id == found.id, api_tokens.c.revoked_at.is_(None))
                .values(revoked_at=now)
            )
            return _find_user(conn, users.c.id == found.id)

    def delete_user(self, email: str) -> bool:
        """Remove the account, its sessions, tokens and failed sign-ins (not the athlete's data)."""
        with Transaction(self.engine) as conn:
            found = _find_user(conn, users.c.email == email)
            if found is None:
                return False
            conn.execute(auth_sessions.delete().where(auth_sessions.c.user_id == found.id))
            conn.execute(api_tokens.delete().where(api_tokens.c.user_id == found.id))
            conn.execute(users.delete().where(users.c.id == found.id))
            conn.execute(sign_in_attempts.delete().where(sign_in_attempts.c.key == "email:" + found.email))
            return True

    @contextmanager
    def _creating(self, email: str, athlete: str | None) -> Iterator[None]:
        """Turn a lost race for the email or the athlete (a unique index) into the same InvalidInput."""
        try:
            yield
        except StoreError as error:
            cause = error.__cause__
            if not isinstance(cause, IntegrityError) and "locked" not in str(error):
                raise
            with self.engine.connect() as conn:
                _check_free(conn, email, athlete)
            raise

    # -- sign-in limits -----------------------------------------------------------------------------
    def blocked_until(self, keys: tuple[str, ...], *, now: dt.datetime) -> dt.datetime | None:
        """The latest time any of ``keys`` is blocked until, if that is after ``now``."""
        with self.engine.connect() as conn:
            found = conn.execute(
                sa.select(sa.func.max(sign_in_attempts.c.blocked_until)).where(
                    sign_in_attempts.c.key.in_(keys), sign_in_attempts.c.blocked_until > now
                )
            ).scalar()
        return maybe_utc(found)

    def record_failure(self, key: str, backoff: Backoff, *, now: dt.datetime) -> int:
        """Count one failed sign-in for ``key`` (every process sees it); block it once past the free ones."""
        stale = now - backoff.forget_after
        with Transaction(self.engine) as conn:
            first = _insert_ignoring_conflict(conn).values(key=key, failures=0, last_failure_at=now)
            conn.execute(first)
            row = sign_in_attempts.c
            conn.execute(
                sign_in_attempts.update()
                .where(row.key == key)
                .values(
                    failures=sa.case((row.last_failure_at < stale, 1), else_=row.failures + 1),
                    last_failure_at=now,
                )
            )
            failures: int = conn.execute(sa.select(row.failures).where(row.key == key)).scalar_one()
            if failures >= backoff.after:
                seconds = min(backoff.first * 2 ** min(failures - backoff.after, 20), backoff.most)
                conn.execute(
                    sign_in_attempts.update()
                    .where(row.key == key)
                    .values(blocked_until=now + dt.timedelta(seconds=seconds))
                )
            return failures

    def clear_failures(self, key: str) -> None:
        with Transaction(self.engine) as conn:
            conn.execute(sign_in_attempts.delete().where(sign_in_attempts.c.key == key))

    # -- sessions -----------------------------------------------------------------------------------
    def add_session(
        self,
        *,
        secret_hash: str,
        user_id: int | None,
        athlete: str,
        kind: str,
        label: str,
        idle_minutes: int,
        expires_at: dt.datetime,
        now: dt.datetime,
    ) -> SignedIn:
        with Transaction(self.engine) as conn:
            return _insert_session(conn, secret_hash, user_id, athlete, kind, label, idle_minutes, expires_at, now)

    def session(self, secret_hash: str, *, now: dt.datetime) -> SignedIn | None:
        """The live session with this secret hash: not revoked, not past its idle or absolute end, its
        user not disabled. Its last-seen time moves to ``now`` (written at most once a minute)."""
        with self.engine.connect() as conn:
            row = conn.execute(session_query().where(auth_sessions.c.secret_hash == secret_hash)).first()
        if row is None or row.revoked_at is not None or row.u_disabled:
            return None
        last_seen = utc(row.last_seen_at)
        if now >= utc(row.expires_at) or now >= last_seen + dt.timedelta(minutes=row.idle_minutes):
            return None
        found = signed_in(row)
        if now - last_seen >= TOUCH_EVERY:
            with Transaction(self.engine) as conn:
                conn.execute(
                    auth_sessions.update()
                    .where(auth_sessions.c.id == row.id, auth_sessions.c.last_seen_at < now - TOUCH_EVERY)
                    .values(last_seen_at=now)
                )
            found = replace(found, last_seen_at=now)
        return found

    def end_session(self, secret_hash: str, *, now: dt.datetime) -> bool:
        with Transaction(self.engine) as conn:
            return _revoke_sessions(conn, auth_sessions.c.secret_hash == secret_hash, now) > 0

    def end_sessions(self, *, user_id: int | None, athlete: str, now: dt.datetime) -> int:
        with Transaction(self.engine) as conn:
            return _revoke_sessions(conn, _owned_by(user_id, athlete), now)

    def sessions(self, *, user_id: int | None, athlete: str, now: dt.datetime) -> list[SignedIn]:
        """The live sessions of a user (or, with ``user_id`` None, the account-less devices of ``athlete``)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                session_query().where(
                    _owned_by(user_id, athlete), auth_sessions.c.revoked_at.is_(None), auth_sessions.c.expires_at > now
                )
            ).all()
        return [
            signed_in(row)
            for row in rows
            if now < utc(row.last_seen_at) + dt.timedelta(minutes=row.idle_minutes) and not row.u_disabled
        ]

    def revoke_session(self, session_id: int, *, user_id: int | None, athlete: str, now: dt.datetime) -> bool:
        with Transaction(self.engine) as conn:
            where = sa.and_(auth_sessions.c.id == session_id, _owned_by(user_id, athlete))
            return _revoke_sessions(conn, where, now) == 1

    # -- API tokens ---------------------------------------------------------------------------------
    def add_token(self, *, user_id: int, name: str, secret_hash: str, read_only: bool, now: dt.datetime) -> Token:
        with Transaction(self.engine) as conn:
            row = conn.execute(
                api_tokens.insert()
                .values(user_id=user_id, name=name, secret_hash=secret_hash, read_only=read_only, created_at=now)
                .returning(*api_tokens.c)
            ).one()
            return token_row(row)

    def token(self, secret_hash: str, *, now: dt.datetime) -> tuple[User, Token] | None:
        """The live token with this secret hash and its (enabled) user; last-used written at most once a minute."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(api_tokens, *USER_COLUMNS)
                .select_from(api_tokens.join(USERS, api_tokens.c.user_id == users.c.id))
                .where(api_tokens.c.secret_hash == secret_hash)
            ).first()
        if row is None or row.revoked_at is not None or row.u_disabled:
            return None
        found = token_row(row)
        if found.last_used_at is None or now - found.last_used_at >= TOUCH_EVERY:
            with Transaction(self.engine) as conn:
                conn.execute(
                    api_tokens.update()
                    .where(
                        api_tokens.c.id == found.id,
                        sa.or_(api_tokens.c.last_used_at.is_(None), api_tokens.c.last_used_at < now - TOUCH_EVERY),
                    )
                    .values(last_used_at=now)
                )
            found = replace(found, last_used_at=now)
        return user_row(row), found

    def tokens(self, user_id: int) -> list[Token]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(api_tokens).where(api_tokens.c.user_id == user_id).order_by(api_tokens.c.id))
            return [token_row(row) for row in rows]

    def revoke_token(self, token_id: int, *, now: dt.datetime) -> Token | None:
        with Transaction(self.engine) as conn:
            conn.execute(
                api_tokens.update()
                .where(api_tokens.c.id == token_id, api_tokens.c.revoked_at.is_(None))
                .values(revoked_at=now)
            )
            row = conn.execute(sa.select(api_tokens).where(api_tokens.c.id == token_id)).first()
            return None if row is None else token_row(row)

    # -- one-time links -----------------------------------------------------------------------------
    def add_link(
        self,
        *,
        purpose: str,
        secret_hash: str,
        role: str | None = None,
        athlete: str | None = None,
        created_by: int | None = None,
        expires_at: dt.datetime,
        now: dt.datetime,
    ) -> None:
        with Transaction(self.engine) as conn:
            athlete_row = None if athlete is None else athlete_id(conn, athlete, create=True)
            conn.execute(
                one_time_links.insert().values(
                    purpose=purpose,
                    secret_hash=secret_hash,
                    role=role,
                    athlete_id=athlete_row,
                    created_by=created_by,
                    created_at=now,
                    expires_at=expires_at,
                )
            )

    def accept_invitation(
        self, secret_hash: str, *, email: str, name: str, password_hash: str, new_athlete: str, now: dt.datetime
    ) -> User | None:
        """Use the invitation and add the account, in one transaction: None (nothing written) when the link
        is unknown, used or expired; InvalidInput (link left unused) when the email is taken."""
        with self._creating(email, None), Transaction(self.engine) as conn:
            link = _use_link(conn, "invitation", secret_hash, now)
            if link is None:
                return None
            role = link.role or "athlete"
            athlete = new_athlete if role in ("athlete", "coach") else None
            return _insert_user(conn, email, name, password_hash, role, None, athlete, now)

    def redeem_pairing(
        self,
        secret_hash: str,
        *,
        session_hash: str,
        label: str,
        idle_minutes: int,
        expires_at: dt.datetime,
        now: dt.datetime,
    ) -> SignedIn | None:
        """Use the pairing link and start a device session for its athlete (as the account that owns the
        athlete, if any): None when the link is unknown, used or expired, or its account is disabled."""
        with Transaction(self.engine) as conn:
            link = _use_link(conn, "pairing", secret_hash, now)
            if link is None or link.athlete_id is None:
                return None
            owner = conn.execute(
                sa.select(users.c.id, users.c.disabled).where(users.c.athlete_id == link.athlete_id)
            ).first()
            if owner is not None and owner.disabled:
                return None
            slug: str = conn.execute(sa.select(athletes.c.slug).where(athletes.c.id == link.athlete_id)).scalar_one()
            user_id = None if owner is None else owner.id
            return _insert_session(conn, session_hash, user_id, slug, "device", label, idle_minutes, expires_at, now)

    # -- server options -----------------------------------------------------------------------------
    def option(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            value: str | None = conn.execute(
                sa.select(server_options.c.value).where(server_options.c.key == key)
            ).scalar()
            return value

    def set_option(self, key: str, value: str) -> None:
        with Transaction(self.engine) as conn:
            conn.execute(_insert_ignoring_conflict(conn, server_options).values(key=key, value=value))
            conn.execute(server_options.update().where(server_options.c.key == key).values(value=value))


# -- on one connection (the caller's transaction) ---------------------------------------------------
def _find_user(conn: Connection, where: Any) -> User | None:
    row = conn.execute(sa.select(*USER_COLUMNS).select_from(USERS).where(where)).first()
    return None if row is None else user_row(row)


def _check_free(conn: Connection, email: str, athlete: str | None) -> None:
    """InvalidInput when the email is taken, or ``athlete`` is missing or owned by an account."""
    if _find_user(conn, users.c.email == email) is not None:
        raise InvalidInput("email", email, "an email no other account uses")
    if athlete is None:
        return
    found = athlete_id(conn, athlete, create=False)
    if found is None:
        raise InvalidInput("athlete", athlete, "the key of an athlete with data in this database")
    if _find_user(conn, users.c.athlete_id == found) is not None:
        raise InvalidInput("athlete", athlete, "an athlete no other account owns")


def _insert_user(
    conn: Connection,
    email: str,
    name: str,
    password_hash: str,
    role: str,
    athlete: str | None,
    new_athlete: str | None,
    now: dt.datetime,
) -> User:
    _check_free(conn, email, athlete)
    owned = None
    if athlete is not None:
        owned = athlete_id(conn, athlete, create=False)
    elif new_athlete is not None:
        made = athletes.insert().values(slug=new_athlete, name=name or new_athlete, created_at=now)
        owned = conn.execute(made.returning(athletes.c.id)).scalar_one()
    new_id = conn.execute(
        users.insert()
        .values(email=email, name=name, password_hash=password_hash, role=role, athlete_id=owned, created_at=now)
        .returning(users.c.id)
    ).scalar_one()
    if athlete is not None:
        # Phones paired with the athlete before it had an account become the account's devices.
        conn.execute(
            auth_sessions.update()
            .where(auth_sessions.c.user_id.is_(None), auth_sessions.c.athlete_id == owned)
            .values(user_id=new_id)
        )
    found = _find_user(conn, users.c.id == new_id)
    assert found is not None
    return found


def _insert_session(
    conn: Connection,
    secret_hash: str,
    user_id: int | None,
    athlete: str,
    kind: str,
    label: str,
    idle_minutes: int,
    expires_at: dt.datetime,
    now: dt.datetime,
) -> SignedIn:
    conn.execute(
        auth_sessions.insert().values(
            secret_hash=secret_hash,
            user_id=user_id,
            athlete_id=athlete_id(conn, athlete, create=True) if athlete else None,
            kind=kind,
            label=label,
            idle_minutes=idle_minutes,
            created_at=now,
            last_seen_at=now,
            expires_at=expires_at,
        )
    )
    return signed_in(conn.execute(session_query().where(auth_sessions.c.secret_hash == secret_hash)).one())


def _use_link(conn: Connection, purpose: str, secret_hash: str, now: dt.datetime) -> Any:
    """Mark the link used with one conditional UPDATE: of two at once, exactly one finds it unused."""
    link = one_time_links.c
    used = conn.execute(
        one_time_links.update()
        .where(
            link.secret_hash == secret_hash,
            link.purpose == purpose,
            link.used_at.is_(None),
            link.expires_at > now,
        )
        .values(used_at=now)
    )
    if used.rowcount != 1:
        return None
    return conn.execute(sa.select(one_time_links).where(link.secret_hash == secret_hash)).one()


def _owned_by(user_id: int | None, athlete: str) -> Any:
    """Sessions of this user; with no user, the account-less sessions of ``athlete``."""
    if user_id is not None:
        return auth_sessions.c.user_id == user_id
    athlete_row = sa.select(athletes.c.id).where(athletes.c.slug == athlete).scalar_subquery()
    return sa.and_(auth_sessions.c.user_id.is_(None), auth_sessions.c.athlete_id == athlete_row)


def _revoke_sessions(conn: Connection, where: Any, now: dt.datetime) -> int:
    done = conn.execute(
        auth_sessions.update().where(where, auth_sessions.c.revoked_at.is_(None)).values(revoked_at=now)
    )
    return int(done.rowcount)


def _insert_ignoring_conflict(conn: Connection, table: sa.Table = sign_in_attempts) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING, on SQLite and on PostgreSQL alike."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing()
