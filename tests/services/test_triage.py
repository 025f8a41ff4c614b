"""Triage: every complaint, without red flags and with each of its red flags, as a table."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from supple.config import Settings
from supple.core.errors import InvalidInput
from supple.services import redflags, routines, triage
from tests.contexts import ctx_for
from tests.triage_table import HEADINGS, ROWS, TABLE, highest

DAY = dt.date(2026, 11, 24)

CASES = [(c, None) for c in TABLE] + [(c, flag) for c, flag, _ in ROWS]
LEVEL = {(c, flag): level for c, flag, level in ROWS}
DIAGNOSING = re.compile(r"\byou have\b|\byour (injury|diagnosis|condition)\b", re.I)


def test_the_table_covers_every_complaint(settings: Settings) -> None:
    assert set(TABLE) == set(ctx_for(settings).knowledge.complaints)
    for complaint, flags in TABLE.items():
        assert tuple(f.slug for f in triage.questions(ctx_for(settings), complaint=complaint)) == tuple(
            flag for flag, _ in flags
        )


@pytest.mark.parametrize(("complaint", "flag"), CASES, ids=lambda v: v or "no-flag")
def test_triage_table(settings: Settings, complaint: str, flag: str | None) -> None:
    found = triage.triage(ctx_for(settings), complaint=complaint, red_flags=[flag] if flag else [], date=DAY)
    assert set(found) == {"complaint", "refer", "level", "urgent", "red_flags", "sources", "explanation", "plan"}
    assert found["complaint"] == complaint
    assert found["sources"] == list(ctx_for(settings).knowledge.complaints[complaint].source_regions)
    assert not DIAGNOSING.search(found["explanation"])
    if flag is None:
        assert (found["refer"], found["level"], found["urgent"], found["red_flags"]) == (False, None, False, [])
        plan = found["plan"]
        assert plan is not None
        assert plan["kind"] == "focus"
        assert plan["blocks"]
        assert {b["region"] for b in plan["blocks"]} <= set(found["sources"])
        avoided = ctx_for(settings).knowledge.complaints[complaint].avoids
        for item in (i for b in plan["blocks"] for i in b["items"]):
            assert not avoided & ctx_for(settings).catalogue.exercises[item["exercise"]].involves, item
        assert "does not diagnose" in found["explanation"]
        return
    level = LEVEL[complaint, flag]
    assert (found["refer"], found["level"], found["red_flags"], found["plan"]) == (True, level, [flag], None)
    assert found["urgent"] is (level != "soon")
    advice = redflags.words(ctx_for(settings), level).advice
    assert found["explanation"].startswith(advice)
    assert found["explanation"].count(advice) == 1
    assert "physio or doctor" in found["explanation"]


@pytest.mark.parametrize("complaint", list(TABLE))
def test_each_flag_stops_the_plan_with_its_level_and_words_until_cleared(settings: Settings, complaint: str) -> None:
    """One complaint's questions, one yes at a time: the stop has that level, its heading and its advice once."""
    for offset, (flag, level) in enumerate(TABLE[complaint]):
        day = DAY + dt.timedelta(days=offset)
        triage.answer(ctx_for(settings), complaint=complaint, red_flags=[flag], date=day)
        stop = routines.today(ctx_for(settings), date=day).stop
        assert stop is not None, flag
        assert (stop.red_flags, stop.level, stop.heading) == ((flag,), level, HEADINGS[level]), flag
        advice = redflags.words(ctx_for(settings), level).advice
        assert stop.advice.startswith(advice), flag
        assert stop.advice.count(advice) == 1, flag
        week = routines.plan(ctx_for(settings), start=day).stop
        assert week is not None, flag
        assert week.level == level, flag
        assert [f.level for f in redflags.active(ctx_for(settings))] == [level], flag
        assert redflags.clear(ctx_for(settings), date=day) == 1
    every = redflags.history(ctx_for(settings))
    assert [(f.slug, f.level) for f in every] == list(TABLE[complaint])
    assert all(f.cleared is not None for f in every), "clearing keeps each report, with its day"


