"""`supple init`: tell Supple when you run, how long you have and what kit you own."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import typer

from supple.cli.common import JSON_OPTION, console, guarded, open_context, print_json, split_list

if TYPE_CHECKING:
    from supple.services.context import Context


def _list(answer: str) -> list[str] | None:
    """A typed list: commas, "and" or "&" between the parts ("foam roller, box and band")."""
    return split_list(re.sub(r"\s+(?:and|&)\s+", ",", answer.strip()))


def _ask(question: str, default: str, check: Callable[[str], Any]) -> str:
    """Ask until ``check(answer)`` accepts it; a refused answer is explained and asked again."""
    from supple.services.errors import InvalidInput

    while True:
        answer = str(typer.prompt(question, default=default)).strip()
        try:
            check(answer)
        except InvalidInput as error:
            typer.echo(f"   {error}. Please try again.")
            continue
        return answer


def _interview(ctx: Context, current: Any, given: dict[str, Any]) -> dict[str, Any]:
    """Ask for each value not ``given``, checking each answer at once; return every answer."""
    from supple.services import display
    from supple.services import profile as profiles

    answers = dict(given)

    def works(**change: Any) -> Callable[[str], Any]:
        """A check that the answer, with what was answered so far, makes a valid profile."""

        def check(answer: str) -> Any:
            fields = {k: v for k, v in answers.items() if v is not None} | {k: f(answer) for k, f in change.items()}
            return profiles.update_profile(ctx, current, **fields)

        return check

    if answers["name"] is None:
        name = _ask("Your name for the report (or none)", current.name or "none", works(name=_name))
        answers["name"] = _name(name)
    if answers["run_days"] is None:
        days_now = ",".join(day for day, _ in current.run_times) or "none"
        answers["run_days"] = _ask("Days you run (e.g. mon,wed,sat, or none)", days_now, works(run_days=str))
    if answers["run_time"] is None and answers["run_days"].strip().lower() != "none":
        time_now = current.run_times[0][1].strftime("%H:%M") if current.run_times else "07:00"
        answer = _ask("Usual run time (e.g. 07:00 or 7am)", time_now, works(run_time=str))
        answers["run_time"] = None if answer == time_now else answer
    if answers["minutes"] is None:
        answer = _ask("Minutes a day for mobility (1-120)", str(current.minutes), works(minutes=_minutes))
        answers["minutes"] = _minutes(answer)
    if answers["equipment"] is None:
        kit_now = ",".join(sorted(current.equipment)) or "none"
        answers["equipment"] = _list(
            _ask("Kit you own (roller,ball,box,band,wall or none)", kit_now, works(equipment=_list))
        )
    if answers["complaints"] is None:
        known = ", ".join(choice.value for choice in display.complaints(ctx))
        print(f"A current complaint switches off exercises that could aggravate it. Known: {known}.")
        now = ",".join(sorted(current.complaints)) or "none"
        answers["complaints"] = _list(_ask("A current complaint (or none)", now, works(complaints=_list)))
    return answers


def _name(answer: str) -> str:
    return "" if answer.strip().lower() == "none" else answer


def _minutes(answer: str) -> int:
    """Minutes as typed: "10", "10 min" or "10 minutes"; InvalidInput naming the answer otherwise."""
    from supple.services.errors import InvalidInput

    number = re.sub(r"\s*(?:m|min|mins|minutes)\.?$", "", answer.strip().lower())
    if not number.isdigit():
        raise InvalidInput("minutes", answer, "a whole number of minutes from 1 to 120, e.g. 10")
    return int(number)


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
    name: str | None = typer.Option(
        None, "--name", help='Your name, shown on the report (e.g. "Sam Runner"; "" clears it).'
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Set up your profile. Prompts for anything not given when run in a terminal; keeps what you leave out.

    In a terminal each answer is checked as you give it, and asked again with what is
    expected: times such as 7am or 07:00 and kit such as "foam roller, box" are understood.

    Example: supple init --run-days mon,wed,sat --run-time 07:00 --minutes 10 --equipment roller,box

    Example: supple init --name "Sam Runner"
    """
    from supple.services import profile as profiles
    from supple.services import shapes

    ctx = open_context()
    current = profiles.get_profile(ctx)
    answers: dict[str, Any] = {
        "run_days": run_days,
        "run_time": run_time,
        "minutes": minutes,
        "equipment": split_list(equipment),
        "priorities": split_list(priorities),
        "complaints": split_list(complaints),
        "name": name,
    }
    # Flags are checked before any question, so a bad flag is refused at once (exit 2).
    profiles.update_profile(ctx, current, **answers)
    if sys.stdin.isatty() and None in (run_days, run_time, minutes, equipment):
        answers = _interview(ctx, current, answers)
    # Applied to the profile as saved at this moment, in one locked transaction with the save.
    updated = profiles.change_profile(ctx, lambda latest: profiles.update_profile(ctx, latest, **answers))
    if as_json:
        print_json(shapes.profile_dict(updated))
        return
    runs = ", ".join(f"{day} {time.strftime('%H:%M')}" for day, time in updated.run_times) or "no runs set"
    kit = ", ".join(sorted(updated.equipment)) or "none"
    who = f" Name: {updated.name}." if updated.name else ""
    trouble = f" Complaint: {', '.join(sorted(updated.complaints))}." if updated.complaints else ""
    console().print(
        f"Saved.{who} Runs: {runs}. {updated.minutes} min a day. Kit: {kit}.{trouble}\n"
        "Next: `supple today` for today's routine, `supple plan` for the week.",
        markup=False,
    )
