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
    priorities: str | None = typer.Option(None, "--priorities", help="Regions to prioritise, best first (or none)."),
    complaints: str | None = typer.Option(
        None, "--complaints", help="Complaints that switch exercises off, e.g. sit-bone (or none)."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Set up your profile. Prompts for anything not given when run in a terminal; keeps what you leave out.

    Example: supple init --run-days mon,wed,sat --run-time 07:00 --minutes 10 --equipment roller,box
    """
    from supple.services import profile as profiles
    from supple.services import shapes

    config = settings()
    current = profiles.get_profile(settings=config)
    if sys.stdin.isatty() and None in (run_days, run_time, minutes, equipment):
        days_now = ",".join(day for day, _ in current.run_times) or "none"
        time_now = current.run_times[0][1].strftime("%H:%M") if current.run_times else "07:00"
        run_days = run_days or typer.prompt("Days you run (e.g. mon,wed,sat, or none)", default=days_now)
        if run_time is None and run_days.strip().lower() != "none":
            answer = typer.prompt("Usual run time (HH:MM)", default=time_now)
            run_time = None if answer == time_now else answer
        if minutes is None:  # not `minutes or ...`: --minutes 0 must be refused, not turned into a prompt
            minutes = typer.prompt("Minutes a day for mobility", default=current.minutes, type=int)
        equipment = equipment or typer.prompt(
            "Kit you own (roller,ball,box,band,wall or none)", default=",".join(sorted(current.equipment)) or "none"
        )
    updated = profiles.update_profile(
        current,
        settings=config,
        run_days=run_days,
        run_time=run_time,
        minutes=minutes,
        equipment=split_list(equipment),
        priorities=split_list(priorities),
        complaints=split_list(complaints),
    )
    profiles.save_profile(settings=config, profile=updated)
    if as_json:
        print_json(shapes.profile_dict(updated))
        return
    runs = ", ".join(f"{day} {time.strftime('%H:%M')}" for day, time in updated.run_times) or "no runs set"
    kit = ", ".join(sorted(updated.equipment)) or "none"
    console().print(
        f"Saved. Runs: {runs}. {updated.minutes} min a day. Kit: {kit}.\n"
        "Next: `supple today` for today's routine, `supple plan` for the week."
    )
