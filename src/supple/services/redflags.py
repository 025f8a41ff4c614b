"""Red flags the runner has reported: while any is open there is no plan, only the advice to get seen.

Triage stores each red flag answered yes (``triage.answer``) with its level (``soon``,
``same-day`` or ``emergency``, for the complaint it was answered with). Each stays open until
the runner says a physio or doctor has cleared them (``clear``); until then ``today``, ``plan``
and ``go`` give no exercises and say why, in the words of the highest open level, and every
ladder level steps down. Clearing closes the reports but never erases them: ``history`` reads
every report ever made, with the day it was cleared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from supple.core.session import FlagReport, Stop
from supple.core.vocabulary import highest_level
from supple.services.context import Context


@dataclass(frozen=True, slots=True)
class ActiveFlag:
    """A red flag as reported, in words: open while ``cleared`` is None."""

    slug: str
    #: A few words for the sign, e.g. "pain on hopping".
    name: str
    question: str
    #: ``soon`` | ``same-day`` | ``emergency``.
    level: str
    complaint: str | None
    date: dt.date
    #: The day a clinician cleared it (as the runner said); None while it is open.
    cleared: dt.date | None = None

    @property
    def urgent(self) -> bool:
        return self.level != "soon"


@dataclass(frozen=True, slots=True)
class LevelView:
    """The words of one level, for a skin to show: ``label`` for a badge, ``heading``, ``advice``."""

    level: str
    label: str
    heading: str
    advice: str


def report(ctx: Context, *, reports: Sequence[FlagReport]) -> int:
    """Open the red flags in ``reports``; return how many were new. Every ladder level then steps down."""
    from supple.services import levels

    if not reports:
        return 0
    return ctx.data.add_red_flags(reports, settle=levels.settle(ctx, None))


def describe(ctx: Context, reports: Sequence[FlagReport]) -> tuple[ActiveFlag, ...]:
    flags = ctx.knowledge.red_flags
    out: list[ActiveFlag] = []
    for r in reports:
        known = flags.get(r.flag)
        name = known.name if known is not None else r.flag.replace("-", " ")
        question = known.question if known is not None else ""
        out.append(ActiveFlag(r.flag, name, question, r.level, r.complaint, r.date, r.cleared))
    return tuple(out)


def active(ctx: Context) -> tuple[ActiveFlag, ...]:
    """The open red flags, oldest first."""
    found = ctx.data.red_flags()
    return describe(ctx, found) if found else ()


def history(ctx: Context, *, since: dt.date | None = None, until: dt.date | None = None) -> tuple[ActiveFlag, ...]:
    """Every red flag ever reported, cleared or open, oldest first.

    With ``since`` and ``until``, only the reports that were open at some time in that period:
    reported on or before ``until`` and not cleared before ``since``.
    """
    found = describe(ctx, ctx.data.red_flags(cleared=True))
    return tuple(
        f
        for f in found
        if (until is None or f.date <= until) and (since is None or f.cleared is None or f.cleared >= since)
    )


def clear(ctx: Context, *, date: dt.date) -> int:
    """Close every open red flag (a clinician has cleared the runner); return how many were open.

    The reports stay in the history with ``date`` as their cleared day. The level decisions are
    worked out again: each exercise starts one level below where it was before the flag, and
    moves on from there as usual.
    """
    from supple.services import levels

    return ctx.data.clear_red_flags(date, settle=levels.settle(ctx, None))


def words(ctx: Context, level: str) -> LevelView:
    """The label, heading and advice of ``level`` (from ``red_flags.toml``)."""
    found = ctx.knowledge.advice.words(level)
    return LevelView(level, found.label, found.heading, found.advice)


def highest(flags: Iterable[ActiveFlag | FlagReport]) -> str:
    """The most urgent level among ``flags``."""
    return highest_level(f.level for f in flags)


def stop_for(ctx: Context, reports: Sequence[FlagReport]) -> Stop | None:
    """Why there is no plan, from the open reports, in the words of the highest level (None when there are none)."""
    if not reports:
        return None
    knowledge = ctx.knowledge
    found = describe(ctx, reports)
    level = highest(reports)
    view = words(ctx, level)
    since = min(r.date for r in reports)
    names = "; ".join(dict.fromkeys(f.name for f in found))
    advice = " ".join(
        (
            view.advice,
            f"No exercises for now: you reported {names} (since {since.isoformat()}).",
            knowledge.advice.refer,
            "When a physio or doctor has cleared you, tell Supple and the plan starts again, one level easier.",
        )
    )
    return Stop(tuple(dict.fromkeys(r.flag for r in reports)), level, since, view.heading, advice)


def flag_dict(flag: ActiveFlag) -> dict[str, Any]:
    return {
        "slug": flag.slug,
        "name": flag.name,
        "question": flag.question,
        "level": flag.level,
        "urgent": flag.urgent,
        "complaint": flag.complaint,
        "date": flag.date.isoformat(),
        "cleared": None if flag.cleared is None else flag.cleared.isoformat(),
    }
