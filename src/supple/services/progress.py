"""Progress from the log: minutes done per day and per week, and each session in short.

"Little and often" is judged on what was done: only items marked done count, each with the
seconds the routine gave it, so a half-finished session counts for its finished half and an
item that was skipped counts for nothing. The functions above ``history_progress`` are pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from supple.core.session import LoggedSession
from supple.core.time_done import seconds_done
from supple.services import logbook
from supple.services.context import Context

WEEKS = 12
RECENT_WEEKS = 4
#: Lower bounds, in minutes done in a day, of the heat-map shades 1-4 (0 is a day with nothing).
SHADE_MINUTES = (0, 5, 10, 15)
LEGEND = ((0, "nothing"), (1, "under 5 min"), (2, "5 to 10 min"), (3, "10 to 15 min"), (4, "15 min or more"))


@dataclass(frozen=True, slots=True)
class DayCell:
    date: dt.date
    seconds: int
    shade: int
    future: bool


@dataclass(frozen=True, slots=True)
class WeekTotal:
    start: dt.date
    seconds: int
    days: int
    sessions: int

    @property
    def minutes(self) -> int:
        return round(self.seconds / 60)


@dataclass(frozen=True, slots=True)
class SessionSummary:
    session: LoggedSession
    done: int
    skipped: int
    pending: int
    done_seconds: int
    control: float | None
    discomfort: int | None

    @property
    def in_progress(self) -> bool:
        return self.session.finished_at is None


@dataclass(frozen=True, slots=True)
class Progress:
    today: dt.date
    start: dt.date
    #: One row per week, oldest first, each Monday to Sunday.
    weeks: tuple[tuple[DayCell, ...], ...]
    totals: tuple[WeekTotal, ...]
    #: Every session in the window, newest first.
    sessions: tuple[SessionSummary, ...]

    @property
    def total_seconds(self) -> int:
        return sum(t.seconds for t in self.totals)

    @property
    def active_days(self) -> int:
        return sum(t.days for t in self.totals)

    @property
    def busiest_week_seconds(self) -> int:
        return max((t.seconds for t in self.totals), default=0)

    def share(self, week: WeekTotal) -> float:
        """The week's minutes as a percentage of the busiest week's (for bar lengths)."""
        busiest = self.busiest_week_seconds
        return round(100 * week.seconds / busiest, 1) if busiest else 0.0

    @property
    def recent(self) -> tuple[WeekTotal, ...]:
        """The last ``RECENT_WEEKS`` weeks, this one included."""
        return self.totals[-RECENT_WEEKS:]

    @property
    def recent_days_per_week(self) -> float:
        recent = self.recent
        return round(sum(t.days for t in recent) / len(recent), 1) if recent else 0.0

    @property
    def recent_minutes_per_week(self) -> int:
        recent = self.recent
        return round(sum(t.seconds for t in recent) / 60 / len(recent)) if recent else 0


def done_seconds(session: LoggedSession) -> int:
    """Time done (``core.time_done``): the one figure History, the report, the CLI and the API show."""
    return seconds_done(session.items)


def seconds_by_day(sessions: Iterable[LoggedSession]) -> dict[dt.date, int]:
    """Seconds done per date, over all the sessions of that date."""
    out: dict[dt.date, int] = {}
    for session in sessions:
        seconds = done_seconds(session)
        if seconds:
            out[session.date] = out.get(session.date, 0) + seconds
    return out


def shade(seconds: int) -> int:
    """0 for nothing done, then 1-4 by ``SHADE_MINUTES``."""
    if seconds <= 0:
        return 0
    return sum(1 for low in SHADE_MINUTES if seconds >= low * 60)


def window_start(today: dt.date, weeks: int = WEEKS) -> dt.date:
    """The Monday ``weeks - 1`` weeks before the Monday of ``today``'s week."""
    return today - dt.timedelta(days=today.weekday(), weeks=weeks - 1)


def summarise(session: LoggedSession) -> SessionSummary:
    results = [li.result for li in session.items]
    done = [r for r in results if r is not None and r.done]
    controls = [r.control for r in done if r.control is not None]
    discomforts = [r.discomfort for r in results if r is not None and r.discomfort is not None]
    return SessionSummary(
        session=session,
        done=len(done),
        skipped=sum(1 for r in results if r is not None and not r.done),
        pending=sum(1 for r in results if r is None),
        done_seconds=done_seconds(session),
        control=round(sum(controls) / len(controls), 1) if controls else None,
        discomfort=max(discomforts) if discomforts else None,
    )


def progress(sessions: Sequence[LoggedSession], *, today: dt.date, weeks: int = WEEKS) -> Progress:
    """Heat map, weekly totals and session summaries for the ``weeks`` weeks up to ``today``'s."""
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    start = window_start(today, weeks)
    end = start + dt.timedelta(weeks=weeks)
    inside = [s for s in sessions if start <= s.date < end]
    per_day = seconds_by_day(s for s in inside if s.date <= today)
    rows: list[tuple[DayCell, ...]] = []
    totals: list[WeekTotal] = []
    for week in range(weeks):
        monday = start + dt.timedelta(weeks=week)
        days = [monday + dt.timedelta(days=d) for d in range(7)]
        rows.append(tuple(DayCell(d, per_day.get(d, 0), shade(per_day.get(d, 0)), d > today) for d in days))
        totals.append(
            WeekTotal(
                start=monday,
                seconds=sum(per_day.get(d, 0) for d in days),
                days=sum(1 for d in days if per_day.get(d, 0) > 0),
                sessions=sum(1 for s in inside if monday <= s.date <= days[-1]),
            )
        )
    ordered = sorted(inside, key=lambda s: (s.date, s.id or 0), reverse=True)
    return Progress(
        today=today,
        start=start,
        weeks=tuple(rows),
        totals=tuple(totals),
        sessions=tuple(summarise(s) for s in ordered),
    )


def history_progress(ctx: Context, *, today: dt.date, weeks: int = WEEKS) -> Progress:
    """The athlete's progress for the ``weeks`` weeks up to ``today``'s week, read from the log."""
    start = window_start(today, weeks)
    found = logbook.history(ctx, since=start, until=start + dt.timedelta(weeks=weeks, days=-1))
    return progress(found, today=today, weeks=weeks)
