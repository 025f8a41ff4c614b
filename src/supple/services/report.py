"""The printable progress report and the one-page routine handout: gather, lay out, write whole.

Everything is checked before anything is drawn, and the file is written under a temporary
name in the target folder and then renamed, so a failed or interrupted run leaves no file
(and never half of one) behind.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from supple.core.assessment import SIDES, AssessmentResult, AssessmentTest
from supple.core.errors import InvalidInput
from supple.core.exercises import Exercise
from supple.illustrate import exercise_svg
from supple.report import (
    Figure,
    Flag,
    Handout,
    HandoutBlock,
    HandoutItem,
    LevelRow,
    Report,
    Screening,
    SessionsSummary,
    SorenessRegion,
    SorenessSummary,
)
from supple.services import assess, charts, display, levels, logbook, progress, redflags, routines
from supple.services.context import Context

#: What an ``--out`` file name may end with, and the format each gives.
FORMATS = {".pdf": "pdf", ".html": "html"}
DEFAULT_WEEKS = 12
#: The handout's picture size (the stylesheet scales it down to fit).
PICTURE_SIZE = 240


@dataclass(frozen=True, slots=True)
class Written:
    out: Path
    format: str
    #: Pages of a PDF; None for HTML (the browser decides when printing).
    pages: int | None


# -- checking the request ---------------------------------------------------------------------


def output(text: str) -> tuple[Path, str]:
    """The file to write and its format (from the extension); InvalidInput naming the value otherwise."""
    path = Path(text).expanduser()
    found = FORMATS.get(path.suffix.lower())
    if found is None:
        raise InvalidInput("out", text, "a file name ending in .pdf or .html")
    if path.is_dir():
        raise InvalidInput("out", text, "a file name ending in .pdf or .html, not a folder")
    if not path.parent.is_dir():
        raise InvalidInput("out", text, f"a file in a folder that exists ({str(path.parent)!r} does not)")
    return path, found


def period(*, since: dt.date | None, until: dt.date | None, today: dt.date) -> tuple[dt.date, dt.date]:
    """The report's first and last day: to ``today`` and from 12 weeks before the last day by default."""
    until = until or today
    since = since or until - dt.timedelta(weeks=DEFAULT_WEEKS)
    if since > until:
        raise InvalidInput("from", since.isoformat(), f"a date on or before the last day, {until.isoformat()}")
    charts.check_range(since, until)
    return since, until


# -- the report ---------------------------------------------------------------------------------


def _screening(ctx: Context, since: dt.date, until: dt.date) -> list[Screening]:
    known = ctx.knowledge.tests
    grouped: dict[tuple[str, str | None], list[AssessmentResult]] = {}
    for result in ctx.data.results(since=since, until=until):
        if result.test in known:
            grouped.setdefault((result.test, result.side), []).append(result)
    rows: list[Screening] = []
    for slug, test in known.items():
        for side in (*SIDES, None):
            found = sorted(grouped.get((slug, side), ()), key=lambda r: r.date)
            if found:
                retested = len(found) > 1 and found[-2].date == found[-1].date
                rows.append(Screening(test, side, found[0], found[-1], len(found), retested))
    return rows


def _rung(exercise: Exercise | None, level: int) -> str:
    rung = next((r for r in exercise.ladder if r.level == level), None) if exercise is not None else None
    if rung is None:
        return ""
    unit = rung.unit if rung.unit == "°" else f" {rung.unit}"
    return f"{rung.label} ({rung.variable} {rung.target:g}{unit})"


def _flag_cause(cause: str | None) -> bool:
    return cause is not None and cause.startswith("red-flag:")


def _levels(ctx: Context) -> list[LevelRow]:
    exercises = ctx.catalogue.exercises
    rows: list[LevelRow] = []
    for entry in levels.current(ctx):
        exercise = exercises.get(entry.exercise)
        d = entry.decision
        rows.append(
            LevelRow(
                slug=entry.exercise,
                name=exercise.name if exercise is not None else entry.exercise,
                level=d.level,
                rungs=max(len(exercise.ladder), 1) if exercise is not None else d.level,
                rung=_rung(exercise, d.level),
                decision=d.decision,
                reason="Down one level for the red flag listed above." if _flag_cause(d.cause) else d.reason,
                date=entry.date,
            )
        )
    return sorted(rows, key=lambda r: r.name.lower())


