"""Ladders are cut to the runner's kit: a runner without a band never gets (or is moved up to) the band rung."""

from __future__ import annotations

import datetime as dt

from supple.config import Settings
from supple.core.athlete import Profile
from supple.core.session import Item, ItemResult, LoggedItem, LoggedSession
from supple.services import followups, levels, logbook, profile, routines
from tests.contexts import ctx_for

DAY = dt.date(2026, 11, 23)


def _log_clamshell(settings: Settings, level: int, date: dt.date) -> None:
    item = Item("clamshell", "Clamshell", "strengthen", ("glutes",), 1, 15, None, True, False, 90, level, "why")
    result = ItemResult(done=True, level=level, control=5, discomfort=0)
    session = LoggedSession(date, "daily", 10, 90, (LoggedItem(0, "glutes", item, result),))
    logbook.log_session(ctx_for(settings), session=session)


def _clamshell_level(settings: Settings, date: dt.date) -> int:
    session = routines.today(ctx_for(settings), date=date, complaint="outer-knee", minutes=30)
    found = [i.level for i in session.items if i.exercise == "clamshell"]
    assert found, "the outer-knee triage session starts with its first-line work, clamshell among it"
    return found[0]


def test_without_a_band_the_session_stops_at_the_last_rung_without_one(settings: Settings) -> None:
    profile.save_profile(ctx_for(settings), profile=Profile(equipment=frozenset()))
    _log_clamshell(settings, 5, DAY)
    assert _clamshell_level(settings, DAY + dt.timedelta(days=1)) == 3


def test_with_a_band_the_banded_rung_is_served(settings: Settings) -> None:
    profile.save_profile(ctx_for(settings), profile=Profile(equipment=frozenset({"band"})))
    _log_clamshell(settings, 5, DAY)
    assert _clamshell_level(settings, DAY + dt.timedelta(days=1)) == 5


def test_progression_never_moves_up_to_a_rung_the_kit_does_not_allow(settings: Settings) -> None:
    profile.save_profile(ctx_for(settings), profile=Profile(equipment=frozenset()))
    for day in range(4):
        _log_clamshell(settings, 3, DAY + dt.timedelta(days=5 * day))  # well past any minimum days at a level
    answered = DAY + dt.timedelta(days=16)
    asked = followups.waiting(ctx_for(settings), today=answered)
    assert asked is not None
    followups.record(ctx_for(settings), session_id=asked.session_id, answer="same", today=answered)  # no worse
    decision = {e.exercise: e.decision for e in levels.decisions(ctx_for(settings))}["clamshell"]
    assert decision.level == 3, decision.reason
    profile.save_profile(ctx_for(settings), profile=Profile(equipment=frozenset({"band"})))
    assert {e.exercise: e.decision for e in levels.decisions(ctx_for(settings))}["clamshell"].level == 4
