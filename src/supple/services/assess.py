"""Screening tests: list them, record a result, read the history, and turn results into priorities.

A change between two results of the same test and side counts as real only when it is larger
than the test's measurement error (and never for a test too noisy to prove change). The latest
results move regions up the list that ``today`` and ``plan`` work on.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from supple.core.errors import InvalidInput
from supple.services.context import Context

if TYPE_CHECKING:  # loaded only when a result is read or written: `today` without results skips it
    from supple.core.assessment import AssessmentResult, AssessmentTest, Concern
    from supple.core.session import LoggedSession


@dataclass(frozen=True, slots=True)
class Row:
    """One result as the history shows it, with the change from the previous result of that test and side."""

    test: AssessmentTest
    result: AssessmentResult
    previous: AssessmentResult | None

    @property
    def change(self) -> float | None:
        return None if self.previous is None else self.result.value - self.previous.value

    @property
    def real_change(self) -> bool | None:
        """None for a first result (nothing to compare with)."""
        from supple.core import assessment

        if self.previous is None:
            return None
        return assessment.real_change(self.previous.value, self.result.value, self.test)


def tests(ctx: Context) -> list[AssessmentTest]:
    return list(ctx.knowledge.tests.values())


def find_test(ctx: Context, *, slug: str) -> AssessmentTest:
    found = ctx.knowledge.tests.get(slug)
    if found is None:
        known = ", ".join(ctx.knowledge.tests)
        raise InvalidInput("test", slug, f"one of {known}", see="tests")
    return found


def parse_value(text: str | float, test: AssessmentTest) -> float:
    """A typed value (such as "11.5") as a number within the test's range; InvalidInput naming it otherwise."""
    from supple.core import assessment

    kind = "a whole number" if test.whole else "a number"
    expected = f"{kind} from {test.low:g} to {test.high:g} ({test.unit}) for {test.slug}"
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise InvalidInput("value", text, expected) from None
    if not math.isfinite(value):
        raise InvalidInput("value", text, expected)
    try:
        return assessment.check_value(test, value)
    except InvalidInput:
        raise InvalidInput("value", text, expected) from None


def retest_fades(ctx: Context) -> str:
    """The sentence said beside a re-test straight after a session, with its source (catalogue/rules.toml)."""
    note = ctx.catalogue.rules.retest_fades
    return f"{note.text} ({note.source})"


def record(ctx: Context, *, test: str, value: str | float, side: str | None, date: dt.date) -> Row:
    """Check everything, then store one result; return it as a history row."""
    from supple.core import assessment

    found = find_test(ctx, slug=test)
    side = assessment.check_side(found, side.lower() if side else None)
    result = assessment.AssessmentResult(found.slug, side, date, parse_value(value, found))
    from supple.services import levels  # a result worse beyond the error moves levels down

    ctx.data.add_result(result, settle=levels.for_test(ctx, found.slug))
    return next(r for r in history(ctx, test=found.slug) if r.result == result)


def record_focus(
    ctx: Context,
    *,
    test: str,
    before: Mapping[str | None, str],
    session: LoggedSession,
    after: Mapping[str | None, str],
    date: dt.date,
) -> tuple[int, list[Row], list[Row]]:
    """Store a test, melt and mould, re-test in one transaction, after checking every value.

    ``before`` and ``after`` map each side (None for a test done once) to the typed value.
    Returns the session's id and the before and after results as history rows.
    """
    from supple.core import assessment

    found = find_test(ctx, slug=test)

    def checked(values: Mapping[str | None, str]) -> list[AssessmentResult]:
        return [
            assessment.AssessmentResult(found.slug, assessment.check_side(found, side), date, parse_value(v, found))
            for side, v in values.items()
        ]

    first, second = checked(before), checked(after)
    from supple.services import levels

    session_id = ctx.data.add_focus(first, session, second, settle=levels.for_test(ctx, found.slug))
    # Results read oldest first by day, then in the order stored: ours are the day's last ones.
    same_day = [r for r in reversed(history(ctx, test=found.slug)) if r.result.date == date]
    ours = same_day[len(same_day) - len(first) - len(second) :]
    return session_id, ours[: len(first)], ours[len(first) :]


