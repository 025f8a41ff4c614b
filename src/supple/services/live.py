"""Sessions done live in the web player: started, filled in item by item, finished.

Each item's result is saved the moment it is entered, so a reload or a dropped
connection loses nothing: the player resumes at the first item without a result.
"""

from __future__ import annotations

from typing import Any

from supple.config import Settings
from supple.core.errors import InvalidInput
from supple.core.session import ItemResult, LoggedItem, LoggedSession, Session
from supple.services import context, levels, shapes


def start(*, settings: Settings, session: Session) -> LoggedSession:
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
    store = context.store(settings)
    return store.get_session(settings.athlete, store.log_session(settings.athlete, logged, finished=False))


def start_from_dict(*, settings: Settings, data: Any, finished: bool) -> LoggedSession:
    """Store a `today` object (items may carry `result`), finished or in progress."""
    parsed = shapes.logged_session_from_dict(data, context.catalogue(settings))
    if not finished and context.state(settings, parsed.date).red_flags:
        # Logging what was done is always allowed; starting new work is not while a red flag is open.
        raise InvalidInput(
            "session", "stopped by a red flag", "no open red flags: see a physio or doctor, then clear them"
        )
    store = context.store(settings)
    session_id = store.log_session(settings.athlete, parsed, finished=finished)
    if finished:
        levels.refresh(settings=settings)
    return store.get_session(settings.athlete, session_id)


def get(*, settings: Settings, session_id: int) -> LoggedSession:
    return context.store(settings).get_session(settings.athlete, session_id)


def record(*, settings: Settings, session_id: int, position: int, result: Any) -> LoggedSession:
    """Validate and save one item's result (0-based ``position``); return the session."""
    session = get(settings=settings, session_id=session_id)
    if not 0 <= position < len(session.items):
        raise InvalidInput("item", position, f"an item number from 0 to {len(session.items) - 1}")
    exercise = context.catalogue(settings).exercises.get(session.items[position].item.exercise)
    parsed: ItemResult | None = shapes.parse_result(result, "result", exercise)
    if parsed is None:
        raise InvalidInput("result", None, "an object with done, level, hold_seconds, control, discomfort")
    context.store(settings).set_item_result(settings.athlete, session_id, position, parsed)
    return get(settings=settings, session_id=session_id)


def finish(*, settings: Settings, session_id: int) -> LoggedSession:
    context.store(settings).finish_session(settings.athlete, session_id)
    levels.refresh(settings=settings)
    return get(settings=settings, session_id=session_id)


def resume_at(session: LoggedSession) -> int | None:
    """The first item without a result (where the player picks up), or None when all have one."""
    for position, logged in enumerate(session.items):
        if logged.result is None:
            return position
    return None
