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

from supple.core.assessment import range_drops
from supple.core.exercises import Exercise
from supple.core.progression import Decision, LevelChange, Setback, decide_all
from supple.core.session import FlagReport
from supple.core.triage import check_flags
from supple.services import assess
from supple.services.context import Context


@dataclass(frozen=True, slots=True)
class ExerciseLevel:
    exercise: str
    decision: Decision
    #: The session the decision was made after, and its date.
    session_id: int
    date: dt.date


@dataclass(frozen=True, slots=True)
class FlagEvent:
    """One red-flag episode as the level history shows it: one event, however many exercises stepped down."""

    cause: str
    reported: dt.date
    cleared: dt.date | None
    #: The names of the signs reported in the episode.
    names: tuple[str, ...]
    exercises: int

    @property
    def words(self) -> str:
        signs = ", ".join(self.names)
        when = f"reported on {self.reported.isoformat()}"
        when += f", cleared on {self.cleared.isoformat()}" if self.cleared else ", still open"
        return (
            f"Red flag ({signs}) {when}: every exercise you had done stepped down one level, once "
            f"({self.exercises} exercise{'' if self.exercises == 1 else 's'})."
        )


def _episodes(reports: Sequence[FlagReport]) -> list[tuple[str, list[FlagReport]]]:
    """Reports grouped into episodes (those cleared together, or all still open), each with its cause."""
    groups: dict[dt.date | None, list[FlagReport]] = {}
    for report in sorted(reports, key=lambda r: r.date):
        groups.setdefault(report.cleared, []).append(report)
    return [(f"red-flag:{group[0].flag}:{group[0].date.isoformat()}", group) for group in groups.values()]


def _flag_setbacks(ctx: Context, reports: Sequence[FlagReport]) -> list[Setback]:
    """Each red flag reported moves every exercise done before it down once, with the episode as its cause.

    The words are the same while the flag is open and after the all-clear, so clearing it does
    not record the step down again.
    """
    names = ctx.knowledge.red_flags
    out: list[Setback] = []
    for cause, group in _episodes(reports):
        for r in group:
            name = names[r.flag].name if r.flag in names else r.flag.replace("-", " ")
            words = (
                f"you reported a red flag ({name}) on {r.date.isoformat()}; start one level easier once a physio "
                "or doctor has cleared you"
            )
            out.append((r.date, (), words, cause))
    return out


def decisions(ctx: Context, *, red_flags: Sequence[str] = ()) -> list[ExerciseLevel]:
    """A decision for every exercise you have done, by slug; any red flag (given or reported) moves each one down."""
    knowledge = ctx.knowledge
    given = check_flags(red_flags, knowledge.red_flags)  # before the store is opened: bad input writes nothing
    measures = ctx.data
    rules = ctx.catalogue.rules
    # Red flags first: a step down for a red flag is what the history should say, not a range drop.
    setbacks: list[Setback] = _flag_setbacks(ctx, measures.red_flags(cleared=True))
    setbacks += [(d.date, d.regions, d.words, None) for d in range_drops(assess.results(ctx), knowledge.tests)]
    found = decide_all(
        measures.attempts(),
        measures.soreness(),
        _cut_to_kit(ctx),
        rules=knowledge.progression,
        red_flag=bool(given),
        redirects={region: r.sources for region, r in rules.redirects.items()},
        setbacks=setbacks,
        followups=measures.followups(),
    )
    return [
        ExerciseLevel(slug, decision, attempt.session_id, attempt.date) for slug, (decision, attempt) in found.items()
    ]


def _cut_to_kit(ctx: Context) -> dict[str, Exercise]:
    """Every ladder cut to the runner's kit, so a runner without a band is never moved up to the band rung."""
    kit = ctx.profile_or_default(ctx.data.get_profile()).equipment
    return {slug: e.for_kit(frozenset(kit)) for slug, e in ctx.catalogue.exercises.items()}


def refresh(ctx: Context) -> int:
    """Append to the level history every decision that differs from the last one kept; return how many."""
    measures = ctx.data
    kept: dict[str, LevelChange] = {}
    for change in measures.level_history():
        kept[change.exercise] = change
    new: list[LevelChange] = []
    for entry in decisions(ctx):
        d = entry.decision
        change = LevelChange(entry.exercise, entry.date, d.level, d.decision, d.reason, entry.session_id, d.cause)
        if kept.get(entry.exercise) != change:
            new.append(change)
    return measures.add_levels(new)


def history(ctx: Context, *, exercise: str | None = None) -> tuple[LevelChange, ...]:
    return ctx.data.level_history(exercise)


def is_flag_step(change: LevelChange) -> bool:
    """True for a step down recorded for a red-flag episode (counted once, as a ``FlagEvent``)."""
    return change.cause is not None and change.cause.startswith("red-flag:")


def flag_events(ctx: Context, *, until: dt.date | None = None) -> tuple[FlagEvent, ...]:
    """Each red-flag episode that stepped levels down, once, oldest first, with when it was reported and cleared."""
    steps: dict[str, set[str]] = {}
    for change in history(ctx):
        if is_flag_step(change):
            steps.setdefault(change.cause or "", set()).add(change.exercise)
    names = ctx.knowledge.red_flags
    out: list[FlagEvent] = []
    for cause, group in _episodes(ctx.data.red_flags(cleared=True)):
        if cause not in steps or (until is not None and group[0].date > until):
            continue
        signs = tuple(dict.fromkeys(names[r.flag].name if r.flag in names else r.flag for r in group))
        out.append(FlagEvent(cause, group[0].date, group[0].cleared, signs, len(steps[cause])))
    return tuple(out)


def level_dict(entry: ExerciseLevel) -> dict[str, Any]:
    return {
        "exercise": entry.exercise,
        "level": entry.decision.level,
        "decision": entry.decision.decision,
        "reason": entry.decision.reason,
    }
