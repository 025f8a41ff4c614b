"""Rank correlation with a bootstrap interval: right on known cases, bounded and repeatable on any."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supple.core.relation import ranks, relate, spearman


def test_ties_share_their_mean_rank() -> None:
    assert ranks([10, 20, 20, 5]) == [2.0, 3.5, 3.5, 1.0]


def test_known_values() -> None:
    assert spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # A worked example: rho = 1 - 6*sum(d^2)/(n(n^2-1)) without ties; d = (0, 1, -1, 0, 0) -> 1 - 12/120
    assert spearman([1, 2, 3, 4, 5], [1, 3, 2, 4, 5]) == pytest.approx(0.9)
    assert spearman([1, 1, 1], [1, 2, 3]) is None  # one series does not vary


def test_below_the_minimum_there_is_no_figure() -> None:
    found = relate([1, 2, 3], [3, 2, 1], min_pairs=8)
    assert (found.enough, found.rho, found.low, found.high) == (False, None, None, None)


def test_a_strong_relation_has_an_interval_around_it_and_a_weak_one_spans_zero() -> None:
    xs = [float(i) for i in range(20)]
    strong = relate(xs, [x * 2 + (1 if i % 3 == 0 else 0) for i, x in enumerate(xs)], min_pairs=8)
    assert strong.enough
    assert strong.rho is not None
    assert strong.rho > 0.9
    assert strong.low is not None
    assert strong.high is not None
    assert 0.7 < strong.low <= strong.rho <= strong.high <= 1.0
    noise = [3, 9, 1, 7, 2, 8, 5, 0, 6, 4, 3, 9, 1, 7, 2, 8, 5, 0, 6, 4]
    weak = relate(xs, [float(v) for v in noise], min_pairs=8)
    assert weak.low is not None
    assert weak.high is not None
    assert weak.low < 0 < weak.high


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@settings(deadline=None, max_examples=40)
@given(st.lists(st.tuples(finite, finite), min_size=8, max_size=30))
def test_any_series_gives_a_bounded_repeatable_answer(pairs: list[tuple[float, float]]) -> None:
    xs, ys = [p[0] for p in pairs], [p[1] for p in pairs]
    first = relate(xs, ys, min_pairs=8, resamples=200)
    assert first == relate(xs, ys, min_pairs=8, resamples=200)
    if first.rho is not None:
        assert -1.0 <= first.rho <= 1.0
        assert not math.isnan(first.rho)
        if first.low is not None and first.high is not None:
            assert -1.0 <= first.low <= first.rho <= first.high <= 1.0
