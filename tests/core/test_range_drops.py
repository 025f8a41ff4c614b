"""A screening result worse beyond its measurement error moves the region's exercises down, once."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from supple.catalogue import load_catalogue
from supple.catalogue.knowledge import load_knowledge
from supple.core.assessment import AssessmentResult, range_drops
from supple.core.progression import Attempt, decide_all

CATALOGUE = load_catalogue()
KNOWLEDGE = load_knowledge(CATALOGUE.exercises)
TESTS = KNOWLEDGE.tests
RULES = KNOWLEDGE.progression
DAY = dt.date(2026, 11, 24)


def _kw(value: float, day: dt.date, side: str = "left") -> AssessmentResult:
    return AssessmentResult("knee-to-wall", side, day, value)


def test_only_a_latest_result_worse_beyond_the_error_is_a_drop() -> None:
    earlier = DAY - dt.timedelta(days=28)
    # 11 -> 9 is 2 cm, more than the 1.9 cm MDC; the right side moved 1 cm only.
    found = range_drops([_kw(11, earlier), _kw(9, DAY), _kw(10, earlier, "right"), _kw(9, DAY, "right")], TESTS)
    assert [(d.test, d.side, d.before, d.after) for d in found] == [("knee-to-wall", "left", 11, 9)]
    assert found[0].regions == ("calves",)
    assert "11 to 9 cm" in found[0].words
    assert "MDC 1.9 cm" in found[0].words
    # Better, or back up again later, is not a drop.
    assert range_drops([_kw(9, earlier), _kw(11, DAY)], TESTS) == ()
    assert range_drops([_kw(11, earlier), _kw(9, DAY - dt.timedelta(days=1)), _kw(11, DAY)], TESTS) == ()


def test_the_noisy_thomas_test_never_drops_and_lower_is_better_tests_drop_upwards() -> None:
    thomas = [
        AssessmentResult("modified-thomas", "left", DAY - dt.timedelta(days=1), 0),
        AssessmentResult("modified-thomas", "left", DAY, 30),
    ]
    assert range_drops(thomas, TESTS) == ()
    lower = [t for t in TESTS.values() if not t.higher_is_better and not t.noisy]
    for test in lower:
        side = "left" if test.per_side else None
        worse = test.low + 2 * test.error.value + 1
        found = range_drops(
            [AssessmentResult(test.slug, side, DAY, test.low), AssessmentResult(test.slug, side, DAY, worse)], TESTS
        )
        assert [d.test for d in found] == [test.slug]


@given(st.floats(0, 30), st.floats(0, 30))
def test_a_drop_is_exactly_a_real_change_for_the_worse(before: float, after: float) -> None:
    found = range_drops([_kw(before, DAY - dt.timedelta(days=1)), _kw(after, DAY)], TESTS)
    assert bool(found) == (before - after > TESTS["knee-to-wall"].error.value + 1e-9)


def _calf_attempts(day: dt.date) -> list[Attempt]:
    return [
        Attempt(1, day - dt.timedelta(days=14), "single-leg-calf-raise", 2, 5, 1),
        Attempt(2, day, "single-leg-calf-raise", 2, 5, 1),
        Attempt(2, day, "cat-camel", 1, 5, 1),
    ]


def test_a_drop_after_the_last_session_moves_that_regions_exercises_down_with_the_reason() -> None:
    drop = (DAY + dt.timedelta(days=1), ("calves",), "your knee-to-wall result went down")
    found = decide_all(
        _calf_attempts(DAY), [], CATALOGUE.exercises, rules=RULES, setbacks=[drop], followups={2: "same"}
    )
    calf, _ = found["single-leg-calf-raise"]
    assert (calf.decision, calf.level) == ("regress", 1)
    assert "knee-to-wall result went down" in calf.reason
    # Cat-camel works the upper back, not the calves: untouched.
    assert found["cat-camel"][0].decision != "regress"
    # A session done after the drop has already been dosed lower: the drop does not count again.
    later = decide_all(
        _calf_attempts(DAY + dt.timedelta(days=5)),
        [],
        CATALOGUE.exercises,
        rules=RULES,
        setbacks=[drop],
        followups={2: "same"},
    )
    assert later["single-leg-calf-raise"][0].decision == "progress"
