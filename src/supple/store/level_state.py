"""The level state: each exercise's current level and the last decision made on it, kept up to date.

``exercise_levels`` has one row per athlete and exercise done. ``today`` reads the levels from
it with one indexed query; a write that can change a decision passes a ``Settle`` and, in its
own transaction with the athlete locked, this module reads the inputs of only the exercises
that write touched, asks ``Settle.decide`` (the services, with ``core.progression``) for their
decisions, stores them, and appends a row to the level history only where the level, the kind
of decision or its cause changed. A repeated "hold" after a new session changes only the row
here.

Without a ``Settle`` (the store used on its own) the rows follow the rule the levels were read
with before there was a state: of an exercise's done items and decisions, by day, session, and
items before the decisions made after them, the last one wins.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from supple.core.progression import Attempt, SorenessReading
from supple.store import reads
from supple.store.schema import (
    assessment_results,
    exercise_levels,
    level_history,
    session_followups,
    session_items,
    sessions,
    soreness,
)

if TYPE_CHECKING:
    from supple.core.assessment import AssessmentResult
    from supple.core.athlete import Profile
    from supple.core.session import FlagReport


@dataclass(frozen=True, slots=True)
class LevelInputs:
    """What the decisions of some exercises are made from, read in the writing transaction."""

    #: The done items of the exercises being decided, oldest first.
    attempts: tuple[Attempt, ...]
    #: Soreness readings in the regions that bear on them, oldest first (those a decision reads).
    soreness: tuple[SorenessReading, ...]
    #: The next-day answers of the sessions they were last done in, by session id.
    followups: Mapping[int, str]
    #: Every red flag ever reported (cleared ones too), oldest first.
    red_flags: tuple[FlagReport, ...]
    #: The screening-test results a decision reads (``_results``), oldest first.
    results: tuple[AssessmentResult, ...]
    profile: Profile | None


@dataclass(frozen=True, slots=True)
class CurrentLevel:
    """One row of the state: an exercise's level, set after ``session_id``, and the decision that set it."""

    exercise: str
    level: int
    session_id: int
    date: dt.date
    #: progress, hold or regress; None when the level is the one last done at, with no decision after it.
    decision: str | None = None
    reason: str | None = None
    cause: str | None = None

    @property
    def _order(self) -> tuple[dt.date, int, int]:
        return (self.date, self.session_id, 0 if self.decision is None else 1)

    @property
    def change(self) -> tuple[int, str | None, str | None]:
        """What makes a decision a new one for the level history: its level, kind and cause."""
        return (self.level, self.decision, self.cause)


@dataclass(frozen=True)
class Settle:
    """What a write asks of the level state: decide these exercises again, this way.

    ``exercises`` None means every exercise done (a red flag, an import); a write that stores
    or names sessions adds the exercises done in them (``settle(sessions=...)``).
    """

    #: The current levels of the exercises in the inputs (pure: it reads nothing else).
    decide: Callable[[LevelInputs], Sequence[CurrentLevel]]
    #: The soreness regions that bear on the given exercises.
    regions: Callable[[Collection[str]], Collection[str]]
    exercises: frozenset[str] | None = frozenset()
    #: How many of an exercise's latest sessions a decision looks at (the sessions needed to move
    #: up, the sessions discomfort must not rise over) ...
    tail: int = 3
    #: ... and the most days it can count at one level (the longest minimum stay at a level).
    span_days: int = 14


def current(conn: Connection, athlete_id: int) -> tuple[CurrentLevel, ...]:
    """Every row of the athlete's state, by exercise."""
    e = exercise_levels.c
    rows = conn.execute(
        sa.select(e.exercise, e.level, e.session_id, e.date, e.decision, e.reason, e.cause)
        .where(e.athlete_id == athlete_id)
        .order_by(e.exercise)
    )
    return tuple(_row(row) for row in rows)