@pytest.mark.parametrize("complaint", list(TABLE))
def test_the_highest_level_wins_when_several_are_open(settings: Settings, complaint: str) -> None:
    flags = [flag for flag, _ in TABLE[complaint]]
    found = triage.triage(ctx_for(settings), complaint=complaint, red_flags=list(reversed(flags)), date=DAY)
    assert found["level"] == highest(complaint)
    assert found["red_flags"] == list(reversed(flags))
    stop = routines.today(ctx_for(settings), date=DAY).stop
    assert stop is not None
    assert (stop.level, stop.heading) == (highest(complaint), HEADINGS[highest(complaint)])
    for level in {"soon", "same-day", "emergency"} - {highest(complaint)}:
        assert redflags.words(ctx_for(settings), level).advice not in stop.advice


def test_a_soon_flag_then_an_emergency_raises_the_stop_and_clearing_lowers_nothing_twice(settings: Settings) -> None:
    triage.answer(ctx_for(settings), complaint="low-back", red_flags=["night-pain"], date=DAY)
    assert routines.today(ctx_for(settings), date=DAY).stop.level == "soon"  # type: ignore[union-attr]
    triage.answer(ctx_for(settings), complaint="calf", red_flags=["calf-with-chest-symptoms"], date=DAY)
    stop = routines.today(ctx_for(settings), date=DAY).stop
    assert stop is not None
    assert (stop.level, stop.red_flags) == ("emergency", ("night-pain", "calf-with-chest-symptoms"))
    assert redflags.clear(ctx_for(settings), date=DAY) == 2
    assert routines.today(ctx_for(settings), date=DAY).stop is None


def test_the_emergency_sentence_is_said_once_and_first(settings: Settings) -> None:
    found = triage.triage(ctx_for(settings), complaint="low-back", red_flags=["saddle-numbness"], date=DAY)
    emergency = redflags.words(ctx_for(settings), "emergency").advice
    assert found["explanation"].startswith(emergency)
    assert found["explanation"].count("emergency") == emergency.count("emergency")


def test_outer_knee_works_the_glutes_and_never_the_it_band(settings: Settings) -> None:
    plan = triage.triage(ctx_for(settings), complaint="outer-knee", red_flags=[], date=DAY)["plan"]
    assert plan["blocks"][0]["region"] == "glutes"
    assert all(b["region"] != "it-band" for b in plan["blocks"])


def test_sit_bone_leaves_out_the_elevated_hamstring_stretch(settings: Settings) -> None:
    for offset in range(7):
        day = DAY + dt.timedelta(days=offset)
        plan = triage.triage(ctx_for(settings), complaint="sit-bone", red_flags=[], date=day)["plan"]
        assert "elevated-hamstring-stretch" not in {i["exercise"] for b in plan["blocks"] for i in b["items"]}


@pytest.mark.parametrize(
    ("complaint", "flags", "field", "value"),
    [
        ("knee", [], "complaint", "knee"),
        ("heel", ["sore"], "red flag", "sore"),
        ("heel", ["night-pain", "x"], "red flag", "x"),
        # A real red flag that this complaint does not ask is refused too: the answer cannot skip its questions.
        ("outer-knee", ["fever-weight-loss-cancer"], "red flag", "fever-weight-loss-cancer"),
        ("heel", ["saddle-numbness"], "red flag", "saddle-numbness"),
    ],
)
def test_unknown_input_is_named_and_nothing_is_stored(
    settings: Settings, complaint: str, flags: list[str], field: str, value: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        triage.triage(ctx_for(settings), complaint=complaint, red_flags=flags, date=DAY)
    assert (caught.value.field, caught.value.value) == (field, value)
    assert "expected" in str(caught.value)
    if field == "red flag" and complaint in TABLE:
        assert all(flag in caught.value.expected for flag, _ in TABLE[complaint])
    assert redflags.history(ctx_for(settings)) == ()
