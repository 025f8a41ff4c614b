"""The repository: every read and write of athlete data, each write in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from supple.core.athlete import AthleteState, Profile
from supple.core.session import Item, ItemResult, LoggedItem, LoggedSession
from supple.store import level_state, reads
from supple.store.errors import NotFound, StoreError
from supple.store.schema import athletes, profiles, session_items, sessions


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- athletes ---------------------------------------------------------------------------
    def _athlete_id(self, conn: Connection, slug: str, *, create: bool) -> int | None:
        return athlete_id(conn, slug, create=create)

    def athletes(self) -> list[str]:
        with self.engine.connect() as conn:
            return list(conn.execute(sa.select(athletes.c.slug).order_by(athletes.c.slug)).scalars())

    # -- profile ----------------------------------------------------------------------------
    def get_profile(self, athlete: str) -> Profile | None:
        with self.engine.connect() as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            if athlete_id is None:
                return None
            return reads.profile_from_row(conn.execute(sa.text(reads.PROFILE), {"athlete": athlete_id}).first())

    def save_profile(self, athlete: str, profile: Profile, *, settle: level_state.Settle | None = None) -> None:
        """Save the profile; with ``settle``, a change of kit decides every exercise again in the same transaction."""
        with self._begin() as conn:
            if settle is None:
                _write_profile(conn, self._athlete_id(conn, athlete, create=True), profile)
                return
            athlete_id = lock_athlete(conn, athlete)
            before = reads.profile_from_row(conn.execute(sa.text(reads.PROFILE), {"athlete": athlete_id}).first())
            _write_profile(conn, athlete_id, profile)
            _kit_changed(conn, athlete_id, before, profile, settle)

    def update_profile(
        self, athlete: str, change: Callable[[Profile | None], Profile], *, settle: level_state.Settle | None = None
    ) -> Profile:
        """Read the saved profile, ``change`` it and save the result, all in one locked transaction.

        Writers of the same athlete queue here, so a change made by another request or process
        between the read and the save cannot be overwritten. An error raised by ``change``
        saves nothing. Returns the profile saved.
        """
        with self._begin() as conn:
            athlete_id = lock_athlete(conn, athlete)
            current = reads.profile_from_row(conn.execute(sa.text(reads.PROFILE), {"athlete": athlete_id}).first())
            updated = change(current)
            _write_profile(conn, athlete_id, updated)
            if settle is not None:
                _kit_changed(conn, athlete_id, current, updated, settle)
            return updated

    # -- state for the composer ---------------------------------------------------------------
    def state(self, athlete: str, today: dt.date) -> AthleteState:
        with self.engine.connect() as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            if athlete_id is None:
                return AthleteState(profile=None)
            since = today - dt.timedelta(days=reads.HISTORY_DAYS)
            history_sql = sa.text(reads.HISTORY).bindparams(
                sa.bindparam("since", type_=sa.Date), sa.bindparam("done", type_=sa.Boolean)
            )
            return AthleteState(
                profile=reads.profile_from_row(conn.execute(sa.text(reads.PROFILE), {"athlete": athlete_id}).first()),
                history=reads.history_from_rows(
                    conn.execute(history_sql, {"athlete": athlete_id, "since": since, "done": True})
                ),
                levels=reads.levels_from_rows(conn.execute(sa.text(reads.LEVELS), {"athlete": athlete_id})),
                red_flags=reads.flags_from_rows(conn.execute(sa.text(reads.RED_FLAGS), {"athlete": athlete_id})),
            )

    # -- sessions ---------------------------------------------------------------------------
    def log_session(
        self, athlete: str, session: LoggedSession, *, finished: bool = True, settle: level_state.Settle | None = None
    ) -> int:
        """Store a session and all its items atomically; return its id.

        With ``finished=False`` the session is in progress: results arrive item by item
        (``set_item_result``) and ``finish_session`` closes it. A finished session with
        ``settle`` has its exercises decided again in the same transaction (``level_state``);
        otherwise the levels its done items were done at are kept as they are.
        """
        with self._begin() as conn:
            deciding = settle is not None and finished
            athlete_id = lock_athlete(conn, athlete) if deciding else self._athlete_id(conn, athlete, create=True)
            assert athlete_id is not None
            session_id = insert_session(conn, athlete_id, session, finished=finished)
            if settle is not None and finished:
                level_state.settle(conn, athlete_id, settle, sessions=[session_id])
            else:
                level_state.offer_session(conn, athlete_id, session_id)
            return session_id

    def get_session(self, athlete: str, session_id: int) -> LoggedSession:
        """One of the athlete's sessions; NotFound if it is not theirs or does not exist."""
        with self.engine.connect() as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            found = self._load(conn, sa.and_(sessions.c.athlete_id == athlete_id, sessions.c.id == session_id))
        if not found:
            raise NotFound(f"session {session_id}")
        return found[0]

    def set_item_result(self, athlete: str, session_id: int, position: int, result: ItemResult) -> None:
        """Record (or replace) the result of one item: one UPDATE, so the write lock is brief."""
        athlete_id = sa.select(athletes.c.id).where(athletes.c.slug == athlete).scalar_subquery()
        with self._begin() as conn:
            updated = conn.execute(
                session_items.update()
                .where(
                    session_items.c.athlete_id == athlete_id,
                    session_items.c.session_id == session_id,
                    session_items.c.position == position,
                )
                .values(
                    done=result.done,
                    result_level=result.level,
                    result_hold_seconds=result.hold_seconds,
                    control=result.control,
                    discomfort=result.discomfort,
                )
            )
            if updated.rowcount != 1:
                raise NotFound(f"item {position} of session {session_id}")

    def finish_session(self, athlete: str, session_id: int, *, settle: level_state.Settle | None = None) -> None:
        """Close a session; with ``settle`` its exercises are decided again in the same transaction."""
        with self._begin() as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            if athlete_id is not None and settle is not None:
                athlete_id = lock_athlete(conn, athlete)
            updated = conn.execute(
                sessions.update()
                .where(sessions.c.athlete_id == athlete_id, sessions.c.id == session_id)
                .values(finished_at=sa.func.coalesce(sessions.c.finished_at, utc_now()))
            )
            if updated.rowcount != 1:
                raise NotFound(f"session {session_id}")
            if settle is not None and athlete_id is not None:
                level_state.settle(conn, athlete_id, settle, sessions=[session_id])

    # -- calendar feed --------------------------------------------------------------------------
    def feed_token(self, athlete: str, *, new: bool = False) -> str:
        """The athlete's private calendar-feed token, made on first use (or anew with ``new``)."""
        import secrets

        with self._begin() as conn:
            athlete_id = lock_athlete(conn, athlete)
            token: str | None = conn.execute(
                sa.select(athletes.c.feed_token).where(athletes.c.id == athlete_id)
            ).scalar()
            if token is None or new:
                token = secrets.token_urlsafe(24)
                conn.execute(athletes.update().where(athletes.c.id == athlete_id).values(feed_token=token))
            return token

    def athlete_for_feed(self, token: str) -> str | None:
        with self.engine.connect() as conn:
            slug: str | None = conn.execute(sa.select(athletes.c.slug).where(athletes.c.feed_token == token)).scalar()
            return slug

    def sessions(
        self, athlete: str, *, since: dt.date | None = None, until: dt.date | None = None, limit: int | None = None
    ) -> list[LoggedSession]:
        """Logged sessions, newest first."""
        with self.engine.connect() as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            if athlete_id is None:
                return []
            where = [sessions.c.athlete_id == athlete_id]
            if since is not None:
                where.append(sessions.c.date >= since)
            if until is not None:
                where.append(sessions.c.date <= until)
            return self._load(conn, sa.and_(*where), limit=limit)

    def _load(self, conn: Connection, where: Any, *, limit: int | None = None) -> list[LoggedSession]:
        """Sessions matching ``where``, newest first, with their items."""
        query = sa.select(sessions).where(where).order_by(sessions.c.date.desc(), sessions.c.id.desc())
        if limit is not None:
            query = query.limit(limit)
        heads = conn.execute(query).mappings().all()
        ids = [head["id"] for head in heads]
        items: dict[int, list[LoggedItem]] = {i: [] for i in ids}
        if ids:
            rows = conn.execute(
                sa.select(session_items)
                .where(session_items.c.session_id.in_(ids))
                .order_by(session_items.c.session_id, session_items.c.position)
            ).mappings()
            for row in rows:
                items[row["session_id"]].append(_logged_item(row))
        return [
            LoggedSession(
                id=head["id"],
                date=reads.as_date(head["date"]),
                kind=head["kind"],
                minutes=head["minutes"],
                total_seconds=head["total_seconds"],
                items=tuple(items[head["id"]]),
                logged_at=_utc(head["logged_at"]),
                finished_at=None if head["finished_at"] is None else _utc(head["finished_at"]),
            )
            for head in heads
        ]

    def count_sessions(self, athlete: str) -> int:
        with self.engine.connect() as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            if athlete_id is None:
                return 0
            query = sa.select(sa.func.count()).select_from(sessions).where(sessions.c.athlete_id == athlete_id)
            return int(conn.execute(query).scalar_one())

    def _begin(self) -> Any:
        return Transaction(self.engine)


