"""A chart's size is bounded whatever the range: three years of daily data draw about what a few months draw."""

from __future__ import annotations

import datetime as dt
import random
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from supple import charts
from supple.charts import thin
from supple.charts.weekly import MAX_BARS
from supple.core.assessment import AssessmentResult
from supple.core.progression import LevelChange, SorenessReading
from tests.charts.test_charts import NAMES, TOPS, make_test

LAST = dt.date(2026, 11, 24)
YEARS = 3 * 365 + 1
#: The most bytes any one chart may take, whatever the range (a 12-week chart of the same data is well under).
BOUND = 160_000


def _history(seed: int, days: int) -> tuple[list[LevelChange], list[SorenessReading], list[charts.Week]]:
    """A runner logging every day for ``days`` days: each exercise's level wanders (mostly holds) and each
    region is rated every day."""
    rng = random.Random(seed)
    first = LAST - dt.timedelta(days=days - 1)
    changes: list[LevelChange] = []
    level = dict.fromkeys(TOPS, 1)
    for n in range(days):
        day = first + dt.timedelta(days=n)
        for slug, top in TOPS.items():
            move = rng.choice(["hold"] * 6 + ["progress", "regress"])
            level[slug] = max(1, min(top, level[slug] + {"hold": 0, "progress": 1, "regress": -1}[move]))
            changes.append(LevelChange(slug, day, level[slug], move, "", n + 1))
    readings = [
        SorenessReading(first + dt.timedelta(days=n), region, rng.randint(0, 10), False)
        for n in range(days)
        for region in ("calves", "hamstrings", "hips", "quads")
    ]
    mondays = (LAST - first).days // 7 + 1
    weeks = [
        charts.Week(first + dt.timedelta(weeks=w), rng.randint(0, 90), rng.randint(0, 7), rng.randint(0, 7))
        for w in range(mondays)
    ]
    return changes, readings, weeks


def _drawn(days: int, seed: int = 1) -> dict[str, str]:
    changes, readings, weeks = _history(seed, days)
    names = {"calves": "Calves", "hamstrings": "Hamstrings", "hips": "Hips", "quads": "Quads"}
    return {
        "levels": charts.levels_chart(changes, uid="l", names=NAMES, tops=TOPS),
        "soreness": charts.soreness_chart(readings, uid="s", names=names),
        "weekly": charts.weekly_chart(weeks, uid="w", target_minutes=30, target_days=5),
    }


def test_three_years_draw_about_what_twelve_weeks_draw() -> None:
    months, years = _drawn(84), _drawn(YEARS)
    for slug, svg in years.items():
        assert len(svg) < BOUND, f"{slug}: {len(svg)} bytes"
        assert len(svg) < 2.5 * len(months[slug]) + 20_000, (slug, len(svg), len(months[slug]))
    for series in re.findall(r'data-series="[^"]+">(.*?)</g>', years["soreness"], re.S):
        assert len(re.findall(r'class="chart-pt"', series)) <= thin.MAX_POINTS
    for series in re.findall(r'data-series="[^"]+">(.*?)</g>', years["levels"], re.S):
        assert len(re.findall(r"data-decision=", series)) <= thin.MAX_POINTS
    assert years["weekly"].count('class="chart-bar"') <= MAX_BARS


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 2**32), st.integers(1, YEARS))
def test_any_history_draws_a_bounded_chart(seed: int, days: int) -> None:
    for slug, svg in _drawn(days, seed).items():
        assert len(svg) < BOUND, f"{slug}: {len(svg)} bytes for {days} days"


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2000), st.floats(0, 30)), min_size=1, max_size=400))
def test_a_test_chart_keeps_its_first_result_and_a_bounded_number(rows: list[tuple[int, float]]) -> None:
    test = make_test()
    results = [AssessmentResult("knee-to-wall", "left", LAST - dt.timedelta(days=d), round(v, 1)) for d, v in rows]
    svg = charts.assessment_chart(test, results, uid="a")
    dates = re.findall(r'class="chart-pt"[^>]*data-date="([0-9-]+)"', svg) or re.findall(
        r'data-date="([0-9-]+)"[^>]*class="chart-pt"', svg
    )
    assert 1 <= len(set(dates)) <= thin.MAX_POINTS
    assert min(r.date for r in results).isoformat() in svg, "the baseline the error band is drawn around"
