"""The `supple` command-line application: registers the commands of each module.

Each command lives in its own module. `main()` imports only the module of the command that
was asked for (`supple today` never loads the report, the player or the accounts), so a
command starts as fast as its own imports allow; `--help`, a mistyped command and the
module attribute `app` (docs and tests) build the whole table.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

from supple import __version__

if TYPE_CHECKING:
    import typer

#: name -> (module in supple.cli, attribute, "command" or "group").
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("profile", "init", "command"),
    "today": ("routine", "today", "command"),
    "plan": ("routine", "plan", "command"),
    "go": ("player", "go", "command"),
    "log": ("logbook", "log", "command"),
    "history": ("logbook", "history", "command"),
    "exercises": ("library", "exercises", "command"),
    "explain": ("library", "explain", "command"),
    "assess": ("assess", "app", "group"),
    "soreness": ("adapt", "soreness", "command"),
    "levels": ("adapt", "levels", "command"),
    "triage": ("triage", "triage", "command"),
    "red-flags": ("redflags", "red_flags", "command"),
    "progress": ("progress", "progress", "command"),
    "report": ("report", "report", "command"),
    "handout": ("report", "handout", "command"),
    "serve": ("serve", "serve", "command"),
    "pair": ("serve", "pair", "command"),
    "worker": ("worker", "worker", "command"),
    "export": ("data", "export", "command"),
    "import-export": ("data", "import_export", "command"),
    "backup": ("data", "backup", "command"),
    "users": ("users", "users_app", "group"),
    "tokens": ("users", "tokens_app", "group"),
    "runs": ("runs", "runs_app", "group"),
}


def _register(app: typer.Typer, name: str) -> None:
    module_name, attribute, kind = COMMANDS[name]
    found: Any = getattr(importlib.import_module(f"supple.cli.{module_name}"), attribute)
    if kind == "group":
        if name == "assess":
            from supple.cli import assess_focus

            if not any(c.name == "focus" for c in found.registered_commands):
                found.command("focus")(assess_focus.focus)
        app.add_typer(found, name=name)
    else:
        app.command(name)(found)


def build(names: list[str] | None = None) -> typer.Typer:
    """The application with the given commands (all of them by default), in the table's order."""
    import typer

    def version_shown(value: bool) -> None:
        if value:
            print(f"supple {__version__}")
            raise typer.Exit()

    def root(
        version: bool = typer.Option(
            False, "--version", callback=version_shown, is_eager=True, help="Show the version and exit."
        ),
    ) -> None:
        """Supple: short melt-and-mould mobility routines around your runs."""

    app = typer.Typer(
        name="supple",
        help="Supple: short melt-and-mould mobility routines around your runs.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.callback()(root)
    for name in COMMANDS if names is None else names:
        _register(app, name)
    return app


def __getattr__(name: str) -> Any:
    """`supple.cli.app.app`: the whole application, built on first use (docs, tests)."""
    if name == "app":
        whole = build()
        globals()["app"] = whole
        return whole
    raise AttributeError(name)


def main() -> None:
    from supple.cli import fast

    if fast.handled(sys.argv[1:]):
        return
    asked = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), None)
    build([asked] if asked in COMMANDS else None)(prog_name="supple")
