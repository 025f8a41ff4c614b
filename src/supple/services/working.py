"""Is it working? Per week, side by side: mobility minutes done against the plan, soreness the day
after runs, screening results, and the running distance; and an honest summary of how the
minutes and the soreness move together.

Below ``MIN_WEEKS`` weeks that have both a figure for minutes and one for soreness after runs,
the summary says there is not enough data yet and gives no figure. Above it, Spearman's rank
correlation with a 95 % bootstrap interval (``core.relation``), in words that never claim a
cause: many things change together in a runner's weeks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from supple.core.relation import Relation, relate
from supple.services import progress
from supple.services.context import Context
from supple.services.week_runs import local_day

#: Weeks with both figures needed before any relation is shown (a Supple default: fewer weeks
#: give an interval so wide it says nothing).
MIN_WEEKS = 8
#: Weeks shown by default.
WEEKS = 12


@dataclass(frozen=True, slots=True)
class WorkingWeek:
    start: dt.date
    minutes_done: int
    #: The profile's minutes a day times seven: the plan's little-and-often target.
    minutes_planned: int
    #: Mean rating (0-10) of the soreness readings marked as following a run; None when none.
    soreness_after_runs: float | None
    results: int
    run_km: float
    runs: int


@dataclass(frozen=True, slots=True)
class Working:
    weeks: tuple[WorkingWeek, ...]
    relation: Relation
    summary: str
    min_weeks: int = MIN_WEEKS


def _summary(relation: Relation) -> str:
    if not relation.enough:
        return (
            f"Not enough data yet: {relation.pairs} week{'s' if relation.pairs != 1 else ''} with both mobility "
            f"minutes and soreness ratings after runs; at least {MIN_WEEKS} are needed before Supple says how "
            "they move together."
        )
    if relation.rho is None or relation.low is None or relation.high is None:
        return "Your weekly minutes or your soreness after runs did not vary, so there is no relation to show."
    way = "less" if relation.rho < 0 else "more"
    span = f"rank correlation {relation.rho:+.2f}, 95 % interval {relation.low:+.2f} to {relation.high:+.2f}"
    if relation.low <= 0 <= relation.high:
        return (
            f"Over {relation.pairs} weeks no clear relation between your mobility minutes and your soreness after "
            f"runs ({span}): the interval spans zero."
        )
    return (
        f"Over {relation.pairs} weeks, weeks with more mobility minutes tended to come with {way} soreness after "
        f"runs ({span}). That is how they moved together, not proof that one caused the other: training, sleep "
        "and races change too."
    )


def working(ctx: Context, *, today: dt.date, weeks: int = WEEKS) -> Working:
    """The last ``weeks`` weeks up to ``today``'s, oldest first, with the summary."""
    start = progress.window_start(today, weeks)
    end = start + dt.timedelta(weeks=weeks, days=-1)
    seconds = progress.seconds_by_day(ctx.data.sessions(since=start, until=end))
    soreness = [r for r in ctx.data.soreness(since=start, until=end) if r.after_run]
    results = ctx.data.results(since=start, until=end)
    found = ctx.data.activities(since=start - dt.timedelta(days=1), until=end + dt.timedelta(days=1))
    profile = ctx.profile_or_default(ctx.data.get_profile())
    out = []
    for n in range(weeks):
        monday = start + dt.timedelta(weeks=n)
        sunday = monday + dt.timedelta(days=6)
        inside = [r.value for r in soreness if monday <= r.date <= sunday]
        runs = [a for a in found if a.activity.is_run and monday <= local_day(a) <= sunday]
        out.append(
            WorkingWeek(
                start=monday,
                minutes_done=round(sum(s for d, s in seconds.items() if monday <= d <= sunday) / 60),
                minutes_planned=profile.minutes * 7,
                soreness_after_runs=round(sum(inside) / len(inside), 1) if inside else None,
                results=sum(1 for r in results if monday <= r.date <= sunday),
                run_km=round(sum((a.activity.distance_m or 0.0) for a in runs) / 1000, 1),
                runs=len(runs),
            )
        )
    paired = [(float(w.minutes_done), w.soreness_after_runs) for w in out if w.soreness_after_runs is not None]
    relation = relate([m for m, _ in paired], [s for _, s in paired if s is not None], min_pairs=MIN_WEEKS)
    return Working(tuple(out), relation, _summary(relation))


def working_dict(found: Working) -> dict[str, Any]:
    r = found.relation
    return {
        "weeks": [
            {
                "start": w.start.isoformat(),
                "minutes_done": w.minutes_done,
                "minutes_planned": w.minutes_planned,
                "soreness_after_runs": w.soreness_after_runs,
                "results": w.results,
                "run_km": w.run_km,
                "runs": w.runs,
            }
            for w in found.weeks
        ],
        "relation": {
            "weeks": r.pairs,
            "enough": r.enough,
            "min_weeks": found.min_weeks,
            "rho": None if r.rho is None else round(r.rho, 3),
            "low": None if r.low is None else round(r.low, 3),
            "high": None if r.high is None else round(r.high, 3),
            "method": "Spearman rank correlation of weekly mobility minutes and mean soreness after runs, "
            "with a 95 % percentile bootstrap interval",
        },
        "summary": found.summary,
    }
