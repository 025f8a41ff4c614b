"""The week plan: a primer before each run, short daily sessions on the other days.

Targets per priority region (``WeekRules``, from ``catalogue/rules.toml`` with sources):
little and often, at least ``min_region_minutes`` of work in range (mould items; a release
does not count) over at least ``min_region_days`` days (Thomas 2018), and strength on at
least ``min_strength_days`` days (ACSM, Garber 2011; Lauersen 2014), reported apart.

The runs: on a date with dated runs (``PlannedRun``: added by hand or from a training-plan
calendar, each with a kind), those are the day's runs; on any other date the profile's run
time for that weekday, if any, is an easy run. Each calendar week (Monday to Sunday) is
planned as a whole, so ``plan_day`` gives exactly the day ``plan_week`` counted, whatever day
the week starts on (seven days from a Thursday are the end of one calendar week and the
start of the next). With no dated runs every calendar week has the same shape, the weekday
pattern of the profile's runs. `supple today` and the web Today page use ``plan_day``.

Around the runs (``RunRules``, ``[runs]`` in rules.toml): a primer before each run, ending
as it starts (a second run in a day gets its own primer: the warmth and range a primer gives
fade within about 30 minutes, Behm 2016); the day after a long run or a race gets a recovery
session instead of the daily one; no strength on the day before a race or a hard workout,
on a race day, or on a recovery day. Strength goes on days without a run first;
when there are too few, a short session after the run holds it (the primer stays a
primer). The planner reserves for each region the longest item the composer could pick,
so what it places always fits; what it could not place is reported, never hidden.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from supple.core.activity import PlannedRun
from supple.core.athlete import Profile
from supple.core.composer import ExerciseIndex, candidate_seconds, compose, rank_regions, resolve_focus
from supple.core.rules import Rules
from supple.core.run_days import day_rules, run_order
from supple.core.session import ComposeRequest, HistoryEntry, Session, Stop

#: A Monday: the date the planner's reservations (item lengths) are worked out for.
_MONDAY = dt.date(2024, 1, 1)


@dataclass(frozen=True, slots=True)
class PlannedSession:
    at: dt.time | None
    session: Session
    #: A short strength session after the day's run (the primer before the run stays a primer).
    after_run: bool = False
    #: For a primer: the run it is before.
    before: PlannedRun | None = None


@dataclass(frozen=True, slots=True)
class DayPlan:
    date: dt.date
    #: The times of the day's runs that have one, in order.
    runs: tuple[dt.time, ...]
    sessions: tuple[PlannedSession, ...]
    #: The day's runs (dated, or the profile's easy run for the weekday), timed ones first.
    planned: tuple[PlannedRun, ...] = ()
    #: Why the day looks as it does around the runs (a recovery day, no strength before a race).
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Coverage:
    """What the week gives one region: seconds and days of work in range, days with strength."""

    seconds: int
    days: int
    strength_days: int = 0

    @property
    def minutes(self) -> float:
        return round(self.seconds / 60, 1)


@dataclass(frozen=True, slots=True)
class WeekPlan:
    start: dt.date
    days: tuple[DayPlan, ...]
    coverage: Mapping[str, Coverage]
    #: Priority regions short of the range target (minutes over days).
    unmet: tuple[str, ...]
    notes: tuple[str, ...] = ()
    #: Set when a red flag is open: no sessions are planned.
    stop: Stop | None = None
    #: Priority regions short of the strength target (days a week).
    unmet_strength: tuple[str, ...] = ()
    #: The priority regions, in the order the plan serves them.
    priorities: tuple[str, ...] = ()

    @property
    def meets_targets(self) -> bool:
        return self.stop is None and not self.unmet and not self.unmet_strength


_NO_LEVELS: Mapping[str, int] = MappingProxyType({})


def mould_seconds(session: Session) -> dict[str, int]:
    """Seconds of mould items (range work) per block region: what the little-and-often target counts."""
    out: dict[str, int] = {}
    for block in session.blocks:
        work = sum(item.seconds for item in block.items if item.role == "mould")
        if work:
            out[block.region] = out.get(block.region, 0) + work
    return out


def strength_regions(session: Session) -> set[str]:
    """The block regions that have a strength item in ``session``."""
    return {b.region for b in session.blocks if any(i.role == "strengthen" for i in b.items)}


@dataclass(slots=True)
class _Shape:
    """One day of a calendar week."""

    runs: tuple[PlannedRun, ...] = ()
    #: The day after a long run or a race: a recovery session instead of the daily one.
    recovery: bool = False
    #: No strength item on this day.
    no_strength: bool = False
    notes: tuple[str, ...] = ()
    primer: list[str] = field(default_factory=list)
    main: list[str] = field(default_factory=list)
    strong: list[str] = field(default_factory=list)
    primer_load: int = 0
    main_load: int = 0


@dataclass(frozen=True, slots=True)
class _Costs:
    """Seconds the planner reserves for a region's items (the longest the composer could pick)."""

    mould: int | None
    strength: int | None
    primer: int | None
    #: The least work in range one block is sure to give (the shortest mould item, no transition).
    least_work: int