def _row(row: Any) -> CurrentLevel:
    exercise, level, session_id, day, decision, reason, cause = row
    return CurrentLevel(exercise, int(level), int(session_id), reads.as_date(day), decision, reason, cause)


def _stored(conn: Connection, athlete_id: int, exercises: Collection[str] | None) -> dict[str, CurrentLevel]:
    e = exercise_levels.c
    query = sa.select(e.exercise, e.level, e.session_id, e.date, e.decision, e.reason, e.cause).where(
        e.athlete_id == athlete_id
    )
    if exercises is not None:
        if not exercises:
            return {}
        query = query.where(e.exercise.in_(sorted(exercises)))
    return {row[0]: _row(row) for row in conn.execute(query)}


def _put(conn: Connection, athlete_id: int, rows: Iterable[CurrentLevel]) -> None:
    values = [
        {
            "athlete_id": athlete_id,
            "exercise": r.exercise,
            "level": r.level,
            "decision": r.decision,
            "reason": r.reason,
            "cause": r.cause,
            "session_id": r.session_id,
            "date": r.date,
        }
        for r in rows
    ]
    if not values:
        return
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    statement = insert(exercise_levels)
    fields = ("level", "decision", "reason", "cause", "session_id", "date")
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=["athlete_id", "exercise"], set_={f: statement.excluded[f] for f in fields}
        ),
        values,
    )


def offer(conn: Connection, athlete_id: int, rows: Sequence[CurrentLevel]) -> None:
    """Keep each of ``rows`` that is at least as late as the exercise's stored row (the last one wins)."""
    stored = _stored(conn, athlete_id, {r.exercise for r in rows})
    kept: dict[str, CurrentLevel] = {}
    for row in rows:
        known = kept.get(row.exercise) or stored.get(row.exercise)
        if known is None or row._order >= known._order:
            kept[row.exercise] = row
    _put(conn, athlete_id, kept.values())


def offer_session(conn: Connection, athlete_id: int, session_id: int) -> None:
    """The levels a session's done items were done at, each kept if the session is the exercise's latest."""
    i, s = session_items.c, sessions.c
    rows = conn.execute(
        sa.select(i.exercise, sa.func.coalesce(i.result_level, i.level), s.date)
        .join(sessions, s.id == i.session_id)
        .where(i.session_id == session_id, i.athlete_id == athlete_id, i.done.is_(True))
        .order_by(i.position)
    )
    offer(
        conn, athlete_id, [CurrentLevel(name, int(level), session_id, reads.as_date(day)) for name, level, day in rows]
    )


def _session_exercises(conn: Connection, athlete_id: int, ids: Collection[int]) -> set[str]:
    if not ids:
        return set()
    i = session_items.c
    query = sa.select(i.exercise).where(i.athlete_id == athlete_id, i.session_id.in_(sorted(ids)), i.done.is_(True))
    return set(conn.execute(query).scalars())


def _attempts(
    conn: Connection, athlete_id: int, exercises: Collection[str] | None, since: Mapping[str, dt.date] | None = None
) -> tuple[Attempt, ...]:
    """Done items of ``exercises`` (None: all), oldest first; of those in ``since``, only from that day on."""
    i, s = session_items.c, sessions.c
    query = (
        sa.select(s.id, s.date, i.exercise, sa.func.coalesce(i.result_level, i.level), i.control, i.discomfort)
        .join(sessions, s.id == i.session_id)
        .where(i.athlete_id == athlete_id, i.done.is_(True))
        .order_by(s.date, s.id, i.position)
    )
    if since:
        # From the sessions of the weeks asked (their date index), then each exercise's own days.
        parts = [sa.and_(i.exercise == name, s.date >= day) for name, day in sorted(since.items())]
        query = query.where(s.athlete_id == athlete_id, s.date >= min(since.values()), sa.or_(*parts))
    elif exercises is not None:
        if not exercises:
            return ()
        query = query.where(i.exercise.in_(sorted(exercises)))
    return tuple(
        Attempt(session_id, reads.as_date(day), name, int(level), control, discomfort)
        for session_id, day, name, level, control, discomfort in conn.execute(query)
    )


