"""Progress from the log: only done items count, days and weeks add up, the window is right."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supple.config import Settings
from supple.core.session import Item, ItemResult, LoggedItem, LoggedSession
from supple.services import live, logbook, progress, routines
from tests.contexts import ctx_for

TODAY = dt.date(2026, 11, 25)  # a Wednesday
MONDAY = dt.date(2026, 11, 23)


def _item(seconds: int) -> Item:
    return Item("cat-camel", "Cat-camel", "mould", ("thoracic-spine",), 1, 8, None, False, False, seconds, 1, "why")


def _session(
    date: dt.date,
    *results: ItemResult | None,
    seconds: int = 60,
    finished: bool = True,
    id: int | None = None,
) -> LoggedSession:
    items = tuple(LoggedItem(0, "thoracic-spine", _item(seconds), r) for r in results)
    done_at = dt.datetime.combine(date, dt.time(8), tzinfo=dt.UTC) if finished else None
    return LoggedSession(date, "daily", 10, seconds * len(items), items, id=id, finished_at=done_at)


DONE = ItemResult(done=True, control=4, discomfort=1)
SKIPPED = ItemResult(done=False, discomfort=3)


def test_only_done_items_count() -> None:
    session = _session(TODAY, DONE, SKIPPED, None, DONE, seconds=90)
    assert progress.done_seconds(session) == 180


def test_sessions_of_one_day_add_up() -> None:
    found = progress.seconds_by_day([_session(TODAY, DONE), _session(TODAY, DONE, DONE), _session(MONDAY, SKIPPED)])
    assert found == {TODAY: 180}


@pytest.mark.parametrize(
    ("seconds", "shade"), [(0, 0), (1, 1), (299, 1), (300, 2), (599, 2), (600, 3), (899, 3), (900, 4), (5000, 4)]
)
def test_shades_follow_the_legend(seconds: int, shade: int) -> None:
    assert progress.shade(seconds) == shade
    assert len(progress.LEGEND) == 5


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)), st.integers(1, 30))
def test_the_window_starts_on_a_monday_and_holds_today(today: dt.date, weeks: int) -> None:
    start = progress.window_start(today, weeks)
    assert start.weekday() == 0
    assert start <= today < start + dt.timedelta(weeks=weeks)
    assert (today - start).days >= 7 * (weeks - 1)


def test_the_heat_map_is_twelve_weeks_of_monday_to_sunday() -> None:
    found = progress.progress([], today=TODAY)
    assert len(found.weeks) == 12
    assert all(len(week) == 7 and week[0].date.weekday() == 0 for week in found.weeks)
    last = found.weeks[-1]
    assert last[0].date == MONDAY
    assert [cell.future for cell in last] == [False, False, False, True, True, True, True]
    assert found.weeks[0][0].date == MONDAY - dt.timedelta(weeks=11)
    assert found.total_seconds == 0
    assert found.share(found.totals[-1]) == 0.0
    assert found.sessions == ()


def test_weeks_count_minutes_days_and_sessions() -> None:
    sessions = [
        _session(MONDAY, DONE, DONE, seconds=150),  # 5 min
        _session(MONDAY, DONE, seconds=120),  # same day: 2 min more
        _session(TODAY, DONE, SKIPPED, seconds=240),  # 4 min
        _session(MONDAY - dt.timedelta(days=3), DONE, seconds=600),  # the Friday before: 10 min
    ]
    found = progress.progress(sessions, today=TODAY)
    this, last = found.totals[-1], found.totals[-2]
    assert (this.seconds, this.days, this.sessions, this.minutes) == (660, 2, 3, 11)
    assert (last.seconds, last.days, last.sessions) == (600, 1, 1)
    cells = {cell.date: cell for week in found.weeks for cell in week}
    assert cells[MONDAY].seconds == 420
    assert cells[MONDAY].shade == 2
    assert cells[TODAY].shade == 1
    assert found.active_days == 3
    assert found.busiest_week_seconds == 660
    assert found.share(this) == 100.0
    assert found.share(last) == 90.9
    assert found.share(found.totals[0]) == 0.0
    assert found.recent_days_per_week == 0.8  # 3 days over the last 4 weeks
    assert found.recent_minutes_per_week == 5  # 21 min over 4 weeks


def test_sessions_outside_the_window_or_in_the_future_do_not_count_as_done() -> None:
    old = _session(MONDAY - dt.timedelta(weeks=12), DONE)
    ahead = _session(TODAY + dt.timedelta(days=2), DONE)  # logged for Friday, still to come
    found = progress.progress([old, ahead], today=TODAY)
    assert found.total_seconds == 0
    assert [s.session for s in found.sessions] == [ahead]


def test_sessions_are_listed_newest_first_with_a_short_summary() -> None:
    first = _session(MONDAY, DONE, id=1)
    second = _session(MONDAY, ItemResult(True, control=2, discomfort=4), DONE, SKIPPED, None, id=2, finished=False)
    third = _session(TODAY, SKIPPED, id=3)
    found = progress.progress([first, third, second], today=TODAY)
    assert [s.session.id for s in found.sessions] == [3, 2, 1]
    summary = found.sessions[1]
    assert (summary.done, summary.skipped, summary.pending) == (2, 1, 1)
    assert summary.control == 3.0
    assert summary.discomfort == 4
    assert summary.done_seconds == 120
    assert summary.in_progress
    assert not found.sessions[2].in_progress
    assert found.sessions[0].control is None


def test_a_window_needs_at_least_one_week() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        progress.progress([], today=TODAY, weeks=0)


def test_history_progress_reads_the_log_including_sessions_in_progress(settings: Settings) -> None:
    today = dt.date.today()
    session = routines.today(ctx_for(settings), date=today, kind="daily", minutes=6)
    results = [ItemResult(done=True, control=4, discomfort=0) for _ in session.items]
    logbook.log_session(ctx_for(settings), session=logbook.from_results(session, results))
    started = live.start(ctx_for(settings), session=routines.today(ctx_for(settings), date=today, minutes=4))
    found = progress.history_progress(ctx_for(settings), today=today)
    assert [s.session.id for s in found.sessions] == [started.id, 1]
    assert found.sessions[0].in_progress
    assert found.sessions[0].done == 0
    assert found.totals[-1].seconds == sum(item.seconds for item in session.items)
    assert found.totals[-1].days == 1