def _sessions(ctx: Context, since: dt.date, until: dt.date) -> SessionsSummary:
    found = logbook.history(ctx, since=since, until=until)
    per_day = progress.seconds_by_day(found)
    minutes, days = charts.weekly_target(ctx)
    profile = ctx.profile_or_default(ctx.state(until).profile)
    return SessionsSummary(
        sessions=len(found),
        minutes=round(sum(per_day.values()) / 60),
        active_days=len(per_day),
        weeks=round(((until - since).days + 1) / 7, 1),
        target_days=days,
        target_minutes=minutes,
        daily_minutes=profile.minutes,
    )


def _soreness(ctx: Context, since: dt.date, until: dt.date) -> SorenessSummary:
    readings = ctx.data.soreness(since=since, until=until)
    names = ctx.catalogue.region_names
    regions: list[SorenessRegion] = []
    for region in dict.fromkeys(r.region for r in readings):
        mine = [r for r in readings if r.region == region]
        regions.append(
            SorenessRegion(
                region=region,
                name=names.get(region, region),
                count=len(mine),
                mean=round(sum(r.value for r in mine) / len(mine), 1),
                highest=max(r.value for r in mine),
                latest=mine[-1].value,
                latest_date=mine[-1].date,
            )
        )
    return SorenessSummary(
        readings=len(readings),
        days=len({r.date for r in readings}),
        after_run=sum(1 for r in readings if r.after_run),
        regions=tuple(sorted(regions, key=lambda r: (-r.highest, r.name))),
        scale_high=ctx.knowledge.progression.soreness_high,
    )


def _flags(ctx: Context, since: dt.date, until: dt.date) -> tuple[Flag, ...]:
    """Every red flag open at some time from ``since`` to ``until``, and every one open now, oldest first."""
    out: list[Flag] = []
    for f in redflags.history(ctx):
        if f.cleared is not None and not (f.date <= until and f.cleared >= since):
            continue
        words = redflags.words(ctx, f.level)
        complaint = display.label(f.complaint) if f.complaint else None
        out.append(Flag(f.name, f.question, f.level, words.label, words.heading, complaint, f.date, f.cleared))
    return tuple(out)


def _figure(chart: charts.Chart) -> Figure:
    return Figure(chart.slug, chart.title, chart.svg, chart.empty)


def _name(ctx: Context) -> str:
    """The runner's display name from the profile (empty until set: the report then names no one)."""
    return ctx.profile_or_default(ctx.data.get_profile()).name


def gather(ctx: Context, *, since: dt.date, until: dt.date, today: dt.date) -> Report:
    """Everything the report shows for the days ``since`` to ``until``, both included."""
    screening = _screening(ctx, since, until)
    tests: list[AssessmentTest] = list({row.test.slug: row.test for row in screening}.values())
    rules = ctx.knowledge.progression
    return Report(
        athlete=_name(ctx),
        since=since,
        until=until,
        generated=today,
        screening=tuple(screening),
        assessment_charts=tuple(_figure(charts.assessment(ctx, test=t.slug, since=since, until=until)) for t in tests),
        levels=tuple(_levels(ctx)),
        levels_charts=tuple(_figure(c) for c in charts.levels_parts(ctx, since=since, until=until)),
        sessions=_sessions(ctx, since, until),
        weekly_chart=_figure(charts.weekly(ctx, today=until, since=since)),
        soreness=_soreness(ctx, since, until),
        soreness_chart=_figure(charts.soreness(ctx, since=since, until=until)),
        flags=_flags(ctx, since, until),
        tests=tuple(tests),
        progress_sessions=rules.sessions,
        progress_control=rules.min_control,
        progress_discomfort=rules.max_discomfort,
        regress_discomfort=rules.regress_discomfort,
        retest_note=assess.retest_fades(ctx),
        flag_events=tuple(e.words for e in levels.flag_events(ctx, until=until)),
    )


