"""`supple runs`: import activity files, list runs done and planned, add and delete runs."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Annotated, Any

import typer

from supple.cli.common import JSON_OPTION, bounded, console, fail, guarded, open_context, print_json
from supple.cli.run_calendars import calendar_app

runs_app = typer.Typer(
    name="runs",
    help="Runs done (imported from FIT, GPX and TCX files, or added by hand) and runs planned.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


class _Bar:
    """A Rich progress bar on standard error while files are imported (only on a terminal)."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("Importing"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task("import", total=None)

    def __call__(self, done: int, total: int) -> None:
        self.progress.update(self.task, completed=done, total=total or None)

    def __enter__(self) -> _Bar:
        self.progress.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.progress.stop()


@runs_app.command("import")
@guarded
def import_(
    paths: Annotated[
        list[str], typer.Argument(metavar="PATH", help="Activity files (.fit, .gpx, .tcx, .gz too), folders, zips.")
    ],
    as_json: bool = JSON_OPTION,
) -> None:
    """Import activity files: files, folders (recursively), Strava and Garmin export zips.

    Importing the same files again stores nothing twice; an import stopped half-way can be run
    again. Each file is reported: imported, duplicate, skipped or refused, with the reason.

    Example: supple runs import ~/Downloads/export_12345.zip
    """
    from supple.services import run_imports, runs

    ctx = open_context()
    if sys.stderr.isatty():
        with _Bar() as bar:
            job = run_imports.import_here(ctx, paths, progress=bar)
    else:
        job = run_imports.import_here(ctx, paths, progress=lambda done, total: None)
    files = job.report["files"]
    if as_json:
        print_json({"files": files})
        return
    out = console()
    for line in files:
        if line["status"] in ("skipped", "refused"):
            out.print(f"{line['status']:<9} {line['path']}: {line['reason']}", markup=False)
    counts = ", ".join(f"{job.report['counts'][s]} {s}" for s in runs.STATUSES)
    out.print(f"{len(files)} files: {counts}.")


@runs_app.command("list")
@guarded
def list_(
    since: str | None = typer.Option(None, "--from", help="First date, YYYY-MM-DD."),
    until: str | None = typer.Option(None, "--to", help="Last date, YYYY-MM-DD."),
    as_json: bool = JSON_OPTION,
) -> None:
    """List runs done and planned (and other activities), latest first.

    Example: supple runs list --from 2026-11-01 --json
    """
    from supple.services import runs
    from supple.services.routines import parse_date

    first = parse_date(since, field="from") if since is not None else None
    last = parse_date(until, field="to") if until is not None else None
    rows = runs.runs_list(runs.list_runs(open_context(), first, last))
    if as_json:
        print_json(rows)
        return
    out = console()
    if not rows:
        out.print("No runs yet. Import some with `supple runs import PATH` or add one with `supple runs add`.")
        return
    for row in rows:
        out.print(_line(row), markup=False)


def _line(row: dict[str, Any]) -> str:
    km = f"{row['distance_m'] / 1000:.2f} km" if row["distance_m"] is not None else "-"
    minutes = f"{row['elapsed_seconds'] / 60:.0f} min" if row["elapsed_seconds"] is not None else "-"
    if row["planned"]:
        when = f"{row['date']} {row['at'] or '     '}"
        return f"{when}  planned {row['kind']:<8} {km:>10} {minutes:>8}  {row['title']}  ({row['id']})"
    when = row["start"][:16].replace("T", " ")
    return f"{when}  {row['sport']:<14} {km:>10} {minutes:>8}  {row['source']}  (#{row['id']})"


@runs_app.command("add")
@guarded
def add(
    date: str = typer.Option(..., "--date", help="The day, YYYY-MM-DD."),
    time: str | None = typer.Option(None, "--time", help="Local time of day, HH:MM (needed with --done)."),
    distance: float | None = typer.Option(None, "--distance", help="Distance in kilometres."),
    minutes: int | None = typer.Option(
        None, "--minutes", callback=bounded("--minutes", 1, 48 * 60), help="Duration in minutes."
    ),
    kind: str | None = typer.Option(None, "--kind", help="easy, long, workout or race (planned runs; default easy)."),
    title: str = typer.Option("", "--title", help="A title for a planned run."),
    done: bool = typer.Option(False, "--done", help="A run already done (a treadmill run, say), not a planned one."),
    sport: str = typer.Option("running", "--sport", help="With --done: running, treadmill or trail_running."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Add a planned run, or with --done a run done without a file. Nothing is written on bad input.

    Example: supple runs add --date 2026-12-06 --time 08:00 --distance 18 --kind long
    """
    from supple.services import runs
    from supple.services.routines import parse_date

    ctx = open_context()
    if done:
        if kind is not None:
            raise fail("--kind is for planned runs; leave it out with --done")
        if time is None:
            raise fail("--time: missing; expected the local time the run started, HH:MM (with --done)")
        if minutes is None:
            raise fail("--minutes: missing; expected how long the run took in minutes (with --done)")
        day = parse_date(date, field="date")
        at = runs.parse_time(time)
        offset = dt.datetime.combine(day, at).astimezone().utcoffset()
        new_id = runs.add_done_by_hand(ctx, day, at, minutes, distance, sport=sport, offset=offset)
        shown = str(new_id)
    else:
        new_id = runs.add_planned(ctx, date, time, kind or "easy", distance, minutes, title)
        shown = f"p{new_id}"
    if as_json:
        print_json({"id": new_id if done else shown, "planned": not done})
        return
    console().print(f"Added {'run' if done else 'planned run'} {shown} on {date}.")


@runs_app.command("delete")
@guarded
def delete(
    ident: str = typer.Argument(
        ..., metavar="ID", help="A run's id from `supple runs list`: 12 (done) or p3 (planned)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Delete a run done (by its number) or a planned run (p and its number).

    Example: supple runs delete p3
    """
    from supple.services import runs

    what = runs.delete_run(open_context(), ident)
    if as_json:
        print_json({"deleted": ident.strip().lower()})
        return
    console().print(f"Deleted {what}.")


runs_app.add_typer(calendar_app, name="calendar")
