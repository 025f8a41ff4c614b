"""The week plan: primers before runs, no day over budget, honest coverage."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings

from supple.core.athlete import Profile
from supple.core.plan import WeekPlan, plan_week
from tests.core.strategies import CATALOGUE, dates, profiles

INDEX, RULES = CATALOGUE.index, CATALOGUE.rules


def _plan(start: dt.date, profile: Profile) -> WeekPlan:
    return plan_week(start=start, profile=profile, index=INDEX, rules=RULES)


@given(dates, profiles())
@settings(max_examples=150, deadline=None)
def test_a_primer_before_each_run_and_a_daily_session_otherwise(start: dt.date, profile: Profile) -> None:
    week = _plan(start, profile)
    assert [d.date for d in week.days] == [start + dt.timedelta(days=i) for i in range(7)]
    for day in week.days:
        run = profile.run_time_on(day.date)
        spent = sum(p.session.minutes for p in day.sessions)
        assert spent <= profile.minutes, "the day's sessions share its minutes"
        for planned in day.sessions:
            assert planned.session.total_seconds <= planned.session.minutes * 60, "no session over its budget"
        if run is None:
            (planned,) = day.sessions
            assert day.runs == ()
            assert planned.session.kind == "daily"
            assert planned.at is None
            assert not planned.after_run
            continue
        primer, *after = day.sessions
        assert day.runs == (run,)
        assert primer.session.kind == "primer"
        assert primer.session.minutes <= RULES.primer.max_minutes
        assert primer.at is not None
        assert primer.at <= run
        run_minute = run.hour * 60 + run.minute
        start_minute = primer.at.hour * 60 + primer.at.minute
        assert start_minute == 0 or start_minute * 60 + primer.session.total_seconds <= run_minute * 60
        assert run_minute - start_minute < primer.session.total_seconds / 60 + RULES.primer.lead_minutes_rounding + 1
        for planned in after:
            assert planned.after_run
            assert planned.at is None
            assert planned.session.kind == "daily", "the strength after a run is its own session; the primer stays one"


@given(dates, profiles())
@settings(max_examples=150, deadline=None)
def test_coverage_and_unmet_are_what_the_sessions_add_up_to(start: dt.date, profile: Profile) -> None:
    week = _plan(start, profile)
    seconds: dict[str, int] = {}
    days: dict[str, int] = {}
    strong: dict[str, int] = {}
    for day in week.days:
        worked: set[str] = set()
        stronger: set[str] = set()
        for planned in day.sessions:
            for block in planned.session.blocks:
                work = sum(i.seconds for i in block.items if i.role == "mould")  # range work: mould items only
                if work:
                    seconds[block.region] = seconds.get(block.region, 0) + work
                    worked.add(block.region)
                if any(i.role == "strengthen" for i in block.items):
                    stronger.add(block.region)
        for region in worked:
            days[region] = days.get(region, 0) + 1
        for region in stronger:
            strong[region] = strong.get(region, 0) + 1
    priorities = week.priorities
    for region in priorities:
        assert region in week.coverage
    for region, cover in week.coverage.items():
        assert cover.seconds == seconds.get(region, 0)
        assert cover.days == days.get(region, 0)
        assert cover.strength_days == strong.get(region, 0)
    short = [
        r
        for r in priorities
        if seconds.get(r, 0) < RULES.week.min_region_minutes * 60 or days.get(r, 0) < RULES.week.min_region_days
    ]
    weak = [r for r in priorities if strong.get(r, 0) < RULES.week.min_strength_days]
    assert list(week.unmet) == short
    assert list(week.unmet_strength) == weak
    assert week.meets_targets == (not short and not weak)
    assert bool(week.unmet) == any("range work" in note for note in week.notes)
    assert bool(week.unmet_strength) == any("strength on" in note for note in week.notes)


def test_the_targets_are_data_with_sources() -> None:
    assert (RULES.week.min_region_minutes, RULES.week.min_region_days, RULES.week.min_strength_days) == (5, 5, 2)


def test_the_default_profile_reaches_both_targets_in_ten_minutes_a_day() -> None:
    profile = Profile(priorities=RULES.week.default_priorities)
    week = _plan(dt.date(2026, 11, 23), profile)
    assert week.meets_targets
    for region in RULES.week.default_priorities:
        assert week.coverage[region].seconds >= 300
        assert week.coverage[region].days >= 5
        assert week.coverage[region].strength_days >= 2


def test_a_tiny_budget_names_the_regions_it_could_not_fit() -> None:
    profile = Profile(minutes=3, priorities=RULES.week.default_priorities)
    week = _plan(dt.date(2026, 11, 23), profile)
    assert week.unmet, "3 minutes a day cannot give six regions 5 minutes each"
    assert not week.meets_targets
    assert all(r in RULES.week.default_priorities for r in week.unmet)
    assert any(all(r in note for r in week.unmet) for note in week.notes)


def test_it_band_as_a_priority_plans_its_sources() -> None:
    week = _plan(dt.date(2026, 11, 23), Profile(priorities=("it-band",)))
    assert "it-band" not in week.coverage
    assert set(week.coverage) >= {"glutes", "hip-rotators"}


def test_the_plan_is_deterministic() -> None:
    profile = Profile(run_times=(("mon", dt.time(7)), ("sat", dt.time(9, 30))), minutes=12)
    assert _plan(dt.date(2026, 11, 23), profile) == _plan(dt.date(2026, 11, 23), profile)