def write_report(ctx: Context, *, out: str, since: dt.date | None, until: dt.date | None, today: dt.date) -> Written:
    """Check the request, then write the report for the period to ``out`` (.pdf or .html)."""
    path, kind = output(out)
    first, last = period(since=since, until=until, today=today)
    from supple.report import html

    page = html.render_report(gather(ctx, since=first, until=last, today=today))
    if kind == "html":
        _write(path, page.encode("utf-8"))
        return Written(path, kind, None)
    from supple.report import pdf

    made = pdf.to_pdf(page)
    _write(path, made.data)
    return Written(path, kind, made.pages)


# -- the handout --------------------------------------------------------------------------------


def picture(exercise: Exercise, *, size: int = PICTURE_SIZE, level: int | None = None) -> str:
    """The exercise's illustration as SVG text, at the runner's ``level``."""
    return exercise_svg(exercise, size=size, level=level)


def handout(ctx: Context, *, date: dt.date, kind: str | None = None, minutes: int | None = None) -> Handout:
    """Today's routine (as ``routines.today`` composes it) with a picture and the key cues for each item."""
    session = routines.today(ctx, date=date, kind=kind, minutes=minutes)
    cat = ctx.catalogue
    blocks: list[HandoutBlock] = []
    for block in session.blocks:
        items: list[HandoutItem] = []
        for item in block.items:
            exercise = cat.exercises[item.exercise]
            cues = tuple(c for c in (exercise.cues.setup[:1] + exercise.cues.movement[:1]) if c)
            items.append(
                HandoutItem(
                    name=exercise.name,
                    role=exercise.role,
                    dose=display.item_dose(item),
                    cues=cues,
                    svg=picture(exercise, level=item.level),
                    rung=_rung(exercise, item.level) if len(exercise.ladder) > 1 else "",
                )
            )
        blocks.append(HandoutBlock(cat.region_names.get(block.region, block.region), tuple(items)))
    return Handout(
        athlete=_name(ctx),
        date=session.date,
        kind=session.kind,
        kind_label=display.label(session.kind),
        minutes=session.minutes,
        total_seconds=session.total_seconds,
        blocks=tuple(blocks),
        notes=tuple(session.notes),
        stop=session.stop.advice if session.stop is not None else "",
        stop_heading=session.stop.heading if session.stop is not None else "",
        stop_level=session.stop.level if session.stop is not None else "",
    )


def write_handout(
    ctx: Context, *, out: str, date: dt.date, kind: str | None = None, minutes: int | None = None
) -> Written:
    """Check the request, then write the one-page routine to ``out`` (.pdf or .html).

    A PDF is laid out in the roomiest layout that keeps it to one page.
    """
    path, fmt = output(out)
    found = handout(ctx, date=date, kind=kind, minutes=minutes)
    from supple.report import html

    density = html.density_for(found.item_count)
    if fmt == "html":
        _write(path, html.render_handout(found, density=density).encode("utf-8"))
        return Written(path, fmt, None)
    from supple.report import pdf

    while True:
        made = pdf.to_pdf(html.render_handout(found, density=density))
        following = html.denser(density)
        if made.pages <= 1 or following is None:
            break
        density = following
    _write(path, made.data)
    return Written(path, fmt, made.pages)


# -- writing ------------------------------------------------------------------------------------


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` to a hidden file beside ``path``, then rename it over ``path`` (all or nothing)."""
    partial = path.with_name(f".{path.name}.{secrets.token_hex(4)}.partial")
    try:
        handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise InvalidInput("out", str(path), f"a file Supple can write ({error.strerror})") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def written_dict(written: Written) -> dict[str, Any]:
    return {"out": str(written.out), "format": written.format, "pages": written.pages}
