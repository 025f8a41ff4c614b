"""GET /progress: the charts (minutes per week, soreness, ladder levels, each screening test) with a
sentence under each, and the current level of every exercise with the reason for it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from supple.services import assess, charts, display, levels, library, routines, working
from supple.services.context import Context
from supple.services.errors import InvalidInput
from supple.web import screening
from supple.web.access import ContextDep
from supple.web.pages import render

router = APIRouter()

DECISIONS = {"progress": ("moves up", "up"), "hold": ("stays", "hold"), "regress": ("eases off", "down")}
EMPTY = {
    "weekly": "Nothing done yet. Start today’s routine on Today: every finished item counts here.",
    "soreness": "No ratings yet. The day after a session or a run, do a quick soreness check-in.",
    "levels": "Levels appear once you finish a session: each exercise then moves up, stays or steps down.",
}
LINKS = {
    "weekly": ("/", "Go to Today"),
    "soreness": ("/soreness", "Soreness check-in"),
    "levels": ("/", "Go to Today"),
}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _weekly_text(overview: Any) -> str:
    week = overview.weeks[-1]
    return (
        f"This week so far: {week.minutes} min on {_plural(week.days, 'day')}. Recent weeks average "
        f"{overview.recent_minutes} min; the aim is {overview.target_minutes} min over at least "
        f"{overview.target_days} days."
    )


def _soreness_text(overview: Any, names: dict[str, str]) -> str:
    readings = overview.soreness
    day = readings[0].date
    rated = ", ".join(f"{names.get(r.region, r.region)} {r.value}/10" for r in readings)
    return f"Latest ratings ({day.day} {day:%b}): {rated}."


def _levels_text(overview: Any) -> str:
    moves = overview.moves
    return " ".join(
        (
            f"Since you started: {_plural(moves.get('progress', 0), 'move')} up, {moves.get('hold', 0)} held, "
            f"{_plural(moves.get('regress', 0), 'step')} down.",
            *overview.flag_events,
        )
    )


def _test_text(ctx: Context, slug: str, overview: Any) -> str:
    test = assess.find_test(ctx, slug=slug)
    latest = screening.latest_rows(ctx, slug).get(slug, {})
    parts = [
        f"{screening.side_text(side) + ' ' if side else ''}{screening.amount(latest[side].result.value, test)}"
        for side in screening.sides_of(test)
        if side in latest
    ]
    words = "Latest: " + ", ".join(parts) + "."
    real = [c.words for c in overview.changes if c.test.slug == slug]
    if real:
        return words + " Real change since your first result: " + "; ".join(real) + "."
    if test.noisy:
        return words + " This test is too noisy to prove a change; use it as a rough guide."
    return words + f" No change beyond the measurement error ({screening.size(test.error.value, test)}) yet."


def summary(ctx: Context, chart: Any, overview: Any, names: dict[str, str]) -> str:
    """A sentence that says in words what the chart shows."""
    if chart.empty:
        return EMPTY.get(chart.slug, "No results yet.")
    if chart.slug == "weekly":
        return _weekly_text(overview)
    if chart.slug == "soreness" and overview.soreness:
        return _soreness_text(overview, names)
    if chart.slug == "levels":
        return _levels_text(overview)
    if chart.slug.startswith("assess-"):
        return _test_text(ctx, chart.slug.removeprefix("assess-"), overview)
    return ""


def _exercise_name(ctx: Context, slug: str) -> str:
    try:
        return str(library.exercise(ctx, slug=slug).name)
    except InvalidInput:
        return display.label(slug)


def _window(ctx: Context, preset: str | None, since: str | None, until: str | None) -> charts.Window:
    """The days asked for: a preset (``range``), or ``from``/``to`` (blank means not given); 12 weeks by default."""
    since, until = since or None, until or None
    today = dt.date.today()
    if preset and (since or until):
        raise InvalidInput("range", preset, "either a preset range or from/to dates, not both")
    if preset:
        return charts.preset_window(ctx, today=today, preset=preset)
    last = routines.parse_date(until, field="to") if until else today
    first = routines.parse_date(since, field="from") if since else None
    return charts.window(today=last, since=first)


@router.get("/progress", response_class=HTMLResponse)
def progress_page(
    request: Request,
    ctx: ContextDep,
    preset: Annotated[str | None, Query(alias="range", max_length=10)] = None,
    since: Annotated[str | None, Query(alias="from", max_length=40)] = None,
    until: Annotated[str | None, Query(alias="to", max_length=40)] = None,
) -> HTMLResponse:
    choice = {"range": preset or "", "from": since or "", "to": until or ""}
    try:
        shown = _window(ctx, preset, since, until)
    except InvalidInput as error:
        refused = {"title": "Progress", "problem": str(error), "choice": choice, "presets": charts.PRESETS}
        return render(request, "progress.html", refused, status=422)
    overview = charts.overview(ctx, today=shown.last, since=shown.first)
    names = display.region_names(ctx)
    shown_charts = [(chart, summary(ctx, chart, overview, names), LINKS.get(chart.slug)) for chart in overview.charts]
    current = sorted(levels.current(ctx), key=lambda e: _exercise_name(ctx, e.exercise))
    page: dict[str, Any] = {
        "title": "Progress",
        "charts": shown_charts,
        "window": shown,
        "choice": choice | {"from": shown.first.isoformat(), "to": shown.last.isoformat()},
        "preset": preset or ("" if since or until else "12w"),
        "presets": charts.PRESETS,
        "tested": any(chart.slug.startswith("assess-") for chart in overview.charts),
        "levels": [(e, _exercise_name(ctx, e.exercise), DECISIONS.get(e.decision.decision)) for e in current],
    }
    return render(request, "progress.html", page)


@router.get("/progress/working", response_class=HTMLResponse)
def working_page(
    request: Request, ctx: ContextDep, weeks: Annotated[int, Query(ge=4, le=104)] = working.WEEKS
) -> HTMLResponse:
    """Is it working? The weeks side by side, and how minutes and soreness after runs move together."""
    found = working.working(ctx, today=dt.date.today(), weeks=weeks)
    return render(request, "working.html", {"title": "Is it working?", "found": found})
