"""`supple progress`: minutes per week against the target, soreness, ladder moves and test changes, as text or SVG."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
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
    weeks: int = typer.Option(
        12, "--weeks", metavar="N", help="Weeks in the minutes-per-week chart and summary (1-104)."
    ),
    force: bool = outputs.FORCE_OPTION,
) -> None:
    """Show progress: minutes per week against the target, soreness, ladder moves and tests that really changed.

    With --svg DIR the charts (weekly, soreness, levels, and one per screening test with results)
    are written as SVG files.

    Example: supple progress --svg charts
    """
    from supple.services import charts, routines

    today = routines.parse_date(date) if date is not None else dt.date.today()
    charts.check_weeks(weeks)
    folder = _folder(svg) if svg is not None else None
    found = charts.overview(open_context(), today=today, weeks=weeks)
    files: list[str | None] = [None] * len(found.charts)
    if folder is not None:
        files = [*_write(folder, found.charts, force)]
    if as_json:
        print_json(
            {
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
