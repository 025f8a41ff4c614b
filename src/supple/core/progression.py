"""Range you control: when an exercise moves up, stays, or moves down its ladder.

The thresholds come from ``catalogue/progression.toml`` (pain-monitoring model, Silbernagel
2007); this module applies them. Every decision moves at most one level and comes with a
reason in plain words that names the numbers it was made from.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from supple.core.exercises import Exercise

DECISIONS: tuple[str, ...] = ("progress", "hold", "regress")
#: How the cause of a step down shared by one red-flag episode begins (``red-flag:<flag>:<day>``).
FLAG_CAUSE = "red-flag:"
#: The one-tap answer to "how did yesterday's work feel?", asked at the start of the next session.
NEXT_DAY_ANSWERS: tuple[str, ...] = ("better", "same", "worse")


@dataclass(frozen=True, slots=True)
class ProgressionRules:
    #: Sessions at a level that must all go well before moving up.
    sessions: int
    #: Control (1-5) needed in each of them.
    min_control: int
    #: Discomfort (0-10) allowed in each of them.
    max_discomfort: int
    #: Discomfort above this moves the exercise down.
    regress_discomfort: int
    retest_weeks: int
    soreness_low: int
    soreness_high: int
    #: Discomfort rising over this many sessions in a row (e.g. 2, 3, 4) holds the level.
    rising_sessions: int = 3
    #: The next-day question is asked only for a session at most this many days old.
    ask_within_days: int = 2


@dataclass(frozen=True, slots=True)
class Attempt:
    """One exercise done in a logged session, at a level, with its ratings (None: not given)."""

    session_id: int
    date: dt.date
    exercise: str
    level: int
    control: int | None = None
    discomfort: int | None = None


@dataclass(frozen=True, slots=True)
class SorenessReading:
    date: dt.date
    region: str
    value: int
    after_run: bool = False


@dataclass(frozen=True, slots=True)
class Decision:
    decision: str
    level: int
    reason: str
    #: What a move down was made on when it is shared by many exercises, e.g. ``red-flag:night-pain:2026-11-20``
    #: (one red-flag episode); None otherwise.
    cause: str | None = None


@dataclass(frozen=True, slots=True)
class LevelChange:
    """A decision as kept in the level history: for which exercise, after which session."""

    exercise: str
    date: dt.date
    level: int
    decision: str
    reason: str
    session_id: int
    #: The shared cause of the decision (``Decision.cause``), so one red-flag episode reads as one event.
    cause: str | None = None


#: A reason one or more exercises move down once: (day, regions or () for every exercise, words, cause).
Setback = tuple[dt.date, Sequence[str], str, str | None]


def _listed(values: Sequence[int | None], scale: int) -> str:
    words = [f"{v}/{scale}" if v is not None else "not recorded" for v in values]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _soreness_words(before: int | None, after: int | None) -> str:
    if before is not None and after is not None:
        return f"next-day soreness did not rise ({before}/10 before, {after}/10 after)"
    return "no rise in next-day soreness was recorded"


def decide(
    exercise: Exercise,
    level: int,
    results: Sequence[Attempt],
    soreness_before: int | None,
    soreness_after: int | None,
    red_flag: bool,
    *,
    rules: ProgressionRules,
    next_day: str | None,
    days_at_level: int,
    trend: Sequence[int | None],
    setback: str | None = None,
    setback_cause: str | None = None,
) -> Decision:
    """The next level for ``exercise`` after ``results`` (its recent sessions at ``level``, oldest first).

    ``next_day`` is the answer (``NEXT_DAY_ANSWERS``) given for the last of ``results``, None if
    not given yet; ``days_at_level`` the days from the first to the last session at this level;
    ``trend`` the discomfort of the exercise's latest sessions at any level, oldest first.
    A level goes up only when, besides good control and low discomfort, the exercise has been at
    it for its ``pace.min_days``, the next-day answer is known and no worse, and discomfort is
    not rising (KNOWLEDGE.md section 5).
    """
    top = max(len(exercise.ladder), 1)
    level = min(max(level, 1), top)
    down = max(level - 1, 1)
    lead = f"Down to level {down}" if down < level else "Stay at level 1, the first, and go gently"
    recent = list(results)[-rules.sessions :]
    last = recent[-1] if recent else None

    if red_flag:
        return Decision(
            "regress", down, f"{lead}: you reported a red flag. Stop and see a physio or doctor first.", "red-flag"
        )
    if last is not None and last.discomfort is not None and last.discomfort > rules.regress_discomfort:
        return Decision(
            "regress",
            down,
            f"{lead}: discomfort was {last.discomfort}/10 last time, above {rules.regress_discomfort}/10.",
        )
    if soreness_before is not None and soreness_after is not None and soreness_after > soreness_before:
        return Decision(
            "regress", down, f"{lead}: next-day soreness rose from {soreness_before}/10 to {soreness_after}/10."
        )
    if next_day == "worse" and last is not None:
        return Decision(
            "regress", down, f"{lead}: you said the day after the session on {last.date.isoformat()} felt worse."
        )
    if setback:
        return Decision("regress", down, f"{lead}: {setback}.", setback_cause)

    stay = f"Stay at level {level}"
    if len(recent) < rules.sessions:
        return Decision(
            "hold", level, f"{stay}: {len(recent)} of the {rules.sessions} sessions needed at this level so far."
        )
    controls = [a.control for a in recent]
    discomforts = [a.discomfort for a in recent]
    if any(v is None for v in controls + discomforts):
        return Decision(
            "hold",
            level,
            f"{stay}: control and discomfort were not both recorded in each of the last {rules.sessions} "
            f"sessions (control {_listed(controls, 5)}; discomfort {_listed(discomforts, 10)}), "
            "so there is nothing to move up on.",
        )
    problems: list[str] = []
    if any(c is not None and c < rules.min_control for c in controls):
        problems.append(f"control was {_listed(controls, 5)} and moving up needs {rules.min_control}/5 or more")
    if any(d is not None and d > rules.max_discomfort for d in discomforts):
        problems.append(
            f"discomfort was {_listed(discomforts, 10)} and moving up needs {rules.max_discomfort}/10 or less"
        )
    if problems:
        return Decision("hold", level, f"{stay}: over the last {rules.sessions} sessions " + "; ".join(problems) + ".")
    rising = list(trend)[-rules.rising_sessions :]
    if rules.rising_sessions >= 2 and _rising(rising, rules.rising_sessions):
        return Decision(
            "hold",
            level,
            f"{stay}: discomfort has risen session after session ({_listed(rising, 10)}), so give it time to settle.",
        )
    evidence = (
        f"your last {rules.sessions} sessions at level {level} had control {_listed(controls, 5)} and discomfort "
        f"{_listed(discomforts, 10)}, and {_soreness_words(soreness_before, soreness_after)}"
    )
    if not exercise.ladder:
        return Decision("hold", level, f"{stay}: this exercise has no ladder to climb; {evidence}.")
    if level >= top:
        return Decision("hold", level, f"{stay}, the top of the ladder: {evidence}.")
    min_days = exercise.pace.min_days if exercise.pace is not None else 0
    if days_at_level < min_days:
        return Decision(
            "hold",
            level,
            f"{stay}: {days_at_level} of the {min_days} days this exercise stays at a level so far.",
        )
    if last is None or next_day is None:
        day = last.date.isoformat() if last is not None else "your last session"
        return Decision(
            "hold",
            level,
            f"{stay}: waiting for how the day after the session on {day} felt (better, same or worse); "
            "answer it at the start of your next session.",
        )
    return Decision("progress", level + 1, f"Up to level {level + 1}: {evidence}, and the day after felt {next_day}.")


def _rising(values: Sequence[int | None], length: int) -> bool:
    """True when ``values`` are ``length`` recorded ratings, each higher than the one before."""
    if len(values) < length or any(v is None for v in values):
        return False
    known = [v for v in values if v is not None]
    return all(b > a for a, b in itertools.pairwise(known))


def run_at_latest_level(attempts: Sequence[Attempt]) -> tuple[Attempt, ...]:
    """The latest attempts that are all at the latest attempt's level, one per session, oldest first.

    ``attempts`` are one exercise's, oldest first; within a session the last one counts.
    """
    per_session: dict[int, Attempt] = {}
    for attempt in attempts:
        per_session.pop(attempt.session_id, None)
        per_session[attempt.session_id] = attempt
    ordered = list(per_session.values())
    if not ordered:
        return ()
    level = ordered[-1].level
    run: list[Attempt] = []
    for attempt in reversed(ordered):
        if attempt.level != level:
            break
        run.append(attempt)
    return tuple(reversed(run))


def soreness_around(
    readings: Iterable[SorenessReading], regions: Iterable[str], day: dt.date
) -> tuple[int | None, int | None]:
    """Soreness (before, after) a session on ``day`` in the region where it rose most.

    Before is the latest reading on or before ``day``; after is the first reading after it.
    A region with only one of the two is used only when no region has both.
    """
    wanted = set(regions)
    before: dict[str, tuple[dt.date, int]] = {}
    after: dict[str, tuple[dt.date, int]] = {}
    for reading in readings:
        if reading.region not in wanted:
            continue
        if reading.date <= day:
            if reading.region not in before or reading.date >= before[reading.region][0]:
                before[reading.region] = (reading.date, reading.value)
        elif reading.region not in after or reading.date < after[reading.region][0]:
            after[reading.region] = (reading.date, reading.value)
    both = sorted(r for r in wanted if r in before and r in after)
    if both:
        region = max(both, key=lambda r: (after[r][1] - before[r][1], after[r][1]))
        return before[region][1], after[region][1]
    after_only = [after[r][1] for r in after]
    return None, max(after_only) if after_only else None


def decide_all(
    attempts: Sequence[Attempt],
    soreness: Sequence[SorenessReading],
    exercises: Mapping[str, Exercise],
    *,
    rules: ProgressionRules,
    red_flag: bool = False,
    redirects: Mapping[str, Sequence[str]] | None = None,
    setbacks: Sequence[tuple[dt.date, Sequence[str], str] | Setback] = (),
    followups: Mapping[int, str],
) -> dict[str, tuple[Decision, Attempt]]:
    """A decision for every exercise done at least once, with the attempt it was made after.

    ``attempts`` are oldest first. Soreness in a symptom-only place (``redirects``, e.g. the
    IT band) counts for the regions it is worked through. ``setbacks`` are (date, regions,
    words): a screening result that got worse beyond its measurement error (its regions),
    or a red flag reported and since cleared (no regions: every exercise). One moves an
    exercise down once, when it is no older than the exercise's last session; a session
    done after it was already dosed lower and is judged on its own. ``followups`` are the
    next-day answers by session id.
    """
    readings = list(soreness)
    for source, targets in (redirects or {}).items():
        readings += [
            SorenessReading(r.date, t, r.value, r.after_run) for r in soreness if r.region == source for t in targets
        ]
    by_exercise: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        by_exercise.setdefault(attempt.exercise, []).append(attempt)
    out: dict[str, tuple[Decision, Attempt]] = {}
    for slug in sorted(by_exercise):
        exercise = exercises.get(slug)
        run = run_at_latest_level(by_exercise[slug])
        if exercise is None or not run:
            continue
        last = run[-1]
        before, after = soreness_around(readings, exercise.regions, last.date)
        setback: tuple[str, str | None] | None = next(
            (
                (entry[2], entry[3] if len(entry) > 3 else None)
                for entry in setbacks
                if entry[0] >= last.date and (not entry[1] or set(entry[1]) & set(exercise.regions))
            ),
            None,
        )
        per_session = {a.session_id: a.discomfort for a in by_exercise[slug]}
        decision = decide(
            exercise,
            last.level,
            run,
            before,
            after,
            red_flag,
            rules=rules,
            next_day=followups.get(last.session_id),
            days_at_level=(last.date - run[0].date).days,
            trend=list(per_session.values()),
            setback=setback[0] if setback else None,
            setback_cause=setback[1] if setback else None,
        )
        out[slug] = (decision, last)
    return out
