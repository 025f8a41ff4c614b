"""A complaint's triage session on the command line: `today --complaint`, `go --complaint`, the triage hint,
and profile complaints reaching `today` and `plan`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from supple.catalogue import load_catalogue
from supple.catalogue.knowledge import load_knowledge

TUESDAY = "2026-11-24"
CATALOGUE = load_catalogue()
KNOWLEDGE = load_knowledge(CATALOGUE.exercises, positions=tuple(CATALOGUE.positions))


def _items(session: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for block in session["blocks"] for item in block["items"]]


def _clashes(session: dict[str, Any], complaints: set[str]) -> list[str]:
    avoided = set().union(*(KNOWLEDGE.complaints[c].avoids for c in complaints))
    return [i["exercise"] for i in _items(session) if avoided & CATALOGUE.exercises[i["exercise"]].involves]


def test_today_complaint_is_the_triage_session_and_hints_at_go_complaint(cli: Any) -> None:
    shown = cli("today", "--complaint", "outer-knee", "--date", TUESDAY, "--json")
    assert shown.code == 0, shown.err
    session = shown.json()
    triaged = cli("triage", "outer-knee", "--red-flags", "none", "--date", TUESDAY, "--json")
    assert triaged.code == 0, triaged.err
    assert triaged.json()["plan"] == session, "the session triage suggests is the one `today --complaint` shows"
    assert session["kind"] == "focus"
    first_line = KNOWLEDGE.complaints["outer-knee"].first_line.exercises
    assert _items(session)[0]["exercise"] == first_line[0]
    assert _clashes(session, {"outer-knee"}) == []
    text = cli("today", "--complaint", "outer-knee", "--date", TUESDAY)
    assert text.code == 0, text.err
    assert "Start it with timers: supple go --complaint outer-knee" in text.out
    assert "Start it with timers: supple go\n" in cli("today", "--date", TUESDAY).out


def test_triage_text_says_how_to_start_the_triage_session(cli: Any) -> None:
    result = cli("triage", "shin", "--red-flags", "none", "--date", TUESDAY)
    assert result.code == 0, result.err
    assert "Start it with timers: supple go --complaint shin" in result.out


def test_go_complaint_guides_and_logs_the_triage_session(cli: Any, history: Any) -> None:
    planned = cli("today", "--complaint", "sit-bone", "--date", TUESDAY, "--json").json()
    result = cli("go", "--complaint", "sit-bone", "--no-timer", "--date", TUESDAY, "--json", input="")
    assert result.code == 0, result.err
    [entry] = history()
    assert result.json()["id"] == entry["id"]
    assert entry["kind"] == "focus"
    assert [i["exercise"] for i in _items(entry)] == [i["exercise"] for i in _items(planned)]
    assert _items(entry)[0]["exercise"] == "long-lever-bridge-hold"
    assert "elevated-hamstring-stretch" not in {i["exercise"] for i in _items(entry)}


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["today", "--complaint", "knee"], ["complaint", "'knee'", "outer-knee", "sit-bone"]),
        (["go", "--no-timer", "--complaint", "knee"], ["complaint", "'knee'", "outer-knee", "sit-bone"]),
        (["today", "--complaint", "shin", "--focus", "glutes"], ["focus", "'glutes'", "complaint"]),
        (["go", "--no-timer", "--complaint", "shin", "--kind", "primer"], ["kind", "'primer'", "focus"]),
    ],
)
def test_an_unknown_or_clashing_complaint_exits_2_and_writes_nothing(
    cli: Any, bad_input: Any, args: list[str], names: list[str]
) -> None:
    bad_input(cli(*args, input=""), *names)
    assert not Path(cli.env["SUPPLE_DATA_DIR"]).exists(), "a rejected command must not even create the database"


def test_profile_complaints_reach_today_and_plan(cli: Any) -> None:
    saved = cli("init", "--complaints", "sit-bone,hip-front", "--equipment", "roller,box,wall,band,ball", "--json")
    assert saved.code == 0, saved.err
    active = {"sit-bone", "hip-front"}
    for args in (["--focus", "hamstrings,hip-flexors"], ["--kind", "daily", "--minutes", "30"], ["--kind", "primer"]):
        today = cli("today", "--date", TUESDAY, "--json", *args)
        assert today.code == 0, today.err
        assert _items(today.json()), args
        assert _clashes(today.json(), active) == [], args
    week = cli("plan", "--start", TUESDAY, "--json")
    assert week.code == 0, week.err
    for day in week.json()["days"]:
        for planned in day["sessions"]:
            assert _clashes(planned, active) == [], day["date"]
    # the same week without the complaints does use what they leave out, so the check above can fail
    cli("init", "--complaints", "none")
    freed = cli("plan", "--start", TUESDAY, "--json").json()
    assert any(_clashes(p, active) for day in freed["days"] for p in day["sessions"])
