"""Profile complaints reach every composed session: `today` of every kind, focus sessions and each day of
the week plan (real SQLite store, real catalogue; hypothesis over kit, budget, runs, kind and date)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from supple.config import Settings
from supple.core.athlete import Profile
from supple.core.session import Session
from supple.core.vocabulary import EQUIPMENT, KINDS, TARGET_REGIONS, WEEKDAYS
from supple.services import profile, routines, triage
from tests.contexts import ctx_for

COMPLAINTS = (
    "outer-knee",
    "kneecap",
    "achilles",
    "heel",
    "shin",
    "sit-bone",
    "low-back",
    "hip-front",
    "calf",
    "side-of-hip",
    "below-kneecap",
    "top-of-foot",
)
ONE_DB = [HealthCheck.function_scoped_fixture]  # one database per test; each example saves its own profile


def _clashes(settings: Settings, sessions: Iterable[Session], complaints: Iterable[str]) -> list[str]:
    known = ctx_for(settings).knowledge.complaints
    avoided = set().union(*(known[c].avoids for c in complaints))
    exercises = ctx_for(settings).catalogue.exercises
    return [i.exercise for s in sessions for i in s.items if avoided & exercises[i.exercise].involves]


def test_the_table_covers_every_complaint(settings: Settings) -> None:
    assert set(COMPLAINTS) == set(ctx_for(settings).knowledge.complaints)


@pytest.mark.parametrize("complaint", COMPLAINTS)
@given(
    others=st.frozensets(st.sampled_from(COMPLAINTS), max_size=2),
    kit=st.frozensets(st.sampled_from(EQUIPMENT)),
    minutes=st.integers(min_value=1, max_value=60),
    runs=st.lists(st.sampled_from(WEEKDAYS), unique=True),
    kind=st.sampled_from((None, *KINDS)),
    focus=st.lists(st.sampled_from(TARGET_REGIONS), unique=True, max_size=3),
    date=st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2030, 12, 31)),
)
@hypothesis_settings(max_examples=15, deadline=None, suppress_health_check=ONE_DB)
def test_profile_complaints_reach_today_focus_and_plan(
    settings: Settings,
    complaint: str,
    others: frozenset[str],
    kit: frozenset[str],
    minutes: int,
    runs: list[str],
    kind: str | None,
    focus: list[str],
    date: dt.date,
) -> None:
    active = others | {complaint}
    athlete = Profile(
        run_times=tuple((day, dt.time(7)) for day in runs), minutes=minutes, equipment=kit, complaints=active
    )
    profile.save_profile(ctx_for(settings), profile=athlete)
    sessions = [routines.today(ctx_for(settings), date=date, kind=kind)]
    if focus:
        sessions.append(routines.today(ctx_for(settings), date=date, focus=focus))
    sessions.append(routines.today(ctx_for(settings), date=date, complaint=complaint))
    week = routines.plan(ctx_for(settings), start=date)
    sessions += [planned.session for day in week.days for planned in day.sessions]
    assert _clashes(settings, sessions, active) == []


def test_the_triage_answer_is_the_session_today_complaint_gives(settings: Settings) -> None:
    day = dt.date(2026, 11, 24)
    for slug in COMPLAINTS:
        _, plan = triage.answer(ctx_for(settings), complaint=slug, red_flags=[], date=day)
        assert plan == routines.today(ctx_for(settings), date=day, complaint=slug)
