"""`supple init`: tell Supple when you run, how long you have and what kit you own."""

from __future__ import annotations

import sys

import typer

from supple.cli.common import JSON_OPTION, console, guarded, print_json, settings, split_list


@guarded
def init(
    run_days: str | None = typer.Option(None, "--run-days", help="Days you run, e.g. mon,wed,sat (or none)."),
    run_time: str | None = typer.Option(None, "--run-time", help="Usual run time HH:MM; per day: 07:00,sat=09:30."),
    minutes: int | None = typer.Option(None, "--minutes", help="Minutes a day for mobility, 1-120."),
    equipment: str | None = typer.Option(None, "--equipment", help="Kit you own: roller,ball,box,band,wall or none."),
    priorities: str | None = typer.Option(None, "--priorities", help="Regions to prioritise, best first."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Set up your profile. Prompts for anything not given when run in a terminal.

    Example: supple init --run-days mon,wed,sat --run-time 07:00 --minutes 10 --equipment roller,box
    """
    from supple.services import profile as profiles
    from supple.services import shapes

    config = settings()
    current = profiles.get_profile(settings=config)
    ask = sys.stdin.isatty() and None in (run_days, run_time, minutes, equipment)
    days_now = ",".join(day for day, _ in current.run_times) or "none"
    time_now = current.run_times[0][1].strftime("%H:%M") if current.run_times else "07:00"
    if ask:
        if run_days is None:
            run_days = typer.prompt("Days you run (e.g. mon,wed,sat, or none)", default=days_now)
        if run_time is None:
            run_time = typer.prompt("Usual run time (HH:MM)", default=time_now)
        if minutes is None:
            minutes = typer.prompt("Minutes a day for mobility", default=current.minutes, type=int)
        if equipment is None:
            equipment = typer.prompt(
                "Kit you own (roller,ball,box,band,wall or none)", default=",".join(sorted(current.equipment)) or "none"
            )
    days_text = days_now if run_days is None else run_days
    built = profiles.build_profile(
        run_days="" if days_text.strip().lower() == "none" else days_text,
        run_time=run_time if run_time is not None else time_now,
        minutes=current.minutes if minutes is None else minutes,
        equipment=sorted(current.equipment) if equipment is None else (split_list(equipment) or []),
        priorities=list(current.priorities) if priorities is None else (split_list(priorities) or []),
    )
    profiles.save_profile(settings=config, profile=built)
    if as_json:
        print_json(shapes.profile_dict(built))
        return
    runs = ", ".join(f"{day} {time.strftime('%H:%M')}" for day, time in built.run_times) or "no runs set"
    console().print(
        f"Saved. Runs: {runs}. {built.minutes} min a day. Kit: {', '.join(sorted(built.equipment)) or 'none'}.\n"
        "Next: `supple today` for today's routine, `supple plan` for the week."
    )
