"""The week around dated planned runs: primers before each run, recovery after long runs and
races, no strength before races and hard workouts; and the long-run warning (Frandsen 2025)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from supple.core.activity import RUN_KINDS, PlannedRun
from supple.core.athlete import Profile
from supple.core.plan import DayPlan, WeekPlan, plan_day, plan_week
from supple.core.run_spikes import run_warnings, spike_warning
from tests.core.strategies import CATALOGUE, profiles

INDEX, RULES = CATALOGUE.index, CATALOGUE.rules
MONDAY = dt.date(2026, 11, 23)


def _week(start: dt.date, profile: Profile, runs: tuple[PlannedRun, ...] = ()) -> WeekPlan:
    return plan_week(start=start, profile=profile, index=INDEX, rules=RULES, runs=runs)


def _day(date: dt.date, profile: Profile, runs: tuple[PlannedRun, ...] = ()) -> DayPlan:
    return plan_day(date=date, profile=profile, index=INDEX, rules=RULES, runs=runs)


@st.composite
def calendars(draw: st.DrawFn) -> tuple[dt.date, tuple[PlannedRun, ...]]:
    """A Monday and random dated runs over the three weeks from it."""
    monday = MONDAY + dt.timedelta(weeks=draw(st.integers(0, 200)))
    runs = draw(
        st.lists(
            st.builds(
                PlannedRun,
                date=st.integers(0, 20).map(lambda n: monday + dt.timedelta(days=n)),
                at=st.none() | st.times().map(lambda t: t.replace(second=0, microsecond=0)),
                kind=st.sampled_from(RUN_KINDS),
                distance_m=st.none() | st.floats(1000, 45000),
                minutes=st.none() | st.integers(10, 240),
                source=st.sampled_from(("manual", "calendar")),
            ),
            max_size=12,
        )
    )
    return monday, tuple(runs)


def _runs_on(date: dt.date, profile: Profile, runs: tuple[PlannedRun, ...]) -> list[PlannedRun]:
    """What the plan should take as the day's runs, worked out here independently."""
    dated = [r for r in runs if r.date == date]
    if dated:
        return dated
    at = profile.run_time_on(date)
    return [] if at is None else [PlannedRun(date, at)]


def _minute(t: dt.time) -> int:
    return t.hour * 60 + t.minute


@given(calendars(), profiles(), st.integers(0, 13))
@settings(max_examples=60, deadline=None)
def test_the_week_around_random_run_calendars(
    calendar: tuple[dt.date, tuple[PlannedRun, ...]], profile: Profile, offset: int
) -> None:
    monday, runs = calendar
    start = monday + dt.timedelta(days=offset)
    week = _week(start, profile, runs)
    for day in week.days:
        today = _runs_on(day.date, profile, runs)
        yesterday = _runs_on(day.date - dt.timedelta(days=1), profile, runs)
        tomorrow = _runs_on(day.date + dt.timedelta(days=1), profile, runs)
        assert sorted(map(repr, day.planned)) == sorted(map(repr, today))
        assert day.runs == tuple(sorted(r.at for r in today if r.at is not None))
        # A primer before each run, ending as it starts (within the rounding).
        primers = [p for p in day.sessions if p.session.kind == "primer"]
        assert len(primers) == len(today)
        for run in today:
            (primer,) = [p for p in primers if p.before == run][:1] or [None]
            assert primer is not None, f"no primer before the run at {run.at}"
            if run.at is None:
                assert primer.at is None
                continue
            assert primer.at is not None
            start_s, run_s = _minute(primer.at) * 60, _minute(run.at) * 60
            assert start_s == 0 or start_s + primer.session.total_seconds <= run_s
            assert run_s - start_s < primer.session.total_seconds + (RULES.primer.lead_minutes_rounding + 1) * 60
        # No strength on the day before a race or a hard workout, nor on a race day or a recovery day.
        hard_tomorrow = any(r.kind in ("race", "workout") for r in tomorrow)
        race_today = any(r.kind == "race" for r in today)
        after_long = any(r.kind in ("long", "race") for r in yesterday)
        strength = [i for p in day.sessions for b in p.session.blocks for i in b.items if i.role == "strengthen"]
        if hard_tomorrow or race_today or after_long:
            assert strength == [], f"strength on {day.date} around a race, workout or long run"
            assert day.notes, "the day says why it has no strength"
        # The day after a long run or race gets a recovery session (room permitting on a run day).
        kinds = [p.session.kind for p in day.sessions]
        if after_long and (not today or profile.minutes >= RULES.primer.min_minutes + RULES.week.after_run_min_minutes):
            assert "recovery" in kinds
            assert "daily" not in kinds
        if not after_long:
            assert "recovery" not in kinds
        # Each day is the one `plan_day` gives (what `today` shows), whatever the start.
        assert _day(day.date, profile, runs) == day


@given(calendars(), profiles())
@settings(max_examples=25, deadline=None)
def test_the_profiles_runs_given_as_dated_runs_change_nothing(
    calendar: tuple[dt.date, tuple[PlannedRun, ...]], profile: Profile
) -> None:
    """With no dated runs the plan is the weekday pattern it always was: giving the profile's own
    runs as dated easy runs yields the very same plan."""
    monday, _ = calendar
    days = [monday + dt.timedelta(days=n) for n in range(14)]
    same = tuple(PlannedRun(d, t) for d in days if (t := profile.run_time_on(d)) is not None)
    assert _week(monday + dt.timedelta(days=3), profile, same) == _week(monday + dt.timedelta(days=3), profile)


