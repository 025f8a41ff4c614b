"""The week plan: a primer before each run, short daily sessions on the other days.

"Little and often": every priority region should get at least the weekly target of mould
work (minutes, over a number of days; see ``WeekRules``). Each day the planner hands the
composer the priority regions ordered by how far each still is from that target (ties broken
as ``rank_regions`` does for a single day), so the week balances itself; what it could
not reach is reported, never hidden.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from supple.core.athlete import Profile
from supple.core.composer import ExerciseIndex, compose, rank_regions, resolve_focus
from supple.core.rules import Rules
from supple.core.session import ComposeRequest, HistoryEntry, Session, Stop


@dataclass(frozen=True, slots=True)
class PlannedSession:
    at: dt.time | None
    session: Session


@dataclass(frozen=True, slots=True)
class DayPlan:
    date: dt.date
    runs: tuple[dt.time, ...]
    sessions: tuple[PlannedSession, ...]


@dataclass(frozen=True, slots=True)
class Coverage:
    seconds: int
    days: int

    @property
    def minutes(self) -> float:
        return round(self.seconds / 60, 1)


@dataclass(frozen=True, slots=True)
class WeekPlan:
    start: dt.date
    days: tuple[DayPlan, ...]
    coverage: Mapping[str, Coverage]
    unmet: tuple[str, ...]
    notes: tuple[str, ...] = ()
    #: Set when a red flag is open: no sessions are planned.
    stop: Stop | None = None


_NO_LEVELS: Mapping[str, int] = MappingProxyType({})


def mould_seconds(session: Session) -> dict[str, int]:
    """Seconds of work in range (everything but the release) per block region."""
    out: dict[str, int] = {}
    for block in session.blocks:
        work = sum(item.seconds for item in block.items if item.role != "melt")
        if work:
            out[block.region] = out.get(block.region, 0) + work
    return out


@dataclass(slots=True)
class _Tally:
    seconds: dict[str, int] = field(default_factory=dict)
    days: dict[str, int] = field(default_factory=dict)

    def add(self, session: Session) -> None:
        for region, seconds in mould_seconds(session).items():
            self.seconds[region] = self.seconds.get(region, 0) + seconds
            self.days[region] = self.days.get(region, 0) + 1


def plan_week(
    *,
    start: dt.date,
    profile: Profile,
    index: ExerciseIndex,
    rules: Rules,
    history: Sequence[HistoryEntry] = (),
    levels: Mapping[str, int] = _NO_LEVELS,
    leading: Sequence[str] = (),
) -> WeekPlan:
    """``leading`` regions (flagged by test results) come before the others each day, and join the priorities."""
    week = rules.week
    target_seconds = week.min_region_minutes * 60
    priorities, notes = resolve_focus(profile.priorities or week.default_priorities, rules)
    priorities = tuple(dict.fromkeys((*leading, *priorities)))
    tally = _Tally()
    seen = list(history)
    days: list[DayPlan] = []

    def need(region: str) -> tuple[bool, int, int]:
        met = tally.seconds.get(region, 0) >= target_seconds and tally.days.get(region, 0) >= week.min_region_days
        return (met, tally.days.get(region, 0), tally.seconds.get(region, 0))

    for offset in range(7):
        date = start + dt.timedelta(days=offset)
        run = profile.run_time_on(date)
        kind = "daily" if run is None else "primer"
        minutes = profile.minutes if run is None else min(profile.minutes, rules.primer.max_minutes)
        request = ComposeRequest(
            date=date,
            kind=kind,
            minutes=minutes,
            equipment=profile.equipment,
            # Furthest from the weekly target first; ties in the order `supple today` uses,
            # so that the plan's first day is the routine `today` shows for it.
            # Regions flagged by test results lead among those still short of the target.
            regions=tuple(sorted(rank_regions(priorities, seen, date), key=lambda r: _order(need(r), r in leading))),
            history=tuple(seen),
            levels=levels,
            complaints=profile.complaints,
        )
        session = compose(request, index, rules)
        tally.add(session)
        seen.append(
            HistoryEntry(date, tuple(i.exercise for i in session.items), tuple(b.region for b in session.blocks))
        )
        at = None if run is None else _start_before(run, session.total_seconds, rules.primer.lead_minutes_rounding)
        days.append(DayPlan(date, () if run is None else (run,), (PlannedSession(at, session),)))

    regions = list(priorities) + sorted(r for r in tally.seconds if r not in priorities)
    coverage = {r: Coverage(tally.seconds.get(r, 0), tally.days.get(r, 0)) for r in regions}
    unmet = tuple(r for r in priorities if need(r)[0] is False)
    if unmet:
        notes = (
            *notes,
            f"Could not fit {week.min_region_minutes} min over {week.min_region_days} days this week for: "
            + ", ".join(unmet)
            + ". More minutes a day, or fewer priority regions, would make room.",
        )
    return WeekPlan(start=start, days=tuple(days), coverage=coverage, unmet=unmet, notes=notes)


def _order(need: tuple[bool, int, int], leading: bool) -> tuple[bool, bool, int, int]:
    met, days, seconds = need
    return (met, not leading, days, seconds)


def _start_before(run: dt.time, seconds: int, rounding: int) -> dt.time:
    """When to start a primer so it ends by the run, rounded back to ``rounding`` minutes."""
    lead = -(-seconds // 60)
    lead = -(-lead // rounding) * rounding if rounding > 1 else lead
    start = run.hour * 60 + run.minute - lead
    start = max(start, 0)
    return dt.time(start // 60, start % 60)
