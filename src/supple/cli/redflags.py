"""`supple red-flags`: the red flags you reported, and clearing them once a clinician has seen you."""

from __future__ import annotations

import datetime as dt

import typer

from supple.cli.common import JSON_OPTION, console, guarded, print_json, settings


@guarded
def red_flags(
    clear: bool = typer.Option(
        False, "--clear", help="A physio or doctor has seen you and cleared you: start the plan again."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Show the red flags you reported in triage; while any is open there is no plan.

    Example: supple red-flags --clear
    """
    from supple.services import redflags

    config = settings()
    found = redflags.active(settings=config)
    cleared = redflags.clear(settings=config, date=dt.date.today()) if clear else 0
    if as_json:
        print_json({"open": [] if clear else [redflags.flag_dict(f) for f in found], "cleared": cleared})
        return
    out = console()
    if clear:
        out.print(f"Cleared {cleared} red flag{'s' if cleared != 1 else ''}. Your plan starts again: `supple today`.")
        return
    if not found:
        out.print("No open red flags: your plan is on.")
        return
    out.print("[bold red]Open red flags: no plan until a physio or doctor has seen you[/bold red]")
    for flag in found:
        where = f" ({flag.complaint})" if flag.complaint else ""
        urgent = " · get seen soon" if flag.urgent else ""
        out.print(f"   {flag.date.isoformat()}  {flag.name}{where}{urgent}")
    out.print("When you have been cleared: [bold]supple red-flags --clear[/bold]")
