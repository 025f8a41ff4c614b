"""The parts of the command line that need no Typer: opening the context, list options, JSON out.

``cli.common`` re-exports them for the commands; ``cli.fast`` uses them directly, so that
`supple today --json` can start without loading Typer at all.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from supple.core.session import Session
    from supple.services.context import Context


def open_context(*, athlete: str | None = None) -> Context:
    """The context of one command: the athlete ``--athlete`` names, else SUPPLE_ATHLETE, else the local one.

    Whoever runs the command on the machine that holds the database acts for that athlete with
    full access: the command line is the server's own console."""
    from supple.config import Settings, check_text
    from supple.services.context import Actor, Context

    check_text("--athlete", athlete)
    config = Settings.from_env()
    return Context.open(config, athlete=athlete or config.athlete, actor=Actor(name="command line", via="command"))


def split_list(text: str | None) -> list[str] | None:
    """ "a,b" -> ["a", "b"]; "none" or "" -> []; None stays None (not given)."""
    if text is None:
        return None
    if text.strip().lower() in ("", "none"):
        return []
    return [part.strip().lower() for part in text.split(",") if part.strip()]


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def routine_from_options(
    ctx: Context,
    date: str | None,
    kind: str | None,
    minutes: int | None,
    equipment: str | None,
    focus: str | None,
    complaint: str | None = None,
) -> Session:
    """The routine for the options `today` and `go` share, as typed on the command line."""
    from supple.services import routines

    return routines.today(
        ctx,
        date=routines.parse_date(date) if date is not None else dt.date.today(),
        kind=kind.lower() if kind else None,
        minutes=minutes,
        equipment=split_list(equipment),
        focus=split_list(focus) or (),
        complaint=complaint.strip().lower() if complaint is not None else None,
    )
