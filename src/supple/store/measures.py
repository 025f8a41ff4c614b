"""The measures repository: screening-test results, soreness ratings and the level history.

Like ``Store``, every row belongs to an athlete and every write is one transaction: a batch
of soreness ratings or level decisions is stored whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine

from supple.core.assessment import AssessmentResult
from supple.core.progression import FLAG_CAUSE, NEXT_DAY_ANSWERS, Attempt, LevelChange, SorenessReading
from supple.core.session import FlagReport, LoggedSession
from supple.core.vocabulary import check_flag_level
from supple.store import level_state, reads
from supple.store.errors import NotFound, StoreError
from supple.store.level_state import CurrentLevel, Settle
from supple.store.repository import Transaction, athlete_id, lock_athlete
from supple.store.schema import (
    assessment_results,
    level_history,
    red_flag_reports,
    session_followups,
    session_items,
    sessions,
    soreness,
)
from supple.store.session_rows import insert_session, utc_now


class Measures:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _athlete_id(self, conn: Connection, slug: str, *, create: bool) -> int | None:
        return athlete_id(conn, slug, create=create)

    def _writer(self, conn: Connection, slug: str, settle: Settle | None) -> int:
        """The athlete's id for a write (the athlete added if missing); locked when levels will be decided."""
        found = lock_athlete(conn, slug) if settle is not None else athlete_id(conn, slug, create=True)
        assert found is not None
        return found

    # -- the level state ----------------------------------------------------------------------------
    def settle_levels(self, athlete: str, settle: Settle) -> int:
        """Decide again the exercises ``settle`` names, in one locked transaction; return history rows added."""
        with Transaction(self.engine) as conn:
            return level_state.settle(conn, lock_athlete(conn, athlete), settle)

    def current_levels(self, athlete: str) -> tuple[CurrentLevel, ...]:
        """Each exercise's current level and the last decision made on it, by exercise."""
        with self.engine.connect() as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            return () if athlete_id is None else level_state.current(conn, athlete_id)

    # -- screening-test results ---------------------------------------------------------------
    def add_result(self, athlete: str, result: AssessmentResult, *, settle: Settle | None = None) -> int:
        with Transaction(self.engine) as conn:
            athlete_id = self._writer(conn, athlete, settle)
            new_id = _insert_result(conn, athlete_id, result)
            if settle is not None:
                level_state.settle(conn, athlete_id, settle)
            return new_id

    def add_focus(
        self,
        athlete: str,
        before: Sequence[AssessmentResult],
        session: LoggedSession,
        after: Sequence[AssessmentResult],
        *,
        settle: Settle | None = None,
    ) -> int:
        """Store a test, melt and mould, re-test whole or not at all: the before results, the session, the after
        results, in that order; return the session's id."""
        with Transaction(self.engine) as conn:
            athlete_id = self._writer(conn, athlete, settle)
            for result in before:
                _insert_result(conn, athlete_id, result)
            session_id = insert_session(conn, athlete_id, session)
            for result in after:
                _insert_result(conn, athlete_id, result)
            if settle is not None:
                level_state.settle(conn, athlete_id, settle, sessions=[session_id])
            else:
                level_state.offer_session(conn, athlete_id, session_id)
            return session_id

    def results(
        self, athlete: str, test: str | None = None, *, since: dt.date | None = None, until: dt.date | None = None
    ) -> tuple[AssessmentResult, ...]:
        """Results oldest first (by date, then in the order they were recorded), dated ``since`` to ``until``."""
        with self.engine.connect() as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            if athlete_id is None:
                return ()
            if since is None and until is None:
                rows = reads.results_from_rows(conn.execute(sa.text(reads.ASSESSMENTS), {"athlete": athlete_id}))
            else:
                a = assessment_results.c
                query = sa.select(a.test, a.side, a.date, a.value).where(
                    a.athlete_id == athlete_id, *_window(a.date, since, until)
                )
                rows = reads.results_from_rows(conn.execute(query.order_by(a.date, a.id)))
        return rows if test is None else tuple(r for r in rows if r.test == test)

    # -- soreness ---------------------------------------------------------------------------------
    def add_soreness(self, athlete: str, readings: Sequence[SorenessReading], *, settle: Settle | None = None) -> int:
        """Store all ``readings`` in one transaction; return how many."""
        with Transaction(self.engine) as conn:
            athlete_id = self._writer(conn, athlete, settle)
            if readings:
                now = utc_now()
                conn.execute(
                    soreness.insert(),
                    [
                        {
                            "athlete_id": athlete_id,
                            "date": r.date,
                            "region": r.region,
                            "value": r.value,
                            "after_run": r.after_run,
                            "created_at": now,
                        }
                        for r in readings
                    ],
                )
                if settle is not None:
                    level_state.settle(conn, athlete_id, settle)
            return len(readings)

    def soreness(
        self, athlete: str, *, since: dt.date | None = None, until: dt.date | None = None
    ) -> tuple[SorenessReading, ...]:
        """Soreness readings dated ``since`` to ``until``, oldest first (by date, then in the order recorded)."""
        with self.engine.connect() as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            if athlete_id is None:
                return ()
            query = sa.select(soreness.c.date, soreness.c.region, soreness.c.value, soreness.c.after_run).where(
                soreness.c.athlete_id == athlete_id
            )
            query = query.where(*_window(soreness.c.date, since, until))
            rows = conn.execute(query.order_by(soreness.c.date, soreness.c.id))
            return tuple(SorenessReading(reads.as_date(d), region, int(v), bool(a)) for d, region, v, a in rows)

    # -- what was done, for level decisions --------------------------------------------------------
    def attempts(self, athlete: str) -> tuple[Attempt, ...]:
        """Every item marked done, oldest first, at the level it was done (its result level if given)."""
        with self.engine.connect() as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            if athlete_id is None:
                return ()
            query = (
                sa.select(
                    sessions.c.id,
                    sessions.c.date,
                    session_items.c.exercise,
                    sa.func.coalesce(session_items.c.result_level, session_items.c.level),
                    session_items.c.control,
                    session_items.c.discomfort,
                )
                .join(sessions, sessions.c.id == session_items.c.session_id)
                .where(session_items.c.athlete_id == athlete_id, session_items.c.done.is_(True))
                .order_by(sessions.c.date, sessions.c.id, session_items.c.position)
            )
            return tuple(
                Attempt(session_id, reads.as_date(day), exercise, int(level), control, discomfort)
                for session_id, day, exercise, level, control, discomfort in conn.execute(query)
            )

    # -- level history ----------------------------------------------------------------------------
    def add_levels(self, athlete: str, changes: Sequence[LevelChange]) -> int:
        """Append decisions to the level history in one transaction; return how many were new.

        Idempotent for one decision per exercise (a batch of new decisions): a decision equal to the
        exercise's last one is not appended again, and each row names the row it follows (a
        unique key), so of two writers appending after the same last decision only the first
        is kept.
        """
        with Transaction(self.engine) as conn:
            athlete_id = self._athlete_id(conn, athlete, create=True)
            assert athlete_id is not None
            insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
            h = level_history.c
            added = 0
            for c in changes:
                last = conn.execute(
                    sa.select(h.id, h.date, h.level, h.decision, h.reason, h.session_id, h.cause)
                    .where(h.athlete_id == athlete_id, h.exercise == c.exercise)
                    .order_by(h.id.desc())
                    .limit(1)
                ).first()
                if last is not None and _same(tuple(last)[1:], c):
                    continue
                row = {
                    "athlete_id": athlete_id,
                    "exercise": c.exercise,
                    "date": c.date,
                    "level": c.level,
                    "decision": c.decision,
                    "reason": c.reason,
                    "session_id": c.session_id,
                    "cause": c.cause,
                    "created_at": utc_now(),
                    "follows": 0 if last is None else last.id,
                }
                stored = conn.execute(
                    insert(level_history)
                    .values(row)
                    .on_conflict_do_nothing(index_elements=["athlete_id", "exercise", "follows"])
                    .returning(h.id)
                ).first()
                added += stored is not None
            # The state follows the decisions by the rule the levels are read by: the latest one wins.
            level_state.offer(
                conn,
                athlete_id,
                [
                    CurrentLevel(c.exercise, c.level, c.session_id, c.date, c.decision, c.reason, c.cause)
                    for c in changes
                ],
            )
            return added

    def level_history(
        self,
        athlete: str,
        exercise: str | None = None,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
    ) -> tuple[LevelChange, ...]:
        """Decisions dated ``since`` to ``until``, in the order they were made."""
        with self.engine.connect() as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            if athlete_id is None:
                return ()
            h = level_history.c
            query = sa.select(h.exercise, h.date, h.level, h.decision, h.reason, h.session_id, h.cause).where(
                h.athlete_id == athlete_id, *_window(h.date, since, until)
            )
            if exercise is not None:
                query = query.where(h.exercise == exercise)
            return _changes(conn.execute(query.order_by(h.id)))

    def level_tallies(self, athlete: str, *, until: dt.date) -> tuple[dict[str, int], dict[str, int]]:
        """Counted in SQL up to ``until``: decisions by kind, red-flag steps left out; and for each
        red-flag episode (its ``cause``), how many exercises it stepped down."""
        with self.engine.connect() as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            if athlete_id is None:
                return {}, {}
            h = level_history.c
            flagged = h.cause.like(f"{FLAG_CAUSE}%")
            moves = conn.execute(
                sa.select(h.decision, sa.func.count())
                .where(h.athlete_id == athlete_id, h.date <= until, sa.or_(h.cause.is_(None), ~flagged))
                .group_by(h.decision)
            )
            steps = conn.execute(
                sa.select(h.cause, sa.func.count(sa.distinct(h.exercise)))
                .where(h.athlete_id == athlete_id, flagged)
                .group_by(h.cause)
            )
            return {str(d): int(n) for d, n in moves}, {str(c): int(n) for c, n in steps}

    def levels_before(self, athlete: str, day: dt.date) -> tuple[LevelChange, ...]:
        """The last decision dated before ``day`` for each exercise (where a chart that opens on ``day`` starts)."""
        with self.engine.connect() as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            if athlete_id is None:
                return ()
            h = level_history.c
            last = (
                sa.select(sa.func.max(h.id))
                .where(h.athlete_id == athlete_id, h.date < day)
                .group_by(h.exercise)
                .scalar_subquery()
            )
            query = sa.select(h.exercise, h.date, h.level, h.decision, h.reason, h.session_id, h.cause).where(
                h.athlete_id == athlete_id, h.id.in_(last)
            )
            return _changes(conn.execute(query.order_by(h.id)))

    # -- red flags ----------------------------------------------------------------------------------
    def add_red_flags(self, athlete: str, reports: Sequence[FlagReport], *, settle: Settle | None = None) -> int:
        """Open every report in one transaction; a flag already open for the same complaint is kept once.

        Each report's level must be one of ``FLAG_LEVELS``: InvalidInput naming it otherwise, and
        nothing is written.
        """
        for r in reports:
            check_flag_level(r.level, field="red flag level")
        with Transaction(self.engine) as conn:
            athlete_id = self._writer(conn, athlete, settle)
            open_now = {
                (r.flag, r.complaint)
                for r in reads.flags_from_rows(conn.execute(sa.text(reads.RED_FLAGS), {"athlete": athlete_id}))
            }
            new = [r for r in dict.fromkeys(reports) if (r.flag, r.complaint) not in open_now]
            if new:
                now = utc_now()
                conn.execute(
                    red_flag_reports.insert(),
                    [
                        {
                            "athlete_id": athlete_id,
                            "flag": r.flag,
                            "complaint": r.complaint,
                            "level": r.level,
                            # The column of the first red-flag schema, kept filled for older readers.
                            "urgent": r.level != "soon",
                            "date": r.date,
                            "created_at": now,
                        }
                        for r in new
                    ],
                )
                if settle is not None:
                    level_state.settle(conn, athlete_id, settle)
            return len(new)

    def red_flags(self, athlete: str, *, cleared: bool = False) -> tuple[FlagReport, ...]:
        """The red flags still open (with ``cleared``, every one ever reported, with its cleared day), oldest first."""
        with self.engine.connect() as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            if athlete_id is None:
                return ()
            sql = reads.ALL_RED_FLAGS if cleared else reads.RED_FLAGS
            return reads.flags_from_rows(conn.execute(sa.text(sql), {"athlete": athlete_id}))

    def clear_red_flags(self, athlete: str, on: dt.date, *, settle: Settle | None = None) -> int:
        """Close every open red flag (a clinician has seen the runner); return how many.

        Nothing is deleted: each report keeps its level and date and gains the day it was cleared.
        """
        with Transaction(self.engine) as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            if athlete_id is None:
                return 0
            if settle is not None:
                lock_athlete(conn, athlete)
            done = conn.execute(
                red_flag_reports.update()
                .where(red_flag_reports.c.athlete_id == athlete_id, red_flag_reports.c.cleared_at.is_(None))
                .values(cleared_at=utc_now(), cleared_on=on)
            )
            if done.rowcount and settle is not None:
                level_state.settle(conn, athlete_id, settle)
            return int(done.rowcount)

    # -- the next-day answer ------------------------------------------------------------------------
    def set_followup(
        self, athlete: str, session_id: int, answer: str, on: dt.date, *, settle: Settle | None = None
    ) -> None:
        """Record (or replace) how a session's work felt the next day, in one transaction.

        Giving the same answer again changes nothing; NotFound if the session is not the athlete's.
        """
        if answer not in NEXT_DAY_ANSWERS:
            raise ValueError(f"next-day answer {answer!r}; expected one of {', '.join(NEXT_DAY_ANSWERS)}")
        try:
            self._set_followup(athlete, session_id, answer, on, settle)
        except StoreError as refused:
            if not isinstance(refused.__cause__, sa.exc.IntegrityError):
                raise
            # A second writer answered the same session at the same moment and its row won the
            # insert: this try finds that row and replaces it.
            self._set_followup(athlete, session_id, answer, on, settle)

    def _set_followup(
        self, athlete: str, session_id: int, answer: str, on: dt.date, settle: Settle | None = None
    ) -> None:
        with Transaction(self.engine) as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            if athlete_id is not None and settle is not None:
                lock_athlete(conn, athlete)
            owner = conn.execute(sa.select(sessions.c.athlete_id).where(sessions.c.id == session_id)).scalar()
            if athlete_id is None or owner != athlete_id:
                raise NotFound(f"session {session_id}")
            f = session_followups.c
            updated = conn.execute(
                session_followups.update().where(f.session_id == session_id).values(answer=answer, date=on)
            )
            if updated.rowcount == 0:
                conn.execute(
                    session_followups.insert().values(
                        athlete_id=athlete_id, session_id=session_id, answer=answer, date=on, created_at=utc_now()
                    )
                )
            if settle is not None:
                level_state.settle(conn, athlete_id, settle, sessions=[session_id])

    def latest_done(self, athlete: str, *, since: dt.date, before: dt.date) -> tuple[int, dt.date, str | None] | None:
        """The latest session from ``since`` up to the day before ``before`` with an item done: its id, day and
        next-day answer (None: not given yet); None when there is none. One indexed read."""
        with self.engine.connect() as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            if athlete_id is None:
                return None
            s, i, f = sessions.c, session_items.c, session_followups.c
            done = sa.exists().where(i.session_id == s.id, i.done.is_(True))
            found = conn.execute(
                sa.select(s.id, s.date, f.answer)
                .outerjoin(session_followups, f.session_id == s.id)
                .where(s.athlete_id == athlete_id, s.date >= since, s.date < before, done)
                .order_by(s.date.desc(), s.id.desc())
                .limit(1)
            ).first()
            return None if found is None else (int(found[0]), reads.as_date(found[1]), found[2])

    def followups(self, athlete: str) -> dict[int, str]:
        """The next-day answer given for each session, by session id."""
        with self.engine.connect() as conn:
            athlete_id = self._athlete_id(conn, athlete, create=False)
            if athlete_id is None:
                return {}
            f = session_followups.c
            rows = conn.execute(sa.select(f.session_id, f.answer).where(f.athlete_id == athlete_id))
            return {int(session_id): str(answer) for session_id, answer in rows}


