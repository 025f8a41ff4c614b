"""Red flags the runner has reported: while any is open there is no plan, only the advice to get seen.

Triage stores each red flag answered yes (``triage.answer``). Each stays open until the runner
says a physio or doctor has cleared them (``clear``); until then ``today``, ``plan`` and ``go``
give no exercises and say why, and every ladder level steps down.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from supple.config import Settings
from supple.core.session import FlagReport, Stop
from supple.services import context


@dataclass(frozen=True, slots=True)
class ActiveFlag:
    slug: str
    #: A few words for the sign, e.g. "pain on hopping".
    name: str
    question: str
    urgent: bool
    complaint: str | None
    date: dt.date


def report(*, settings: Settings, reports: Sequence[FlagReport]) -> int:
    """Open the red flags in ``reports``; return how many were new. Every ladder level then steps down."""
    from supple.services import levels

    if not reports:
        return 0
    added = context.measures(settings).add_red_flags(settings.athlete, reports)
    levels.refresh(settings=settings)
    return added


def describe(settings: Settings, reports: Sequence[FlagReport]) -> tuple[ActiveFlag, ...]:
    flags = context.knowledge(settings).red_flags
    out: list[ActiveFlag] = []
    for r in reports:
        known = flags.get(r.flag)
        name = known.name if known is not None else r.flag.replace("-", " ")
        question = known.question if known is not None else ""
        out.append(ActiveFlag(r.flag, name, question, r.urgent, r.complaint, r.date))
    return tuple(out)


def active(*, settings: Settings) -> tuple[ActiveFlag, ...]:
    """The open red flags, oldest first (read with the quick SQLite path when it can answer)."""
    path = settings.sqlite_path
    if path is not None:
        from supple.store.quick import read_red_flags

        quick = read_red_flags(path, settings.athlete)
        if quick is not None:
            return describe(settings, quick) if quick else ()
    return describe(settings, context.measures(settings).red_flags(settings.athlete))


def clear(*, settings: Settings, date: dt.date) -> int:
    """Close every open red flag (a clinician has cleared the runner); return how many were open.

    The level decisions are worked out again: each exercise starts one level below where it
    was before the flag, and moves on from there as usual.
    """
    from supple.services import levels

    cleared = context.measures(settings).clear_red_flags(settings.athlete, date)
    if cleared:
        levels.refresh(settings=settings)
    return cleared


def stop_for(settings: Settings, reports: Sequence[FlagReport]) -> Stop | None:
    """Why there is no plan, from the open reports (None when there are none)."""
    if not reports:
        return None
    advice = context.knowledge(settings).advice
    found = describe(settings, reports)
    urgent = any(f.urgent for f in found)
    since = min(r.date for r in reports)
    names = "; ".join(dict.fromkeys(f.name for f in found))
    words = [f"No exercises for now: you reported {names} (since {since.isoformat()}).", advice.refer]
    if urgent:
        words.append(advice.urgent)
    words.append(
        "When a physio or doctor has cleared you, tell Supple (`supple red-flags --clear`, "
        "or the button in the app) and the plan starts again, one level easier."
    )
    return Stop(tuple(dict.fromkeys(r.flag for r in reports)), urgent, since, " ".join(words))


def flag_dict(flag: ActiveFlag) -> dict[str, Any]:
    return {
        "slug": flag.slug,
        "name": flag.name,
        "question": flag.question,
        "urgent": flag.urgent,
        "complaint": flag.complaint,
        "date": flag.date.isoformat(),
    }
