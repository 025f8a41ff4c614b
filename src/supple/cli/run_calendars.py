"""`supple runs calendar`: subscribe to a training plan's calendar; its running events become planned runs."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from supple.cli.common import JSON_OPTION, console, guarded, open_context, print_json

calendar_app = typer.Typer(
    name="calendar",
    help="Training-plan calendars (iCalendar feeds or files): their running events become planned runs.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
)


def _show(view: Any, *, events: bool) -> None:
    out = console()
    name = f" ({view.name})" if view.name else ""
    out.print(f"calendar {view.id}{name}: {view.source}", markup=False)
    out.print(f"  {view.status}", markup=False)
    if not events:
        return
    for line in view.taken:
        out.print(f"  taken     {line['date']}  {line['summary']}: {line['reason']}", markup=False)
    for line in view.left_out:
        out.print(f"  left out  {line['date'] or '-'}  {line['summary']}: {line['reason']}", markup=False)


@calendar_app.command("add")
@guarded
def add(
    source: Annotated[str, typer.Argument(metavar="URL-OR-FILE", help="An http(s) or webcal address, or a .ics file.")],
    as_json: bool = JSON_OPTION,
) -> None:
    """Subscribe to a training plan's calendar: its running events of the next 8 weeks become planned runs.

    Every event is listed: taken as a run, or left out with the reason. The calendar is fetched
    again every hour while `supple serve` or `supple worker` runs, and by `runs calendar refresh`.

    Example: supple runs calendar add https://example.com/plan.ics
    """
    from supple.services import training_calendars

    view = training_calendars.subscribe(open_context(), source, today=dt.date.today(), local=True)
    if as_json:
        print_json(view.as_json())
        return
    _show(view, events=True)


@calendar_app.command("list")
@guarded
def list_(as_json: bool = JSON_OPTION) -> None:
    """The calendars you subscribed to, with how their last fetch went."""
    from supple.services import training_calendars

    views = training_calendars.calendars(open_context())
    if as_json:
        print_json([view.as_json() for view in views])
        return
    if not views:
        console().print("No calendars yet: add one with `supple runs calendar add URL-OR-FILE`.", markup=False)
    for view in views:
        _show(view, events=False)


@calendar_app.command("refresh")
@guarded
def refresh(
    calendar_id: Annotated[
        int | None, typer.Argument(metavar="ID", help="One calendar (default: all of them).")
    ] = None,
    as_json: bool = JSON_OPTION,
) -> None:
    """Fetch your calendars again now; their planned runs from today on are replaced.

    A calendar that cannot be fetched keeps the planned runs taken before; its status says why."""
    from supple.services import training_calendars

    ctx = open_context()
    today = dt.date.today()
    if calendar_id is None:
        views = training_calendars.refresh_all(ctx, today=today, local=True)
    else:
        views = [training_calendars.refresh(ctx, calendar_id, today=today, local=True)]
    if as_json:
        print_json([view.as_json() for view in views])
        return
    for view in views:
        _show(view, events=False)


@calendar_app.command("remove")
@guarded
def remove(calendar_id: Annotated[int, typer.Argument(metavar="ID", help="The calendar's id (see `list`).")]) -> None:
    """Unsubscribe from a calendar; the planned runs taken from it are deleted."""
    from supple.services import training_calendars

    training_calendars.unsubscribe(open_context(), calendar_id)
    console().print(f"Removed calendar {calendar_id} and its planned runs.", markup=False)
