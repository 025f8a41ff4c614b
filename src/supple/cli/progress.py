"""`supple progress`: minutes per week against the target, soreness, ladder moves and test changes, as text or SVG."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from supple.cli import outputs
from supple.cli.common import JSON_OPTION, fail, guarded, open_context, print_json

if TYPE_CHECKING:
    from supple.services.charts import Chart


def _folder(text: str) -> Path:
    """The folder for ``--svg``: it may be missing (it is created) but must not be a file."""
    folder = Path(text).expanduser()
    for place in (folder, *folder.parents):
        if place.exists():
            if not place.is_dir():
                where = "is a file" if place == folder else f"is inside a file ({place})"
                raise fail(f"--svg: {text!r} {where}; expected a folder (created if missing)")
            break
    return folder


def _write(folder: Path, drawn: Sequence[Chart], force: bool) -> list[str]:
    """Check every chart's file first (an existing one must be an SVG, unless ``force``), then write each whole."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        problem = f"cannot make {str(folder)!r}: {error.strerror}"
        raise fail(f"--svg: {problem}; expected a folder you can write to") from None
    paths = [outputs.check(folder / f"{c.slug}.svg", option="--svg", kind=outputs.SVG, force=force) for c in drawn]
    for chart, path in zip(drawn, paths, strict=True):
        outputs.write(path, (chart.svg + "\n").encode("utf-8"), option="--svg")
    return [str(path) for path in paths]


@guarded
def progress(
    as_json: bool = JSON_OPTION,
    svg: str | None = typer.Option(None, "--svg", metavar="DIR", help="Write each chart to DIR/<slug>.svg."),
    date: str | None = typer.Option(None, "--date", help="Show progress up to this day, YYYY-MM-DD (default: today)."),
    weeks: int | None = typer.Option(
        None, "--weeks", metavar="N", help="Show the N weeks up to --date's, Monday to Sunday (1-104, default 12)."
    ),
    since: str | None = typer.Option(None, "--from", help="First day shown, YYYY-MM-DD (instead of --weeks)."),
    until: str | None = typer.Option(None, "--to", help="Last day shown, YYYY-MM-DD (the same as --date)."),
    force: bool = outputs.FORCE_OPTION,
) -> None:
    """Show progress: minutes per week against the target, soreness, ladder moves and tests that really changed.

    The charts show the last 12 weeks up to today unless --weeks, --from or --to say otherwise.
    With --svg DIR the charts (weekly, soreness, levels, and one per screening test with results)
    are written as SVG files.

    Example: supple progress --from 2026-01-01 --to 2026-06-30 --svg charts
    """
    from supple.services import charts, routines

    last = _last_day(date, until, routines.parse_date)
    first = routines.parse_date(since, field="from") if since is not None else None
    if first is not None and weeks is not None:
        raise fail(f"--from {since} and --weeks {weeks} both set the first day; give one of them")
    if weeks is not None:
        charts.check_weeks(weeks)
    charts.check_range(first, last)
    folder = _folder(svg) if svg is not None else None
    found = charts.overview(open_context(), today=last, since=first, weeks=weeks or 12)
    files: list[str | None] = [None] * len(found.charts)
    if folder is not None:
        files = [*_write(folder, found.charts, force)]
    if as_json:
        print_json(
            {
                "from": found.since.isoformat(),
                "to": found.today.isoformat(),
                "charts": [charts.chart_dict(c, f) for c, f in zip(found.charts, files, strict=True)],
                "weeks": [charts.week_dict(w) for w in found.weeks],
                "target": {"minutes": found.target_minutes, "days": found.target_days},
            }
        )
        return
    for line in charts.summary(found):
        print(line)
    if folder is not None:
        print(f"Wrote {len(files)} charts to {folder}: " + ", ".join(f"{c.slug}.svg" for c in found.charts) + ".")


def _last_day(date: str | None, until: str | None, parse: Callable[..., dt.date]) -> dt.date:
    """The last day shown: --date or --to (the same thing; refused when both name different days), else today."""
    day = parse(date) if date is not None else None
    to = parse(until, field="to") if until is not None else None
    if day is not None and to is not None and day != to:
        raise fail(f"--date {date} and --to {until} name different last days; give one of them")
    return day or to or dt.date.today()
