"""The runs of each day of a week plan: planned (with any long-run warning) and done.

A planned run more than 10 % longer than the longest run done in the 30 days before it gets the
warning of ``core.run_spikes`` (Frandsen 2025), beside that run on every surface: `supple plan`,
the API's plan and the Week page. Done runs are the activities recorded that day (local day).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from supple.core.activity import PlannedRun
from supple.core.plan import WeekPlan
from supple.core.run_spikes import RunWarning, run_warnings
from supple.services.context import Context
from supple.store.runs import StoredActivity


@dataclass(frozen=True, slots=True)
class DayRuns:
    planned: tuple[tuple[PlannedRun, RunWarning | None], ...] = ()
    done: tuple[StoredActivity, ...] = ()


def local_day(stored: StoredActivity) -> dt.date:
    a = stored.activity
    return (a.start + (a.local_offset or dt.timedelta())).date()


def week_runs(ctx: Context, plan: WeekPlan) -> dict[dt.date, DayRuns]:
    """Each day of ``plan``: its planned runs with their warnings, and the activities done."""
    if not plan.days:
        return {}
    rules = ctx.catalogue.rules.runs
    first, last = plan.days[0].date, plan.days[-1].date
    since = first - dt.timedelta(days=rules.spike_window_days + 1)
    found = ctx.data.activities(since=since, until=last + dt.timedelta(days=1))
    done = [(local_day(a), a.activity.distance_m or 0.0) for a in found if a.activity.is_run and a.activity.distance_m]
    planned = [run for day in plan.days for run in day.planned]
    warnings = run_warnings(planned, done, rules)
    out: dict[dt.date, DayRuns] = {}
    n = 0
    for day in plan.days:
        runs = []
        for run in day.planned:
            runs.append((run, warnings.get(n)))
            n += 1
        out[day.date] = DayRuns(tuple(runs), tuple(a for a in found if local_day(a) == day.date))
    return out


def warning_dict(warning: RunWarning) -> dict[str, Any]:
    return {
        "text": warning.text,
        "planned_km": warning.planned_km,
        "longest_km": warning.longest_km,
        "percent_longer": warning.percent_longer,
        "rate_ratio": warning.rate_ratio,
        "window_days": warning.window_days,
        "source": warning.source,
    }


def planned_run_dict(run: PlannedRun, warning: RunWarning | None) -> dict[str, Any]:
    return {
        "date": run.date.isoformat(),
        "at": None if run.at is None else run.at.strftime("%H:%M"),
        "kind": run.kind,
        "distance_m": run.distance_m,
        "minutes": run.minutes,
        "title": run.title,
        "source": run.source,
        "warning": None if warning is None else warning_dict(warning),
    }


def run_words(run: PlannedRun) -> str:
    """ "long run, 18 km, 07:30 (Sunday long run)": a planned run in a few words."""
    parts = ["race" if run.kind == "race" else f"{run.kind} run"]
    if run.distance_m:
        parts.append(f"{run.distance_m / 1000:g} km")
    if run.minutes:
        parts.append(f"{run.minutes} min")
    if run.at is not None:
        parts.append(run.at.strftime("%H:%M"))
    text = ", ".join(parts)
    return f"{text} ({run.title})" if run.title else text
