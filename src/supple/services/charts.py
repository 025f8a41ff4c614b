"""Progress charts: gather the athlete's data and draw it as SVG (``supple.charts``) for every skin.

The web pages embed the strings, ``supple progress --svg DIR`` writes them to files and the
PDF report prints them. Each chart's ids start with ``chart-<slug>``, so several fit on one page.

The "little and often" weekly target comes from ``rules.toml`` ``[week]``: at least
``min_region_minutes`` of work for each priority region (the profile's, or the default ones),
on at least ``min_region_days`` days. With the default six regions and 5 minutes each, that
is 30 minutes a week over 5 days or more (Thomas 2018; Cipriani 2012).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any

from supple import charts
from supple.charts.assessment import amount, side_name
from supple.charts.scales import day_month
from supple.core import assessment as scoring
from supple.core.assessment import AssessmentResult, AssessmentTest
from supple.core.errors import InvalidInput
from supple.core.progression import SorenessReading
from supple.services import assess, display, profile, progress
from supple.services import levels as ladder
from supple.services.context import Context

#: The most weeks ``--weeks`` / ``weeks=`` asks for (two years of weeks).
MAX_WEEKS = 104
#: The longest range from one day to another that Progress and the report show (ten years).
MAX_DAYS = 3653


@dataclass(frozen=True, slots=True)
class Window:
    """The days a view shows, ``first`` to ``last``, both included: only these are read and drawn."""

    first: dt.date
    last: dt.date

    @property
    def weeks(self) -> int:
        """How many Monday-to-Sunday weeks the window touches."""
        monday = self.first - dt.timedelta(days=self.first.weekday())
        return (self.last - monday).days // 7 + 1


def check_range(since: dt.date | None, until: dt.date | None) -> None:
    """InvalidInput naming ``to`` when it falls before ``from``, or the range is longer than ``MAX_DAYS``."""
    if since is None or until is None:
        return
    if until < since:
        raise InvalidInput("to", until.isoformat(), f"a day on or after the first day, {since.isoformat()}")
    if (until - since).days + 1 > MAX_DAYS:
        raise InvalidInput(
            "from", since.isoformat(), f"a first day at most {MAX_DAYS} days (ten years) before {until.isoformat()}"
        )


def window(*, today: dt.date, since: dt.date | None = None, weeks: int = progress.WEEKS) -> Window:
    """From ``since`` to ``today``; without ``since``, the ``weeks`` weeks up to ``today``'s (12 by default)."""
    check_weeks(weeks)
    first = since if since is not None else progress.window_start(today, weeks)
    check_range(first, today)
    return Window(first, today)


@dataclass(frozen=True)
class Chart:
    """A chart's name and whether it has data; its SVG is drawn only when asked for (``svg``), so a
    JSON view, which names the charts but never shows them, draws nothing."""

    slug: str  #: "weekly", "soreness", "levels", "assess-<test-slug>"
    title: str
    draw: Callable[[], str] = field(repr=False, compare=False)
    empty: bool  #: True when there was no data to draw

    @cached_property
    def svg(self) -> str:
        return self.draw()


@dataclass(frozen=True, slots=True)
class Change:
    """A test result that moved beyond its measurement error between the first and the latest result."""

    test: AssessmentTest
    side: str | None
    first: AssessmentResult
    latest: AssessmentResult

    @property
    def words(self) -> str:
        unit = self.test.unit
        side = f" {side_name(self.side).lower()}" if self.side else ""
        return f"{self.test.name}{side}: {amount(self.first.value, unit)} → {amount(self.latest.value, unit)}"


@dataclass(frozen=True, slots=True)
class Overview:
    """Everything ``supple progress`` shows: the charts and the figures of its short summary."""

    today: dt.date
    #: The window's first day (``today`` is its last).
    since: dt.date
    charts: list[Chart]
    weeks: tuple[progress.WeekTotal, ...]
    target_minutes: int
    target_days: int
    #: Average minutes a week over the last ``progress.RECENT_WEEKS`` weeks (this one included).
    recent_minutes: int
    #: The ratings of the latest day with any.
    soreness: tuple[SorenessReading, ...]
    #: How many decisions in the level history moved up, stayed or moved down.
    moves: dict[str, int]
    changes: tuple[Change, ...]
    #: Display names of the regions, for the soreness line.
    names: dict[str, str]
    #: Each red-flag episode's step down, once, in words (its steps are not counted in ``moves``).
    flag_events: tuple[str, ...] = ()


