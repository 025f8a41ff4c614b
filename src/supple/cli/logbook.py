"""`supple log` and `supple history`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from supple.cli.common import JSON_OPTION, bounded, console, duration, fail, guarded, open_context, print_json

#: The largest --limit (more sessions than a lifetime of daily use; a database integer holds it).
MAX_LIMIT = 1_000_000


@guarded
def log(
    file: str = typer.Option(
        ..., "--file", "-f", help="A `today` JSON object (items may carry `result`); - for stdin."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """Log a session from a JSON file. Nothing is written unless all of it is valid.

    Example: supple today --json > s.json && supple log --file s.json
    """
    from supple.services import logbook

    ctx = open_context()
    if file == "-":
        text, source = sys.stdin.read(), "stdin"
    else:
        path = Path(file)
        if not path.is_file():
            raise fail(f"log file {file!r} does not exist; expected a JSON file from `supple today --json`")
        try:
            text, source = path.read_text(encoding="utf-8"), file
        except UnicodeDecodeError:
            raise fail(
                f"log file {file!r} is not UTF-8 text; expected a JSON file from `supple today --json`"
            ) from None
    session = logbook.parse_log(ctx, text, source=source)
    session_id = logbook.log_session(ctx, session=session)
    if as_json:
        print_json({"id": session_id, "items": len(session.items)})
        return
    done = sum(1 for li in session.items if li.result is not None and li.result.done)
    console().print(
        f"Logged session {session_id}: {session.kind} on {session.date}, {done}/{len(session.items)} items done."
    )


@guarded
def history(
    since: str | None = typer.Option(None, "--from", help="First date, YYYY-MM-DD."),
    until: str | None = typer.Option(None, "--to", help="Last date, YYYY-MM-DD."),
    limit: int | None = typer.Option(
        None, "--limit", callback=bounded("--limit", 1, MAX_LIMIT), help="At most this many sessions, newest first."
    ),
    as_json: bool = JSON_OPTION,
) -> None:
    """List logged sessions with their items and results, newest first.

    Example: supple history --from 2026-11-01 --json
    """
    from supple.services import logbook, routines, shapes

    found = logbook.history(
        open_context(),
        since=routines.parse_date(since, field="from") if since is not None else None,
        until=routines.parse_date(until, field="to") if until is not None else None,
        limit=limit,
    )
    if as_json:
        print_json([shapes.logged_session_dict(s) for s in found])
        return
    out = console()
    if not found:
        out.print("No sessions logged yet. Try `supple go` for a guided session.")
        return
    for session in found:
        done = [li for li in session.items if li.result is not None and li.result.done]
        controls = [li.result.control for li in done if li.result and li.result.control is not None]
        mean = f" · control {sum(controls) / len(controls):.1f}/5" if controls else ""
        out.print(
            f"{session.date}  {session.kind:<8} {duration(logbook.time_done(session)):>12}  "
            f"{len(done)}/{len(session.items)} done{mean}  (#{session.id})"
        )
