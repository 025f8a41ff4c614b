"""`supple report` and `supple handout`: printable PDF or HTML files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from supple.cli import outputs
from supple.cli.common import JSON_OPTION, console, guarded, open_context, print_json

if TYPE_CHECKING:
    from supple.services.report import Written

OUT_HELP = "File to write; its ending picks the format: .pdf or .html (an existing file of that kind is replaced)."


@guarded
def report(
    out: str = typer.Option(..., "--out", metavar="FILE", help=OUT_HELP),
    since: str | None = typer.Option(None, "--from", help="First day, YYYY-MM-DD (default: 12 weeks before --to)."),
    until: str | None = typer.Option(None, "--to", help="Last day, YYYY-MM-DD (default: today)."),
    as_json: bool = JSON_OPTION,
    force: bool = outputs.FORCE_OPTION,
) -> None:
    """Write a progress report to hand to a physio or coach: tests, charts, levels, sessions and soreness.

    Example: supple report --out report.pdf --from 2026-09-01 --to 2026-11-30
    """
    from supple.services import report as documents
    from supple.services import routines

    _check(out, force)
    written = documents.write_report(
        open_context(),
        out=out,
        since=routines.parse_date(since, field="from") if since is not None else None,
        until=routines.parse_date(until, field="to") if until is not None else None,
        today=dt.date.today(),
    )
    _done(written, "report", as_json)


@guarded
def handout(
    out: str = typer.Option(..., "--out", metavar="FILE", help=OUT_HELP),
    kind: str | None = typer.Option(None, "--kind", help="primer, daily, recovery or focus (default: from your runs)."),
    minutes: int | None = typer.Option(None, "--minutes", help="Time budget in minutes, 1-120 (default: profile)."),
    date: str | None = typer.Option(None, "--date", help="Day of the routine, YYYY-MM-DD (default: today)."),
    as_json: bool = JSON_OPTION,
    force: bool = outputs.FORCE_OPTION,
) -> None:
    """Write today's routine as a one-page handout to print: a picture, the dose and key cues per exercise.

    Example: supple handout --out routine.pdf --kind primer --minutes 8
    """
    from supple.services import report as documents
    from supple.services import routines

    _check(out, force)
    written = documents.write_handout(
        open_context(),
        out=out,
        date=routines.parse_date(date) if date is not None else dt.date.today(),
        kind=kind.lower() if kind else None,
        minutes=minutes,
    )
    _done(written, "handout", as_json)


def _check(out: str, force: bool) -> None:
    """Refuse the database, and an existing file that is not the kind the name's ending gives."""
    path = Path(out).expanduser()
    outputs.check(path, option="--out", kind=outputs.BY_SUFFIX.get(path.suffix.lower()), force=force)


def _done(written: Written, what: str, as_json: bool) -> None:
    from supple.services.report import written_dict

    if as_json:
        print_json(written_dict(written))
        return
    pages = "" if written.pages is None else f", {written.pages} page{'' if written.pages == 1 else 's'}"
    console().print(f"Wrote the {what} to {written.out} ({written.format.upper()}{pages}).", soft_wrap=True)
