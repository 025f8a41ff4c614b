"""Bad input exits 2 with one line naming the value, and writes nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DAY = "2026-11-24"
UNREACHABLE = "postgresql+psycopg://nobody@127.0.0.1:1/none"


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["today", "--minutes", "0"], ["minutes", "0"]),
        (["today", "--minutes", "-1"], ["minutes", "-1"]),
        (["today", "--minutes", "121"], ["minutes", "121"]),
        (["today", "--kind", "nap"], ["kind", "'nap'"]),
        (["today", "--focus", "glutes,knee"], ["focus", "'knee'"]),
        (["today", "--equipment", "roller,rope"], ["equipment", "'rope'"]),
        (["today", "--date", "2026-13-01"], ["date", "'2026-13-01'"]),
        (["today", "--date", "yesterday"], ["date", "'yesterday'"]),
        (["today", "--date", "2026-02-30", "--json"], ["date", "'2026-02-30'"]),
        (["today", "--date", "20261124"], ["date", "'20261124'"]),
        (["today", "--date", "2026-W48-2"], ["date", "'2026-W48-2'"]),
        (["exercises", "--region", "it-band"], ["region", "'it-band'", "glutes"]),
        (["exercises", "--region", "neck"], ["region", "'neck'"]),
        (["plan", "--start", "2026-13-01"], ["start", "'2026-13-01'"]),
        (["go", "--no-timer", "--minutes", "121"], ["minutes", "121"]),
        (["go", "--no-timer", "--kind", "nap"], ["kind", "'nap'"]),
        (["go", "--no-timer", "--focus", "it-band,shins"], ["focus", "'shins'"]),
        (["explain", "no-such-exercise"], ["exercise", "'no-such-exercise'"]),
        (["explain", "no-such-exercise", "--json"], ["'no-such-exercise'"]),
        (["exercises", "--role", "stretch"], ["role", "'stretch'"]),
        (["history", "--from", "yesterday"], ["'yesterday'"]),
    ],
)
def test_bad_option_exits_2_and_creates_nothing(cli, bad_input, args, names):
    result = cli(*args, input="")
    bad_input(result, *names)
    assert not Path(cli.env["SUPPLE_DATA_DIR"]).exists(), "a rejected command must not even create the database"


@pytest.mark.parametrize("minutes", ["0", "-1", "121"])
def test_bad_minutes_leave_a_populated_database_alone(seeded, seed, bad_input, minutes):
    bad_input(seeded("today", "--minutes", minutes, "--json"), "minutes", minutes)
    bad_input(seeded("go", "--no-timer", "--minutes", minutes, input="4\n2\n"), "minutes", minutes)
    assert seeded("history", "--json").out == seed.history


def test_bad_time_scale_is_bad_input(cli, bad_input):
    bad_input(cli("today", env={"SUPPLE_TIME_SCALE": "fast"}), "SUPPLE_TIME_SCALE", "'fast'")
    bad_input(cli("go", "--no-timer", env={"SUPPLE_TIME_SCALE": "0"}, input=""), "SUPPLE_TIME_SCALE", "'0'")


@pytest.mark.parametrize(
    ("args", "value"),
    [(["today", "--minutes", "abc"], "'abc'"), (["today", "--bogus"], "--bogus"), (["explain"], "SLUG")],
)
def test_usage_errors_exit_2(cli, args, value):
    result = cli(*args)
    assert result.code == 2
    assert value.lower() in result.err.lower()
    assert "Traceback" not in result.err


# -- log ----------------------------------------------------------------------------------------


def _first_item(session):
    return session["blocks"][0]["items"][0]


def _set_result(**result):
    def change(session):
        _first_item(session)["result"] = result

    return change


def _set(key, value):
    def change(session):
        session[key] = value

    return change


BAD_LOGS = {
    "missing date": (lambda s: s.pop("date"), ["date"]),
    "bad date": (_set("date", "2026-13-01"), ["date", "'2026-13-01'"]),
    "unknown exercise": (lambda s: _first_item(s).update(exercise="no-such-move"), ["exercise", "'no-such-move'"]),
    "control 6": (_set_result(done=True, control=6), ["control", "6"]),
    "control 0": (_set_result(done=True, control=0), ["control", "0"]),
    "discomfort 11": (_set_result(done=True, discomfort=11), ["discomfort", "11"]),
    "discomfort -1": (_set_result(done=True, discomfort=-1), ["discomfort", "-1"]),
    "control not a number": (_set_result(done=True, control="4"), ["control", "'4'"]),
    "done missing": (_set_result(control=4), ["done"]),
    "kind nap": (_set("kind", "nap"), ["kind", "'nap'"]),
    "blocks an object": (_set("blocks", {"region": "calves", "items": []}), ["blocks"]),
    "blocks a string": (_set("blocks", "calves"), ["blocks", "'calves'"]),
    "blocks empty": (_set("blocks", []), ["blocks"]),
    "minutes 0": (_set("minutes", 0), ["minutes", "0"]),
    "unknown region": (lambda s: s["blocks"][0].update(region="knee"), ["region", "'knee'"]),
    "101 items": (
        lambda s: s.update(blocks=[s["blocks"][0] | {"items": [_first_item(s)] * 101}]),
        ["blocks", "101 items", "at most 100"],
    ),
    "many blocks": (lambda s: s.update(blocks=s["blocks"] * 1000), ["blocks", "blocks", "100"]),
}


@pytest.mark.parametrize("case", list(BAD_LOGS))
def test_bad_log_object_exits_2_and_leaves_the_database_unchanged(seeded, seed, bad_input, tmp_path, case):
    change, names = BAD_LOGS[case]
    session = json.loads(seed.today)
    # make every item but the first carry a good result: only the one bad value may stop the log
    for block in session["blocks"]:
        for item in block["items"]:
            item["result"] = {"done": True, "control": 4, "discomfort": 2}
    change(session)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(session), encoding="utf-8")
    bad_input(seeded("log", "--file", str(path)), *names)
    assert seeded("history", "--json").out == seed.history


def test_a_bad_value_in_a_later_item_stops_the_whole_log(seeded, seed, bad_input):
    """Validation is complete before anything is written: a late error leaves no partial session."""
    session = json.loads(seed.today)
    items = [item for block in session["blocks"] for item in block["items"]]
    assert len(items) >= 3
    for item in items:
        item["result"] = {"done": True, "control": 4}
    items[-1]["result"]["discomfort"] = 11
    bad_input(seeded("log", "--file", "-", input=json.dumps(session)), "discomfort", "11")
    assert seeded("history", "--json").out == seed.history


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ('{"date": "2026-11-24", "kind": "daily",', ["JSON"]),
        ("", ["JSON"]),
        (b"\xff\xfe{\x00", []),  # not even UTF-8 text
    ],
)
def test_log_file_that_is_not_json(seeded, seed, bad_input, tmp_path, text, names):
    path = tmp_path / "broken.json"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    bad_input(seeded("log", "--file", str(path)), str(path), *names)
    assert seeded("history", "--json").out == seed.history


@pytest.mark.parametrize(
    ("text", "names"),
    [("{'date': '2026-11-24'}", ["stdin", "JSON"]), ("[1, 2]", ["session", "'list'"]), ("null", ["session"])],
)
def test_log_stdin_that_is_not_a_json_object(seeded, seed, bad_input, text, names):
    bad_input(seeded("log", "--file", "-", input=text), *names)
    assert seeded("history", "--json").out == seed.history


def test_log_of_a_missing_file(seeded, seed, bad_input, tmp_path):
    missing = tmp_path / "no-such-session.json"
    bad_input(seeded("log", "--file", str(missing)), str(missing))
    bad_input(seeded("log", "--file", str(tmp_path)), str(tmp_path))  # a folder is not a file either
    assert seeded("history", "--json").out == seed.history


def test_a_good_log_does_change_the_database(seeded, seed):
    """The unchanged-database checks above can fail: the same path with a valid object adds a session."""
    session = json.loads(seed.today)
    _first_item(session)["result"] = {"done": True, "control": 5, "discomfort": 0}
    assert seeded("log", "--file", "-", input=json.dumps(session)).code == 0
    assert len(seeded("history", "--json").json()) == len(json.loads(seed.history)) + 1


# -- database URL ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "named"),
    [(UNREACHABLE, "127.0.0.1:1"), ("notaurl", "'notaurl'"), ("nosuchdb://x/y", "'nosuchdb://x/y'")],
    ids=["unreachable", "malformed", "unknown-driver"],
)
@pytest.mark.parametrize(
    "args",
    [
        ["today", "--date", DAY, "--json"],
        ["history", "--json"],
        ["log", "--file", "-"],
        ["init", "--run-days", "mon", "--run-time", "07:00", "--minutes", "10", "--equipment", "none"],
        ["plan", "--start", DAY],
    ],
    ids=lambda args: args[0],
)
def test_an_unusable_database_url_is_bad_input(cli, seed, bad_input, url, named, args):
    result = cli(*args, env={"SUPPLE_DATABASE_URL": url}, input=seed.today)
    bad_input(result, "database", named)
    assert not Path(cli.env["SUPPLE_DATA_DIR"]).exists(), "no fall-back to the local SQLite file"


def test_deeply_nested_json_is_bad_input_and_writes_nothing(seeded, seed, bad_input):
    bad_input(seeded("log", "--file", "-", input="[" * 100_000), "stdin", "nested too deeply")
    assert seeded("history", "--json").out == seed.history


def test_a_database_from_a_newer_supple_is_named_and_left_alone(seeded, seed):
    import sqlite3

    path = Path(seeded.env["SUPPLE_DATA_DIR"]) / "supple.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    result = seeded("history", "--json")
    assert result.code == 2, result
    assert "'9999'" in result.err
    assert "upgrade Supple" in result.err
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("9999",)
        assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] >= 1


def test_region_filter_is_case_insensitive(cli):
    upper = cli("exercises", "--region", "Glutes", "--json")
    lower = cli("exercises", "--region", "glutes", "--json")
    assert upper.code == 0, upper.err
    assert upper.out == lower.out
    assert all("glutes" in e["regions"] for e in upper.json())
