"""`supple today` and `supple plan`."""

from __future__ import annotations

import datetime as dt

import typer

from supple.cli import layout
from supple.cli.common import JSON_OPTION, console, duration, guarded, open_context, print_json
from supple.cli.plain import routine_from_options

DATE_HELP = "Day to plan for, YYYY-MM-DD (default: today)."
COMPLAINT_HELP = "A complaint's triage session instead (its first-line work first), e.g. outer-knee."


def go_command(complaint: str | None) -> str:
    """The `supple go` that starts the routine shown (a complaint's triage session keeps its option)."""
    return "supple go" if complaint is None else f"supple go --complaint {complaint.strip().lower()}"


@guarded
def today(
    date: str | None = typer.Option(None, "--date", help=DATE_HELP),
    kind: str | None = typer.Option(None, "--kind", help="primer, daily, recovery or focus (default: from your runs)."),
    minutes: int | None = typer.Option(None, "--minutes", help="Time budget in minutes, 1-120 (default: profile)."),
    equipment: str | None = typer.Option(None, "--equipment", help="Kit at hand: roller,ball,box,band,wall or none."),
    focus: str | None = typer.Option(None, "--focus", help="Regions to focus on, e.g. hamstrings,it-band."),
    complaint: str | None = typer.Option(None, "--complaint", metavar="SLUG", help=COMPLAINT_HELP),
    as_json: bool = JSON_OPTION,
) -> None:
    """Print today's melt-and-mould routine.

    Example: supple today --minutes 8 --equipment roller --focus it-band

    Example: supple today --complaint outer-knee
    """
    from supple.services import shapes

    ctx = open_context()
    found = routine_from_options(ctx, date, kind, minutes, equipment, focus, complaint)
    if as_json:
        print_json(shapes.session_dict(found))
        return
    from supple.cli import render
    from supple.services import assess

    out = console()
    render.session(out, found, names=dict(ctx.catalogue.region_names), start=go_command(complaint))
    from supple.services import followups

    waiting = followups.waiting(ctx, today=found.date)
    if waiting is not None:
        out.print(
            f"\n[yellow]{waiting.question}[/yellow] Levels hold until you say: "
            f"`supple go --yesterday better`, `same` or `worse` (or one tap on the Today page)."
        )
    if found.stop is None and not any((kind, minutes, equipment, focus, complaint)):
        from supple.services import routines

        for planned in routines.day_plan(ctx, date=found.date).sessions:
            if planned.after_run and planned.session.blocks:
                when = f" --date {found.date.isoformat()}" if date is not None else ""
                out.print(
                    f"\n[bold]After your run[/bold]: a {duration(planned.session.total_seconds)} session with "
                    f"strength work. See it: `supple today{when} --kind daily`.",
                    overflow="fold",
                )
    if found.stop is None and assess.results(ctx):
        due = [test.slug for test, last, is_due in assess.retests(ctx, today=found.date) if last and is_due]
        if due:
            weeks = ctx.knowledge.progression.retest_weeks
            out.print(
                f"\n[yellow]Time to re-test[/yellow] (every {weeks} weeks): {', '.join(due)}. See `supple assess list`."
            )


@guarded
def plan(
    start: str | None = typer.Option(None, "--start", help="First day of the week, YYYY-MM-DD (default: today)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Print a 7-day "little and often" plan around your runs, with minutes per region.

    Example: supple plan --start 2026-11-23 --json
    """
    from supple.services import routines, shapes, week_runs

    ctx = open_context()
    week = routines.plan(ctx, start=routines.parse_date(start, field="start") if start is not None else dt.date.today())
    runs = week_runs.week_runs(ctx, week)
    if as_json:
        print_json(shapes.plan_dict(week, runs))
        return
    out = console()
    if week.stop is not None:
        from supple.cli import render

        out.print("[bold]No plan this week[/bold]")
        render.stop(out, week.stop)
        return
    names = ctx.catalogue.region_names
    rules = ctx.catalogue.rules.week
    for day in week.days:
        times = ", ".join(t.strftime("%H:%M") for t in day.runs)
        head = f"[bold]{day.date.strftime('%a %d %b')}[/bold]" + (f"  run at {times}" if times else "")
        out.print(head)
        for run, warning in runs.get(day.date, week_runs.DayRuns()).planned:
            if run.source != "profile":
                out.print(f"   planned: {week_runs.run_words(run)}", markup=False)
            if warning is not None:
                out.print(f"   [yellow]Note:[/yellow] {warning.text}")
        for note in day.notes:
            out.print(f"   {note}", markup=False)
        for planned in day.sessions:
            found = planned.session
            at = f"{planned.at.strftime('%H:%M')} " if planned.at else ("after the run " if planned.after_run else "")
            regions = [names.get(b.region, b.region) for b in found.blocks] or ["(nothing fits)"]
            first = f"   {at}{found.kind} · {duration(found.total_seconds)} · "
            for line in layout.names(regions, layout.width(out), first=first, rest=" " * 6):
                out.print(line, markup=False)
    out.print()
    out.print(
        "[bold]Targets per priority region[/bold]: work in range (mould items) "
        f"{rules.min_region_minutes} min over {rules.min_region_days} days; "
        f"strength on {rules.min_strength_days} days"
    )
    out.print(f"   {'region':<18} {'range':>9} {'days':>5} {'':<6} {'strength days':>14}")
    for region, cover in week.coverage.items():
        if region not in week.priorities:
            continue
        short = "[red]short[/red]" if region in week.unmet else "[green]ok[/green]   "
        weak = "[red]short[/red]" if region in week.unmet_strength else "[green]ok[/green]"
        out.print(
            f"   {names.get(region, region):<18} {cover.minutes:>5} min {cover.days:>5} {short} "
            f"{cover.strength_days:>8}  {weak}"
        )
    if week.meets_targets:
        out.print("[green]This week meets both targets.[/green]")
    else:
        out.print("[yellow]This week falls short of a target.[/yellow]")
    for note in week.notes:
        out.print(f"[yellow]Note:[/yellow] {note}")