def _inside(date: dt.date, since: dt.date | None, until: dt.date | None) -> bool:
    return (since is None or date >= since) and (until is None or date <= until)


def check_weeks(weeks: int) -> int:
    if not 1 <= weeks <= MAX_WEEKS:
        raise InvalidInput("weeks", weeks, f"a whole number of weeks from 1 to {MAX_WEEKS}")
    return weeks


def _target(ctx: Context) -> tuple[int, int, int]:
    """``(minutes per region, priority regions, days)`` a week."""
    per_region, days = display.week_target(ctx)
    priorities = profile.get_profile(ctx).priorities
    regions = priorities or ctx.catalogue.rules.week.default_priorities
    return per_region, len(regions), days


def weekly_target(ctx: Context) -> tuple[int, int]:
    """``(minutes, days)`` a week: the per-region minimum times the priority regions, and the minimum days."""
    per_region, regions, days = _target(ctx)
    return per_region * regions, days


# -- one chart each ------------------------------------------------------------------------------


#: The ranges the Progress page offers, by their name in its query string: (words, weeks; None for all).
PRESETS: dict[str, tuple[str, int | None]] = {
    "12w": ("12 weeks", 12),
    "6m": ("6 months", 26),
    "1y": ("1 year", 52),
    "all": ("All", None),
}


def preset_window(ctx: Context, *, today: dt.date, preset: str) -> Window:
    """The window a preset names, up to ``today``: whole weeks, or ``all`` from the first session (ten years at
    most)."""
    if preset not in PRESETS:
        raise InvalidInput("range", preset, "one of " + ", ".join(PRESETS))
    weeks = PRESETS[preset][1]
    if weeks is not None:
        return window(today=today, weeks=weeks)
    first = ctx.data.first_session_date() or today
    return window(today=today, since=min(max(first, today - dt.timedelta(days=MAX_DAYS - 1)), today))


def _assessment_chart(
    test: AssessmentTest, results: Sequence[AssessmentResult], since: dt.date | None, until: dt.date | None
) -> Chart:
    chosen = [r for r in results if r.test == test.slug and _inside(r.date, since, until)]
    slug = f"assess-{test.slug}"
    drawn = partial(charts.assessment_chart, test, chosen, uid=f"chart-{slug}", title=test.name, start=since, end=until)
    return Chart(slug, test.name, drawn, not chosen)


def assessment(ctx: Context, *, test: str, since: dt.date | None = None, until: dt.date | None = None) -> Chart:
    """One screening test over time (InvalidInput for an unknown test)."""
    found = assess.find_test(ctx, slug=test)
    check_range(since, until)
    return _assessment_chart(found, ctx.data.results(test, since=since, until=until), since, until)


def levels(ctx: Context, *, since: dt.date | None = None, until: dt.date | None = None) -> Chart:
    """Ladder level of each exercise over time, with each decision marked."""
    return levels_parts(ctx, since=since, until=until, per_chart=None)[0]


def levels_parts(
    ctx: Context, *, since: dt.date | None = None, until: dt.date | None = None, per_chart: int | None = 6
) -> list[Chart]:
    """The ladder chart split into parts of at most ``per_chart`` exercises (all in one when None).

    The PDF prints every chart at one width; one tall chart of many exercises would be shrunk
    to a thin column to fit a page, so the report asks for parts that each fit at full size.
    """
    check_range(since, until)
    changes = ctx.data.level_history(since=since, until=until)
    # Where each lane starts: the level each exercise had when the window opens.
    before = ctx.data.levels_before(since) if since is not None else ()
    exercises = ctx.catalogue.exercises
    names = {slug: e.name for slug, e in exercises.items()}
    tops = {slug: max(len(e.ladder), 1) for slug, e in exercises.items()}
    order = list(charts.levels_lanes(changes, before))
    groups = _parts(order, tops, per_chart) if per_chart else [order]
    out: list[Chart] = []
    for number, group in enumerate(groups, start=1):
        mine = set(group)
        chosen = [c for c in changes if c.exercise in mine]
        opening = [c for c in before if c.exercise in mine]
        title = "Ladder levels" if len(groups) == 1 else f"Ladder levels ({number} of {len(groups)})"
        uid = "chart-levels" if len(groups) == 1 else f"chart-levels-{number}"
        drawn = partial(
            charts.levels_chart,
            chosen,
            uid=uid,
            names=names,
            tops=tops,
            title=title,
            start=since,
            end=until,
            before=opening,
        )
        slug = "levels" if len(groups) == 1 else f"levels-{number}"
        out.append(Chart(slug, title, drawn, not chosen and not opening))
    return out