class Transaction:
    """engine.begin() that turns driver errors into a StoreError a person can read."""

    def __init__(self, engine: Engine) -> None:
        self._context = engine.begin()

    def __enter__(self) -> Connection:
        return self._context.__enter__()

    def __exit__(self, kind: Any, error: BaseException | None, trace: Any) -> Literal[False]:
        self._context.__exit__(kind, error, trace)
        if isinstance(error, DBAPIError):
            reason = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
            raise StoreError(f"the database refused the change, nothing was saved: {reason}") from error
        return False


def athlete_id(conn: Connection, slug: str, *, create: bool) -> int | None:
    """The athlete's row id; with ``create`` a missing athlete is added (never None then).

    Many first writes for the same new athlete may race: the insert does nothing when another
    transaction added the athlete first, and the row is read again.
    """
    found: int | None = conn.execute(sa.text(reads.ATHLETE_ID), {"slug": slug}).scalar()
    if found is not None or not create:
        return found
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    conn.execute(
        insert(athletes)
        .values(slug=slug, name=slug, created_at=utc_now())
        .on_conflict_do_nothing(index_elements=["slug"])
    )
    created: int = conn.execute(sa.text(reads.ATHLETE_ID), {"slug": slug}).scalar_one()
    return created


def lock_athlete(conn: Connection, slug: str) -> int:
    """The athlete's row id (the athlete added if missing), locked for writing until ``conn`` commits.

    Call it first in a transaction that reads a row and writes it back: PostgreSQL locks the
    athletes row (so a missing child row is covered too); SQLite, which locks the whole file,
    takes its write lock before anything is read, so the read sees the latest commit and other
    writers wait for this one (busy_timeout) instead of failing.
    """
    if conn.dialect.name == "sqlite":
        if not getattr(conn.connection.dbapi_connection, "in_transaction", False):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            # A transaction is already open but has read nothing yet: its first write takes the lock.
            conn.execute(athletes.update().where(athletes.c.slug == slug).values(slug=athletes.c.slug))
    found = athlete_id(conn, slug, create=True)
    if found is None:  # pragma: no cover - create=True always gives an id
        raise NotFound(f"athlete {slug}")
    if conn.dialect.name != "sqlite":
        conn.execute(sa.select(athletes.c.id).where(athletes.c.id == found).with_for_update())
    return found