def _window(column: Any, since: dt.date | None, until: dt.date | None) -> list[Any]:
    """The conditions that keep ``column`` (a date) from ``since`` to ``until``, both included."""
    out = []
    if since is not None:
        out.append(column >= since)
    if until is not None:
        out.append(column <= until)
    return out


def _changes(rows: Any) -> tuple[LevelChange, ...]:
    return tuple(
        LevelChange(name, reads.as_date(day), int(level), decision, reason, int(session_id), cause)
        for name, day, level, decision, reason, session_id, cause in rows
    )


def _insert_result(conn: Connection, athlete_id: int, result: AssessmentResult) -> int:
    new_id: int = conn.execute(
        assessment_results.insert()
        .values(
            athlete_id=athlete_id,
            test=result.test,
            side=result.side,
            date=result.date,
            value=result.value,
            created_at=utc_now(),
        )
        .returning(assessment_results.c.id)
    ).scalar_one()
    return new_id


def _same(row: tuple[Any, ...], change: LevelChange) -> bool:
    """True if the stored decision ``row`` (date, level, decision, reason, session, cause) says what ``change`` says."""
    day, level, decision, reason, session_id, cause = row
    stored = (reads.as_date(day), int(level), decision, reason, int(session_id), cause)
    return stored == (change.date, change.level, change.decision, change.reason, change.session_id, change.cause)
