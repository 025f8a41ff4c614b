"""The week plan: a primer before each run, short daily sessions on the other days.

Targets per priority region (``WeekRules``, from ``catalogue/rules.toml`` with sources):
little and often, at least ``min_region_minutes`` of work in range (mould items; a release
does not count) over at least ``min_region_days`` days (Thomas 2018), and strength on at
least ``min_strength_days`` days (ACSM, Garber 2011; Lauersen 2014), reported apart.

The plan is a pattern over the weekdays, since runs are set per weekday: the same weekday
gets the same shape (sessions, minutes, regions) whatever day the week starts on, so any
seven days in a row hold the whole pattern. ``plan_day`` gives one day of it and
``plan_week`` seven; `supple today` and the web Today page use ``plan_day``, so a day's
routine is exactly the one the week counted. Strength goes on days without a run first;
when there are too few, a short session after the run holds it (the primer stays a
primer). The planner reserves for each region the longest item the composer could pick,
so what it places always fits; what it could not place is reported, never hidden.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from supple.core.athlete import Profile
from supple.core.composer import ExerciseIndex, candidate_seconds, compose, rank_regions, resolve_focus
from supple.core.rules import Rules
from supple.core.session import ComposeRequest, HistoryEntry, Session, Stop

#: A Monday: weekday ``w`` of the pattern is this date plus ``w`` days.
_MONDAY = dt.date(2024, 1, 1)


@dataclass(frozen=True, slots=True)
class PlannedSession:
    at: dt.time | None
    session: Session
    #: A short strength session after the day's run (the primer before the run stays a primer).
    after_run: bool = False


@dataclass(frozen=True, slots=True)
class DayPlan:
    date: dt.date
    runs: tuple[dt.time, ...]
    sessions: tuple[PlannedSession, ...]


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
    """One weekday of the pattern."""

    run: dt.time | None
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
    ) -> None:
        self.profile, self.index, self.rules = profile, index, rules
        self.history = tuple(history)
        self.levels = levels
        self.leading = tuple(leading)
        priorities, self.notes = resolve_focus(profile.priorities or rules.week.default_priorities, rules)
        self.priorities = tuple(dict.fromkeys((*leading, *priorities)))
        self.shapes = self._pattern()

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
        if shape.run is None:
            return load <= self.profile.minutes * 60
        primer = self._primer_minutes(shape, load)
        return primer >= max(self.rules.primer.min_minutes, -(-shape.primer_load // 60), 1)

    def _fits_primer(self, shape: _Shape, extra: int) -> bool:
        return shape.run is not None and shape.primer_load + extra <= self._primer_minutes(shape) * 60

    def _pattern(self) -> list[_Shape]:
        week = self.rules.week
        shapes = [_Shape(self.profile.run_time_on(_MONDAY + dt.timedelta(days=w))) for w in range(7)]
        costs = self._costs()
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
                    if region not in shape.strong and self._fits_main(shape, extra):
                        days = strong_days[region]
                        close = gap(w, days) < week.strength_gap_days
                        options.append((close, shape.run is not None, shape.main_load, w, extra))
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
            elif cost.mould is not None and self._fits_main(shape, self._main_cost(region, cost)):
                room = self.profile.minutes * 60
                extra = self._main_cost(region, cost)
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
            if region in self.leading and cost.strength is not None:
                shape.strong.append(region)
        return w

    def _main_cost(self, region: str, cost: _Costs) -> int:
        """A region's range block in a daily session; a leading region's comes first in it, so
        its strength (which the composer adds in block order) is reserved too."""
        extra = cost.mould or 0
        if region in self.leading and cost.strength is not None:
            extra += cost.strength
        return extra

    # -- one day ----------------------------------------------------------------------------
    def _compose(self, date: dt.date, kind: str, minutes: int, regions: Sequence[str]) -> Session:
        request = replace(self._request(kind, minutes, date), notes=tuple(self.notes))
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
        shape = self.shapes[date.weekday()]
        if shape.run is None:
            session = self._compose(date, "daily", self.profile.minutes, self._main_regions(shape))
            return DayPlan(date, (), (PlannedSession(None, session),))
        primer = self._compose(date, "primer", self._primer_minutes(shape), self._order(shape.primer))
        at = _start_before(shape.run, primer.total_seconds, self.rules.primer.lead_minutes_rounding)
        sessions = [PlannedSession(at, primer)]
        if shape.main:
            after = self._compose(date, "daily", self._after_minutes(shape.main_load), self._main_regions(shape))
            sessions.append(PlannedSession(None, after, after_run=True))
        return DayPlan(date, (shape.run,), tuple(sessions))


def plan_day(
    *,
    date: dt.date,
    profile: Profile,
    index: ExerciseIndex,
    rules: Rules,
    history: Sequence[HistoryEntry] = (),
    levels: Mapping[str, int] = _NO_LEVELS,
    leading: Sequence[str] = (),
) -> DayPlan:
    """The sessions the week plan holds for ``date`` (the same whatever day the week starts on)."""
    return _Planner(profile, index, rules, history, levels, leading).day(date)


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
    """Seven days from ``start``; ``leading`` regions (flagged by test results) join the priorities first."""
    planner = _Planner(profile, index, rules, history, levels, leading)
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
