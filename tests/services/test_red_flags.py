"""A red flag answered yes in triage stops today, the plan and the player until it is cleared."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from supple.config import Settings
from supple.core.errors import InvalidInput
from supple.services import levels, live, logbook, redflags, routines, shapes, triage
from tests.contexts import ctx_for

DAY = dt.date(2026, 11, 24)


def _log_a_session(settings: Settings, day: dt.date = DAY - dt.timedelta(days=2)) -> None:
    session = routines.today(ctx_for(settings), date=day, kind="daily", minutes=6)
    data = shapes.session_dict(session)
    for block in data["blocks"]:
        for item in block["items"]:
            item["result"] = {"done": True, "control": 5, "discomfort": 1}
    logbook.log_session(ctx_for(settings), session=logbook.parse_log(ctx_for(settings), json.dumps(data)))


def test_a_red_flag_stops_every_plan_until_cleared(settings: Settings) -> None:
    result, plan = triage.answer(ctx_for(settings), complaint="hip-front", red_flags=["night-pain"], date=DAY)
    assert result.refer
    assert plan is None
    found = redflags.active(ctx_for(settings))
    assert [(f.slug, f.complaint, f.date) for f in found] == [("night-pain", "hip-front", DAY)]
    # hip-front makes night pain urgent (KNOWLEDGE.md: femoral neck stress fracture must be ruled out).
    assert found[0].urgent

    today = routines.today(ctx_for(settings), date=DAY)
    assert today.blocks == ()
    assert today.stop is not None
    assert today.stop.red_flags == ("night-pain",)
    assert today.stop.urgent
    assert "physio or doctor" in today.stop.advice
    week = routines.plan(ctx_for(settings), start=DAY)
    assert week.stop is not None
    assert all(not d.sessions for d in week.days)
    assert len(week.days) == 7
    assert shapes.session_dict(today)["stop"]["red_flags"] == ["night-pain"]
    with pytest.raises(InvalidInput) as stopped:
        live.start(ctx_for(settings), session=today)
    assert stopped.value.field == "session"
    # Another complaint with no red flags still gets no exercises while the first is open.
    clear_result, focus = triage.answer(ctx_for(settings), complaint="achilles", red_flags=[], date=DAY)
    assert not clear_result.refer
    assert focus is not None
    assert focus.stop is not None
    assert not focus.blocks

    assert redflags.clear(ctx_for(settings), date=DAY) == 1
    assert redflags.active(ctx_for(settings)) == ()
    resumed = routines.today(ctx_for(settings), date=DAY)
    assert resumed.stop is None
    assert resumed.blocks
    assert routines.plan(ctx_for(settings), start=DAY).stop is None


def test_a_red_flag_steps_every_level_down_and_the_all_clear_starts_one_level_easier(settings: Settings) -> None:
    _log_a_session(settings)
    before = {e.exercise: e.decision for e in levels.decisions(ctx_for(settings))}
    assert before
    assert all(d.decision != "regress" for d in before.values())
    triage.answer(ctx_for(settings), complaint="shin", red_flags=["pain-on-hop"], date=DAY)
    during = {e.exercise: e.decision for e in levels.decisions(ctx_for(settings))}
    assert set(during) == set(before)
    assert all(d.decision == "regress" and "red flag" in d.reason for d in during.values())
    assert {c.decision for c in levels.history(ctx_for(settings))[-len(during) :]} == {"regress"}

    redflags.clear(ctx_for(settings), date=DAY)
    after = {e.exercise: e.decision for e in levels.decisions(ctx_for(settings))}
    for slug, decision in after.items():
        assert (decision.decision, decision.level) == ("regress", during[slug].level)
        assert decision.reason == during[slug].reason, "one wording for the episode, open or cleared"
    # The next routine doses every exercise done from that easier level.
    state = ctx_for(settings).state(DAY)
    assert all(state.levels[slug] == after[slug].level for slug in after)

    # An exercise done again after the all-clear is judged on that session; one not done since
    # stays at its easier level.
    _log_a_session(settings, DAY + dt.timedelta(days=1))
    redone = {e.exercise for e in levels.decisions(ctx_for(settings)) if e.date > DAY}
    assert redone
    again = {e.exercise: e.decision for e in levels.decisions(ctx_for(settings))}
    assert all(again[slug].decision != "regress" for slug in redone)
    assert all(again[slug].decision == "regress" for slug in set(again) - redone)


def test_a_red_flag_episode_is_one_event_however_often_levels_are_refreshed(settings: Settings) -> None:
    _log_a_session(settings)
    done = len(levels.decisions(ctx_for(settings)))
    assert done > 1
    rows = len(levels.history(ctx_for(settings)))
    triage.answer(ctx_for(settings), complaint="shin", red_flags=["pain-on-hop"], date=DAY)
    stepped = levels.history(ctx_for(settings))[rows:]
    assert len(stepped) == done, "one row per exercise, to dose each one lower"
    assert {c.cause for c in stepped} == {f"red-flag:pain-on-hop:{DAY.isoformat()}"}
    for _ in range(3):
        (c := ctx_for(settings)).data.settle_levels(levels.settle(c, None))
    redflags.clear(ctx_for(settings), date=DAY + dt.timedelta(days=3))
    (c := ctx_for(settings)).data.settle_levels(levels.settle(c, None))
    assert len(levels.history(ctx_for(settings))) == rows + done, "nothing recorded again on refresh or clearing"
    (event,) = levels.flag_events(ctx_for(settings))
    assert (event.reported, event.cleared, event.exercises) == (DAY, DAY + dt.timedelta(days=3), done)
    assert event.words.startswith(f"Red flag (pain on hopping) reported on {DAY.isoformat()}, cleared on ")
    assert f"({done} exercises)" in event.words


def test_triage_without_red_flags_stores_nothing(settings: Settings) -> None:
    triage.answer(ctx_for(settings), complaint="outer-knee", red_flags=[], date=DAY)
    assert redflags.active(ctx_for(settings)) == ()
    assert redflags.clear(ctx_for(settings), date=DAY) == 0


def test_each_stored_flag_keeps_its_own_urgency(settings: Settings) -> None:
    # For hip-front, night pain is urgent; a past bone-stress injury on its own is not.
    triage.answer(ctx_for(settings), complaint="hip-front", red_flags=["previous-bone-stress", "night-pain"], date=DAY)
    found = {f.slug: f.urgent for f in redflags.active(ctx_for(settings))}
    assert found == {"previous-bone-stress": False, "night-pain": True}
    assert routines.today(ctx_for(settings), date=DAY).stop.urgent  # type: ignore[union-attr]
