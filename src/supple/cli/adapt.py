"""`supple soreness` and `supple levels`: the next-day response and the ladder decisions it feeds."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from supple.cli.common import JSON_OPTION, console, fail, guarded, open_context, print_json, split_list


@guarded
def soreness(
    ratings: Annotated[
        list[str] | None, typer.Argument(metavar="REGION=N", help="Soreness 0-10 per region, e.g. calves=3.")
    ] = None,
    date: str | None = typer.Option(None, "--date", help="Day of the rating, YYYY-MM-DD (default: today)."),
    after_run: bool = typer.Option(False, "--after-run", help="The soreness follows a run rather than a rest day."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record how sore each region feels, 0 (none) to 10. Nothing is written unless every rating is valid.

    Example: supple soreness calves=3 hamstrings=1 --after-run
    """
    from supple.services import routines
    from supple.services import soreness as ratings_service

    if not ratings:  # Supple's own one line rather than the parser's usage box
        raise fail("soreness: missing; expected one or more REGION=N ratings from 0 to 10, e.g. calves=3")
    when = routines.parse_date(date) if date is not None else dt.date.today()
    stored = ratings_service.record(open_context(), ratings=ratings, date=when, after_run=after_run)
    if as_json:
        print_json([ratings_service.reading_dict(r) for r in stored])
        return
    listed = ", ".join(f"{r.region} {r.value}/10" for r in stored)
    console().print(f"Recorded soreness for {when}{' after a run' if after_run else ''}: {listed}.")


@guarded
def levels(
    red_flags: str | None = typer.Option(
        None, "--red-flags", help="Red flags you have now, e.g. night-pain (any one moves every exercise down)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Show the ladder level for each exercise you have done: move up, stay or move down, and why.

    Example: supple levels --json
    """
    from supple.services import levels as ladder

    ctx, given = open_context(), split_list(red_flags)
    # The current decisions are kept as state; red flags named here are a what-if, worked out from all history.
    found = ladder.decisions(ctx, red_flags=given) if given else ladder.current(ctx)
    if as_json:
        print_json([ladder.level_dict(e) for e in found])
        return
    out = console()
    if not found:
        out.print("No exercises done yet: log a session first (`supple go` or `supple log`).")
        return
    for entry in found:
        d = entry.decision
        out.print(f"[bold]{entry.exercise}[/bold]  level {d.level} · {d.decision}")
        out.print(f"   {d.reason}")
