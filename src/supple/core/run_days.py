"""What a day of the week plan keeps around the runs: a recovery day, days without strength.

Pure: given the runs of a day and of the days either side, and the rules (``RunRules``, from
``[runs]`` in ``catalogue/rules.toml``), it says whether the day is a recovery day (the day
after a long run or a race) and whether strength work stays off it (the day before a race or
a hard workout, a race day, a recovery day), with the words the runner sees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from supple.core.activity import PlannedRun
from supple.core.rules import RunRules

#: How a kind of run is named in a sentence.
KIND_WORDS = {"long": "long run", "race": "race", "workout": "hard workout", "easy": "easy run"}


@dataclass(frozen=True, slots=True)
class DayRules:
    recovery: bool = False
    no_strength: bool = False
    #: Why, in words (empty when the day is an ordinary one).
    notes: tuple[str, ...] = ()


def run_order(run: PlannedRun) -> tuple[bool, dt.time]:
    """Timed runs first, by time; runs with no time after them (a stable sort keeps their order)."""
    return (run.at is None, run.at or dt.time.min)


def kind_words(kinds: Sequence[str]) -> str:
    return " and ".join(KIND_WORDS.get(k, k) for k in kinds)


def day_rules(
    today: Sequence[PlannedRun], yesterday: Sequence[PlannedRun], tomorrow: Sequence[PlannedRun], rules: RunRules
) -> DayRules:
    """The rules that hold for a day with runs ``today``, after ``yesterday``'s and before ``tomorrow``'s."""
    recovery = sorted({r.kind for r in yesterday} & set(rules.recovery_after))
    race_day = sorted({r.kind for r in today} & set(rules.no_strength_on))
    before = sorted({r.kind for r in tomorrow} & set(rules.no_strength_before))
    notes: list[str] = []
    if recovery:
        notes.append(f"A recovery day, the day after your {kind_words(recovery)}: an easy session, no strength.")
    if race_day:
        notes.append(f"No strength work on the day of your {kind_words(race_day)}.")
    if before:
        notes.append(f"No strength work today: your {kind_words(before)} is tomorrow.")
    return DayRules(recovery=bool(recovery), no_strength=bool(notes), notes=tuple(notes))
