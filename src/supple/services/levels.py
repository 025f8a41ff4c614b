"""Ladder levels: after each logged session every exercise done gets a decision with its reason.

Decisions are worked out on read from the log, the soreness ratings and any red flag
(``core.progression``). Each time a session is logged (or a soreness rating changes a
decision) the new decisions are appended to the level history, and the composer doses every
exercise from the latest one (see ``store.reads.LEVELS``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from supple.config import Settings
from supple.core.assessment import range_drops
from supple.core.exercises import Exercise
from supple.core.progression import Decision, LevelChange, decide_all
from supple.core.triage import check_flags
from supple.services import assess, context


@dataclass(frozen=True, slots=True)
class ExerciseLevel:
    exercise: str
    decision: Decision
    #: The session the decision was made after, and its date.
    session_id: int
    date: dt.date


def decisions(*, settings: Settings, red_flags: Sequence[str] = ()) -> list[ExerciseLevel]:
    """A decision for every exercise you have done, by slug; any red flag (given or still open) moves each one down."""
    knowledge = context.knowledge(settings)
    given = check_flags(red_flags, knowledge.red_flags)  # before the store is opened: bad input writes nothing
    measures = context.measures(settings)
    flagged = given or measures.red_flags(settings.athlete)
    rules = context.catalogue(settings).rules
    setbacks = [(d.date, d.regions, d.words) for d in range_drops(assess.results(settings), knowledge.tests)]
    setbacks += [
        (r.date, (), f"you reported a red flag on {r.date.isoformat()}; after the all-clear, start one level easier")
        for r in measures.red_flags(settings.athlete, cleared=True)
    ]
    found = decide_all(
        measures.attempts(settings.athlete),
        measures.soreness(settings.athlete),
        _cut_to_kit(settings),
        rules=knowledge.progression,
        red_flag=bool(flagged),
        redirects={region: r.sources for region, r in rules.redirects.items()},
        setbacks=setbacks,
    )
    return [
        ExerciseLevel(slug, decision, attempt.session_id, attempt.date) for slug, (decision, attempt) in found.items()
    ]


def _cut_to_kit(settings: Settings) -> dict[str, Exercise]:
    """Every ladder cut to the runner's kit, so a runner without a band is never moved up to the band rung."""
    kit = context.profile_or_default(settings, context.store(settings).get_profile(settings.athlete)).equipment
    return {slug: e.for_kit(frozenset(kit)) for slug, e in context.catalogue(settings).exercises.items()}


def refresh(*, settings: Settings) -> int:
    """Append to the level history every decision that differs from the last one kept; return how many."""
    measures = context.measures(settings)
    kept: dict[str, LevelChange] = {}
    for change in measures.level_history(settings.athlete):
        kept[change.exercise] = change
    new: list[LevelChange] = []
    for entry in decisions(settings=settings):
        d = entry.decision
        change = LevelChange(entry.exercise, entry.date, d.level, d.decision, d.reason, entry.session_id)
        if kept.get(entry.exercise) != change:
            new.append(change)
    return measures.add_levels(settings.athlete, new)


def history(*, settings: Settings, exercise: str | None = None) -> tuple[LevelChange, ...]:
    return context.measures(settings).level_history(settings.athlete, exercise)


def level_dict(entry: ExerciseLevel) -> dict[str, Any]:
    return {
        "exercise": entry.exercise,
        "level": entry.decision.level,
        "decision": entry.decision.decision,
        "reason": entry.decision.reason,
    }
