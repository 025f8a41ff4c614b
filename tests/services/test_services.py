"""Use cases end to end on a real SQLite database: plan, today, log, history, profile."""

from __future__ import annotations

import datetime as dt

import pytest

from supple.config import Settings
from supple.core.athlete import Profile
from supple.core.errors import InvalidInput
from supple.core.session import ItemResult
from supple.services import logbook, routines
from supple.services import profile as profiles
from tests.contexts import ctx_for

MONDAY = dt.date(2026, 11, 23)


def _save(settings: Settings, **changes: object) -> Profile:
    updated = profiles.update_profile(ctx_for(settings), profiles.get_profile(ctx_for(settings)), **changes)  # type: ignore[arg-type]
    profiles.save_profile(ctx_for(settings), profile=updated)
    return updated


@pytest.mark.parametrize("offset", range(7))
def test_the_plans_first_day_is_todays_routine(settings: Settings, offset: int) -> None:
    _save(settings, run_days="mon,thu", run_time="06:30", minutes=12, equipment=["roller"])
    start = MONDAY + dt.timedelta(days=offset)
    planned = routines.plan(ctx_for(settings), start=start).days[0].sessions[0].session
    assert routines.today(ctx_for(settings), date=start) == planned


def test_a_logged_session_is_kept_and_tomorrow_is_the_plans_day(settings: Settings) -> None:
    # The week is a pattern over the weekdays that spreads each region over 5 days or more
    # (core.plan); what was logged feeds the choice of exercises, and `today` stays the plan's day.
    first = routines.today(ctx_for(settings), date=MONDAY)
    results = [ItemResult(done=True, level=i.level, control=4, discomfort=1) for i in first.items]
    logbook.log_session(ctx_for(settings), session=logbook.from_results(first, results))
    tuesday = MONDAY + dt.timedelta(days=1)
    tomorrow = routines.today(ctx_for(settings), date=tuesday)
    assert tomorrow == routines.plan(ctx_for(settings), start=tuesday).days[0].sessions[0].session
    assert {b.region for b in tomorrow.blocks} != {b.region for b in first.blocks}, "regions move on through the week"
    (back,) = logbook.history(ctx_for(settings))
    assert [li.result for li in back.items] == results


def test_skipped_items_do_not_count_as_worked(settings: Settings) -> None:
    first = routines.today(ctx_for(settings), date=MONDAY)
    lead = first.blocks[0].region
    results = [ItemResult(done=(b.region != lead), level=1) for b in first.blocks for _ in b.items]
    logbook.log_session(ctx_for(settings), session=logbook.from_results(first, results))
    (entry,) = ctx_for(settings).state(MONDAY + dt.timedelta(days=1)).history
    assert lead not in entry.regions
    assert set(entry.regions) == {b.region for b in first.blocks} - {lead}
    assert set(entry.exercises) == {i.exercise for b in first.blocks if b.region != lead for i in b.items}


def test_levels_from_the_log_raise_the_ladder_rung(settings: Settings) -> None:
    session = routines.today(ctx_for(settings), date=MONDAY, focus=["hip-flexors"], minutes=10)
    slug = "hip-flexor-stretch-overhead-reach"
    assert any(i.exercise == slug and i.level == 1 for i in session.items)
    results = [ItemResult(done=True, level=2 if i.exercise == slug else i.level) for i in session.items]
    logbook.log_session(ctx_for(settings), session=logbook.from_results(session, results))
    later = routines.today(ctx_for(settings), date=MONDAY + dt.timedelta(days=1), focus=["hip-flexors"], minutes=10)
    assert any(i.exercise == slug and i.level == 2 for i in later.items)


def test_profile_update_keeps_what_is_not_given(settings: Settings) -> None:
    _save(settings, run_days="mon,sat", run_time="07:00,sat=09:30", complaints=["sit-bone"])
    kept = _save(settings, minutes=15)
    assert kept.run_times == (("mon", dt.time(7)), ("sat", dt.time(9, 30)))
    assert kept.complaints == frozenset({"sit-bone"})
    moved = _save(settings, run_days="sat,sun")
    assert moved.run_times == (("sat", dt.time(9, 30)), ("sun", dt.time(7)))
    cleared = _save(settings, run_days="none")
    assert cleared.run_times == ()


def test_complaints_switch_exercises_off_in_today(settings: Settings) -> None:
    _save(settings, complaints=["sit-bone"], equipment=["box"])
    for offset in range(7):
        session = routines.today(ctx_for(settings), date=MONDAY + dt.timedelta(days=offset), focus=["hamstrings"])
        assert "elevated-hamstring-stretch" not in {i.exercise for i in session.items}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"minutes": 0}, "minutes"),
        ({"equipment": ["kettlebell"]}, "equipment"),
        ({"complaints": ["knee"]}, "complaint"),
        ({"run_days": "funday"}, "run day"),  # "monday" and "7am" are understood
        ({"run_days": "mon", "run_time": "7 o'clock"}, "run time"),
        ({"priorities": ["neck"]}, "priority region"),
    ],
)
def test_a_bad_profile_value_is_named_and_nothing_is_saved(
    settings: Settings, changes: dict[str, object], field: str
) -> None:
    before = _save(settings, minutes=12)
    with pytest.raises(InvalidInput) as caught:
        _save(settings, **changes)
    assert caught.value.field == field
    assert profiles.get_profile(ctx_for(settings)) == before