def _enough(attempts: Sequence[Attempt], how: Settle) -> bool:
    """True when one exercise's latest attempts (a window of them) decide it as all of them would.

    A decision looks at the run of sessions at the latest level (its last ``tail`` sessions, and
    the days since it began only up to ``span_days``) and the discomfort of the last ``tail``
    sessions: the window is enough when it holds ``tail`` sessions and the run either begins
    inside it or already spans ``span_days``.
    """
    latest: dict[int, Attempt] = {}
    for attempt in attempts:
        latest.pop(attempt.session_id, None)
        latest[attempt.session_id] = attempt
    ordered = list(latest.values())
    if len(ordered) < how.tail:
        return False
    level = ordered[-1].level
    if any(a.level != level for a in ordered):
        return True
    return (ordered[-1].date - ordered[0].date).days >= how.span_days


def _latest_attempts(
    conn: Connection, athlete_id: int, wanted: Collection[str] | None, stored: Mapping[str, CurrentLevel], how: Settle
) -> tuple[Attempt, ...]:
    """The attempts the decisions of ``wanted`` need, oldest first: for an exercise decided before, those
    of the weeks up to its last session when they are enough (``_enough``), else all of them."""
    if wanted is None:
        return _attempts(conn, athlete_id, None)
    window = dt.timedelta(days=max(28, 2 * how.span_days))
    since = {name: stored[name].date - window for name in wanted if name in stored}
    found = _attempts(conn, athlete_id, wanted, since) if since else ()
    by_exercise: dict[str, list[Attempt]] = {}
    for attempt in found:
        by_exercise.setdefault(attempt.exercise, []).append(attempt)
    whole = {name for name in wanted if name not in since or not _enough(by_exercise.get(name, []), how)}
    if not whole:
        return found
    rest = [a for a in found if a.exercise not in whole]
    return tuple(sorted([*rest, *_attempts(conn, athlete_id, whole)], key=lambda a: (a.date, a.session_id)))


def _soreness(
    conn: Connection, athlete_id: int, regions: Collection[str], since: dt.date
) -> tuple[SorenessReading, ...]:
    """The readings in ``regions`` from ``since`` on and, in each region, the last one before it, oldest first.

    That is all a decision reads when no exercise decided was last done before ``since``: the
    reading on or before its last session and the first one after it (``soreness_around``)."""
    if not regions:
        return ()
    c = soreness.c
    columns = (c.id, c.date, c.region, c.value, c.after_run)
    recent = conn.execute(
        sa.select(*columns).where(c.athlete_id == athlete_id, c.region.in_(sorted(regions)), c.date >= since)
    ).all()
    last_before = [
        sa.select(c.id)
        .where(c.athlete_id == athlete_id, c.region == region, c.date < since)
        .order_by(c.date.desc(), c.id.desc())
        .limit(1)
        .scalar_subquery()
        for region in sorted(regions)
    ]
    older = conn.execute(sa.select(*columns).where(c.id.in_(last_before))).all()
    rows = sorted([*older, *recent], key=lambda row: (reads.as_date(row[1]), row[0]))
    return tuple(SorenessReading(reads.as_date(d), region, int(v), bool(a)) for _, d, region, v, a in rows)


def _results(conn: Connection, athlete_id: int, since: dt.date) -> tuple[AssessmentResult, ...]:
    """The screening results from ``since`` on and, for each test and side among them, the last one before
    it, oldest first: a drop counts for an exercise only when no older than its last session, and it
    compares a series' latest result with the one before (``range_drops``)."""
    a = assessment_results.c
    columns = (a.id, a.test, a.side, a.date, a.value)
    recent = conn.execute(sa.select(*columns).where(a.athlete_id == athlete_id, a.date >= since)).all()
    if not recent:
        return ()
    last_before = [
        sa.select(a.id)
        .where(a.athlete_id == athlete_id, a.test == test, a.side.is_(None) if side is None else a.side == side)
        .where(a.date < since)
        .order_by(a.date.desc(), a.id.desc())
        .limit(1)
        .scalar_subquery()
        for test, side in sorted({(row[1], row[2]) for row in recent}, key=lambda key: (key[0], key[1] or ""))
    ]
    older = conn.execute(sa.select(*columns).where(a.id.in_(last_before))).all()
    rows = sorted([*older, *recent], key=lambda row: (reads.as_date(row[3]), row[0]))
    return reads.results_from_rows(row[1:] for row in rows)


