"""`supple assess`, `soreness`, `levels` and `triage` as a person (or a script) runs them."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

DAY = "2026-11-24"
TEST_KEYS = {
    "slug", "name", "measures", "unit", "range", "per_side", "higher_is_better", "noisy", "norm", "error", "regions",
    "instructions", "sources",
}  # fmt: skip
ROW_KEYS = {"test", "side", "date", "value", "unit", "real_change"}
TRIAGE_KEYS = {"complaint", "refer", "level", "urgent", "red_flags", "sources", "explanation", "plan"}


def _ok(result):  # type: ignore[no-untyped-def]
    assert result.code == 0, result.err
    return result.json()


# -- assess -----------------------------------------------------------------------------------------


def test_assess_list_shows_every_test_with_its_error_and_instructions(cli) -> None:  # type: ignore[no-untyped-def]
    tests = _ok(cli("assess", "list", "--json"))
    assert len(tests) == 8
    for test in tests:
        assert set(test) == TEST_KEYS
        assert test["error"]["value"] > 0
        assert test["instructions"]["setup"]
        assert test["instructions"]["reading"]
    text = cli("assess", "list")
    assert text.code == 0
    assert "knee-to-wall" in text.out
    assert "Supple default" in text.out
    assert not Path(cli.env["SUPPLE_DATA_DIR"]).exists(), "listing the tests needs no database"


def test_record_then_history_marks_real_change(cli) -> None:  # type: ignore[no-untyped-def]
    first = _ok(cli("assess", "record", "knee-to-wall", "8", "--side", "left", "--date", "2026-10-27", "--json"))
    assert first == {"test": "knee-to-wall", "side": "left", "date": "2026-10-27", "value": 8.0, "unit": "cm",
                     "real_change": None}  # fmt: skip
    second = _ok(cli("assess", "record", "knee-to-wall", "10.5", "--side", "left", "--date", DAY, "--json"))
    assert second["real_change"] is True
    _ok(cli("assess", "record", "overhead-reach", "158", "--date", DAY, "--json"))
    _ok(cli("assess", "record", "single-leg-squat", "2", "--side", "right", "--date", DAY, "--json"))
    rows = _ok(cli("assess", "history", "--json"))
    assert all(set(r) == ROW_KEYS for r in rows)
    assert [(r["test"], r["side"]) for r in rows][-2:] == [("knee-to-wall", "left"), ("knee-to-wall", "left")]
    assert {r["test"]: r["value"] for r in rows}["single-leg-squat"] == 2
    only = _ok(cli("assess", "history", "--test", "overhead-reach", "--json"))
    assert [(r["side"], r["value"]) for r in only] == [(None, 158.0)]
    text = cli("assess", "history")
    assert text.code == 0
    assert "a real change" in text.out


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["assess", "record", "knee-too-wall", "9", "--side", "left"], ["test", "'knee-too-wall'"]),
        (["assess", "record", "knee-to-wall", "31", "--side", "left"], ["value", "'31'", "0 to 30"]),
        (["assess", "record", "knee-to-wall", "-2", "--side", "left"], ["value", "'-2'"]),
        (["assess", "record", "knee-to-wall", "9cm", "--side", "left"], ["value", "'9cm'"]),
        (["assess", "record", "knee-to-wall", "9"], ["side", "missing", "--side"]),
        (["assess", "record", "knee-to-wall", "9", "--side", "front"], ["side", "'front'"]),
        (["assess", "record", "overhead-reach", "160", "--side", "left"], ["side", "'left'", "overhead-reach"]),
        (["assess", "record", "single-leg-squat", "4", "--side", "left"], ["value", "'4'", "1 to 3"]),
        (["assess", "record", "single-leg-squat", "1.5", "--side", "left"], ["value", "'1.5'", "whole"]),
        (["assess", "record", "thoracic-rotation", "200", "--side", "left"], ["value", "'200'"]),
        (["assess", "record", "knee-to-wall", "9", "--side", "left", "--date", "24/11/2026"], ["date", "'24/11/2026'"]),
        (["assess", "history", "--test", "sit-and-reach"], ["test", "'sit-and-reach'"]),
        (["soreness", "calves=11"], ["soreness for calves", "11", "0 to 10"]),
        (["soreness", "calves=-1"], ["soreness for calves", "-1"]),
        (["soreness", "shoulder=2"], ["region", "'shoulder'"]),
        (["soreness", "calves"], ["soreness", "'calves'", "REGION=N"]),
        (["soreness", "calves=2", "calves=4"], ["region", "'calves'", "once"]),
        (["soreness", "calves=2", "--date", "2026-02-30"], ["date", "'2026-02-30'"]),
        (["levels", "--red-flags", "itchy"], ["red flag", "'itchy'"]),
        (["triage", "knee", "--red-flags", "none"], ["complaint", "'knee'"]),
        (["triage", "heel", "--red-flags", "night-pain,sore"], ["red flag", "'sore'"]),
        (["triage", "heel"], ["--red-flags", "missing", "night-pain"]),
        (["triage", "heel", "--red-flags", "none", "--date", "tomorrow"], ["date", "'tomorrow'"]),
    ],
)
def test_bad_input_exits_2_names_the_value_and_creates_nothing(cli, bad_input, args, names) -> None:  # type: ignore[no-untyped-def]
    bad_input(cli(*args, input=""), *names)
    assert not Path(cli.env["SUPPLE_DATA_DIR"]).exists(), "a rejected command must not even create the database"


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "record", "knee-to-wall", "40", "--side", "left"],
        ["assess", "record", "knee-to-wall", "9"],
        ["soreness", "calves=2", "hamstrings=12"],
        ["soreness", "calves=2", "neck=1"],
    ],
)
def test_bad_input_leaves_a_populated_database_alone(seeded, bad_input, args) -> None:  # type: ignore[no-untyped-def]
    _ok(seeded("assess", "record", "knee-to-wall", "9", "--side", "left", "--date", DAY, "--json"))
    _ok(seeded("soreness", "calves=1", "--date", DAY, "--json"))
    before = [seeded("assess", "history", "--json").out, seeded("levels", "--json").out]
    result = seeded(*args)
    assert result.code == 2, result.err
    assert [seeded("assess", "history", "--json").out, seeded("levels", "--json").out] == before


# -- soreness and levels ----------------------------------------------------------------------------


def test_soreness_prints_what_it_stored(cli) -> None:  # type: ignore[no-untyped-def]
    stored = _ok(cli("soreness", "calves=3", "it-band=1", "--after-run", "--date", DAY, "--json"))
    assert stored == [
        {"date": DAY, "region": "calves", "value": 3, "after_run": True},
        {"date": DAY, "region": "it-band", "value": 1, "after_run": True},
    ]
    text = cli("soreness", "quads=0", "--date", DAY)
    assert text.code == 0
    assert "quads 0/10" in text.out


def test_levels_give_every_done_exercise_a_decision_with_a_reason(seeded, seed) -> None:  # type: ignore[no-untyped-def]
    found = _ok(seeded("levels", "--json"))
    done = {i["exercise"] for b in json.loads(seed.history)[0]["blocks"] for i in b["items"]}
    assert {e["exercise"] for e in found} == done
    for entry in found:
        assert set(entry) == {"exercise", "level", "decision", "reason"}
        assert entry["decision"] == "hold", "control 3/5 in the seeded session is not enough to move up"
        assert "1 of the 2 sessions" in entry["reason"]
    flagged = _ok(seeded("levels", "--red-flags", "swelling", "--json"))
    assert {e["decision"] for e in flagged} == {"regress"}
    text = seeded("levels")
    assert text.code == 0
    assert "hold" in text.out


def test_two_logged_sessions_at_a_level_move_it_up_for_the_next_routine(cli) -> None:  # type: ignore[no-untyped-def]
    session = _ok(cli("today", "--date", "2026-11-24", "--focus", "calves", "--minutes", "6", "--json"))
    for block in session["blocks"]:
        for item in block["items"]:
            item["result"] = {"done": True, "control": 5, "discomfort": 1}
    for day in ("2026-11-24", "2026-11-25"):  # the same work on two days
        _ok(cli("log", "--file", "-", "--json", input=json.dumps(session | {"date": day})))
    levels = {e["exercise"]: e for e in _ok(cli("levels", "--json"))}
    assert {e["decision"] for e in levels.values()} == {"progress"}
    later = _ok(cli("today", "--date", "2026-11-26", "--focus", "calves", "--minutes", "6", "--json"))
    for item in (i for b in later["blocks"] for i in b["items"] if i["exercise"] in levels):
        assert item["level"] == levels[item["exercise"]]["level"] == 2


# -- triage -----------------------------------------------------------------------------------------


def test_triage_without_red_flags_gives_a_focus_session_on_the_sources(cli) -> None:  # type: ignore[no-untyped-def]
    found = _ok(cli("triage", "outer-knee", "--red-flags", "none", "--date", DAY, "--json"))
    assert set(found) == TRIAGE_KEYS
    assert (found["refer"], found["level"], found["urgent"], found["red_flags"]) == (False, None, False, [])
    assert found["sources"] == ["glutes", "hip-rotators"]
    assert found["plan"]["kind"] == "focus"
    assert found["plan"]["date"] == DAY
    assert {b["region"] for b in found["plan"]["blocks"]} <= {"glutes", "hip-rotators"}
    text = cli("triage", "outer-knee", "--red-flags", "none", "--date", DAY)
    assert text.code == 0
    assert "Likely source regions" in text.out
    assert "Glutes" in text.out


def test_triage_with_a_red_flag_refers_and_gives_no_plan(cli) -> None:  # type: ignore[no-untyped-def]
    found = _ok(cli("triage", "hip-front", "--red-flags", "limp", "--json"))
    assert (found["refer"], found["level"], found["urgent"]) == (True, "same-day", True)
    assert (found["red_flags"], found["plan"]) == (["limp"], None)
    text = cli("triage", "achilles", "--red-flags", "swelling")
    assert text.code == 0
    assert text.out.startswith("See a physio or doctor within days\n")
    assert "emergency" not in text.out.lower()


def _on_a_terminal(cli, args: list[str], answers: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    """Run `supple` with a pseudo-terminal as standard input, typing ``answers``."""
    main, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "supple", *args],
        stdin=secondary,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli.env,
        cwd=cli.cwd,
        text=True,
    )
    os.close(secondary)
    os.write(main, answers.encode())
    try:
        out, err = process.communicate(timeout=60)
    finally:
        os.close(main)
    return process.returncode, out, err


def test_triage_on_a_terminal_asks_each_red_flag_question_first(cli) -> None:  # type: ignore[no-untyped-def]
    # Achilles asks eight questions; swelling is the seventh. "maybe" is asked again.
    code, out, err = _on_a_terminal(cli, ["triage", "achilles", "--json"], "n\nmaybe\nn\nn\nn\nn\nn\nyes\nn\n")
    assert code == 0, err
    assert "Did you feel a pop" in err
    assert "Please answer y or n" in err
    found = json.loads(out)
    assert found["red_flags"] == ["swelling"]
    assert found["refer"] is True
    assert found["plan"] is None