#: The most height of lanes (in the chart's pixels) one part of the printed ladder chart holds.
PART_HEIGHT = 520.0


def _parts(order: list[str], tops: dict[str, int], per_chart: int) -> list[list[str]]:
    """The lanes in parts of at most ``per_chart`` lanes and ``PART_HEIGHT`` of height, so each fits a page."""
    groups: list[list[str]] = [[]]
    height = 0.0
    for slug in order:
        lane = charts.levels_lane_height(tops.get(slug, 1))
        if groups[-1] and (len(groups[-1]) >= per_chart or height + lane > PART_HEIGHT):
            groups.append([])
            height = 0.0
        groups[-1].append(slug)
        height += lane
    return groups


def _weekly_chart(ctx: Context, found: progress.Progress) -> Chart:
    per_region, regions, days = _target(ctx)
    minutes = per_region * regions
    note = (
        f"Target: {per_region} minutes for each of your {regions} priority regions, "
        f"{minutes} in all, spread over at least {days} days."
    )
    weeks = [
        charts.Week(t.start, t.minutes, t.sessions, t.days, current=t.start <= found.today < t.start + dt.timedelta(7))
        for t in found.totals
    ]
    title = "Minutes per week"
    drawn = partial(
        charts.weekly_chart,
        weeks,
        uid="chart-weekly",
        target_minutes=minutes,
        target_days=days,
        title=title,
        note=note,
        started=_started(ctx, found),
    )
    return Chart("weekly", title, drawn, not any(t.sessions or t.seconds for t in found.totals))


def _started(ctx: Context, found: progress.Progress) -> dt.date | None:
    """The runner's first session when it falls inside the chart's weeks; None when they began before them."""
    if not found.totals:
        return None
    first_week = found.totals[0].start
    if ctx.data.sessions(until=first_week - dt.timedelta(days=1), limit=1):
        return None
    return next((t.start for t in found.totals if t.sessions or t.seconds), None)


def weekly(ctx: Context, *, today: dt.date, weeks: int = progress.WEEKS, since: dt.date | None = None) -> Chart:
    """Minutes and sessions per week for the ``weeks`` weeks up to ``today``'s (or from ``since``), against the
    weekly target; only sessions inside the window count."""
    return _weekly_chart(ctx, _progress(ctx, window(today=today, since=since, weeks=weeks)))


def _progress(ctx: Context, shown: Window) -> progress.Progress:
    """The weeks the window touches, counting only the sessions dated inside it."""
    found = ctx.data.sessions(since=shown.first, until=shown.last)
    return progress.progress(found, today=shown.last, weeks=shown.weeks)


def _readings(ctx: Context, since: dt.date | None, until: dt.date | None) -> list[SorenessReading]:
    check_range(since, until)
    return list(ctx.data.soreness(since=since, until=until))


def soreness(ctx: Context, *, since: dt.date | None = None, until: dt.date | None = None) -> Chart:
    """Soreness 0-10 over time, a line for each region that has ratings."""
    readings = _readings(ctx, since, until)
    rules = ctx.knowledge.progression
    title = "Soreness"
    drawn = partial(
        charts.soreness_chart,
        readings,
        uid="chart-soreness",
        names=display.region_names(ctx),
        title=title,
        low=rules.soreness_low,
        high=rules.soreness_high,
        start=since,
        end=until,
    )
    return Chart("soreness", title, drawn, not readings)


# -- all of them ---------------------------------------------------------------------------------


def _all(ctx: Context, found: progress.Progress, shown: Window) -> tuple[list[Chart], tuple[AssessmentResult, ...]]:
    """The charts of the window, and every result up to its last day (for the changes since the first)."""
    since, until = shown.first, shown.last
    out = [
        _weekly_chart(ctx, found),
        soreness(ctx, since=since, until=until),
        levels(ctx, since=since, until=until),
    ]
    results = ctx.data.results(until=until)
    for test in assess.tests(ctx):
        chart = _assessment_chart(test, results, since, until)
        if not chart.empty:
            out.append(chart)
    return out, results


