"""Ladder levels: after each logged session every exercise done gets a decision with its reason.

Decisions are made by ``core.progression`` from the log, the soreness ratings, the screening
results, the next-day answers and any red flag. Each write that can change one (a session
logged or finished, a soreness rating, a test result, a red flag reported or cleared, a
next-day answer) passes ``settle(...)`` to the store, which decides again only the exercises
that write touched, in the write's own transaction, and keeps the result as the level state
(``store.level_state``): what ``today`` doses from and what ``current`` shows. The level
history gains a row only when an exercise's level, kind of decision or cause changes.
``decisions`` works everything out again from all history: the reference the state equals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from supple.core.assessment import AssessmentResult, range_drops
from supple.core.athlete import Profile
from supple.core.exercises import Exercise
from supple.core.progression import FLAG_CAUSE, Attempt, Decision, LevelChange, Setback, SorenessReading, decide_all
from supple.core.session import FlagReport
from supple.core.triage import check_flags
from supple.services import assess
from supple.services.context import Context

if TYPE_CHECKING:
    from supple.store.level_state import CurrentLevel, LevelInputs, Settle


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
    return [(f"{FLAG_CAUSE}{group[0].flag}:{group[0].date.isoformat()}", group) for group in groups.values()]


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
    """A decision for every exercise you have done, worked out from all history, by slug.

    Any red flag (given or reported) moves each one down. The level state (``current``) equals
    this after every write; this reads everything, so it serves a what-if (``red_flags``) and
    the tests that prove the state right.
    """
    knowledge = ctx.knowledge
    given = check_flags(red_flags, knowledge.red_flags)  # before the store is opened: bad input writes nothing
    measures = ctx.data
    found = _decide_all(
        ctx,
        measures.attempts(),
        measures.soreness(),
        measures.red_flags(cleared=True),
        assess.results(ctx),
        ctx.data.get_profile(),
        measures.followups(),
        red_flag=bool(given),
    )
    return [
        ExerciseLevel(slug, decision, attempt.session_id, attempt.date) for slug, (decision, attempt) in found.items()
    ]


def _decide_all(
    ctx: Context,
    attempts: Sequence[Attempt],
    soreness: Sequence[SorenessReading],
    reports: Sequence[FlagReport],
    results: Sequence[AssessmentResult],
    profile: Profile | None,
    followups: dict[int, str],
    *,
    red_flag: bool = False,
) -> dict[str, tuple[Decision, Attempt]]:
    knowledge = ctx.knowledge
    # Red flags first: a step down for a red flag is what the history should say, not a range drop.
    setbacks: list[Setback] = _flag_setbacks(ctx, reports)
    setbacks += [(d.date, d.regions, d.words, None) for d in range_drops(results, knowledge.tests)]
    return decide_all(
        attempts,
        soreness,
        _cut_to_kit(ctx, profile),
        rules=knowledge.progression,
        red_flag=red_flag,
        redirects=_redirects(ctx),
        setbacks=setbacks,
        followups=followups,
    )


def _redirects(ctx: Context) -> dict[str, tuple[str, ...]]:
    return {region: tuple(r.sources) for region, r in ctx.catalogue.rules.redirects.items()}


def _cut_to_kit(ctx: Context, profile: Profile | None) -> dict[str, Exercise]:
    """Every ladder cut to the runner's kit, so a runner without a band is never moved up to the band rung."""
    kit = ctx.profile_or_default(profile).equipment
    return {slug: e.for_kit(frozenset(kit)) for slug, e in ctx.catalogue.exercises.items()}


# -- the level state ----------------------------------------------------------------------------------


