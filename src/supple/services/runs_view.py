"""The Runs page as one view: the weeks' distance and time, runs done and planned, imports under way."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from supple.core.activity import PlannedRun
from supple.services import jobs, runs
from supple.services.context import Context
from supple.store.runs import StoredActivity, StoredPlannedRun

#: Weeks of runs the page shows by default, and days of planned runs ahead.
WEEKS = 8
AHEAD_DAYS = 21


@dataclass(frozen=True, slots=True)
class WeekTotal:
    start: dt.date
    runs: int
    distance_km: float
    moving_minutes: int


@dataclass(frozen=True, slots=True)
class DoneRun:
    id: int
    date: dt.date
    local_time: str
    sport: str
    is_run: bool
    distance_km: float | None
    moving_minutes: int | None
    elapsed_minutes: int
    avg_hr: int | None
    source: str


@dataclass(frozen=True, slots=True)
class RunsPage:
    today: dt.date
    weeks: tuple[WeekTotal, ...]
    done: tuple[DoneRun, ...]
    planned: tuple[tuple[int, PlannedRun], ...]
    imports: tuple[jobs.JobView, ...]

    @property
    def longest_week_km(self) -> float:
        return max((w.distance_km for w in self.weeks), default=0.0)


def done_run(stored: StoredActivity) -> DoneRun:
    a = stored.activity
    local = a.start + (a.local_offset or dt.timedelta())
    return DoneRun(
        id=stored.id,
        date=local.date(),
        local_time=local.strftime("%H:%M") + ("" if a.local_offset is not None else " UTC"),
        sport=a.sport.replace("_", " "),
        is_run=a.is_run,
        distance_km=None if a.distance_m is None else round(a.distance_m / 1000, 2),
        moving_minutes=None if a.moving_seconds is None else round(a.moving_seconds / 60),
        elapsed_minutes=round(a.elapsed_seconds / 60),
        avg_hr=a.avg_hr,
        source=stored.source,
    )


def week_totals(done: list[DoneRun], monday: dt.date, weeks: int) -> tuple[WeekTotal, ...]:
    """Runs (not cross-training) per week, ``weeks`` weeks ending with the one starting ``monday``."""
    out = []
    for back in range(weeks - 1, -1, -1):
        start = monday - dt.timedelta(weeks=back)
        inside = [d for d in done if d.is_run and start <= d.date < start + dt.timedelta(days=7)]
        out.append(
            WeekTotal(
                start=start,
                runs=len(inside),
                distance_km=round(sum(d.distance_km or 0.0 for d in inside), 1),
                moving_minutes=sum(d.elapsed_minutes if d.moving_minutes is None else d.moving_minutes for d in inside),
            )
        )
    return tuple(out)


def page(ctx: Context, *, today: dt.date, weeks: int = WEEKS) -> RunsPage:
    monday = today - dt.timedelta(days=today.weekday())
    since = monday - dt.timedelta(weeks=weeks - 1)
    found = runs.list_runs(ctx, since - dt.timedelta(days=1), today + dt.timedelta(days=AHEAD_DAYS))
    done = [done_run(a) for a in found.done]
    done = [d for d in done if since <= d.date]
    planned = tuple((p.id, p.run) for p in sorted(found.planned, key=_planned_order) if p.run.date >= today)
    imports = tuple(j for j in jobs.recent(ctx, limit=5) if j.kind == "runs.import")
    return RunsPage(today, week_totals(done, monday, weeks), tuple(done), planned, imports)


def _planned_order(p: StoredPlannedRun) -> tuple[dt.date, dt.time]:
    return (p.run.date, p.run.at or dt.time(0))


def run_page(ctx: Context, run_id: int) -> DoneRun:
    """One done run; NotFound when it is not this athlete's."""
    return done_run(ctx.data.get_activity(run_id))


def run_to_ask_about(ctx: Context, *, today: dt.date) -> DoneRun | None:
    """The latest run recorded yesterday or today: the soreness check-in asks about it."""
    found = ctx.data.activities(since=today - dt.timedelta(days=2), until=today + dt.timedelta(days=1), limit=10)
    recent = [done_run(a) for a in found if a.activity.is_run]
    recent = [r for r in recent if today - dt.timedelta(days=1) <= r.date <= today]
    return recent[0] if recent else None


def delete_own(ctx: Context, ident: str) -> str:
    """``runs.delete_run`` for the web: an id of the right shape that names none of ``ctx``'s athlete's
    runs is NotFound (a 404, the same for another athlete's run as for no run), not bad input. One
    delete scoped to the athlete, so the cost does not grow with the runs stored."""
    text = ident.strip().lower()
    number = text.removeprefix("p")
    if not (number.isdigit() and len(number) <= 12):
        return runs.delete_run(ctx, ident)  # InvalidInput naming the shape expected
    if text.startswith("p"):
        ctx.data.delete_planned_run(int(number))  # NotFound when it is not this athlete's
        return f"planned run p{number}"
    ctx.data.delete_activity(int(number))
    return f"run {number}"