def progress_charts(
    ctx: Context, *, today: dt.date, since: dt.date | None = None, weeks: int = progress.WEEKS
) -> list[Chart]:
    """Weekly, soreness, levels, then one chart per screening test with results, for the window up to ``today``
    (from ``since``, or the ``weeks`` weeks up to ``today``'s)."""
    shown = window(today=today, since=since, weeks=weeks)
    return _all(ctx, _progress(ctx, shown), shown)[0]


def changes(tests: Sequence[AssessmentTest], results: Sequence[AssessmentResult], until: dt.date) -> tuple[Change, ...]:
    """Each test and side whose latest result differs from its first by more than the measurement error."""
    out = []
    for test in tests:
        for side in (*scoring.SIDES, None):
            rows = [r for r in results if r.test == test.slug and r.side == side and r.date <= until]
            if len(rows) > 1 and scoring.real_change(rows[0].value, rows[-1].value, test):
                out.append(Change(test, side, rows[0], rows[-1]))
    return tuple(out)


def overview(ctx: Context, *, today: dt.date, weeks: int = progress.WEEKS, since: dt.date | None = None) -> Overview:
    """The charts of the window up to ``today`` (from ``since``, or the ``weeks`` weeks up to ``today``'s) and a
    summary: recent minutes against the target, latest soreness, level moves, real changes."""
    shown = window(today=today, since=since, weeks=weeks)
    found = _progress(ctx, shown)
    drawn, results = _all(ctx, found, shown)
    minutes, days = weekly_target(ctx)
    readings = ctx.data.soreness(since=shown.first, until=today)
    last_day = [r for r in readings if r.date == readings[-1].date] if readings else []
    moves = ctx.data.level_tallies(until=today)[0]
    return Overview(
        today=today,
        since=shown.first,
        charts=drawn,
        weeks=found.totals,
        target_minutes=minutes,
        target_days=days,
        recent_minutes=found.recent_minutes_per_week,
        soreness=tuple(last_day),
        moves={d: moves.get(d, 0) for d in ("progress", "hold", "regress")},
        changes=changes(assess.tests(ctx), results, today),
        names=display.region_names(ctx),
        flag_events=tuple(e.words for e in ladder.flag_events(ctx, until=today)),
    )


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def summary(found: Overview) -> list[str]:
    """The overview in a few plain sentences (the text of ``supple progress``)."""
    last = found.weeks[-1]
    recent = min(progress.RECENT_WEEKS, len(found.weeks))
    lines = [
        f"Progress from {day_month(found.since, year=True)} to {day_month(found.today, year=True)}, "
        f"over {_count(len(found.weeks), 'week')}.",
        f"Minutes per week: {found.recent_minutes} on average over the last {_count(recent, 'week')}; "
        f"the target is {found.target_minutes} on at least {found.target_days} days.",
        f"{'This week so far' if found.today < last.start + dt.timedelta(7) else 'Latest week'}: "
        f"{last.minutes} min in {_count(last.sessions, 'session')} on {_count(last.days, 'day')}.",
    ]
    if found.soreness:
        rated = ", ".join(f"{found.names.get(r.region, r.region)} {r.value}/10" for r in found.soreness)
        lines.append(f"Latest soreness ({day_month(found.soreness[0].date)}): {rated}.")
    else:
        lines.append("No soreness ratings yet.")
    moves = found.moves
    if sum(moves.values()):
        lines.append(
            f"Ladder decisions: {moves['progress']} up, {moves['regress']} down, {moves['hold']} stayed the same."
        )
    else:
        lines.append("No ladder decisions yet: they come with each logged session.")
    lines.extend(found.flag_events)
    if found.changes:
        lines.append("Real change since the first result: " + "; ".join(c.words for c in found.changes) + ".")
    else:
        lines.append("No test result has changed beyond its measurement error yet.")
    return lines


# -- the JSON contract (docs/contract.md) ---------------------------------------------------------


def chart_dict(chart: Chart, file: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"slug": chart.slug, "title": chart.title, "empty": chart.empty}
    if file is not None:
        out["file"] = file
    return out


def week_dict(week: progress.WeekTotal) -> dict[str, Any]:
    return {"start": week.start.isoformat(), "minutes": week.minutes, "sessions": week.sessions, "days": week.days}
