"""Logging sessions and reading them back."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from supple.core.errors import InvalidInput
from supple.core.session import ItemResult, LoggedItem, LoggedSession, Session
from supple.core.time_done import seconds_done
from supple.services import levels, shapes
from supple.services.context import Context


def parse_log(ctx: Context, text: str, *, source: str = "input") -> LoggedSession:
    """Validate a JSON log text fully before anything is written."""
    try:
        data: Any = json.loads(text, parse_int=lambda digits: _whole(digits, source))
    except json.JSONDecodeError as error:
        raise InvalidInput(source, f"line {error.lineno} column {error.colno}", f"valid JSON ({error.msg})") from None
    except RecursionError:
        raise InvalidInput(
            source, "nested too deeply", "a session object as today's routine gives it", see="session"
        ) from None
    return shapes.logged_session_from_dict(data, ctx.catalogue)


#: The most digits a whole number in a log may have: every count Supple keeps fits, and so does the database.
MAX_DIGITS = 18


def _whole(digits: str, source: str) -> int:
    if len(digits.lstrip("-")) > MAX_DIGITS:
        shown = f"{digits[:12]}... ({len(digits.lstrip('-'))} digits)"
        raise InvalidInput(source, shown, f"numbers of at most {MAX_DIGITS} digits, as `supple today --json` gives")
    return int(digits)


def log_session(ctx: Context, *, session: LoggedSession) -> int:
    """Store a session and the level decisions it leads to in one transaction; return its id."""
    return ctx.data.log_session(session, settle=levels.settle(ctx))


def time_done(session: LoggedSession) -> int:
    """Seconds done in ``session``: the one definition (``core.time_done``) every surface shows."""
    return seconds_done(session.items)


def history(
    ctx: Context,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
    before: int | None = None,
) -> list[LoggedSession]:
    """Sessions newest first; ``before`` (a session id) starts after that session, for the next page."""
    return ctx.data.sessions(since=since, until=until, limit=limit, before=before)


def from_results(session: Session, results: list[ItemResult]) -> LoggedSession:
    """Pair a composed session with one result per item (in order) for logging."""
    items = [(index, block, item) for index, block in enumerate(session.blocks) for item in block.items]
    if len(results) != len(items):
        raise InvalidInput("results", len(results), f"one result per item ({len(items)})")
    return LoggedSession(
        date=session.date,
        kind=session.kind,
        minutes=session.minutes,
        total_seconds=session.total_seconds,
        items=tuple(LoggedItem(i, b.region, item, r) for (i, b, item), r in zip(items, results, strict=True)),
    )