def _state_rows(ctx: Context, inputs: LevelInputs) -> list[CurrentLevel]:
    """The state of every exercise in ``inputs``: its decision, or (not in the catalogue) the level last done at."""
    from supple.store.level_state import CurrentLevel

    found = _decide_all(
        ctx,
        inputs.attempts,
        inputs.soreness,
        inputs.red_flags,
        inputs.results,
        inputs.profile,
        dict(inputs.followups),
    )
    out = [
        CurrentLevel(slug, d.level, a.session_id, a.date, d.decision, d.reason, d.cause)
        for slug, (d, a) in found.items()
    ]
    last: dict[str, Attempt] = {}
    for attempt in inputs.attempts:
        last[attempt.exercise] = attempt
    out += [CurrentLevel(slug, a.level, a.session_id, a.date) for slug, a in last.items() if slug not in found]
    return out


def _soreness_regions(ctx: Context, exercises: Collection[str]) -> set[str]:
    """The regions whose soreness bears on ``exercises``: theirs, and any symptom place worked through them."""
    known = ctx.catalogue.exercises
    regions = {region for slug in exercises if slug in known for region in known[slug].regions}
    return regions | {place for place, sources in _redirects(ctx).items() if set(sources) & regions}


def working(ctx: Context, regions: Iterable[str]) -> frozenset[str]:
    """The exercises that work any of ``regions`` (a symptom place, e.g. the IT band, through its sources)."""
    wanted = set(regions)
    redirects = _redirects(ctx)
    wanted |= {source for place in list(wanted) for source in redirects.get(place, ())}
    return frozenset(slug for slug, e in ctx.catalogue.exercises.items() if wanted & set(e.regions))


def settle(ctx: Context, exercises: Iterable[str] | None = ()) -> Settle:
    """What a write passes the store so that ``exercises`` (None: every one done) are decided again with it.

    A write that stores or names sessions adds the exercises done in them itself.
    """
    from supple.store.level_state import Settle

    rules = ctx.knowledge.progression
    stays = [e.pace.min_days for e in ctx.catalogue.exercises.values() if e.pace is not None]
    return Settle(
        decide=lambda inputs: _state_rows(ctx, inputs),
        regions=lambda names: _soreness_regions(ctx, names),
        exercises=None if exercises is None else frozenset(exercises),
        tail=max(rules.sessions, rules.rising_sessions, 1),
        span_days=max(stays, default=0),
    )


def for_test(ctx: Context, test: str) -> Settle:
    """A screening result of ``test``: the exercises of the regions a drop in its range moves down."""
    found = ctx.knowledge.tests.get(test)
    return settle(ctx, working(ctx, found.regions) if found is not None else ())


def current(ctx: Context) -> list[ExerciseLevel]:
    """Each exercise's current decision from the level state, by slug (what ``decisions`` would say)."""
    return [
        ExerciseLevel(
            row.exercise, Decision(row.decision, row.level, row.reason or "", row.cause), row.session_id, row.date
        )
        for row in ctx.data.current_levels()
        if row.decision is not None
    ]


def history(ctx: Context, *, exercise: str | None = None) -> tuple[LevelChange, ...]:
    return ctx.data.level_history(exercise)


def flag_events(ctx: Context, *, until: dt.date | None = None) -> tuple[FlagEvent, ...]:
    """Each red-flag episode that stepped levels down, once, oldest first, with when it was reported and cleared."""
    steps = ctx.data.level_tallies(until=until or dt.date.max)[1]
    names = ctx.knowledge.red_flags
    out: list[FlagEvent] = []
    for cause, group in _episodes(ctx.data.red_flags(cleared=True)):
        if cause not in steps or (until is not None and group[0].date > until):
            continue
        signs = tuple(dict.fromkeys(names[r.flag].name if r.flag in names else r.flag for r in group))
        out.append(FlagEvent(cause, group[0].date, group[0].cleared, signs, steps[cause]))
    return tuple(out)


def level_dict(entry: ExerciseLevel) -> dict[str, Any]:
    return {
        "exercise": entry.exercise,
        "level": entry.decision.level,
        "decision": entry.decision.decision,
        "reason": entry.decision.reason,
    }
