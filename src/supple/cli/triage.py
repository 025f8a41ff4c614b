"""`supple triage`: red-flag questions first, then the likely sources and a focus session."""

from __future__ import annotations

import datetime as dt
import sys

import typer

from supple.cli.common import JSON_OPTION, console, fail, guarded, open_context, print_json, split_list


@guarded
def triage(
    complaint: str = typer.Argument(..., metavar="COMPLAINT", help="Where it hurts, e.g. outer-knee or achilles."),
    red_flags: str | None = typer.Option(
        None,
        "--red-flags",
        help="Red flags answered yes (comma-separated slugs the complaint asks) or none. In a terminal you are "
        "asked instead.",
    ),
    date: str | None = typer.Option(None, "--date", help="Day for the focus session, YYYY-MM-DD (default: today)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Check a complaint: red flags send you to a physio or doctor; otherwise work its likely sources.

    Supple does not diagnose. Without --red-flags, a terminal asks each red-flag question
    (yes or no) first; a script must pass --red-flags.

    Example: supple triage outer-knee --red-flags none
    """
    from supple.services import routines
    from supple.services import triage as service

    ctx = open_context()
    slug = complaint.strip().lower()
    when = routines.parse_date(date) if date is not None else dt.date.today()
    questions = service.questions(ctx, complaint=slug)
    if red_flags is not None:
        answered = service.check_red_flags(ctx, complaint=slug, red_flags=split_list(red_flags) or [])
    elif sys.stdin.isatty():
        print("Answer each question first (y or n):", file=sys.stderr)
        answered = tuple(f.slug for f in questions if _ask(f.question))
    else:
        known = ",".join(f.slug for f in questions)
        raise fail(
            f"--red-flags: missing; expected none, or any of {known} (input is not a terminal, so nothing is asked)"
        )
    result, plan = service.answer(ctx, complaint=slug, red_flags=answered, date=when)
    if as_json:
        print_json(service.answer_dict(result, plan))
        return
    out = console()
    if plan is None:
        from supple.services import redflags

        out.print(f"[bold red]{redflags.words(ctx, result.level or 'soon').heading}[/bold red]")
        out.print(result.explanation, markup=False)
        out.print("When a physio or doctor has cleared you: [bold]supple red-flags --clear[/bold]")
        return
    from supple.cli import render
    from supple.cli.routine import go_command

    out.print(f"[bold]Likely source regions:[/bold] {', '.join(result.sources)}")
    out.print(result.explanation)
    out.print()
    render.session(out, plan, names=dict(ctx.catalogue.region_names), start=go_command(slug))


def _ask(question: str) -> bool:
    """A yes/no answer typed on the terminal; the question goes to stderr so --json output stays clean."""
    while True:
        sys.stderr.write(f"{question} [y/n]: ")
        sys.stderr.flush()
        line = sys.stdin.readline()
        if not line:
            raise fail("red flags: no answer given; nothing was written")
        answer = line.strip().lower()
        if answer in ("y", "yes"):
            return True
        if answer in ("n", "no"):
            return False
        sys.stderr.write("Please answer y or n.\n")
