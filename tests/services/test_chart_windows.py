"""Progress shows a window of days: nothing before ``from`` or after ``to`` is drawn or counted (real SQLite)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from supple.config import Settings
from supple.core.errors import InvalidInput
from supple.services import assess, charts, soreness
from tests.contexts import ctx_for
from tests.services.test_charts import MONDAY, _log

DAYS = (-40, -20, -10, -1)
SINCE, UNTIL = MONDAY - dt.timedelta(25), MONDAY - dt.timedelta(5)


@pytest.fixture
def seeded(settings: Settings) -> Settings:
    for offset in DAYS:
        day = MONDAY + dt.timedelta(offset)
        _log(settings, day)
        soreness.record(ctx_for(settings), ratings=["calves=3"], date=day)
        assess.record(ctx_for(settings), test="knee-to-wall", value=8 - offset / 10, side="left", date=day)
    return settings


def test_nothing_outside_the_window_is_drawn_or_counted(seeded: Settings) -> None:
    found = charts.overview(ctx_for(seeded), today=UNTIL, since=SINCE)
    assert (found.since, found.today) == (SINCE, UNTIL)
    assert sum(w.sessions for w in found.weeks) == 2, "the sessions 20 and 10 days back; not those 40 and 1"
    assert found.weeks[0].start <= SINCE < found.weeks[0].start + dt.timedelta(7)
    for chart in found.charts:
        dates = {dt.date.fromisoformat(d) for d in re.findall(r'data-date="([0-9-]+)"', chart.svg)}
        assert dates, chart.slug
        outside = sorted(d for d in dates if not SINCE - dt.timedelta(6) <= d <= UNTIL)
        assert not outside, (chart.slug, outside)
        if chart.slug != "weekly":  # a weekly bar is dated by its Monday
            assert all(SINCE <= d <= UNTIL for d in dates), chart.slug
    levels = next(c for c in found.charts if c.slug == "levels")
    assert 'class="chart-series"' in levels.svg, "each lane opens at its level from before the window"


def test_the_default_window_is_twelve_weeks(seeded: Settings) -> None:
    found = charts.overview(ctx_for(seeded), today=MONDAY)
    assert len(found.weeks) == 12
    assert found.since == MONDAY - dt.timedelta(weeks=11)


@pytest.mark.parametrize(
    ("since", "until", "field"),
    [(MONDAY, MONDAY - dt.timedelta(1), "to"), (MONDAY - dt.timedelta(days=charts.MAX_DAYS), MONDAY, "from")],
)
def test_a_backwards_or_too_long_window_is_refused(
    settings: Settings, since: dt.date, until: dt.date, field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        charts.overview(ctx_for(settings), today=until, since=since)
    assert refused.value.field == field