def _decided_since(attempts: Iterable[Attempt]) -> dt.date:
    """The earliest of the exercises' last days done: no decision reads soreness or results before."""
    last: dict[str, dt.date] = {}
    for attempt in attempts:
        last[attempt.exercise] = max(attempt.date, last.get(attempt.exercise, attempt.date))
    return min(last.values())


def _followups(conn: Connection, athlete_id: int, ids: Collection[int]) -> dict[int, str]:
    if not ids:
        return {}
    f = session_followups.c
    rows = conn.execute(sa.select(f.session_id, f.answer).where(f.athlete_id == athlete_id, f.session_id.in_(ids)))
    return {int(session_id): str(answer) for session_id, answer in rows}


def _last_decisions(
    conn: Connection, athlete_id: int, exercises: Collection[str]
) -> dict[str, tuple[int, CurrentLevel]]:
    """The id and content of each exercise's latest level-history row."""
    if not exercises:
        return {}
    h = level_history.c
    latest = (
        sa.select(h.exercise, sa.func.max(h.id).label("id"))
        .where(h.athlete_id == athlete_id, h.exercise.in_(sorted(exercises)))
        .group_by(h.exercise)
        .subquery()
    )
    rows = conn.execute(
        sa.select(h.id, h.exercise, h.level, h.session_id, h.date, h.decision, h.reason, h.cause).join(
            latest, latest.c.id == h.id
        )
    )
    return {row[1]: (int(row[0]), _row(tuple(row)[1:])) for row in rows}


def settle(conn: Connection, athlete_id: int, how: Settle, *, sessions: Collection[int] = ()) -> int:
    """Decide again the exercises ``how`` names and those done in ``sessions``; return the history rows added.

    Runs on the caller's connection, in its transaction, with the athlete locked
    (``repository.lock_athlete``), so the inputs read here include the caller's write and no
    other writer of the athlete can interleave.
    """
    wanted: set[str] | None = None
    if how.exercises is not None:
        wanted = set(how.exercises) | _session_exercises(conn, athlete_id, sessions)
        if not wanted:
            return 0
    stored = _stored(conn, athlete_id, wanted)
    attempts = _latest_attempts(conn, athlete_id, wanted, stored, how)
    done = {a.exercise for a in attempts}
    last_sessions = {a.exercise: a.session_id for a in attempts}
    since = _decided_since(attempts) if attempts else dt.date.max
    inputs = LevelInputs(
        attempts=attempts,
        soreness=_soreness(conn, athlete_id, how.regions(done), since),
        followups=_followups(conn, athlete_id, sorted(set(last_sessions.values()))),
        red_flags=reads.flags_from_rows(conn.execute(sa.text(reads.ALL_RED_FLAGS), {"athlete": athlete_id})),
        results=_results(conn, athlete_id, since),
        profile=reads.profile_from_row(conn.execute(sa.text(reads.PROFILE), {"athlete": athlete_id}).first()),
    )
    decided = {row.exercise: row for row in how.decide(inputs)}
    gone = [name for name in stored if name not in decided]
    if gone:  # no done item left (never by the services' own writes; kept true all the same)
        e = exercise_levels.c
        conn.execute(exercise_levels.delete().where(e.athlete_id == athlete_id, e.exercise.in_(gone)))
    # The decision each one follows: the stored row's, or the history's when the row has none.
    unsure = [
        n for n, row in decided.items() if row.decision is not None and (n not in stored or not stored[n].decision)
    ]
    history = _last_decisions(conn, athlete_id, unsure)
    new: list[CurrentLevel] = []
    for name, row in decided.items():
        if row.decision is None:
            continue
        before = stored.get(name)
        if before is None or before.decision is None:
            before = history[name][1] if name in history else None
        if before is None or before.change != row.change:
            new.append(row)
    _put(conn, athlete_id, [row for name, row in decided.items() if stored.get(name) != row])
    return append_history(conn, athlete_id, new, {name: found[0] for name, found in history.items()})