def _kit_changed(
    conn: Connection, athlete_id: int, before: Profile | None, after: Profile, settle: level_state.Settle
) -> None:
    """Ladders are cut to the kit: when it changes, every exercise done is decided again."""
    if before is None or before.equipment != after.equipment:
        level_state.settle(conn, athlete_id, replace(settle, exercises=None))


def _write_profile(conn: Connection, athlete_id: int | None, profile: Profile) -> None:
    values = reads.profile_to_row(profile) | {"updated_at": utc_now()}
    updated = conn.execute(profiles.update().where(profiles.c.athlete_id == athlete_id).values(**values))
    if updated.rowcount == 0:
        conn.execute(profiles.insert().values(athlete_id=athlete_id, **values))


def insert_session(conn: Connection, athlete_id: int, session: LoggedSession, *, finished: bool = True) -> int:
    """Insert a session and its items on ``conn`` (the caller's transaction); return its id."""
    now = utc_now()
    session_id: int = conn.execute(
        sessions.insert()
        .values(
            athlete_id=athlete_id,
            date=session.date,
            kind=session.kind,
            minutes=session.minutes,
            total_seconds=session.total_seconds,
            logged_at=now,
            finished_at=now if finished else None,
        )
        .returning(sessions.c.id)
    ).scalar_one()
    rows = [_item_row(athlete_id, session_id, position, logged) for position, logged in enumerate(session.items)]
    if rows:
        conn.execute(session_items.insert(), rows)
    return session_id


def _utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive times; every time Supple writes is UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _item_row(athlete_id: int, session_id: int, position: int, logged: LoggedItem) -> dict[str, Any]:
    item, result = logged.item, logged.result
    return {
        "athlete_id": athlete_id,
        "session_id": session_id,
        "position": position,
        "block": logged.block,
        "region": logged.region,
        **asdict(item),
        "regions": list(item.regions),
        "done": None if result is None else result.done,
        "result_level": None if result is None else result.level,
        "result_hold_seconds": None if result is None else result.hold_seconds,
        "control": None if result is None else result.control,
        "discomfort": None if result is None else result.discomfort,
    }


def _logged_item(row: Any) -> LoggedItem:
    item = Item(
        exercise=row["exercise"],
        name=row["name"],
        role=row["role"],
        regions=tuple(reads.as_json(row["regions"])),
        sets=row["sets"],
        reps=row["reps"],
        hold_seconds=row["hold_seconds"],
        per_side=bool(row["per_side"]),
        static=bool(row["static"]),
        seconds=row["seconds"],
        level=row["level"],
        why=row["why"],
    )
    result = None
    if row["done"] is not None:
        result = ItemResult(
            done=bool(row["done"]),
            level=row["result_level"],
            hold_seconds=row["result_hold_seconds"],
            control=row["control"],
            discomfort=row["discomfort"],
        )
    return LoggedItem(block=row["block"], region=row["region"], item=item, result=result)


def open_store(url: str) -> Store:
    """Connect, migrate to head, and return the repository."""
    from supple.store.engine import make_engine, migrate

    engine = make_engine(url)
    migrate(engine)
    return Store(engine)


__all__: Sequence[str] = ("Store", "open_store")
