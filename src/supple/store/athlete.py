"""One athlete's data: the single reader and writer every service uses.

``AthleteData`` is bound to one athlete and one database when a request or a command
starts. It is the one place that chooses between the quick SQLite reader (no SQLAlchemy
import: the start-up budget of ``supple today``) and the SQLAlchemy repositories, and it
keeps one snapshot of the athlete's state per day asked for, dropped by any write made
through it. A handle opened read-only refuses every write with ``NotAllowed``.

Nothing here imports SQLAlchemy at import time; the repositories are opened on first use
and shared per database URL within the process (an engine is a connection pool).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from supple.core.errors import NotAllowed

if TYPE_CHECKING:
    from supple.core.activity import Activity, PlannedRun
    from supple.core.assessment import AssessmentResult
    from supple.core.athlete import AthleteState, Profile
    from supple.core.progression import Attempt, LevelChange, SorenessReading
    from supple.core.session import FlagReport, ItemResult, LoggedItem, LoggedSession
    from supple.store.calendars import Calendar, Calendars
    from supple.store.job_rows import JobRow, JobRows
    from supple.store.level_state import CurrentLevel, Settle
    from supple.store.measures import Measures
    from supple.store.repository import Store
    from supple.store.runs import Outcome, Runs, StoredActivity, StoredPlannedRun


@lru_cache(maxsize=8)
def shared_store(url: str) -> Store:
    """The repository for ``url``, created and migrated on first use, then shared in this process."""
    from supple.store.repository import open_store

    return open_store(url)


@lru_cache(maxsize=8)
def _shared_measures(url: str) -> Measures:
    from supple.store.measures import Measures

    return Measures(shared_store(url).engine)


@lru_cache(maxsize=8)
def shared_jobs(url: str) -> JobRows:
    """The job rows of the database at ``url`` (any athlete's: a worker runs them all)."""
    from supple.store.job_rows import JobRows

    return JobRows(shared_store(url).engine)


@lru_cache(maxsize=8)
def _shared_runs(url: str) -> Runs:
    from supple.store.runs import Runs

    return Runs(shared_store(url).engine)


@lru_cache(maxsize=8)
def _shared_calendars(url: str) -> Calendars:
    from supple.store.calendars import Calendars

    return Calendars(shared_store(url).engine)


class AthleteData:
    """Reads and writes of one athlete's rows (see the module docstring)."""

    def __init__(self, *, athlete: str, url: str, sqlite_path: Path | None, writable: bool = True) -> None:
        self.athlete = athlete
        self.url = url
        self.sqlite_path = sqlite_path
        self.writable = writable
        self._states: dict[dt.date, AthleteState] = {}
        #: Every screening result, when read with a state (one connection for both).
        self._results: tuple[AssessmentResult, ...] | None = None
        #: Sessions read, by what was asked: a view that reads the same days twice reads them once.
        self._sessions: dict[tuple[Any, ...], list[LoggedSession]] = {}

    @property
    def local_reads(self) -> bool:
        """True on the embedded SQLite file: reads are quick local ones, no network round trip."""
        return self.sqlite_path is not None

    # -- the repositories, opened on first use ------------------------------------------------
    @property
    def store(self) -> Store:
        return shared_store(self.url)

    @property
    def measures(self) -> Measures:
        return _shared_measures(self.url)

    # -- background jobs ----------------------------------------------------------------------
    def submit_job(
        self,
        kind: str,
        *,
        title: str = "",
        params: Mapping[str, Any] | None = None,
        chunks: Any = (),
        running: bool = False,
    ) -> str:
        self._write()
        found = shared_jobs(self.url)
        return found.submit(self.athlete, kind, title=title, params=params, chunks=chunks, running=running)

    def job(self, job_id: str) -> JobRow:
        """One of this athlete's jobs; NotFound for any other."""
        return shared_jobs(self.url).get(job_id, athlete=self.athlete)

    def recent_jobs(self, *, limit: int = 20) -> list[JobRow]:
        return shared_jobs(self.url).recent(self.athlete, limit=limit)

    @property
    def runs(self) -> Runs:
        return _shared_runs(self.url)

    @property
    def calendar_rows(self) -> Calendars:
        return _shared_calendars(self.url)

    def _write(self) -> None:
        """Every write passes here: refused when read-only; the snapshot is dropped."""
        if not self.writable:
            raise NotAllowed("this access is read-only; changing data needs read-write access")
        self._states.clear()
        self._sessions.clear()
        self._results = None

    # -- reads --------------------------------------------------------------------------------
    def state(self, today: dt.date) -> AthleteState:
        """Profile, recent history, levels and open flags: read once per day asked, then kept."""
        found = self._states.get(today)
        if found is None:
            found = self._read_state(today)
            self._states[today] = found
        return found

    def _read_state(self, today: dt.date) -> AthleteState:
        if self.sqlite_path is not None:
            from supple.store.quick import read_state

            quick = read_state(self.sqlite_path, self.athlete, today)
            if quick is not None:
                return quick
        state, self._results = self.store.state_and_results(self.athlete, today)
        return state

    def results(
        self, test: str | None = None, *, since: dt.date | None = None, until: dt.date | None = None
    ) -> tuple[AssessmentResult, ...]:
        """Screening-test results dated ``since`` to ``until`` (each open-ended when None), oldest first."""
        if since is not None or until is not None:
            return self.measures.results(self.athlete, test, since=since, until=until)
        if self._results is not None:  # read with the state, in the same snapshot
            return self._results if test is None else tuple(r for r in self._results if r.test == test)
        if test is None and self.sqlite_path is not None:
            from supple.store.quick import read_results

            quick = read_results(self.sqlite_path, self.athlete)
            if quick is not None:
                return quick
        return self.measures.results(self.athlete, test)

    def red_flags(self, *, cleared: bool = False) -> tuple[FlagReport, ...]:
        """Open red flags, oldest first (with ``cleared``, the cleared ones too)."""
        if not cleared and self.sqlite_path is not None:
            from supple.store.quick import read_red_flags

            quick = read_red_flags(self.sqlite_path, self.athlete)
            if quick is not None:
                return quick
        return self.measures.red_flags(self.athlete, cleared=cleared)

    def get_profile(self) -> Profile | None:
        return self.store.get_profile(self.athlete)

    def get_session(self, session_id: int) -> LoggedSession:
        return self.store.get_session(self.athlete, session_id)

    def sessions(
        self,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
        before: int | None = None,
    ) -> list[LoggedSession]:
        key = (since, until, limit, before)
        found = self._sessions.get(key)
        if found is None:
            found = self.store.sessions(self.athlete, since=since, until=until, limit=limit, before=before)
            self._sessions[key] = found
        return list(found)

    def first_session_date(self) -> dt.date | None:
        return self.store.first_session_date(self.athlete)

    def count_sessions(self) -> int:
        return self.store.count_sessions(self.athlete)

    def soreness(self, *, since: dt.date | None = None, until: dt.date | None = None) -> tuple[SorenessReading, ...]:
        return self.measures.soreness(self.athlete, since=since, until=until)

    def attempts(self) -> tuple[Attempt, ...]:
        return self.measures.attempts(self.athlete)

    def level_history(
        self, exercise: str | None = None, *, since: dt.date | None = None, until: dt.date | None = None
    ) -> tuple[LevelChange, ...]:
        return self.measures.level_history(self.athlete, exercise, since=since, until=until)

    def level_tallies(self, *, until: dt.date) -> tuple[dict[str, int], dict[str, int]]:
        """Decisions by kind up to ``until`` (red-flag steps left out), and exercises stepped down per episode."""
        return self.measures.level_tallies(self.athlete, until=until)

    def levels_before(self, day: dt.date) -> tuple[LevelChange, ...]:
        """Each exercise's last decision dated before ``day``."""
        return self.measures.levels_before(self.athlete, day)

    def followups(self) -> dict[int, str]:
        return self.measures.followups(self.athlete)

    def latest_done(self, *, since: dt.date, before: dt.date) -> tuple[int, dt.date, str | None] | None:
        """The latest session in [since, before) with an item done: id, day and next-day answer (or None)."""
        return self.measures.latest_done(self.athlete, since=since, before=before)

    def current_levels(self) -> tuple[CurrentLevel, ...]:
        """Each exercise's current level and last decision, from the level state."""
        return self.measures.current_levels(self.athlete)

    def feed_token(self, *, new: bool = False) -> str:
        """The calendar feed's secret, made on first use; ``new`` replaces it (a write)."""
        if new:
            self._write()
        return self.store.feed_token(self.athlete, new=new)

    # -- writes (each one transaction in the repository) ---------------------------------------
    def save_profile(self, profile: Profile, *, settle: Settle | None = None) -> None:
        self._write()
        self.store.save_profile(self.athlete, profile, settle=settle)

    def update_profile(self, change: Callable[[Profile | None], Profile], *, settle: Settle | None = None) -> Profile:
        """Read, ``change`` and save the profile in one locked transaction (``Store.update_profile``)."""
        self._write()
        return self.store.update_profile(self.athlete, change, settle=settle)

    def log_session(self, session: LoggedSession, *, finished: bool = True, settle: Settle | None = None) -> int:
        self._write()
        return self.store.log_session(self.athlete, session, finished=finished, settle=settle)

    def store_session(
        self, session: LoggedSession, *, finished: bool = True, settle: Settle | None = None
    ) -> LoggedSession:
        """Store ``session``; return it as stored (id and times), built from what was written."""
        self._write()
        return self.store.store_session(self.athlete, session, finished=finished, settle=settle)

    def record_item(
        self, session_id: int, position: int, result_for: Callable[[Sequence[LoggedItem]], ItemResult]
    ) -> LoggedSession:
        """Check and record one item's result in one transaction (``Store.record_item``); the session."""
        self._write()
        return self.store.record_item(self.athlete, session_id, position, result_for)

    def finish_session(self, session_id: int, *, settle: Settle | None = None) -> None:
        self._write()
        self.store.finish_session(self.athlete, session_id, settle=settle)

    def add_result(self, result: AssessmentResult, *, settle: Settle | None = None) -> int:
        self._write()
        return self.measures.add_result(self.athlete, result, settle=settle)

    def add_focus(
        self,
        before: Sequence[AssessmentResult],
        session: LoggedSession,
        after: Sequence[AssessmentResult],
        *,
        settle: Settle | None = None,
    ) -> int:
        self._write()
        return self.measures.add_focus(self.athlete, before, session, after, settle=settle)

    def add_soreness(self, readings: Sequence[SorenessReading], *, settle: Settle | None = None) -> int:
        self._write()
        return self.measures.add_soreness(self.athlete, readings, settle=settle)

    def add_levels(self, changes: Sequence[LevelChange]) -> int:
        self._write()
        return self.measures.add_levels(self.athlete, changes)

    def settle_levels(self, settle: Settle) -> int:
        """Decide again the exercises ``settle`` names (``level_state``); return the history rows added."""
        self._write()
        return self.measures.settle_levels(self.athlete, settle)

    def add_red_flags(self, reports: Sequence[FlagReport], *, settle: Settle | None = None) -> int:
        self._write()
        return self.measures.add_red_flags(self.athlete, reports, settle=settle)

    def clear_red_flags(self, on: dt.date, *, settle: Settle | None = None) -> int:
        self._write()
        return self.measures.clear_red_flags(self.athlete, on, settle=settle)

    def set_followup(self, session_id: int, answer: str, on: dt.date, *, settle: Settle | None = None) -> None:
        self._write()
        self.measures.set_followup(self.athlete, session_id, answer, on, settle=settle)

    # -- runs: recorded activities, planned runs (``store.runs``) ---------------------------------
    def known_file(self, content_hash: str) -> list[int] | None:
        """The activities a file with this content hash was stored as (by part); None when it is new."""
        return self.runs.known_file(self.athlete, content_hash)

    def add_activities(self, path: str, fmt: str, content_hash: str, found: Sequence[Activity]) -> list[Outcome]:
        """Store one file's activities in one transaction: per part, imported or duplicate, with the id."""
        self._write()
        return self.runs.add_activities(self.athlete, path, fmt, content_hash, found)

    def activities(
        self, *, since: dt.date | None = None, until: dt.date | None = None, limit: int | None = None
    ) -> list[StoredActivity]:
        return self.runs.activities(self.athlete, since=since, until=until, limit=limit)

    def get_activity(self, activity_id: int) -> StoredActivity:
        return self.runs.get_activity(self.athlete, activity_id)

    def count_activities(self) -> int:
        return self.runs.count_activities(self.athlete)

    def longest_run(self, before: dt.date, days: int = 30) -> float | None:
        """The longest run (metres) in the ``days`` days before ``before``; None when there was none."""
        return self.runs.longest_run(self.athlete, before, days)

    def add_manual_activity(self, activity: Activity) -> int:
        self._write()
        return self.runs.add_manual(self.athlete, activity)

    def update_activity(self, activity_id: int, activity: Activity) -> StoredActivity:
        self._write()
        return self.runs.update_activity(self.athlete, activity_id, activity)

    def delete_activity(self, activity_id: int) -> None:
        self._write()
        self.runs.delete_activity(self.athlete, activity_id)

    def add_planned_run(self, run: PlannedRun) -> int:
        self._write()
        return self.runs.add_planned(self.athlete, run)

    def planned_runs(self, *, since: dt.date | None = None, until: dt.date | None = None) -> list[StoredPlannedRun]:
        return self.runs.planned(self.athlete, since=since, until=until)

    def delete_planned_run(self, run_id: int) -> None:
        self._write()
        self.runs.delete_planned(self.athlete, run_id)

    # -- training-plan calendars (``store.calendars``) --------------------------------------------
    def add_calendar(self, url: str, name: str = "") -> int:
        self._write()
        return self.calendar_rows.add_calendar(self.athlete, url, name)

    def calendars(self) -> list[Calendar]:
        return self.calendar_rows.calendars(self.athlete)

    def delete_calendar(self, calendar_id: int) -> None:
        self._write()
        self.calendar_rows.delete_calendar(self.athlete, calendar_id)

    def replace_calendar_runs(
        self,
        calendar_id: int,
        *,
        start: dt.date,
        end: dt.date,
        runs: Sequence[tuple[str, PlannedRun]],
        status: str,
        report: Any,
        name: str | None = None,
    ) -> int:
        """The calendar's planned runs in ``start`` .. ``end`` replaced by ``runs``, and its status (one write)."""
        self._write()
        return self.calendar_rows.replace_runs(
            self.athlete, calendar_id, start=start, end=end, runs=runs, status=status, report=report, name=name
        )

    def calendar_failed(self, calendar_id: int, status: str) -> None:
        self._write()
        self.calendar_rows.record_failure(self.athlete, calendar_id, status)

    # -- all of the athlete's rows at once (export, import, delete) -----------------------------
    def dump(self) -> dict[str, list[dict[str, Any]]]:
        """Every row of the athlete as plain data, read in one snapshot (``store.athlete_rows``)."""
        from supple.store import athlete_rows

        return athlete_rows.dump(self.store.engine, self.athlete)

    def restore(self, dump: Mapping[str, Any], *, source: str, settle: Settle | None = None) -> dict[str, int]:
        """Write ``dump`` into this athlete, who must have no rows yet; rows restored per table.

        The level state is worked out again in the same transaction (with ``settle``: decided again).
        """
        from supple.store import athlete_rows

        self._write()
        return athlete_rows.restore(self.store.engine, self.athlete, dump, source=source, settle=settle)

    def delete_all(self) -> dict[str, int]:
        """Delete every row of the athlete in one transaction; rows deleted per table."""
        from supple.store import athlete_rows

        self._write()
        return athlete_rows.delete(self.store.engine, self.athlete)
