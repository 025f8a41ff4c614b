"""A user's own exercise files in SUPPLE_CATALOGUE_DIR: added when valid, refused with file and field when not."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

BUILTIN = Path(__file__).resolve().parents[2] / "src" / "supple" / "catalogue" / "exercises"
DAY = "2026-11-24"


def user_copy(folder: Path, builtin: str, slug: str, *, edit=lambda text: text) -> Path:
    """A copy of a built-in exercise under a new slug (and file name), optionally edited."""
    text = (BUILTIN / f"{builtin}.toml").read_text(encoding="utf-8")
    text, count = re.subn(rf'^slug = "{builtin}"$', f'slug = "{slug}"', text, flags=re.MULTILINE)
    assert count == 1
    folder.mkdir(exist_ok=True)
    path = folder / f"{slug}.toml"
    path.write_text(edit(text), encoding="utf-8")
    return path


def set_line(key: str, value: str | None):
    """Replace (or, with None, drop) the top-level ``key = ...`` line."""

    def edit(text: str) -> str:
        replacement = "" if value is None else f"{key} = {value}"
        changed, count = re.subn(rf"^{key} = .*$", replacement, text, count=1, flags=re.MULTILINE)
        assert count == 1
        return changed

    return edit


@pytest.fixture
def user_dir(tmp_path: Path) -> Path:
    return tmp_path / "my-exercises"


def test_a_user_exercise_is_listed_explained_and_loggable(cli, history, user_dir):
    user_copy(user_dir, "clamshell", "banded-clamshell", edit=set_line("name", '"Banded clamshell"'))
    env = {"SUPPLE_CATALOGUE_DIR": str(user_dir)}
    result = cli("exercises", "--json", env=env)
    assert result.code == 0, result.err
    listed = {e["slug"]: e for e in result.json()}
    assert len(listed) == len(list(BUILTIN.glob("*.toml"))) + 1
    mine = listed["banded-clamshell"]
    assert mine["name"] == "Banded clamshell"
    # every other field is the built-in's
    builtin = listed["clamshell"]
    assert {k: v for k, v in mine.items() if k not in ("slug", "name")} == {
        k: v for k, v in builtin.items() if k not in ("slug", "name")
    }
    explained = cli("explain", "banded-clamshell", "--json", env=env)
    assert explained.code == 0, explained.err
    assert explained.json() == mine
    # the user's exercise is a real catalogue entry: a session with it can be logged
    session = {
        "date": DAY,
        "kind": "daily",
        "minutes": 5,
        "blocks": [
            {"region": "glutes", "items": [{"exercise": "banded-clamshell", "sets": 2, "result": {"done": True}}]}
        ],
    }
    logged = cli("log", "--file", "-", input=json.dumps(session), env=env)
    assert logged.code == 0, logged.err
    [entry] = history()
    assert entry["blocks"][0]["items"][0]["name"] == "Banded clamshell"
    # without the folder the slug is unknown again
    assert cli("explain", "banded-clamshell").code == 2


def test_a_user_exercise_can_be_chosen_by_the_composer(cli, user_dir):
    """A user exercise competes with the built-ins: over a fortnight of glute sessions it shows up."""
    user_copy(user_dir, "single-leg-glute-bridge", "aaa-glute-bridge")
    env = {"SUPPLE_CATALOGUE_DIR": str(user_dir)}
    used = set()
    for day in range(16, 30, 2):
        result = cli("today", "--date", f"2026-11-{day}", "--focus", "glutes", "--minutes", "10", "--json", env=env)
        assert result.code == 0, result.err
        used.update(i["exercise"] for b in result.json()["blocks"] for i in b["items"])
    assert "aaa-glute-bridge" in used


def test_a_user_file_reusing_a_builtin_slug_is_refused(cli, bad_input, user_dir):
    user_dir.mkdir()
    path = user_dir / "clamshell.toml"
    path.write_text((BUILTIN / "clamshell.toml").read_text(encoding="utf-8"), encoding="utf-8")
    env = {"SUPPLE_CATALOGUE_DIR": str(user_dir)}
    bad_input(cli("exercises", "--json", env=env), str(path), "slug", "'clamshell'")
    bad_input(cli("today", "--date", DAY, env=env), str(path), "slug")


@pytest.mark.parametrize(
    ("edit", "field", "value"),
    [
        (set_line("role", None), "role", "missing"),
        (set_line("role", '"stretch"'), "role", "'stretch'"),
        (set_line("regions", '["it-band"]'), "regions", "'it-band'"),
        (set_line("equipment", '["rope"]'), "equipment", "'rope'"),
        (set_line("static", '"no"'), "static", "'no'"),
        (lambda text: text.replace("sets = 3", "sets = 9"), "dose.sets", "9"),
        (lambda text: text + "\nbogus_field = 1\n", "bogus_field", "unknown"),
        (lambda text: text.replace("[cues]", "[cues"), "(file)", "TOML"),
    ],
    ids=[
        "no-role",
        "role-stretch",
        "symptom-region",
        "unknown-kit",
        "static-not-bool",
        "too-many-sets",
        "extra",
        "toml",
    ],
)
def test_a_broken_user_file_names_the_file_and_the_field(cli, bad_input, user_dir, edit, field, value):
    path = user_copy(user_dir, "clamshell", "my-clamshell", edit=edit)
    env = {"SUPPLE_CATALOGUE_DIR": str(user_dir)}
    bad_input(cli("exercises", "--json", env=env), str(path), field, value)


@pytest.mark.parametrize("args", [["today", "--date", DAY, "--json"], ["plan", "--json"], ["explain", "clamshell"]])
def test_every_catalogue_command_refuses_a_broken_user_file(cli, bad_input, user_dir, args):
    path = user_copy(user_dir, "clamshell", "my-clamshell", edit=set_line("role", '"stretch"'))
    bad_input(cli(*args, env={"SUPPLE_CATALOGUE_DIR": str(user_dir)}), str(path), "role", "'stretch'")


def test_a_missing_catalogue_folder_is_bad_input(cli, bad_input, tmp_path):
    missing = tmp_path / "nowhere"
    bad_input(cli("exercises", env={"SUPPLE_CATALOGUE_DIR": str(missing)}), str(missing), "SUPPLE_CATALOGUE_DIR")


def test_a_file_whose_slug_does_not_match_its_name_is_refused(cli, bad_input, user_dir):
    path = user_copy(user_dir, "clamshell", "my-clamshell")
    path.rename(user_dir / "other-name.toml")
    bad_input(cli("exercises", env={"SUPPLE_CATALOGUE_DIR": str(user_dir)}), "other-name.toml", "slug")


@pytest.mark.parametrize(
    ("edit", "names"),
    [
        (
            set_line("involves", '["kneeling", "handstand"]'),
            ["involves", "'handstand'", "deep-hip-flexion", "kneeling"],
        ),
        (set_line("involves", '"kneeling"'), ["involves", "'kneeling'", "positions.toml"]),
        (set_line("involves", None), ["involves", "missing", "positions.toml", "side-lying"]),
        (
            lambda text: text.replace("involves = ", 'switched_off_by = ["kneecap"]\ninvolves = '),
            ["switched_off_by", "involves", "positions.toml"],
        ),
    ],
    ids=["unknown-position", "not-a-list", "missing", "old-switched-off-by"],
)
def test_a_user_file_must_declare_known_positions(cli, bad_input, user_dir, edit, names):
    path = user_copy(user_dir, "clamshell", "my-clamshell", edit=edit)
    env = {"SUPPLE_CATALOGUE_DIR": str(user_dir)}
    for args in (["exercises", "--json"], ["today", "--date", DAY], ["triage", "outer-knee", "--red-flags", "none"]):
        bad_input(cli(*args, env=env), str(path), *names)


def drop_pace(text: str) -> str:
    head, _, _ = text.partition("[pace]")
    return head


@pytest.mark.parametrize(
    ("edit", "names"),
    [
        (drop_pace, ["pace", "missing", "min_days", "rest_hours", "source", "Supple default"]),
        (lambda text: text.replace("min_days = 7", "min_days = 90"), ["pace.min_days", "90", "0 to 60"]),
        (lambda text: text.replace("min_days = 7", "min_days = 7\nmin_weeks = 1"), ["pace.min_weeks", "min_days"]),
    ],
    ids=["missing", "out-of-range", "unknown-field"],
)
def test_a_user_file_must_say_how_fast_its_ladder_is_climbed(cli, bad_input, user_dir, edit, names):
    path = user_copy(user_dir, "clamshell", "my-clamshell", edit=edit)
    bad_input(cli("exercises", "--json", env={"SUPPLE_CATALOGUE_DIR": str(user_dir)}), str(path), *names)