def results(ctx: Context) -> tuple[AssessmentResult, ...]:
    """The athlete's results, oldest first."""
    return ctx.data.results()


def history(ctx: Context, *, test: str | None = None) -> list[Row]:
    """Every result, newest first, each compared with the previous result of its test and side."""
    if test is not None:
        find_test(ctx, slug=test)
    known = ctx.knowledge.tests
    rows: list[Row] = []
    previous: dict[tuple[str, str | None], AssessmentResult] = {}
    for result in results(ctx):
        found = known.get(result.test)
        if found is None:  # a test that is no longer in the catalogue
            continue
        key = (result.test, result.side)
        rows.append(Row(found, result, previous.get(key)))
        previous[key] = result
    rows.reverse()
    return [r for r in rows if test is None or r.test.slug == test]


def concerns(ctx: Context) -> tuple[Concern, ...]:
    """Regions the latest results put forward: below the usual range (beyond the error) first, then uneven sides."""
    from supple.core import assessment

    found = results(ctx)
    return assessment.concerns(found, ctx.knowledge.tests) if found else ()


def priorities_for(ctx: Context, defaults: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``(priorities, leading)``: ``defaults`` with the regions the latest results flag moved in front.

    Without any results this is ``(defaults, ())`` and reads no knowledge files, so ``today``
    stays as fast as before for an athlete who has never tested.
    """
    found = results(ctx)
    if not found:
        return tuple(defaults), ()
    from supple.core import assessment

    tests_by_slug = ctx.knowledge.tests
    leading = tuple(dict.fromkeys(c.region for c in assessment.concerns(found, tests_by_slug)))
    return assessment.priorities(found, tests_by_slug, defaults), leading


def retests(ctx: Context, *, today: dt.date) -> list[tuple[AssessmentTest, dt.date | None, bool]]:
    """Each test with the date it was last done (None: never) and whether a re-test is due."""
    from supple.core import assessment

    weeks = ctx.knowledge.progression.retest_weeks
    last: dict[str, dt.date] = {}
    for result in results(ctx):
        last[result.test] = max(result.date, last.get(result.test, result.date))
    return [
        (test, last.get(test.slug), assessment.retest_due(last.get(test.slug), today, weeks)) for test in tests(ctx)
    ]


# -- the JSON contract (docs/contract.md) -----------------------------------------------------


def checked_words(checked: str) -> str:
    """How well a figure is checked, in the words users read: "from a secondary source", "not yet confirmed", ""."""
    from supple.core.assessment import checked_words as words

    return words(checked)


def _number(value: float, test: AssessmentTest) -> float | int:
    return int(value) if test.whole else value


def row_dict(row: Row) -> dict[str, Any]:
    return {
        "test": row.test.slug,
        "side": row.result.side,
        "date": row.result.date.isoformat(),
        "value": _number(row.result.value, row.test),
        "unit": row.test.unit,
        "real_change": row.real_change,
    }


def test_dict(test: AssessmentTest) -> dict[str, Any]:
    return {
        "slug": test.slug,
        "name": test.name,
        "measures": test.measures,
        "unit": test.unit,
        "range": {"low": test.low, "high": test.high, "whole": test.whole},
        "per_side": test.per_side,
        "higher_is_better": test.higher_is_better,
        "noisy": test.noisy,
        "norm": {
            "low": test.norm.low,
            "high": test.norm.high,
            "checked": test.norm.checked,
            "mark": test.norm.mark,
            "source": test.norm.source,
            "about": test.norm.about,
        },
        "error": {
            "kind": test.error.kind,
            "value": test.error.value,
            "checked": test.error.checked,
            "source": test.error.source,
            "about": test.error.about,
        },
        "regions": list(test.regions),
        "instructions": {
            "setup": list(test.instructions.setup),
            "steps": list(test.instructions.steps),
            "reading": list(test.instructions.reading),
        },
        "sources": [{"cite": s.cite, "about": s.about} for s in test.sources],
    }
