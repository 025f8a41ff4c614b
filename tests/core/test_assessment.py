"""Screening-test arithmetic: real change, side-to-side difference, priorities, re-test dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supple.catalogue import load_catalogue
from supple.catalogue.knowledge import load_knowledge
from supple.core.assessment import (
    BELOW,
    CHECKED_MARKS,
    WITHIN,
    AssessmentResult,
    AssessmentTest,
    asymmetry,
    checked_words,
    concerns,
    leading_first,
    priorities,
    real_change,
    retest_due,
)
from supple.core.vocabulary import TARGET_REGIONS

TESTS = load_knowledge(load_catalogue().exercises).tests
KNEE, THOMAS, SQUAT, REACH = (
    TESTS[s] for s in ("knee-to-wall", "modified-thomas", "single-leg-squat", "overhead-reach")
)
DAY = dt.date(2026, 11, 24)
DEFAULTS = ("hip-flexors", "hamstrings", "glutes", "hip-rotators", "calves", "thoracic-spine")

values = st.floats(min_value=0, max_value=30, allow_nan=False)
tests = st.sampled_from(sorted(TESTS.values(), key=lambda t: t.slug))


@st.composite
def results(draw: st.DrawFn) -> list[AssessmentResult]:
    out = []
    for _ in range(draw(st.integers(min_value=0, max_value=12))):
        test = draw(tests)
        side = draw(st.sampled_from(("left", "right"))) if test.per_side else None
        value = draw(st.floats(min_value=test.low, max_value=test.high, allow_nan=False))
        day = DAY - dt.timedelta(days=draw(st.integers(min_value=0, max_value=120)))
        out.append(AssessmentResult(test.slug, side, day, float(round(value)) if test.whole else value))
    return out


# -- real change ----------------------------------------------------------------------------------


def test_knee_to_wall_needs_more_than_its_error_to_count() -> None:
    assert KNEE.error.value == pytest.approx(1.9)
    assert not real_change(8.0, 9.9, KNEE)
    assert real_change(8.0, 10.0, KNEE)
    assert real_change(10.0, 8.0, KNEE), "a loss beyond the error is a real change too"


def test_the_thomas_test_never_proves_change() -> None:
    assert THOMAS.noisy
    assert not real_change(30.0, 0.0, THOMAS)


@given(tests, st.floats(min_value=0, max_value=180), st.floats(min_value=0, max_value=180))
def test_real_change_is_symmetric_and_beyond_the_error(test, a, b) -> None:  # type: ignore[no-untyped-def]
    assert real_change(a, b, test) == real_change(b, a, test)
    if real_change(a, b, test):
        assert abs(a - b) > test.error.value - 1e-9
        assert not test.noisy
    elif not test.noisy:
        assert abs(a - b) <= test.error.value + 1e-9


# -- asymmetry ------------------------------------------------------------------------------------


def test_sides_differ_only_beyond_the_error() -> None:
    assert not asymmetry(9.0, 10.5, KNEE).flagged
    found = asymmetry(7.0, 10.0, KNEE)
    assert found.flagged
    assert found.worse_side == "left"
    assert found.difference == pytest.approx(3.0)


def test_the_worse_side_of_a_lower_is_better_test_is_the_higher_one() -> None:
    assert asymmetry(20.0, 2.0, THOMAS).worse_side == "left"


@given(tests, values, values)
def test_asymmetry_is_flagged_exactly_beyond_the_error(test, left, right) -> None:  # type: ignore[no-untyped-def]
    found = asymmetry(left, right, test)
    if abs(abs(left - right) - test.error.value) > 1e-6:
        assert found.flagged == (abs(left - right) > test.error.value)
    assert asymmetry(right, left, test).flagged == found.flagged
    if left != right:
        assert asymmetry(right, left, test).worse_side != found.worse_side


# -- priorities -----------------------------------------------------------------------------------


def _result(test: str, value: float, side: str | None = "left", day: dt.date = DAY) -> AssessmentResult:
    return AssessmentResult(test, side, day, value)


def test_without_results_the_defaults_are_kept() -> None:
    assert priorities([], TESTS, DEFAULTS) == DEFAULTS


def test_below_norm_regions_come_first_worst_first_then_uneven_sides_then_defaults() -> None:
    found = [
        _result("knee-to-wall", 7.0),  # 3.0 below 10 cm: beyond the 1.9 cm error, about 1.6 errors
        _result("knee-to-wall", 12.0, "right"),
        _result("thoracic-rotation", 20.0),  # 25 below 45°: about 4 errors
        _result("thoracic-rotation", 50.0, "right"),
        _result("hip-internal-rotation", 30.0),  # above 25° on both sides, 35° apart
        _result("hip-internal-rotation", 65.0, "right"),
    ]
    order = priorities(found, TESTS, DEFAULTS)
    assert order[:3] == ("thoracic-spine", "calves", "hip-rotators")
    assert set(order) == {"thoracic-spine", "calves", "hip-rotators", *DEFAULTS}
    assert len(order) == len(set(order))


def test_only_the_latest_result_counts() -> None:
    old = _result("knee-to-wall", 4.0, day=DAY - dt.timedelta(days=30))
    new = _result("knee-to-wall", 13.0)
    assert priorities([old, new], TESTS, ()) == ()
    assert priorities([new, old], TESTS, ()) == (), "date decides, not the order given"
    assert priorities([new, replace(old, date=DAY + dt.timedelta(days=1))], TESTS, ()) == ("calves",)


def test_a_lower_is_better_test_is_below_norm_when_above_it() -> None:
    (concern,) = [c for c in concerns([_result("modified-thomas", 15.0)], TESTS) if c.region == "hip-flexors"]
    assert concern.kind == "below-norm"
    assert concern.score == pytest.approx(15.0 / 11.0)
    assert priorities([_result("modified-thomas", 0.0)], TESTS, ()) == ()
    assert priorities([_result("modified-thomas", 11.0)], TESTS, ()) == (), "within its 11° error of level"


def test_results_of_unknown_tests_are_ignored() -> None:
    assert priorities([_result("no-such-test", 1.0)], TESTS, DEFAULTS) == DEFAULTS


@given(results(), st.lists(st.sampled_from(TARGET_REGIONS), unique=True))
@settings(max_examples=300)
def test_priorities_keep_every_default_once_and_flag_only_real_concerns(found, defaults) -> None:  # type: ignore[no-untyped-def]
    order = priorities(found, TESTS, defaults)
    assert len(order) == len(set(order))
    assert set(defaults) <= set(order)
    flagged = {c.region for c in concerns(found, TESTS)}
    assert set(order) == flagged | set(defaults)
    assert priorities(found, TESTS, defaults) == order, "deterministic"
    leading = [r for r in order if r in flagged]
    assert list(order[: len(leading)]) == leading, "flagged regions lead"


@given(results())
@settings(max_examples=200)
def test_below_norm_concerns_come_before_asymmetry_and_worst_first(found) -> None:  # type: ignore[no-untyped-def]
    found_concerns = concerns(found, TESTS)
    kinds = [c.kind for c in found_concerns]
    assert kinds == sorted(kinds, key=lambda k: k != "below-norm")
    for kind in ("below-norm", "asymmetry"):
        scores = [c.score for c in found_concerns if c.kind == kind]
        assert scores == sorted(scores, reverse=True)
        assert all(s > 0 for s in scores)


def test_leading_first_keeps_each_part_in_order() -> None:
    assert leading_first(("a", "b", "c", "d"), {"c", "a"}) == ("a", "c", "b", "d")


# -- re-test --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "due"),
    [(None, True), (DAY, False), (DAY - dt.timedelta(days=27), False), (DAY - dt.timedelta(days=28), True)],
)
def test_a_retest_is_due_after_the_interval(last: dt.date | None, due: bool) -> None:
    assert retest_due(last, DAY, 4) is due


def test_overhead_reach_is_done_once_and_the_single_leg_squat_is_a_rating() -> None:
    assert not REACH.per_side
    assert (SQUAT.unit, SQUAT.low, SQUAT.high, SQUAT.whole) == ("rating", 1, 3, True)


# -- the usual range ------------------------------------------------------------------------------


def _edge(test: AssessmentTest) -> float:
    return test.norm.low if test.higher_is_better else test.norm.high


def _past(test: AssessmentTest, by: float) -> float:
    """A value ``by`` past the usual range's edge, on the worse side."""
    return _edge(test) - by if test.higher_is_better else _edge(test) + by


