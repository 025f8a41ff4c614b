"""What every command shares: settings, error mapping, list options and output."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

import typer

from supple.cli.plain import open_context as open_context  # re-exported for the commands
from supple.cli.plain import print_json as print_json
from supple.cli.plain import split_list as split_list
from supple.config import Settings

if TYPE_CHECKING:
    from supple.services.errors import InvalidInput

P = ParamSpec("P")
R = TypeVar("R")

#: Exit codes of the contract: 0 success, 2 bad input, 1 anything else.
EXIT_BAD_INPUT = 2
EXIT_FAILURE = 1


def fail(message: str, code: int = EXIT_BAD_INPUT) -> typer.Exit:
    print(f"supple: error: {message}", file=sys.stderr)
    return typer.Exit(code)


#: Where the command line lists the valid values an error's ``see`` names (core.errors.HINTS).
HINTS = {
    "tests": "see `supple assess list`",
    "exercises": "see `supple exercises`",
    "session": "see `supple today --json`",
}


#: The option that gives a value the services name as a field, said when the value is missing.
OPTIONS = {"side": "--side"}


def _hint(error: InvalidInput) -> str:
    from supple.services.errors import MISSING

    if error.see in HINTS:
        return f" ({HINTS[error.see]})"
    if error.value is MISSING and error.field in OPTIONS:
        return f" (give it with {OPTIONS[error.field]})"
    return ""


def guarded(func: Callable[P, R]) -> Callable[P, R]:
    """Turn the errors a person can fix into one line on stderr and exit 2; others exit 1."""
    from supple.services.errors import (
        CatalogueError,
        InvalidInput,
        LinkRefused,
        NotAllowed,
        SignInRefused,
        StoreError,
        TooManyAttempts,
    )

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except InvalidInput as error:
            raise fail(str(error) + _hint(error)) from None
        except (CatalogueError, StoreError, NotAllowed, SignInRefused, TooManyAttempts, LinkRefused) as error:
            raise fail(str(error)) from None
        except typer.Exit:
            raise
        except BrokenPipeError:  # output piped into e.g. `head`, which stopped reading
            sys.stderr.close()
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            if sys.stderr.isatty():  # a countdown or a prompt may hold the line: start a new one
                sys.stdout.flush()
                sys.stderr.write("\n")
            raise fail("interrupted; nothing more was written", 130) from None
        except Exception as error:
            raise fail(f"unexpected {type(error).__name__}: {error}", EXIT_FAILURE) from None

    return wrapper


def bounded(option: str, low: int, high: int) -> Callable[[int | None], int | None]:
    """An option callback refusing a whole number outside ``low``..``high`` with one line (exit 2)."""

    def check(value: int | None) -> int | None:
        if value is not None and not low <= value <= high:
            shown = str(value) if len(str(value)) <= 30 else f"{str(value)[:12]}... ({len(str(value))} digits)"
            raise fail(f"{option}: {shown} is not valid; expected a whole number from {low} to {high}")
        return value

    return check


def settings() -> Settings:
    return Settings.from_env()


def console() -> Any:
    from rich.console import Console

    return Console(highlight=False)


def duration(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest:02d} s" if rest else f"{minutes} min"


JSON_OPTION = typer.Option(False, "--json", help="Print JSON (the documented contract) instead of text.")


def write_svg(picture: str, target: str, *, force: bool = False) -> None:
    """Write ``picture`` to the file ``target`` (whole or not at all), or to standard output for ``-``.

    An existing file is replaced only when it is an SVG (or ``force``); the database never."""
    if target == "-":
        sys.stdout.write(picture)
        return
    from supple.cli import outputs

    path = outputs.check(Path(target).expanduser(), option="--svg", kind=outputs.SVG, force=force)
    outputs.write(path, picture.encode("utf-8"), option="--svg")
    print(f"Wrote the picture to {path}")