def test_a_long_run_on_sunday_makes_monday_a_recovery_day_and_a_race_keeps_strength_away() -> None:
    profile = Profile(run_times=(("tue", dt.time(7)), ("thu", dt.time(7))), minutes=15)
    sunday = MONDAY + dt.timedelta(days=6)
    runs = (
        PlannedRun(sunday, dt.time(9), "long", distance_m=18000, source="manual"),
        PlannedRun(sunday + dt.timedelta(days=6), dt.time(10, 30), "race", distance_m=10000, source="calendar"),
    )
    week = _week(sunday, profile, runs)
    by_date = {d.date: d for d in week.days}
    monday = by_date[sunday + dt.timedelta(days=1)]
    assert [p.session.kind for p in monday.sessions] == ["recovery"]
    assert "long run" in monday.notes[0]
    saturday = by_date[sunday + dt.timedelta(days=6)]
    primer = saturday.sessions[0]
    assert primer.session.kind == "primer"
    assert primer.at is not None
    assert primer.at <= dt.time(10, 30)
    assert any("race" in n for n in saturday.notes)
    friday = by_date[sunday + dt.timedelta(days=5)]
    assert any("tomorrow" in n for n in friday.notes)
    assert not [i for p in friday.sessions for b in p.session.blocks for i in b.items if i.role == "strengthen"]
    # Tuesday's profile run is still an easy run with its primer.
    tuesday = by_date[sunday + dt.timedelta(days=2)]
    assert tuesday.runs == (dt.time(7),)
    assert tuesday.planned[0].source == "profile"


def test_two_runs_in_a_day_get_two_primers() -> None:
    runs = (
        PlannedRun(MONDAY, dt.time(18), "easy", source="manual"),
        PlannedRun(MONDAY, dt.time(6, 30), "workout", source="manual"),
    )
    day = _day(MONDAY, Profile(minutes=12), runs)
    assert day.runs == (dt.time(6, 30), dt.time(18))
    first, second = day.sessions[:2]
    assert first.before == runs[1]
    assert second.before == runs[0]
    assert first.at is not None
    assert first.at < dt.time(6, 30)
    assert second.at is not None
    assert dt.time(17, 30) <= second.at < dt.time(18)


def test_a_dated_day_without_a_time_still_gets_a_primer_with_no_time() -> None:
    day = _day(MONDAY, Profile(run_times=(("mon", dt.time(7)),)), (PlannedRun(MONDAY, None, "easy"),))
    assert day.runs == ()
    assert day.sessions[0].session.kind == "primer"
    assert day.sessions[0].at is None


# -- the warning ---------------------------------------------------------------------------


def _run(km: float | None, date: dt.date = MONDAY, minutes: int | None = None) -> PlannedRun:
    return PlannedRun(date, dt.time(8), "long", distance_m=None if km is None else km * 1000, minutes=minutes)


def test_the_warning_gives_the_figures_and_the_source() -> None:
    done = [(MONDAY - dt.timedelta(days=3), 8900.0), (MONDAY - dt.timedelta(days=10), 7000.0)]
    (warning,) = run_warnings([_run(12.0)], done, RULES.runs).values()
    assert (warning.planned_km, warning.longest_km, warning.percent_longer) == (12.0, 8.9, 35)
    assert warning.rate_ratio == 1.52
    assert warning.source == "Frandsen 2025"
    assert "35 % longer" in warning.text
    assert "12.0 km against 8.9 km" in warning.text
    assert "5,205 runners" in warning.text
    assert "30\u2013100 % longer" in warning.text
    assert "1.5 times" in warning.text
    assert "acute" not in warning.text.lower()


def test_the_bands() -> None:
    rules = RULES.runs
    assert spike_warning(11000, 10000, rules) is None, "exactly 10 % longer is not more than 10 %"
    low = spike_warning(11050, 10000, rules)
    assert low is not None
    assert low.rate_ratio == 1.64
    assert low.percent_longer == 11
    assert "10\u201330 % longer" in low.text
    high = spike_warning(21000, 10000, rules)
    assert high is not None
    assert high.rate_ratio == 2.28
    assert "more than 100 % longer" in high.text
    assert spike_warning(9000, 10000, rules) is None


def test_only_runs_done_in_the_30_days_before_count() -> None:
    rules = RULES.runs
    planned = [_run(10.0)]
    assert run_warnings(planned, [], rules) == {}, "no run done: nothing to compare, no figure invented"
    assert run_warnings(planned, [(MONDAY, 5000.0)], rules) == {}, "a run done the same day is not the past"
    assert run_warnings(planned, [(MONDAY - dt.timedelta(days=31), 5000.0)], rules) == {}
    assert 0 in run_warnings(planned, [(MONDAY - dt.timedelta(days=30), 5000.0)], rules)
    assert run_warnings(planned, [(MONDAY - dt.timedelta(days=2), 9500.0)], rules) == {}


def test_a_run_with_minutes_only_gets_no_warning_and_indexes_follow_the_list() -> None:
    done = [(MONDAY - dt.timedelta(days=5), 5000.0)]
    warnings = run_warnings([_run(None, minutes=150), _run(5.2), _run(9.0)], done, RULES.runs)
    assert list(warnings) == [2]
    assert warnings[2].percent_longer == 80


def test_the_thresholds_are_data_with_their_source() -> None:
    bands = [(b.above_percent, b.rate_ratio) for b in RULES.runs.spike_bands]
    assert bands == [(10, 1.64), (30, 1.52), (100, 2.28)]
    assert RULES.runs.spike_window_days == 30
    assert RULES.runs.recovery_after == ("long", "race")