def append_history(
    conn: Connection, athlete_id: int, rows: Sequence[CurrentLevel], last_ids: Mapping[str, int] | None = None
) -> int:
    """Append decisions to the level history, each following the exercise's latest row; return how many.

    ``last_ids`` may name the latest row id of some exercises (read already); the others are read.
    """
    if not rows:
        return 0
    known = dict(last_ids or {})
    missing = [r.exercise for r in rows if r.exercise not in known]
    known |= {name: found[0] for name, found in _last_decisions(conn, athlete_id, missing).items()}
    insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    h = level_history.c
    added = 0
    now = dt.datetime.now(dt.UTC)
    for r in rows:
        stored = conn.execute(
            insert(level_history)
            .values(
                athlete_id=athlete_id,
                exercise=r.exercise,
                date=r.date,
                level=r.level,
                decision=r.decision,
                reason=r.reason or "",
                session_id=r.session_id,
                cause=r.cause,
                created_at=now,
                follows=known.get(r.exercise, 0),
            )
            .on_conflict_do_nothing(index_elements=["athlete_id", "exercise", "follows"])
            .returning(h.id)
        ).scalar()
        if stored is not None:
            known[r.exercise] = int(stored)
            added += 1
    return added


#: The rule the levels were read by before there was a state (and migration 0009 fills it by):
#: of an exercise's done items and decisions, by day, session, then items before decisions, the last wins.
_LATEST = (
    "SELECT exercise, level, session_id, day, decision, reason, cause FROM ("
    "SELECT u.*, ROW_NUMBER() OVER ("
    "PARTITION BY exercise ORDER BY day DESC, session_id DESC, kind DESC, seq DESC"
    ") AS latest FROM ("
    "SELECT i.exercise AS exercise, COALESCE(i.result_level, i.level) AS level, "
    "CAST(NULL AS VARCHAR(16)) AS decision, CAST(NULL AS TEXT) AS reason, CAST(NULL AS VARCHAR(100)) AS cause, "
    "s.id AS session_id, s.date AS day, 0 AS kind, i.position AS seq "
    "FROM session_items i JOIN sessions s ON s.id = i.session_id WHERE i.athlete_id = :athlete AND i.done = :done "
    "UNION ALL "
    "SELECT h.exercise, h.level, h.decision, h.reason, h.cause, h.session_id, h.date, 1, h.id "
    "FROM level_history h WHERE h.athlete_id = :athlete"
    ") AS u"
    ") AS ranked WHERE latest = 1"
)


def rebuild(conn: Connection, athlete_id: int) -> None:
    """The athlete's state worked out from the stored items and decisions alone (no catalogue at hand)."""
    query = sa.text(_LATEST).bindparams(sa.bindparam("done", type_=sa.Boolean))
    rows = [_row(row) for row in conn.execute(query, {"athlete": athlete_id, "done": True})]
    conn.execute(exercise_levels.delete().where(exercise_levels.c.athlete_id == athlete_id))
    _put(conn, athlete_id, rows)


def work_out(conn: Connection, athlete_id: int, how: Settle | None) -> None:
    """The athlete's whole state again (an import): decided with ``how``, else by the rule of ``rebuild``."""
    if how is None:
        rebuild(conn, athlete_id)
    else:
        settle(conn, athlete_id, replace(how, exercises=None))