class _Planner:
    def __init__(
        self,
        profile: Profile,
        index: ExerciseIndex,
        rules: Rules,
        history: Sequence[HistoryEntry],
        levels: Mapping[str, int],
        leading: Sequence[str],
        runs: Sequence[PlannedRun] = (),
    ) -> None:
        self.profile, self.index, self.rules = profile, index, rules
        self.history = tuple(history)
        self.levels = levels
        self.leading = tuple(leading)
        priorities, self.notes = resolve_focus(profile.priorities or rules.week.default_priorities, rules)
        self.priorities = tuple(dict.fromkeys((*leading, *priorities)))
        dated: dict[dt.date, list[PlannedRun]] = {}
        for run in runs:
            dated.setdefault(run.date, []).append(run)
        self.dated = {d: tuple(sorted(rs, key=run_order)) for d, rs in dated.items()}
        self.costs = self._costs()
        self.weeks: dict[dt.date, list[_Shape]] = {}

    # -- the runs -------------------------------------------------------------------------
    def runs_on(self, date: dt.date) -> tuple[PlannedRun, ...]:
        """The dated runs on ``date``, else the profile's run for its weekday (an easy run)."""
        if date in self.dated:
            return self.dated[date]
        at = self.profile.run_time_on(date)
        return () if at is None else (PlannedRun(date, at, "easy", source="profile"),)

    def _shape(self, date: dt.date) -> _Shape:
        runs = self.runs_on(date)
        one = dt.timedelta(days=1)
        kept = day_rules(runs, self.runs_on(date - one), self.runs_on(date + one), self.rules.runs)
        shape = _Shape(runs, recovery=kept.recovery, no_strength=kept.no_strength, notes=kept.notes)
        least = self.rules.primer.min_minutes + self.rules.week.after_run_min_minutes
        if shape.recovery and runs and self.profile.minutes >= least:
            # Room for a short recovery session after the run, whatever else the day holds.
            shape.main_load = self.rules.week.after_run_min_minutes * 60
        return shape

    def shapes(self, date: dt.date) -> list[_Shape]:
        """The calendar week (Monday to Sunday) holding ``date``, planned once."""
        monday = date - dt.timedelta(days=date.weekday())
        if monday not in self.weeks:
            self.weeks[monday] = self._pattern(monday)
        return self.weeks[monday]

    # -- the pattern ----------------------------------------------------------------------
    def _request(self, kind: str, minutes: int, date: dt.date = _MONDAY) -> ComposeRequest:
        return ComposeRequest(
            date=date,
            kind=kind,
            minutes=minutes,
            equipment=self.profile.equipment,
            regions=(),
            history=self.history,
            levels=self.levels,
            complaints=self.profile.complaints,
        )

    def _costs(self) -> dict[str, _Costs]:
        minutes = self.profile.minutes
        daily = self._request("daily", minutes)
        primer = self._request("primer", min(minutes, self.rules.primer.max_minutes))
        out: dict[str, _Costs] = {}
        transition = self.rules.timing.transition_seconds

        def longest(request: ComposeRequest, role: str, region: str) -> int | None:
            found = candidate_seconds(request, self.index, self.rules, role, region)
            return found[-1] if found else None

        for region in self.priorities:
            p_mould, prime = longest(primer, "mould", region), longest(primer, "prime", region)
            least = [
                *candidate_seconds(daily, self.index, self.rules, "mould", region),
                *candidate_seconds(primer, self.index, self.rules, "mould", region),
            ]
            out[region] = _Costs(
                mould=longest(daily, "mould", region),
                strength=longest(daily, "strengthen", region),
                primer=None if p_mould is None or prime is None else p_mould + prime,
                least_work=max(min(least, default=0) - transition, 0),
            )
        return out

    def _after_minutes(self, load: int) -> int:
        return 0 if load <= 0 else max(self.rules.week.after_run_min_minutes, -(-load // 60))

    def _primer_minutes(self, shape: _Shape, main_load: int | None = None) -> int:
        load = shape.main_load if main_load is None else main_load
        return min(self.rules.primer.max_minutes, self.profile.minutes - self._after_minutes(load))

    def _fits_main(self, shape: _Shape, extra: int) -> bool:
        load = shape.main_load + extra
        if not shape.runs:
            return load <= self.profile.minutes * 60
        primer = self._primer_minutes(shape, load)
        return primer >= max(self.rules.primer.min_minutes, -(-shape.primer_load // 60), 1)

    def _fits_primer(self, shape: _Shape, extra: int) -> bool:
        return bool(shape.runs) and shape.primer_load + extra <= self._primer_minutes(shape) * 60

    def _pattern(self, monday: dt.date) -> list[_Shape]:
        week = self.rules.week
        shapes = [self._shape(monday + dt.timedelta(days=w)) for w in range(7)]
        costs = self.costs
        strong_days: dict[str, list[int]] = {r: [] for r in self.priorities}
        range_days: dict[str, set[int]] = {r: set() for r in self.priorities}

        def gap(w: int, days: Sequence[int]) -> int:
            return min((min((w - d) % 7, (d - w) % 7) for d in days), default=7)

        # Strength first: it needs a daily session (a day without a run, or after the run),
        # and each such block carries range work too. Days `strength_gap_days` apart come first.
        for _ in range(week.min_strength_days):
            for region in self.priorities:
                cost = costs[region]
                if cost.mould is None or cost.strength is None:
                    continue
                options = []
                for w, shape in enumerate(shapes):
                    extra = cost.strength + (0 if region in shape.main else cost.mould)
                    if region not in shape.strong and not shape.no_strength and self._fits_main(shape, extra):
                        days = strong_days[region]
                        close = gap(w, days) < week.strength_gap_days
                        options.append((close, bool(shape.runs), shape.main_load, w, extra))
                if options:
                    *_, w, extra = min(options)
                    shape = shapes[w]
                    if region not in shape.main:
                        shape.main.append(region)
                    shape.strong.append(region)
                    shape.main_load += extra
                    strong_days[region].append(w)
                    range_days[region].add(w)
        # Then range work on as many days as the target asks: in the primer on run days where
        # the region has a primer item, else in the day's daily (or after-run) session.
        target = week.min_region_minutes * 60

        def wanted(region: str) -> int:
            if region in self.leading:
                return 7  # flagged by a test result: worked every day it fits, before the rest
            least = costs[region].least_work
            sure = -(-target // least) if least else 7
            return min(7, max(week.min_region_days, sure))

        for group in (self.leading, self.priorities):
            for _ in range(7):
                for region in group:
                    if len(range_days[region]) >= wanted(region):
                        continue
                    place = self._place_range(shapes, region, costs[region], range_days[region])
                    if place is not None:
                        range_days[region].add(place)
        return shapes

    def _place_range(self, shapes: list[_Shape], region: str, cost: _Costs, taken: set[int]) -> int | None:
        options: list[tuple[float, int, str, int]] = []
        for w, shape in enumerate(shapes):
            if w in taken:
                continue
            if cost.primer is not None and self._fits_primer(shape, cost.primer):
                room = self._primer_minutes(shape) * 60
                options.append(((shape.primer_load + cost.primer) / room, w, "primer", cost.primer))
            elif cost.mould is not None and self._fits_main(shape, self._main_cost(region, cost, shape)):
                room = self.profile.minutes * 60
                extra = self._main_cost(region, cost, shape)
                options.append(((shape.main_load + extra) / room, w, "main", extra))
        if not options:
            return None
        _, w, where, extra = min(options)
        shape = shapes[w]
        if where == "primer":
            shape.primer.append(region)
            shape.primer_load += extra
        else:
            shape.main.append(region)
            shape.main_load += extra
            if region in self.leading and cost.strength is not None and not shape.no_strength:
                shape.strong.append(region)
        return w

    def _main_cost(self, region: str, cost: _Costs, shape: _Shape) -> int:
        """A region's range block in a daily session; a leading region's comes first in it, so
        its strength (which the composer adds in block order) is reserved too."""
        extra = cost.mould or 0
        if region in self.leading and cost.strength is not None and not shape.no_strength:
            extra += cost.strength
        return extra

    # -- one day ----------------------------------------------------------------------------
    def _compose(
        self, date: dt.date, kind: str, minutes: int, regions: Sequence[str], *, no_strength: bool = False
    ) -> Session:
        request = replace(self._request(kind, minutes, date), notes=tuple(self.notes), no_strength=no_strength)
        if regions:
            request = replace(request, regions=tuple(regions), all_regions=True)
        else:
            # Nothing placed here by the targets: the usual choice for the day still gives
            # the runner a session (and a warm-up before a run).
            request = replace(request, regions=rank_regions(self.priorities, self.history, date))
        return compose(request, self.index, self.rules)

    def _order(self, regions: Sequence[str]) -> list[str]:
        """Regions flagged by test results first, each day (``leading``); the rest as given."""
        return sorted(regions, key=lambda r: r not in self.leading)

    def _main_regions(self, shape: _Shape) -> list[str]:
        # Strength-day regions first: the composer adds strength in block order, and the
        # plan reserved it for them.
        return self._order([*shape.strong, *(r for r in shape.main if r not in shape.strong)])

    def day(self, date: dt.date) -> DayPlan:
        shape = self.shapes(date)[date.weekday()]
        kind = "recovery" if shape.recovery else "daily"
        regions = self._main_regions(shape)
        if not shape.runs:
            session = self._compose(date, kind, self.profile.minutes, regions, no_strength=shape.no_strength)
            return DayPlan(date, (), (PlannedSession(None, session),), (), shape.notes)
        primer = self._compose(date, "primer", self._primer_minutes(shape), self._order(shape.primer))
        rounding = self.rules.primer.lead_minutes_rounding
        sessions = [
            PlannedSession(
                None if run.at is None else _start_before(run.at, primer.total_seconds, rounding), primer, before=run
            )
            for run in shape.runs
        ]
        if shape.main or shape.main_load:
            minutes = self._after_minutes(shape.main_load)
            after = self._compose(date, kind, minutes, regions, no_strength=shape.no_strength)
            sessions.append(PlannedSession(None, after, after_run=True))
        times = tuple(r.at for r in shape.runs if r.at is not None)
        return DayPlan(date, times, tuple(sessions), shape.runs, shape.notes)


def plan_day(
    *,
    date: dt.date,
    profile: Profile,
    index: ExerciseIndex,
    rules: Rules,
    history: Sequence[HistoryEntry] = (),
    levels: Mapping[str, int] = _NO_LEVELS,
    leading: Sequence[str] = (),
    runs: Sequence[PlannedRun] = (),
) -> DayPlan:
    """The sessions the week plan holds for ``date`` (the same whatever day the week starts on).

    ``runs`` are dated planned runs; on the dates they cover they replace the profile's runs.
    """
    return _Planner(profile, index, rules, history, levels, leading, runs).day(date)


def plan_week(
    *,
    start: dt.date,
    profile: Profile,
    index: ExerciseIndex,
    rules: Rules,
    history: Sequence[HistoryEntry] = (),
    levels: Mapping[str, int] = _NO_LEVELS,
    leading: Sequence[str] = (),
    runs: Sequence[PlannedRun] = (),
) -> WeekPlan:
    """Seven days from ``start``; ``leading`` regions (flagged by test results) join the priorities first.

    ``runs`` are dated planned runs, as for ``plan_day``.
    """
    planner = _Planner(profile, index, rules, history, levels, leading, runs)
    days = tuple(planner.day(start + dt.timedelta(days=n)) for n in range(7))
    return tally(start, days, planner.priorities, rules, planner.notes)


def tally(
    start: dt.date, days: Sequence[DayPlan], priorities: Sequence[str], rules: Rules, notes: Sequence[str] = ()
) -> WeekPlan:
    """Coverage of ``days`` per region, and which priority regions miss which target."""
    week = rules.week
    seconds: dict[str, int] = {}
    range_days: dict[str, int] = {}
    strong: dict[str, int] = {}
    for day in days:
        worked: set[str] = set()
        stronger: set[str] = set()
        for planned in day.sessions:
            for region, work in mould_seconds(planned.session).items():
                seconds[region] = seconds.get(region, 0) + work
                worked.add(region)
            stronger |= strength_regions(planned.session)
        for region in worked:
            range_days[region] = range_days.get(region, 0) + 1
        for region in stronger:
            strong[region] = strong.get(region, 0) + 1
    regions = list(priorities) + sorted({*seconds, *strong} - set(priorities))
    coverage = {r: Coverage(seconds.get(r, 0), range_days.get(r, 0), strong.get(r, 0)) for r in regions}
    unmet = tuple(
        r
        for r in priorities
        if coverage[r].seconds < week.min_region_minutes * 60 or coverage[r].days < week.min_region_days
    )
    unmet_strength = tuple(r for r in priorities if coverage[r].strength_days < week.min_strength_days)
    out = list(notes)
    if unmet:
        out.append(
            f"Could not fit {week.min_region_minutes} min of range work over {week.min_region_days} days "
            "this week for: " + ", ".join(unmet) + ". More minutes a day, or fewer priority regions, would make room."
        )
    if unmet_strength:
        out.append(
            f"Could not fit strength on {week.min_strength_days} days this week for: "
            + ", ".join(unmet_strength)
            + ". More minutes a day, or fewer priority regions, would make room."
        )
    return WeekPlan(
        start=start,
        days=tuple(days),
        coverage=coverage,
        unmet=unmet,
        notes=tuple(out),
        unmet_strength=unmet_strength,
        priorities=tuple(priorities),
    )


def _start_before(run: dt.time, seconds: int, rounding: int) -> dt.time:
    """When to start a primer so it ends by the run, rounded back to ``rounding`` minutes."""
    lead = -(-seconds // 60)
    lead = -(-lead // rounding) * rounding if rounding > 1 else lead
    start = run.hour * 60 + run.minute - lead
    start = max(start, 0)
    return dt.time(start // 60, start % 60)
