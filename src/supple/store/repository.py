"""The repository: every read and write of athlete data, each write in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Literal

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from supple.core.athlete import AthleteState, Profile, planned_window
from supple.core.session import ItemResult, LoggedItem, LoggedSession
from supple.store import level_state, reads
from supple.store.engine import one_writer
from supple.store.errors import NotFound, StoreError
from supple.store.schema import athletes, profiles, session_items, sessions
from supple.store.session_rows import (
    SESSION_HEAD,
    SESSION_WITH_ITEMS,
    SET_RESULT,
    insert_stored_session,
    item_result,
    logged_item,
    session_from_rows,
    utc_now,
)

if TYPE_CHECKING:
    from supple.core.assessment import AssessmentResult


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
        return self.state_and_results(athlete, today)[0]

    def state_and_results(self, athlete: str, today: dt.date) -> tuple[AthleteState, tuple[AssessmentResult, ...]]:
        """The state for ``today`` and every screening result (oldest first), read on one connection."""
        with self.engine.connect() as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            if athlete_id is None:
                return AthleteState(profile=None), ()
            since = today - dt.timedelta(days=reads.HISTORY_DAYS)
            history_sql = sa.text(reads.HISTORY).bindparams(
                sa.bindparam("since", type_=sa.Date), sa.bindparam("done", type_=sa.Boolean)
            )
            first, last = planned_window(today)
            planned_sql = sa.text(reads.PLANNED_RUNS).bindparams(
                sa.bindparam("first", type_=sa.Date), sa.bindparam("last", type_=sa.Date)
            )
            state = AthleteState(
                profile=reads.profile_from_row(conn.execute(sa.text(reads.PROFILE), {"athlete": athlete_id}).first()),
                history=reads.history_from_rows(
                    conn.execute(history_sql, {"athlete": athlete_id, "since": since, "done": True})
                ),
                levels=reads.levels_from_rows(conn.execute(sa.text(reads.LEVELS), {"athlete": athlete_id})),
                red_flags=reads.flags_from_rows(conn.execute(sa.text(reads.RED_FLAGS), {"athlete": athlete_id})),
                planned=reads.planned_from_rows(
                    conn.execute(planned_sql, {"athlete": athlete_id, "first": first, "last": last})
                ),
            )
            results = reads.results_from_rows(conn.execute(sa.text(reads.ASSESSMENTS), {"athlete": athlete_id}))
            return state, results

    # -- sessions ---------------------------------------------------------------------------
    def log_session(
        self, athlete: str, session: LoggedSession, *, finished: bool = True, settle: level_state.Settle | None = None
    ) -> int:
        """Store a session and all its items atomically; return its id (``store_session``)."""
        stored = self.store_session(athlete, session, finished=finished, settle=settle)
        assert stored.id is not None
        return stored.id

    def store_session(
        self, athlete: str, session: LoggedSession, *, finished: bool = True, settle: level_state.Settle | None = None
    ) -> LoggedSession:
        """Store a session and all its items atomically; return it as stored (with its id and times).

        With ``finished=False`` the session is in progress: results arrive item by item
        (``record_item``) and ``finish_session`` closes it. The answer is built from what was
        written, not read back. A finished session with ``settle`` has its exercises decided
        again in the same transaction (``level_state``); otherwise the levels its done items
        were done at are kept as they are.
        """
        with self._begin() as conn:
            deciding = settle is not None and finished
            athlete_id = lock_athlete(conn, athlete) if deciding else self._athlete_id(conn, athlete, create=True)
            assert athlete_id is not None
            stored = insert_stored_session(conn, athlete_id, session, finished=finished)
            assert stored.id is not None
            if deciding:
                assert settle is not None
                level_state.settle(conn, athlete_id, settle, sessions=[stored.id])
            else:
                level_state.offer_session(conn, athlete_id, stored.id)
            return stored

    def get_session(self, athlete: str, session_id: int) -> LoggedSession:
        """One of the athlete's sessions; NotFound if it is not theirs or does not exist."""
        with self.engine.connect() as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            found = self._load(conn, sa.and_(sessions.c.athlete_id == athlete_id, sessions.c.id == session_id))
        if not found:
            raise NotFound(f"session {session_id}")
        return found[0]

    def record_item(
        self,
        athlete: str,
        session_id: int,
        position: int,
        result_for: Callable[[Sequence[LoggedItem]], ItemResult],
    ) -> LoggedSession:
        """Record (or replace) the result of item ``position``; return the session with it.

        One write transaction of two statements: one read of the session with its items (the
        athlete resolved in the same query), and one UPDATE of the item's row with RETURNING. The result
        is checked by ``result_for`` against the stored items before anything is written (an
        error it raises writes nothing); the answer is built from the rows read and the row
        returned, not read again.
        """
        with self._begin() as conn:
            rows = conn.execute(SESSION_WITH_ITEMS, {"slug": athlete, "session": session_id}).mappings().all()
            if not rows:
                raise NotFound(f"session {session_id}")
            first = rows[0]
            head = {name: first[f"session_{name}"] for name in SESSION_HEAD}
            items = [logged_item(row) for row in rows if row["position"] is not None]
            result = result_for(items)
            row = conn.execute(
                SET_RESULT,
                {
                    "for_athlete": head["athlete_id"],
                    "for_session": session_id,
                    "for_position": position,
                    "new_done": result.done,
                    "new_level": result.level,
                    "new_hold": result.hold_seconds,
                    "new_control": result.control,
                    "new_discomfort": result.discomfort,
                },
            ).first()
            if row is None:
                raise NotFound(f"item {position} of session {session_id}")
            items[position] = replace(items[position], result=item_result(row._mapping))
            return session_from_rows(head, items)

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
        self,
        athlete: str,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
        before: int | None = None,
    ) -> list[LoggedSession]:
        """Logged sessions, newest first; with ``before`` (a session id), only those that come after it in that
        order (a cursor for the next page; none when it is not one of the athlete's sessions)."""
        with self.engine.connect() as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            if athlete_id is None:
                return []
            where = [sessions.c.athlete_id == athlete_id]
            if since is not None:
                where.append(sessions.c.date >= since)
            if until is not None:
                where.append(sessions.c.date <= until)
            if before is not None:
                day = (
                    sa.select(sessions.c.date)
                    .where(sessions.c.id == before, sessions.c.athlete_id == athlete_id)
                    .scalar_subquery()
                )
                where.append(sa.or_(sessions.c.date < day, sa.and_(sessions.c.date == day, sessions.c.id < before)))
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
                items[row["session_id"]].append(logged_item(row))
        return [session_from_rows(head, items[head["id"]]) for head in heads]

    def first_session_date(self, athlete: str) -> dt.date | None:
        """The date of the athlete's first session; None before any."""
        with self.engine.connect() as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            if athlete_id is None:
                return None
            query = sa.select(sa.func.min(sessions.c.date)).where(sessions.c.athlete_id == athlete_id)
            found = conn.execute(query).scalar()
            return None if found is None else reads.as_date(found)

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
    """engine.begin() that turns driver errors into a StoreError a person can read.

    On a SQLite file, writers first queue for their turn (``engine.one_writer``: a lock the
    kernel hands on, no sleeping), then the transaction starts with ``BEGIN IMMEDIATE``: it
    takes the write lock before its first read, so what it reads is the latest commit and it
    cannot fail half-way with "database is locked" when a read turns into a write. A writer
    that does not queue (a migration, an older process) is waited for in SQLite's busy
    handler (``make_engine`` sets the timeout).
    """

    def __init__(self, engine: Engine) -> None:
        self._turn = one_writer(engine)
        self._context = engine.begin()

    def __enter__(self) -> Connection:
        self._turn.__enter__()
        try:
            conn = self._context.__enter__()
        except BaseException as error:
            self._turn.__exit__(type(error), error, error.__traceback__)
            raise
        if conn.dialect.name == "sqlite":
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            except BaseException as error:
                self.__exit__(type(error), error, error.__traceback__)
                raise
        return conn

    def __exit__(self, kind: Any, error: BaseException | None, trace: Any) -> Literal[False]:
        try:
            self._context.__exit__(kind, error, trace)
        finally:
            self._turn.__exit__(None, None, None)
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
            # A transaction is already open (a Transaction's BEGIN IMMEDIATE holds the lock already;
            # a deferred one has read nothing yet): its first write takes the lock.
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


def open_store(url: str) -> Store:
    """Connect, migrate to head, and return the repository."""
    from supple.store.engine import make_engine, migrate

    engine = make_engine(url)
    migrate(engine)
    return Store(engine)


__all__: Sequence[str] = ("Store", "open_store")
