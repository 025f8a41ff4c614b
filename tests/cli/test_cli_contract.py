"""The JSON contract of `today`, `plan`, `exercises`, `explain`, `init`, `log`, `history` and `go --no-timer`."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path

import pytest

EXERCISE_DIR = Path(__file__).resolve().parents[2] / "src" / "supple" / "catalogue" / "exercises"
MONDAY, TUESDAY = "2026-11-23", "2026-11-24"
ROLES = {"melt", "mould", "strengthen", "prime"}
KINDS = {"primer", "daily", "recovery", "focus"}
REGIONS = {
    "feet", "calves", "quads", "hamstrings", "adductors",
    "hip-flexors", "glutes", "hip-rotators", "thoracic-spine", "trunk",
}  # fmt: skip
ITEM_KEYS = {
    "exercise", "name", "role", "regions", "sets", "reps",
    "hold_seconds", "per_side", "static", "seconds", "level", "why",
}  # fmt: skip
SESSION_KEYS = {"date", "kind", "minutes", "total_seconds", "blocks", "notes", "stop"}
EXERCISE_KEYS = {
    "slug", "name", "role", "regions", "equipment", "dose", "static", "primer", "why", "rationale", "cues", "cautions",
    "involves", "left_out_for", "ladder", "sources", "author", "licence",
}  # fmt: skip


def items_of(session):
    return [item for block in session["blocks"] for item in block["items"]]


def check_session(session, *, date, kind=None, minutes=None):
    """Every field of a `today` object has the documented name and type."""
    assert set(session) == SESSION_KEYS
    assert session["date"] == date
    assert session["kind"] in KINDS
    if kind is not None:
        assert session["kind"] == kind
    if minutes is not None:
        assert session["minutes"] == minutes
    assert isinstance(session["total_seconds"], int)
    assert 0 < session["total_seconds"] <= session["minutes"] * 60
    assert isinstance(session["notes"], list)
    assert all(isinstance(note, str) and note for note in session["notes"])
    assert session["blocks"], "a session with a normal budget has at least one block"
    seen = []
    for block in session["blocks"]:
        assert set(block) == {"region", "why", "items"}
        assert block["region"] in REGIONS
        assert isinstance(block["why"], str)
        assert block["why"]
        assert block["items"]
        for item in block["items"]:
            assert set(item) == ITEM_KEYS, sorted(item)
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", item["exercise"])
            assert item["role"] in ROLES
            assert isinstance(item["name"], str)
            assert item["name"]
            assert isinstance(item["why"], str)
            assert item["why"]
            assert item["regions"]
            assert set(item["regions"]) <= REGIONS
            assert block["region"] in item["regions"]
            assert isinstance(item["sets"], int)
            assert item["sets"] >= 1
            # exactly one of reps and hold_seconds carries the dose
            assert (item["reps"] is None) != (item["hold_seconds"] is None), item
            dose = item["reps"] if item["reps"] is not None else item["hold_seconds"]
            assert isinstance(dose, int)
            assert dose > 0
            assert isinstance(item["per_side"], bool)
            assert isinstance(item["static"], bool)
            assert isinstance(item["seconds"], int)
            assert item["seconds"] > 0
            assert isinstance(item["level"], int)
            assert item["level"] >= 1
            seen.append(item["exercise"])
    assert len(seen) == len(set(seen)), "no exercise twice in one session"
    assert sum(item["seconds"] for item in items_of(session)) <= session["total_seconds"]


# -- today ------------------------------------------------------------------------------


def test_today_json_has_the_documented_shape(cli):
    result = cli("today", "--date", TUESDAY, "--json")
    assert result.code == 0, result.err
    assert result.err == ""
    session = result.json()
    # default profile: 10 minutes, no runs, so a Tuesday is a daily session
    check_session(session, date=TUESDAY, kind="daily", minutes=10)


@pytest.mark.parametrize(
    ("args", "kind", "minutes"),
    [
        (["--kind", "recovery", "--minutes", "7"], "recovery", 7),
        (["--kind", "PRIMER", "--minutes", "6"], "primer", 6),
        (["--focus", "hamstrings,calves", "--minutes", "12"], "focus", 12),
        (["--minutes", "120", "--equipment", "roller,ball,box,band,wall"], "daily", 120),
    ],
)
def test_today_options_override_the_profile(cli, args, kind, minutes):
    result = cli("today", "--date", TUESDAY, *args, "--json")
    assert result.code == 0, result.err
    check_session(result.json(), date=TUESDAY, kind=kind, minutes=minutes)


def test_today_focus_works_the_named_regions(cli):
    session = cli("today", "--date", TUESDAY, "--focus", "hamstrings,calves", "--minutes", "12", "--json").json()
    assert [block["region"] for block in session["blocks"]] == ["hamstrings", "calves"]


def test_today_is_deterministic(cli):
    args = ("today", "--date", TUESDAY, "--minutes", "15", "--equipment", "roller,box", "--json")
    first, second = cli(*args), cli(*args)
    assert first.code == second.code == 0
    # the first call creates the database (full path), the second reads it (quick path)
    assert first.out == second.out
    assert cli(*args[:-1]).out == cli(*args[:-1]).out  # and the text view too


def test_today_same_answer_from_quick_and_full_database_paths(seeded):
    """The SQLite quick read path and the SQLAlchemy path see the same history and give the same routine."""
    data = Path(seeded.env["SUPPLE_DATA_DIR"])
    quick = seeded("today", "--date", "2026-11-25", "--json")
    full = seeded(
        "today",
        "--date",
        "2026-11-25",
        "--json",
        env={"SUPPLE_DATABASE_URL": f"sqlite+pysqlite:///{data}/supple.sqlite"},
    )
    assert quick.code == full.code == 0, (quick.err, full.err)
    assert quick.out == full.out


def test_today_text_output_names_the_exercises(cli):
    session = cli("today", "--date", TUESDAY, "--json").json()
    text = cli("today", "--date", TUESDAY)
    assert text.code == 0, text.err
    assert "Tuesday 24 November 2026" in text.out
    for item in items_of(session):
        assert item["name"] in text.out


# -- plan -------------------------------------------------------------------------------


def test_plan_json_has_the_documented_shape(cli):
    result = cli("plan", "--start", MONDAY, "--json")
    assert result.code == 0, result.err
    plan = result.json()
    assert {"start", "days", "coverage", "unmet"} <= set(plan)
    assert set(plan) <= {"start", "days", "coverage", "unmet", "unmet_strength", "meets_targets", "notes", "stop"}
    assert plan["start"] == MONDAY
    start = dt.date.fromisoformat(MONDAY)
    assert [day["date"] for day in plan["days"]] == [str(start + dt.timedelta(days=n)) for n in range(7)]
    for day in plan["days"]:
        assert set(day) == {"date", "runs", "planned_runs", "done_runs", "sessions", "notes"}
        assert day["runs"] == []  # the default profile has no runs
        assert len(day["sessions"]) >= 1
        for session in day["sessions"]:
            assert session.pop("at") is None  # no run, no start time
            assert session.pop("after_run") is False
            check_session(session, date=day["date"], kind="daily", minutes=10)
    assert plan["coverage"]
    for region, cover in plan["coverage"].items():
        assert region in REGIONS
        assert set(cover) == {"minutes", "days", "strength_days", "priority", "range_met", "strength_met"}
        assert cover["range_met"] == (region not in plan["unmet"])
        assert cover["strength_met"] == (region not in plan["unmet_strength"])
        assert isinstance(cover["minutes"], int | float)
        assert cover["minutes"] >= 0
        assert isinstance(cover["days"], int)
        assert 0 <= cover["days"] <= 7
    assert isinstance(plan["unmet"], list)
    assert set(plan["unmet"]) <= set(plan["coverage"])
    assert plan["meets_targets"] == (not plan["unmet"] and not plan["unmet_strength"])


def test_plan_coverage_adds_up_the_days(cli):
    """Coverage days of a region = the days whose sessions give it work in range (a mould item)."""
    plan = cli("plan", "--start", MONDAY, "--json").json()
    for region, cover in plan["coverage"].items():
        days = sum(
            any(
                block["region"] == region and any(i["role"] == "mould" for i in block["items"])
                for session in day["sessions"]
                for block in session["blocks"]
            )
            for day in plan["days"]
        )
        assert cover["days"] == days, region


def test_plan_is_deterministic(cli):
    assert cli("plan", "--start", MONDAY, "--json").out == cli("plan", "--start", MONDAY, "--json").out


# -- exercises and explain ----------------------------------------------------------------


def test_exercises_json_lists_every_catalogue_file_with_all_fields(cli):
    result = cli("exercises", "--json")
    assert result.code == 0, result.err
    listed = {entry["slug"]: entry for entry in result.json()}
    files = {path.stem: path for path in EXERCISE_DIR.glob("*.toml")}
    assert len(files) > 20
    assert set(listed) == set(files)
    for slug, entry in listed.items():
        assert set(entry) == EXERCISE_KEYS, slug
        raw = tomllib.loads(files[slug].read_text(encoding="utf-8"))
        for key in ("slug", "name", "role", "static", "primer", "why", "author", "licence"):
            expected = raw[key].strip() if isinstance(raw[key], str) else raw[key]
            assert entry[key] == expected, (slug, key)
        assert entry["regions"] == raw["regions"]
        assert entry["equipment"] == sorted(raw["equipment"])
        assert entry["rationale"] == " ".join(raw["rationale"].split())
        assert entry["cautions"] == raw.get("cautions", [])
        assert entry["involves"] == sorted(raw["involves"])
        for left_out in entry["left_out_for"]:
            assert set(left_out["positions"]) <= set(raw["involves"]), (slug, left_out)
        assert entry["cues"] == {k: raw["cues"][k] for k in ("setup", "movement", "avoid")}
        assert entry["sources"] == [{"cite": s["cite"], "about": s["about"]} for s in raw["sources"]]
        assert [rung["level"] for rung in entry["ladder"]] == [rung["level"] for rung in raw.get("ladder", [])]
        assert [rung["label"] for rung in entry["ladder"]] == [rung["label"] for rung in raw.get("ladder", [])]
        dose = entry["dose"]
        assert set(dose) == {"sets", "reps", "hold_seconds", "per_side", "seconds_per_rep"}
        for key in ("sets", "reps", "hold_seconds", "per_side"):
            assert dose[key] == raw["dose"].get(key), (slug, key)


def test_exercises_filters(cli, bad_input):
    every = cli("exercises", "--json").json()
    glutes = cli("exercises", "--region", "glutes", "--role", "strengthen", "--json").json()
    assert glutes
    assert [e["slug"] for e in glutes] == [
        e["slug"] for e in every if "glutes" in e["regions"] and e["role"] == "strengthen"
    ]
    bad_input(cli("exercises", "--role", "stretch"), "'stretch'")
    bad_input(cli("exercises", "--region", "it-band"), "'it-band'")


def test_explain_json_matches_the_catalogue_listing(cli):
    slug = "elevated-hamstring-stretch"
    listed = {e["slug"]: e for e in cli("exercises", "--json").json()}
    result = cli("explain", slug, "--json")
    assert result.code == 0, result.err
    assert result.json() == listed[slug]


def test_explain_text_shows_cues_and_sources(cli):
    entry = cli("explain", "clamshell", "--json").json()
    result = cli("explain", "clamshell")
    assert result.code == 0, result.err
    assert entry["name"] in result.out
    for line in entry["cues"]["setup"] + [s["cite"] for s in entry["sources"]] + [r["label"] for r in entry["ladder"]]:
        assert line in result.out


# -- init ---------------------------------------------------------------------------------

INIT = ("init", "--run-days", "mon,wed,sat", "--run-time", "07:00", "--minutes", "10", "--equipment", "roller,box")


def test_init_sets_the_profile_without_prompts(cli):
    result = cli(*INIT, "--json", input="")
    assert result.code == 0, result.err
    profile = result.json()
    assert profile["run_times"] == {"mon": "07:00", "wed": "07:00", "sat": "07:00"}
    assert profile["minutes"] == 10
    assert profile["equipment"] == ["box", "roller"]
    # read back: init with no options keeps (and prints) what is stored
    again = cli("init", "--json", input="")
    assert again.code == 0, again.err
    assert again.json() == profile


def test_init_decides_the_kind_of_today(cli):
    assert cli(*INIT, input="").code == 0
    monday = cli("today", "--date", MONDAY, "--json").json()
    tuesday = cli("today", "--date", TUESDAY, "--json").json()
    check_session(monday, date=MONDAY, kind="primer")
    check_session(tuesday, date=TUESDAY, kind="daily", minutes=10)
    assert monday["minutes"] <= 10
    # the stored equipment is used: nothing needing a ball, band or wall
    kit = {e["slug"]: set(e["equipment"]) for e in cli("exercises", "--json").json()}
    for item in items_of(monday) + items_of(tuesday):
        assert kit[item["exercise"]] <= {"roller", "box"}, item["exercise"]


def test_init_puts_primers_before_the_runs_in_the_plan(cli):
    assert cli(*INIT, input="").code == 0
    plan = cli("plan", "--start", MONDAY, "--json").json()
    weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    for day in plan["days"]:
        weekday = weekdays[dt.date.fromisoformat(day["date"]).weekday()]
        if weekday in ("mon", "wed", "sat"):
            assert day["runs"] == ["07:00"], day["date"]
            primers = [s for s in day["sessions"] if s["kind"] == "primer"]
            assert primers, day["date"]
            for session in primers:
                assert session["at"] is not None
                start = dt.datetime.strptime(session["at"], "%H:%M")
                assert start < dt.datetime.strptime("07:00", "%H:%M")
                # and it ends by the run
                assert start + dt.timedelta(seconds=session["total_seconds"]) <= dt.datetime.strptime("07:00", "%H:%M")
        else:
            assert day["runs"] == [], day["date"]
            assert [s["kind"] for s in day["sessions"]] == ["daily"]
            assert all(s["at"] is None for s in day["sessions"])


def test_init_with_bad_minutes_keeps_the_stored_profile(cli, bad_input):
    stored = cli(*INIT, "--json", input="").json()
    for minutes in ("0", "-1", "121"):
        args = list(INIT)
        args[args.index("--minutes") + 1] = minutes
        bad_input(cli(*args, input=""), "minutes", minutes)
    bad_input(cli("init", "--minutes", "0", input=""), "minutes", "0")
    assert cli("init", "--json", input="").json() == stored


# -- log and history ------------------------------------------------------------------------


def test_history_is_empty_at_first(cli, history):
    assert history() == []
    text = cli("history")
    assert text.code == 0
    assert "No sessions logged yet" in text.out


def test_log_then_history_round_trip(cli, history, tmp_path):
    session = cli("today", "--date", TUESDAY, "--json").json()
    answers = []
    for n, item in enumerate(items_of(session)):
        result = {"done": n != 1, "level": 1, "hold_seconds": item["hold_seconds"], "control": 1 + n % 5}
        result["discomfort"] = None if n == 0 else n % 11
        item["result"] = result
        answers.append((item["exercise"], result))
    path = tmp_path / "session.json"
    path.write_text(json.dumps(session), encoding="utf-8")
    logged = cli("log", "--file", str(path), "--json")
    assert logged.code == 0, logged.err
    assert logged.json()["items"] == len(answers)

    found = history()
    assert len(found) == 1
    entry = found[0]
    assert entry["id"] == logged.json()["id"]
    assert (entry["date"], entry["kind"], entry["minutes"]) == (TUESDAY, session["kind"], session["minutes"])
    assert entry["total_seconds"] == session["total_seconds"]
    assert entry["logged_at"]
    assert [b["region"] for b in entry["blocks"]] == [b["region"] for b in session["blocks"]]
    got = [(i["exercise"], i["result"]) for i in items_of(entry)]
    assert got == answers
    # the items keep their whole `today` shape next to the result
    for original, stored in zip(items_of(session), items_of(entry), strict=True):
        assert {k: stored[k] for k in ITEM_KEYS} == {k: original[k] for k in ITEM_KEYS}


def test_log_from_stdin_and_history_newest_first(cli, history):
    for day in ("2026-11-20", "2026-11-22", "2026-11-21"):
        session = cli("today", "--date", day, "--json").out
        result = cli("log", "--file", "-", input=session)
        assert result.code == 0, result.err
        assert f"on {day}" in result.out
    found = history()
    assert [s["date"] for s in found] == ["2026-11-22", "2026-11-21", "2026-11-20"]
    # items logged without a result have a null result
    assert all(i["result"] is None for s in found for i in items_of(s))
    window = cli("history", "--from", "2026-11-21", "--to", "2026-11-21", "--json").json()
    assert [s["date"] for s in window] == ["2026-11-21"]
    assert [s["date"] for s in cli("history", "--limit", "1", "--json").json()] == ["2026-11-22"]


def test_log_accepts_a_history_entry(seeded, history):
    """What `history --json` prints can be logged again (same items, same results)."""
    [entry] = history()
    again = seeded("log", "--file", "-", input=json.dumps(entry))
    assert again.code == 0, again.err
    newest, oldest = history()
    assert newest["id"] != oldest["id"]
    assert newest["blocks"] == oldest["blocks"]


# -- go --no-timer ----------------------------------------------------------------------------


def test_go_no_timer_records_the_answers(cli, history):
    planned = cli("today", "--minutes", "5", "--date", TUESDAY, "--json").json()
    count = len(items_of(planned))
    assert count >= 2
    # item 1: control 4, discomfort 2; item 2: both blank; the rest: 5 and 0
    lines = ["4", "2", "", ""] + ["5", "0"] * (count - 2)
    result = cli("go", "--no-timer", "--minutes", "5", "--date", TUESDAY, input="\n".join(lines) + "\n")
    assert result.code == 0, result.err
    assert f"{count}/{count} items done" in result.out
    [entry] = history()
    assert entry["date"] == TUESDAY
    assert [i["exercise"] for i in items_of(entry)] == [i["exercise"] for i in items_of(planned)]
    results = [i["result"] for i in items_of(entry)]
    assert all(r["done"] is True for r in results)
    assert [(r["control"], r["discomfort"]) for r in results] == [(4, 2), (None, None)] + [(5, 0)] * (count - 2)
    assert [r["level"] for r in results] == [i["level"] for i in items_of(planned)]
    assert [r["hold_seconds"] for r in results] == [i["hold_seconds"] for i in items_of(planned)]


def test_go_no_timer_end_of_input_leaves_answers_blank(cli, history):
    result = cli("go", "--no-timer", "--minutes", "3", "--date", TUESDAY, input="3\n")
    assert result.code == 0, result.err
    [entry] = history()
    results = [i["result"] for i in items_of(entry)]
    assert (results[0]["control"], results[0]["discomfort"]) == (3, None)
    assert all((r["done"], r["control"], r["discomfort"]) == (True, None, None) for r in results[1:])


def test_go_json_prints_only_the_logged_session(cli, history):
    result = cli("go", "--no-timer", "--minutes", "3", "--date", TUESDAY, "--json", input="4\n2\n")
    assert result.code == 0, result.err
    printed = result.json()  # stdout is one JSON object, the guided text goes to stderr
    assert "Control" in result.err
    [entry] = history()
    assert printed["id"] == entry["id"]
    assert printed["blocks"] == entry["blocks"]
    assert items_of(printed)[0]["result"]["control"] == 4


@pytest.mark.parametrize(("answers", "names"), [("6\n", ("control", "'6'")), ("4\n11\n", ("discomfort", "'11'"))])
def test_go_bad_answer_exits_2_and_logs_nothing(cli, history, answers, names):
    result = cli("go", "--no-timer", "--minutes", "3", "--date", TUESDAY, input=answers)
    assert result.code == 2, (result.out, result.err)
    message = result.err.strip()
    assert "\n" not in message, message
    assert message.startswith("supple: error:"), message
    for name in names:
        assert name in message.lower()
    assert history() == []


# -- text views and failures that are not bad input ---------------------------------------------


def test_text_views_of_plan_and_history(cli):
    plan = cli("plan", "--start", MONDAY)
    assert plan.code == 0, plan.err
    for day in ("Mon 23 Nov", "Tue 24 Nov", "Sun 29 Nov"):
        assert day in plan.out
    assert "Targets per priority region" in plan.out
    assert "strength on 2 days" in plan.out
    assert "This week meets both targets." in plan.out, "the default profile (10 min a day) meets both"
    assert cli("go", "--no-timer", "--minutes", "3", "--date", TUESDAY, input="4\n2\n4\n2\n").code == 0
    history = cli("history")
    assert history.code == 0, history.err
    assert re.search(r"2026-11-24\s+daily\s+.*2/2 done · control 4\.0/5", history.out), history.out


def test_a_file_that_is_not_a_database_gives_a_clean_error_and_is_left_alone(cli):
    data = Path(cli.env["SUPPLE_DATA_DIR"])
    data.mkdir()
    junk = b"these are my notes, not a database\n" * 20
    (data / "supple.sqlite").write_bytes(junk)
    for args in (["today", "--date", TUESDAY, "--json"], ["history", "--json"]):
        result = cli(*args)
        assert result.code == 2, result
        assert result.out == ""
        assert result.err.startswith("supple: error:")
        assert "file is not a database" in result.err
        assert len(result.err.strip().splitlines()) == 1
        assert "Traceback" not in result.err
    assert (data / "supple.sqlite").read_bytes() == junk
