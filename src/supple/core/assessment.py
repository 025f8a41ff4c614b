"""Screening tests and their results: real change, side-to-side difference, region priorities.

A test carries its norm and its measurement error as data (``catalogue/assessments``); this
module only compares numbers with them. Nothing here reads a file or a clock: ``today`` is
always passed in, so the same results give the same answers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from supple.core.errors import MISSING, InvalidInput
from supple.core.exercises import Source
from supple.core.pose import Pose

SIDES: tuple[str, ...] = ("left", "right")

#: How well a figure is checked, and the mark KNOWLEDGE.md gives it: "primary" (the study itself),
#: "secondary" (2°: seen only in a secondary source), "unconfirmed" (u: not yet confirmed), or
#: "default" (no study gives it: a Supple default, with its reason next to it).
CHECKED_MARKS: dict[str, str] = {"primary": "", "secondary": "2°", "unconfirmed": "u", "default": ""}
CHECKED: tuple[str, ...] = tuple(CHECKED_MARKS)
#: What users read instead of a mark: words, never "(2°)" or "(u)".
CHECKED_WORDS: dict[str, str] = {
    "primary": "",
    "secondary": "from a secondary source",
    "unconfirmed": "not yet confirmed",
    "default": "",
}

#: The two ways a result stands against a test's usual range.
BELOW = "below"
WITHIN = "within-or-near"


def checked_words(checked: str) -> str:
    """ "from a secondary source", "not yet confirmed", or "" for a checked figure or a Supple default."""
    return CHECKED_WORDS.get(checked, CHECKED_WORDS["unconfirmed"])


@dataclass(frozen=True, slots=True)
class Norm:
    """The usual range ``low``–``high``: its lower end (the upper one when lower is better) is what counts.

    ``low`` is a published cut-off, or the mean minus one standard deviation where a study gives
    only those: a mean is the middle of normal, not its floor.
    """

    low: float
    high: float
    source: str
    #: How well the figure is checked: one of ``CHECKED``.
    checked: str = "primary"
    about: str = ""

    @property
    def mark(self) -> str:
        """The figure's mark as KNOWLEDGE.md writes it: "", "2°" or "u" (data only; users read words)."""
        return CHECKED_MARKS.get(self.checked, "u")


@dataclass(frozen=True, slots=True)
class MeasurementError:
    """How much a result can move with no real change: a minimal detectable change or a standard error."""

    kind: str
    value: float
    source: str
    about: str = ""
    #: How well the figure is checked: one of ``CHECKED``.
    checked: str = "primary"

    @property
    def mark(self) -> str:
        return CHECKED_MARKS.get(self.checked, "u")


@dataclass(frozen=True, slots=True)
class Instructions:
    setup: tuple[str, ...]
    steps: tuple[str, ...]
    reading: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AssessmentTest:
    slug: str
    name: str
    measures: str
    unit: str
    low: float
    high: float
    whole: bool
    per_side: bool
    higher_is_better: bool
    #: Too noisy to prove change: a difference in it is never reported as real.
    noisy: bool
    norm: Norm
    error: MeasurementError
    regions: tuple[str, ...]
    instructions: Instructions
    sources: tuple[Source, ...] = ()
    #: How the test is pictured; None draws a figure standing at ease.
    pose: Pose | None = None

    def shortfall(self, value: float) -> float:
        """How far ``value`` falls short of the usual range's edge, in the test's unit (0 when it reaches it)."""
        gap = self.norm.low - value if self.higher_is_better else value - self.norm.high
        return max(gap, 0.0)

    def below_usual(self, value: float) -> bool:
        """True only when ``value`` falls short of the usual range by more than the measurement error.

        A result short of the edge by no more than the error may be the same as one inside it,
        measured on a worse day: it is "within or near the usual range".
        """
        return _beyond(self.shortfall(value), self.error.value)

    def standing(self, value: float) -> str:
        """``BELOW`` the usual range (beyond the error) or ``WITHIN`` or near it."""
        return BELOW if self.below_usual(value) else WITHIN

    def standing_words(self, value: float) -> str:
        """ "below the usual range" ("above" when lower is better) or "within or near the usual range"."""
        if not self.below_usual(value):
            return "within or near the usual range"
        return "below the usual range" if self.higher_is_better else "above the usual range"

    def worse(self, a: float, b: float) -> float:
        return min(a, b) if self.higher_is_better else max(a, b)


@dataclass(frozen=True, slots=True)
class AssessmentResult:
    test: str
    side: str | None
    date: dt.date
    value: float


@dataclass(frozen=True, slots=True)
class Asymmetry:
    test: str
    difference: float
    #: The side with the poorer value.
    worse_side: str
    #: True when the difference is larger than the test's measurement error.
    flagged: bool


@dataclass(frozen=True, slots=True)
class Concern:
    """Why a region was moved up: a result below the usual range by more than the error, or sides that differ."""

    region: str
    test: str
    kind: str  # "below-norm" or "asymmetry"
    side: str | None
    value: float
    #: How far off, in units of the test's measurement error (larger is worse).
    score: float


def _beyond(difference: float, error: float) -> bool:
    """``difference`` > ``error``, ignoring floating-point dust (9.9 - 8.0 is not more than 1.9)."""
    return round(difference - error, 9) > 0


def real_change(previous: float, current: float, test: AssessmentTest) -> bool:
    """True only when the change is larger than the measurement error and the test is not noisy."""
    return not test.noisy and _beyond(abs(current - previous), test.error.value)


