"""Read queries shared by the SQLAlchemy repository and the quick SQLite path.

Both run the same SQL text (named ``:parameters`` work in SQLAlchemy and in sqlite3), and
both turn rows into core types with the functions below, so the two paths cannot drift.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from supple.core.activity import PlannedRun
from supple.core.athlete import Profile
from supple.core.session import FlagReport, HistoryEntry

if TYPE_CHECKING:
    from supple.core.assessment import AssessmentResult

ATHLETE_ID = "SELECT id FROM athletes WHERE slug = :slug"
PROFILE = "SELECT run_times, minutes, equipment, priorities, complaints, name FROM profiles WHERE athlete_id = :athlete"
HISTORY = (
    "SELECT s.id, s.date, i.exercise, i.region FROM sessions s JOIN session_items i ON i.session_id = s.id "
    "WHERE s.athlete_id = :athlete AND s.date >= :since "
    "AND (i.done = :done OR (i.done IS NULL AND s.finished_at IS NOT NULL)) "
    "ORDER BY s.date, s.id, i.position"
)
#: The level each exercise is dosed at next: its row of the level state (``store.level_state``),
#: one indexed read however long the history.
LEVELS = "SELECT exercise, level FROM exercise_levels WHERE athlete_id = :athlete"
#: Screening-test results, oldest first.
ASSESSMENTS = "SELECT test, side, date, value FROM assessment_results WHERE athlete_id = :athlete ORDER BY date, id"

#: Red flags not yet cleared, oldest first.
RED_FLAGS = (
    "SELECT flag, complaint, level, date, cleared_on FROM red_flag_reports "
    "WHERE athlete_id = :athlete AND cleared_at IS NULL ORDER BY date, id"
)

#: Every red flag ever reported, cleared or not, oldest first (clearing never erases a report).
ALL_RED_FLAGS = (
    "SELECT flag, complaint, level, date, cleared_on FROM red_flag_reports "
    "WHERE athlete_id = :athlete ORDER BY date, id"
)

#: Runs planned by hand or from a calendar in a window of days, by date and time.
PLANNED_RUNS = (
    "SELECT date, at, kind, distance_m, minutes, source, title FROM planned_runs "
    "WHERE athlete_id = :athlete AND date >= :first AND date <= :last ORDER BY date, at, id"
)

#: How far back the composer looks to rotate regions and exercises.
HISTORY_DAYS = 14


def as_json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def profile_from_row(row: Sequence[Any] | None) -> Profile | None:
    if row is None:
        return None
    run_times, minutes, equipment, priorities, complaints, name = row
    times = as_json(run_times)
    return Profile(
        run_times=tuple((day, dt.time.fromisoformat(value)) for day, value in times),
        minutes=int(minutes),
        equipment=frozenset(as_json(equipment)),
        priorities=tuple(as_json(priorities)),
        complaints=frozenset(as_json(complaints)),
        name=str(name or ""),
    )


def profile_to_row(profile: Profile) -> dict[str, Any]:
    return {
        "run_times": [[day, time.strftime("%H:%M")] for day, time in profile.run_times],
        "minutes": profile.minutes,
        "equipment": sorted(profile.equipment),
        "priorities": list(profile.priorities),
        "complaints": sorted(profile.complaints),
        "name": profile.name,
    }


def history_from_rows(rows: Iterable[Sequence[Any]]) -> tuple[HistoryEntry, ...]:
    entries: list[HistoryEntry] = []
    current: int | None = None
    exercises: list[str] = []
    regions: list[str] = []
    date = dt.date.min
    for session_id, day, exercise, region in rows:
        if session_id != current:
            if current is not None:
                entries.append(HistoryEntry(date, tuple(exercises), tuple(regions)))
            current, date, exercises, regions = session_id, as_date(day), [], []
        exercises.append(exercise)
        if region not in regions:
            regions.append(region)
    if current is not None:
        entries.append(HistoryEntry(date, tuple(exercises), tuple(regions)))
    return tuple(entries)


def levels_from_rows(rows: Iterable[Sequence[Any]]) -> dict[str, int]:
    return {exercise: int(level) for exercise, level in rows}


def flags_from_rows(rows: Iterable[Sequence[Any]]) -> tuple[FlagReport, ...]:
    return tuple(
        FlagReport(flag, complaint, str(level), as_date(day), None if cleared is None else as_date(cleared))
        for flag, complaint, level, day, cleared in rows
    )


def results_from_rows(rows: Iterable[Sequence[Any]]) -> tuple[AssessmentResult, ...]:
    found = list(rows)
    if not found:
        return ()
    from supple.core.assessment import AssessmentResult  # only when there are results to read

    return tuple(AssessmentResult(test, side, as_date(day), float(value)) for test, side, day, value in found)


def as_time(value: Any) -> dt.time | None:
    if value is None or isinstance(value, dt.time):
        return value
    return dt.time.fromisoformat(str(value))


def planned_from_rows(rows: Iterable[Sequence[Any]]) -> tuple[PlannedRun, ...]:
    return tuple(
        PlannedRun(
            date=as_date(day),
            at=as_time(at),
            kind=kind,
            distance_m=None if distance is None else float(distance),
            minutes=minutes,
            source=source,
            title=title or "",
        )
        for day, at, kind, distance, minutes, source, title in rows
    )
