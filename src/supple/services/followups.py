"""The next-day answer: "how did yesterday's work feel?" (better, same or worse), one per session.

A ladder level goes up only when this answer is known and no worse, and "worse" moves it down
(``core.progression``, KNOWLEDGE.md section 5). It is asked with one tap at the start of the
next session, for the latest session done in the last few days (``progression.toml``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from supple.core.errors import MISSING, InvalidInput
from supple.core.progression import NEXT_DAY_ANSWERS
from supple.services import levels
from supple.services.context import Context

__all__ = ["NEXT_DAY_ANSWERS", "Waiting"]

EXPECTED = "one of " + ", ".join(NEXT_DAY_ANSWERS)


@dataclass(frozen=True, slots=True)
class Waiting:
    """The session whose next-day answer is wanted, and the question in words."""

    session_id: int
    date: dt.date
    question: str


def check_answer(value: object, *, field: str = "answer") -> str:
    """``value`` as one of ``NEXT_DAY_ANSWERS`` (spaces and capitals ignored); InvalidInput naming it otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InvalidInput(field, MISSING, EXPECTED)
    if not isinstance(value, str) or value.strip().lower() not in NEXT_DAY_ANSWERS:
        raise InvalidInput(field, value, EXPECTED)
    return value.strip().lower()


def question(day: dt.date, today: dt.date) -> str:
    if (today - day).days == 1:
        return "How did yesterday's work feel?"
    return f"How did the work of {day.strftime('%A')} {day.day} {day.strftime('%B')} feel the day after?"


def waiting(ctx: Context, *, today: dt.date) -> Waiting | None:
    """The latest session done before ``today`` (within the asking window) that has no answer yet."""
    window = ctx.knowledge.progression.ask_within_days
    found = ctx.data.latest_done(since=today - dt.timedelta(days=window), before=today)
    if found is None or found[2] is not None:
        return None
    session_id, day, _ = found
    return Waiting(session_id, day, question(day, today))


def answer(ctx: Context, *, session_id: int) -> str | None:
    """The answer given for one of the athlete's sessions; NotFound if the session is not theirs."""
    ctx.data.get_session(session_id)
    return ctx.data.followups().get(session_id)


def record(ctx: Context, *, session_id: int, answer: object, today: dt.date) -> str:
    """Check the answer, store it (replacing an earlier one) and bring the level decisions up to date.

    InvalidInput for an answer that is not one of ``NEXT_DAY_ANSWERS`` and NotFound for a session
    that is not the athlete's; either way nothing is written.
    """
    checked = check_answer(answer)
    ctx.data.set_followup(session_id, checked, today, settle=levels.settle(ctx))
    return checked


def record_waiting(ctx: Context, *, answer: object, today: dt.date) -> Waiting | None:
    """Answer for the session that is waiting, if any; return it (None: nothing was waiting, nothing written)."""
    checked = check_answer(answer)
    found = waiting(ctx, today=today)
    if found is not None:
        record(ctx, session_id=found.session_id, answer=checked, today=today)
    return found


def followup_dict(session_id: int, found: str | None) -> dict[str, Any]:
    return {"session_id": session_id, "answer": found, "answers": list(NEXT_DAY_ANSWERS)}


def waiting_dict(found: Waiting | None) -> dict[str, Any]:
    if found is None:
        return {"waiting": False, "session_id": None, "date": None, "question": None, "answers": list(NEXT_DAY_ANSWERS)}
    return {
        "waiting": True,
        "session_id": found.session_id,
        "date": found.date.isoformat(),
        "question": found.question,
        "answers": list(NEXT_DAY_ANSWERS),
    }