def asymmetry(left: float, right: float, test: AssessmentTest) -> Asymmetry:
    """The difference between sides, flagged when it is larger than the measurement error."""
    difference = abs(left - right)
    left_worse = left < right if test.higher_is_better else left > right
    worse_side = "left" if left_worse else "right"
    return Asymmetry(test.slug, difference, worse_side, _beyond(difference, test.error.value))


def latest(results: Iterable[AssessmentResult]) -> dict[tuple[str, str | None], AssessmentResult]:
    """The most recent result per (test, side); on the same date the one given last wins."""
    found: dict[tuple[str, str | None], AssessmentResult] = {}
    for result in results:
        key = (result.test, result.side)
        if key not in found or result.date >= found[key].date:
            found[key] = result
    return found


def concerns(results: Iterable[AssessmentResult], tests: Mapping[str, AssessmentTest]) -> tuple[Concern, ...]:
    """Every region a latest result puts forward: below the usual range first (worst first), then asymmetric ones.

    A result counts as below only when it is short of the range's edge by more than the test's
    measurement error (``AssessmentTest.below_usual``).
    """
    newest = latest(results)
    below: list[Concern] = []
    uneven: list[Concern] = []
    for slug in sorted({test for test, _ in newest}):
        test = tests.get(slug)
        if test is None:
            continue
        sides = [newest[(slug, side)] for side in (*SIDES, None) if (slug, side) in newest]
        worst = max(sides, key=lambda r: (test.shortfall(r.value), r.side or ""))
        gap = test.shortfall(worst.value)
        if test.below_usual(worst.value):
            score = gap / test.error.value
            below.extend(Concern(r, slug, "below-norm", worst.side, worst.value, score) for r in test.regions)
        left, right = newest.get((slug, "left")), newest.get((slug, "right"))
        if test.per_side and left is not None and right is not None:
            uneven_sides = asymmetry(left.value, right.value, test)
            if uneven_sides.flagged:
                value = left.value if uneven_sides.worse_side == "left" else right.value
                score = uneven_sides.difference / test.error.value
                uneven.extend(
                    Concern(r, slug, "asymmetry", uneven_sides.worse_side, value, score) for r in test.regions
                )
    order = {"below-norm": 0, "asymmetry": 1}
    return tuple(sorted(below + uneven, key=lambda c: (order[c.kind], -c.score, c.region, c.test)))


def priorities(
    results: Iterable[AssessmentResult], tests: Mapping[str, AssessmentTest], defaults: Sequence[str]
) -> tuple[str, ...]:
    """Regions, best first: below the norm (worst first), then asymmetric, then the defaults."""
    out: list[str] = []
    for concern in concerns(results, tests):
        if concern.region not in out:
            out.append(concern.region)
    out.extend(region for region in defaults if region not in out)
    return tuple(out)


def leading_first(ranked: Sequence[str], leading: Iterable[str]) -> tuple[str, ...]:
    """``ranked`` with the regions in ``leading`` moved to the front, each part keeping its order."""
    lead = set(leading)
    return tuple(r for r in ranked if r in lead) + tuple(r for r in ranked if r not in lead)


@dataclass(frozen=True, slots=True)
class RangeDrop:
    """A latest result worse than the one before it by more than the measurement error."""

    test: str
    side: str | None
    date: dt.date
    before: float
    after: float
    regions: tuple[str, ...]
    words: str


def range_drops(results: Iterable[AssessmentResult], tests: Mapping[str, AssessmentTest]) -> tuple[RangeDrop, ...]:
    """Each (test, side) whose latest result is a real change for the worse (never for a noisy test)."""
    series: dict[tuple[str, str | None], list[AssessmentResult]] = {}
    for result in sorted(results, key=lambda r: r.date):  # stable: same-day results keep their order
        series.setdefault((result.test, result.side), []).append(result)
    out: list[RangeDrop] = []
    for (slug, side), found in sorted(series.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        test = tests.get(slug)
        if test is None or len(found) < 2:
            continue
        previous, latest = found[-2].value, found[-1].value
        worse = latest < previous if test.higher_is_better else latest > previous
        if not worse or not real_change(previous, latest, test):
            continue
        where = f" on the {side}" if side else ""
        words = (
            f"your {test.name.lower()} result{where} went from {previous:g} to {latest:g} {test.unit}, "
            f"worse by more than its measurement error ({test.error.kind} {test.error.value:g} {test.unit})"
        )
        out.append(RangeDrop(slug, side, found[-1].date, previous, latest, test.regions, words))
    return tuple(out)


def retest_due(last_date: dt.date | None, today: dt.date, weeks: int) -> bool:
    """True when there is no result yet or the last one is at least ``weeks`` weeks old."""
    return last_date is None or today >= last_date + dt.timedelta(weeks=weeks)


def check_value(test: AssessmentTest, value: float) -> float:
    """``value`` if it is a possible result of ``test``; InvalidInput naming it otherwise."""
    kind = "a whole number" if test.whole else "a number"
    expected = f"{kind} from {test.low:g} to {test.high:g} ({test.unit}) for {test.slug}"
    if value != value or not test.low <= value <= test.high or (test.whole and value != int(value)):
        raise InvalidInput("value", value, expected)
    return value


def check_side(test: AssessmentTest, side: str | None) -> str | None:
    """``side`` if ``test`` takes it: a per-side test needs left or right, any other test none."""
    if test.per_side and side not in SIDES:
        if side is None:
            raise InvalidInput("side", MISSING, f"left or right: {test.slug} is measured on each side")
        raise InvalidInput("side", side, "left or right")
    if not test.per_side and side is not None:
        raise InvalidInput("side", side, f"no side: {test.slug} is measured once for both sides")
    return side
