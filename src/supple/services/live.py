"""Sessions done live in the web player: started, filled in item by item, finished.

Each item's result is saved the moment it is entered, so a reload or a dropped
connection loses nothing: the player resumes at the first item without a result.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from supple.core.errors import InvalidInput
from supple.core.session import ItemResult, LoggedItem, LoggedSession, Session
from supple.services import levels, shapes
from supple.services.context import Context


def start(ctx: Context, *, session: Session) -> LoggedSession:
    """Store a composed session as in progress, with no results yet (never while a red flag is open)."""
    if session.stop is not None:
        raise InvalidInput("session", "stopped by a red flag", "no open red flags. " + session.stop.advice)
    items = tuple(
        LoggedItem(index, block.region, item, None)
        for index, block in enumerate(session.blocks)
        for item in block.items
    )
    if not items:
        raise InvalidInput("session", "empty", "a routine with at least one item (try more minutes)")
    logged = LoggedSession(session.date, session.kind, session.minutes, session.total_seconds, items)
    return ctx.data.store_session(logged, finished=False)


def start_from_dict(ctx: Context, *, data: Any, finished: bool) -> LoggedSession:
    """Store a `today` object (items may carry `result`), finished or in progress."""
    parsed = shapes.logged_session_from_dict(data, ctx.catalogue)
    # Only the open red flags are read here (not the whole state): one indexed query, whatever the history.
    if not finished and ctx.data.red_flags():
        # Logging what was done is always allowed; starting new work is not while a red flag is open.
        raise InvalidInput(
            "session", "stopped by a red flag", "no open red flags: see a physio or doctor, then clear them"
        )
    return ctx.data.store_session(parsed, finished=finished, settle=levels.settle(ctx))


def get(ctx: Context, *, session_id: int) -> LoggedSession:
    return ctx.data.get_session(session_id)


def record(ctx: Context, *, session_id: int, position: int, result: Any) -> LoggedSession:
    """Validate and save one item's result (0-based ``position``); return the session.

    One write transaction: the stored items are read, the result is checked against the
    item's exercise, the row is updated and the session comes back with it (nothing is
    written when the result is refused).
    """

    def checked(items: Sequence[LoggedItem]) -> ItemResult:
        if not 0 <= position < len(items):
            raise InvalidInput("item", position, f"an item number from 0 to {len(items) - 1}")
        exercise = ctx.catalogue.exercises.get(items[position].item.exercise)
        parsed: ItemResult | None = shapes.parse_result(result, "result", exercise)
        if parsed is None:
            raise InvalidInput("result", None, "an object with done, level, hold_seconds, control, discomfort")
        return parsed

    return ctx.data.record_item(session_id, position, checked)


def finish(ctx: Context, *, session_id: int) -> LoggedSession:
    ctx.data.finish_session(session_id, settle=levels.settle(ctx))
    return get(ctx, session_id=session_id)


def resume_at(session: LoggedSession) -> int | None:
    """The first item without a result (where the player picks up), or None when all have one."""
    for position, logged in enumerate(session.items):
        if logged.result is None:
            return position
    return None