def test_knee_to_wall_is_below_the_usual_range_only_beyond_its_error() -> None:
    assert KNEE.norm.low == 10.0
    assert KNEE.error.value == pytest.approx(1.9)
    assert KNEE.standing(8.1) == WITHIN, "1.9 cm short: no more than the error"
    assert KNEE.standing_words(8.1) == "within or near the usual range"
    assert KNEE.standing(8.0) == BELOW
    assert KNEE.standing_words(8.0) == "below the usual range"
    assert KNEE.standing(15.0) == WITHIN


def test_a_lower_is_better_test_is_above_its_range_beyond_the_error() -> None:
    assert THOMAS.standing(11.0) == WITHIN
    assert THOMAS.standing_words(11.5) == "above the usual range"


@pytest.mark.parametrize("slug", sorted(TESTS))
def test_the_boundary_is_the_edge_plus_the_error(slug: str) -> None:
    test = TESTS[slug]
    error = test.error.value
    assert not test.below_usual(_past(test, error)), "exactly the error short is within or near"
    if test.low <= _past(test, error + 0.5) <= test.high:
        assert test.below_usual(_past(test, error + 0.5))
    assert not test.below_usual(_edge(test))


@given(tests, st.floats(min_value=0, max_value=180, allow_nan=False))
def test_below_the_usual_range_means_short_by_more_than_the_error(test, value) -> None:  # type: ignore[no-untyped-def]
    short = test.shortfall(value)
    assert test.below_usual(value) == (round(short - test.error.value, 9) > 0)
    assert test.standing(value) == (BELOW if test.below_usual(value) else WITHIN)
    flagged = {
        (c.test, c.kind) for c in concerns([_result(test.slug, value, "left" if test.per_side else None)], TESTS)
    }
    assert ((test.slug, "below-norm") in flagged) == test.below_usual(value)


@given(tests, st.floats(min_value=0, max_value=180, allow_nan=False), st.floats(min_value=0, max_value=30))
def test_a_better_result_is_never_further_below(test, value, gain) -> None:  # type: ignore[no-untyped-def]
    better = value + gain if test.higher_is_better else value - gain
    if test.below_usual(better):
        assert test.below_usual(value)


def test_checked_figures_read_as_words() -> None:
    assert checked_words("secondary") == "from a secondary source"
    assert checked_words("unconfirmed") == "not yet confirmed"
    assert checked_words("primary") == checked_words("default") == ""
    assert CHECKED_MARKS == {"primary": "", "secondary": "2°", "unconfirmed": "u", "default": ""}
