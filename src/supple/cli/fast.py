"""`supple today --json [--date D]` and `supple --version` without loading Typer.

Typer and Click take about as long to import as the rest of `supple today` needs to run, and
these two are what scripts and widgets call many times a day. ``handled`` answers them
directly when the arguments are exactly one of those plain forms; anything else (another
option, a repeated one, help) is left to the full application. A problem found on the way
(a bad date, an unreadable database) is left to it as well, before anything is printed, so
the message and exit code are the ones the full application gives.
"""

from __future__ import annotations

import sys


def _today_options(args: list[str]) -> dict[str, str] | None:
    """{"date": D} (or {}) for `--json [--date D]` in any order; None for anything else."""
    found: dict[str, str] = {}
    json_given = False
    rest = iter(args)
    for arg in rest:
        if arg == "--json" and not json_given:
            json_given = True
        elif arg == "--date" and "date" not in found:
            value = next(rest, None)
            if value is None or value.startswith("-"):
                return None
            found["date"] = value
        elif arg.startswith("--date=") and "date" not in found:
            found["date"] = arg.removeprefix("--date=")
        else:
            return None
    return found if json_given else None


def handled(argv: list[str]) -> bool:
    """True when ``argv`` (without the program name) was answered here, else False."""
    if argv == ["--version"]:
        from supple import __version__

        print(f"supple {__version__}")
        return True
    if not argv or argv[0] != "today":
        return False
    options = _today_options(argv[1:])
    if options is None:
        return False
    from supple.cli.plain import open_context, print_json, routine_from_options
    from supple.services import shapes

    try:
        ctx = open_context()
        found = shapes.session_dict(routine_from_options(ctx, options.get("date"), None, None, None, None))
    except Exception:  # worded by the full application, which meets the same problem
        return False
    try:
        print_json(found)
        sys.stdout.flush()
    except BrokenPipeError:  # piped into e.g. `head`, which stopped reading: as the full application does
        sys.stderr.close()
    return True
