"""Progress charts from a real SQLite store: what is recorded through the services shows up in the SVG."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from supple.config import Settings
from supple.core.errors import InvalidInput
from supple.core.session import ItemResult, Session
from supple.services import assess, charts, display, followups, logbook, profile, routines, soreness
from tests.contexts import ctx_for

NS = "{http://www.w3.org/2000/svg}"
MONDAY = dt.date(2026, 11, 23)


def _log(settings: Settings, date: dt.date, control: int = 4, discomfort: int = 1) -> Session:
    session = routines.today(ctx_for(settings), date=date, focus=["calves"], minutes=6)
    results = [ItemResult(done=True, level=i.level, control=control, discomfort=discomfort) for i in session.items]
    logbook.log_session(ctx_for(settings), session=logbook.from_results(session, results))
    return session


def _log_two_weeks_apart(settings: Settings) -> None:
    """A session two weeks before MONDAY and one on MONDAY that felt the same the next day: levels move up."""
    _log(settings, MONDAY - dt.timedelta(14))
    _log(settings, MONDAY)
    asked = followups.waiting(ctx_for(settings), today=MONDAY + dt.timedelta(1))
    assert asked is not None
    followups.record(ctx_for(settings), session_id=asked.session_id, answer="same", today=MONDAY + dt.timedelta(1))


def _points(drawn: str) -> list[ET.Element]:
    return [e for e in ET.fromstring(drawn).iter(NS + "path") if e.get("class") == "chart-pt"]


def _series(drawn: str) -> list[str | None]:
    return [g.get("data-series") for g in ET.fromstring(drawn).iter(NS + "g") if g.get("class") == "chart-series"]


def test_with_nothing_recorded_every_chart_is_empty(settings: Settings) -> None:
    found = charts.progress_charts(ctx_for(settings), today=MONDAY)
    assert [c.slug for c in found] == ["weekly", "soreness", "levels"], "tests without results are left out"
    assert all(c.empty for c in found)
    assert all("No results yet" in c.svg for c in found)
    knee = charts.assessment(ctx_for(settings), test="knee-to-wall")
    assert (knee.slug, knee.title, knee.empty) == ("assess-knee-to-wall", "Knee-to-wall", True)


def test_an_unknown_test_is_named(settings: Settings) -> None:
    with pytest.raises(InvalidInput) as caught:
        charts.assessment(ctx_for(settings), test="knee-too-wall")
    assert caught.value.field == "test"
    assert caught.value.value == "knee-too-wall"


def test_recorded_results_are_drawn_per_side(settings: Settings) -> None:
    for offset, side, value in [(0, "left", 8), (0, "right", 8.5), (21, "left", 11), (21, "right", 9)]:
        assess.record(
            ctx_for(settings), test="knee-to-wall", value=value, side=side, date=MONDAY + dt.timedelta(offset)
        )
    assess.record(ctx_for(settings), test="overhead-reach", value=160, side=None, date=MONDAY)
    chart = charts.assessment(ctx_for(settings), test="knee-to-wall")
    assert not chart.empty
    assert _series(chart.svg) == ["left", "right"]
    assert [(p.get("data-date"), p.get("data-value")) for p in _points(chart.svg)] == [
        ("2026-11-23", "8"),
        ("2026-12-14", "11"),
        ("2026-11-23", "8.5"),
        ("2026-12-14", "9"),
    ]
    assert 'id="chart-assess-knee-to-wall"' in chart.svg
    assert "Left: 8 cm on 23 Nov 2026, latest 11 cm on 14 Dec 2026, a real change" in chart.svg
    later = charts.assessment(ctx_for(settings), test="knee-to-wall", since=MONDAY + dt.timedelta(1))
    assert len(_points(later.svg)) == 2
    earlier = charts.assessment(ctx_for(settings), test="knee-to-wall", until=MONDAY)
    assert len(_points(earlier.svg)) == 2
    slugs = [c.slug for c in charts.progress_charts(ctx_for(settings), today=MONDAY + dt.timedelta(30))]
    assert slugs == ["weekly", "soreness", "levels", "assess-knee-to-wall", "assess-overhead-reach"]


def test_soreness_is_drawn_per_region_with_its_name(settings: Settings) -> None:
    soreness.record(ctx_for(settings), ratings=["calves=2", "quads=1"], date=MONDAY)
    soreness.record(ctx_for(settings), ratings=["calves=4"], date=MONDAY + dt.timedelta(2))
    chart = charts.soreness(ctx_for(settings))
    assert not chart.empty
    assert _series(chart.svg) == ["calves", "quads"]
    assert [p.get("data-value") for p in _points(chart.svg)] == ["2", "4", "1"]
    calves = display.region_names(ctx_for(settings))["calves"]
    assert f"{calves} 4/10 on 25 Nov 2026" in chart.svg
    assert charts.soreness(ctx_for(settings), since=MONDAY + dt.timedelta(1)).svg.count('class="chart-pt"') == 1
    assert charts.soreness(ctx_for(settings), until=MONDAY - dt.timedelta(1)).empty


def test_logged_sessions_fill_the_weekly_chart_and_the_levels(settings: Settings) -> None:
    _log_two_weeks_apart(settings)
    _log(settings, MONDAY + dt.timedelta(1))
    week = charts.weekly(ctx_for(settings), today=MONDAY + dt.timedelta(2), weeks=4)
    assert not week.empty
    root = ET.fromstring(week.svg)
    bars = [e for e in root.iter(NS + "rect") if e.get("class") == "chart-bar"]
    # the four weeks asked for, from the runner's first one on: no empty weeks from before they started
    assert [b.get("data-date") for b in bars] == ["2026-11-09", "2026-11-16", "2026-11-23"]
    assert int(bars[-1].get("data-value", "0")) > 0
    assert [t.text for t in root.iter(NS + "text") if t.get("class") == "chart-count"] == ["1", "0", "2"]
    assert "target of 30 minutes on at least 5 days" in week.svg
    levels = charts.levels(ctx_for(settings))
    assert not levels.empty
    decisions = {p.get("data-decision") for p in _points(levels.svg)}
    assert decisions == {"hold", "progress"}
    later = charts.levels(ctx_for(settings), since=MONDAY + dt.timedelta(5))
    # No decision after that day: each lane keeps the level it had, with no marker.
    assert not later.empty
    assert not _points(later.svg)
    assert charts.levels(ctx_for(settings), until=MONDAY - dt.timedelta(30)).empty


def test_the_weekly_target_follows_the_priority_regions(settings: Settings) -> None:
    assert charts.weekly_target(ctx_for(settings)) == (30, 5), "5 minutes for each of the 6 default regions, 5 days"
    current = profile.get_profile(ctx_for(settings))
    chosen = profile.update_profile(ctx_for(settings), current, priorities=["calves", "hamstrings"])
    profile.save_profile(ctx_for(settings), profile=chosen)
    assert charts.weekly_target(ctx_for(settings)) == (10, 5)
    assert (
        "5 minutes for each of your 2 priority regions, 10 in all" in charts.weekly(ctx_for(settings), today=MONDAY).svg
    )


@pytest.mark.parametrize("weeks", [0, -1, charts.MAX_WEEKS + 1])
def test_a_bad_number_of_weeks_is_named(settings: Settings, weeks: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        charts.weekly(ctx_for(settings), today=MONDAY, weeks=weeks)
    assert caught.value.field == "weeks"
    with pytest.raises(InvalidInput):
        charts.overview(ctx_for(settings), today=MONDAY, weeks=weeks)
    assert not settings.data_dir.exists(), "nothing was read or written"


def test_the_overview_sums_up_minutes_soreness_levels_and_real_change(settings: Settings) -> None:
    _log_two_weeks_apart(settings)
    _log(settings, MONDAY + dt.timedelta(1))
    soreness.record(ctx_for(settings), ratings=["calves=3"], date=MONDAY + dt.timedelta(2))
    assess.record(ctx_for(settings), test="knee-to-wall", value=8, side="left", date=MONDAY)
    assess.record(ctx_for(settings), test="knee-to-wall", value=11, side="left", date=MONDAY + dt.timedelta(2))
    found = charts.overview(ctx_for(settings), today=MONDAY + dt.timedelta(2), weeks=6)
    assert [c.slug for c in found.charts] == ["weekly", "soreness", "levels", "assess-knee-to-wall"]
    assert len(found.weeks) == 6
    assert (found.target_minutes, found.target_days) == (30, 5)
    assert [r.value for r in found.soreness] == [3]
    assert found.moves["progress"] >= 1
    assert [c.words for c in found.changes] == ["Knee-to-wall left: 8 cm → 11 cm"]
    lines = charts.summary(found)
    assert lines[0] == "Progress from 19 Oct 2026 to 25 Nov 2026, over 6 weeks."
    assert any(line.startswith("This week so far:") and "2 sessions on 2 days" in line for line in lines)
    assert any("3/10" in line for line in lines)
    assert lines[-1] == "Real change since the first result: Knee-to-wall left: 8 cm → 11 cm."
    assert charts.chart_dict(found.charts[0]) == {"slug": "weekly", "title": "Minutes per week", "empty": False}
    assert charts.week_dict(found.weeks[-1])["start"] == "2026-11-23"


def _bars(drawn: str) -> list[str | None]:
    return [e.get("data-date") for e in ET.fromstring(drawn).iter(NS + "rect") if e.get("class") == "chart-bar"]


def test_the_weekly_chart_opens_at_the_runners_first_week(settings: Settings) -> None:
    _log(settings, MONDAY + dt.timedelta(days=2))
    chart = charts.weekly(ctx_for(settings), today=MONDAY + dt.timedelta(days=9), weeks=8)
    assert _bars(chart.svg) == ["2026-11-23", "2026-11-30"], "no empty weeks from before the first session"
    _log(settings, MONDAY - dt.timedelta(weeks=12))  # began long before the chart's eight weeks
    chart = charts.weekly(ctx_for(settings), today=MONDAY + dt.timedelta(days=9), weeks=8)
    assert len(_bars(chart.svg)) == 8, "an empty week after the start is a week missed, and shows"


def test_json_views_draw_no_chart(settings: Settings) -> None:
    """The overview behind `progress --json` and /api/v1/progress names its charts without drawing them;
    a chart is drawn once, when its SVG is asked for."""
    for day in range(3):
        assess.record(
            ctx_for(settings), test="knee-to-wall", value=str(8 + day), side="left", date=MONDAY + dt.timedelta(day)
        )
    found = charts.overview(ctx_for(settings), today=MONDAY + dt.timedelta(days=7))
    listed = [charts.chart_dict(chart) for chart in found.charts]
    assert {c["slug"] for c in listed} >= {"weekly", "soreness", "levels", "assess-knee-to-wall"}
    assert not any("svg" in vars(chart) for chart in found.charts), "nothing drawn for a JSON view"
    drawn = found.charts[-1].svg
    assert drawn.startswith("<svg")
    assert "svg" in vars(found.charts[-1])
    assert found.charts[-1].svg is drawn, "drawn once"
