"""`supple red-flags`: the red flags you reported, and clearing them once a clinician has seen you."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import typer

from supple.cli.common import JSON_OPTION, console, fail, guarded, open_context, print_json

if TYPE_CHECKING:
    from supple.services.context import Context
    from supple.services.redflags import ActiveFlag


@guarded
def red_flags(
    clear: bool = typer.Option(
        False, "--clear", help="A physio or doctor has seen you and cleared you: start the plan again."
    ),
    show_all: bool = typer.Option(
        False, "--all", help="Every red flag you ever reported, with the day each was cleared (clearing keeps them)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Show the red flags you reported in triage; while any is open there is no plan.

    Each flag has a level: emergency, same-day or soon; the highest open one says how fast to get seen.

    Example: supple red-flags --clear

    Example: supple red-flags --all
    """
    import textwrap

    from supple.services import redflags

    if clear and show_all:
        raise fail("--clear and --all: pick one; --clear closes the open flags, --all lists every flag ever reported")
    ctx = open_context()
    found = redflags.active(ctx)
    cleared = redflags.clear(ctx, date=dt.date.today()) if clear else 0
    every = redflags.history(ctx) if show_all else ()
    if as_json:
        shown: dict[str, Any] = {"open": [] if clear else [redflags.flag_dict(f) for f in found], "cleared": cleared}
        if show_all:
            shown["all"] = [redflags.flag_dict(f) for f in every]
        print_json(shown)
        return
    out = console()
    if clear:
        out.print(f"Cleared {cleared} red flag{'s' if cleared != 1 else ''}. Your plan starts again: `supple today`.")
        return
    if show_all:
        _history(out, ctx, every)
        return
    if not found:
        out.print("No open red flags: your plan is on.")
        return
    view = redflags.words(ctx, redflags.highest(found))
    out.print(f"[bold red]Open red flags: {view.heading}[/bold red]")
    for line in textwrap.wrap(view.advice, width=max(out.width - 3, 30)):
        out.print("   " + line, markup=False)
    for flag in found:
        where = f" ({flag.complaint})" if flag.complaint else ""
        _line(out, f"{flag.date.isoformat()}  {flag.name}{where} · {redflags.words(ctx, flag.level).label}")
    out.print("When a physio or doctor has cleared you: [bold]supple red-flags --clear[/bold]")


def _history(out: Any, ctx: Context, every: Sequence[ActiveFlag]) -> None:
    from supple.services import redflags

    if not every:
        out.print("No red flags reported.")
        return
    out.print("[bold]Every red flag reported[/bold] (clearing closes a flag; it stays listed here)")
    for flag in every:
        where = f" ({flag.complaint})" if flag.complaint else ""
        label = redflags.words(ctx, flag.level).label
        state = f"cleared {flag.cleared.isoformat()}" if flag.cleared else "open"
        _line(out, f"{flag.date.isoformat()}  {flag.name}{where} · {label} · {state}")


def _line(out: Any, text: str) -> None:
    """One flag, indented, its wrapped lines lined up under its name."""
    import textwrap

    for line in textwrap.wrap(text, width=max(out.width, 40), initial_indent="   ", subsequent_indent=" " * 15):
        out.print(line, markup=False)
