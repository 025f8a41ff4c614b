"""The `supple` command-line application: registers the commands of each module."""

from __future__ import annotations

import typer

from supple import __version__
from supple.cli import (
    adapt,
    assess,
    assess_focus,
    data,
    library,
    logbook,
    player,
    profile,
    progress,
    redflags,
    report,
    routine,
    serve,
    triage,
    users,
)

app = typer.Typer(
    name="supple",
    help="Supple: short melt-and-mould mobility routines around your runs.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

app.command("init")(profile.init)
app.command("today")(routine.today)
app.command("plan")(routine.plan)
app.command("go")(player.go)
app.command("log")(logbook.log)
app.command("history")(logbook.history)
app.command("exercises")(library.exercises)
app.command("explain")(library.explain)
assess.app.command("focus")(assess_focus.focus)
app.add_typer(assess.app, name="assess")
app.command("soreness")(adapt.soreness)
app.command("levels")(adapt.levels)
app.command("triage")(triage.triage)
app.command("red-flags")(redflags.red_flags)
app.command("progress")(progress.progress)
app.command("report")(report.report)
app.command("handout")(report.handout)
app.command("serve")(serve.serve)
app.command("pair")(serve.pair)
app.command("export")(data.export)
app.command("import-export")(data.import_export)
app.command("backup")(data.backup)
app.add_typer(users.users_app, name="users")
app.add_typer(users.tokens_app, name="tokens")


def _version(value: bool) -> None:
    if value:
        print(f"supple {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Supple: short melt-and-mould mobility routines around your runs."""


def main() -> None:
    app()
