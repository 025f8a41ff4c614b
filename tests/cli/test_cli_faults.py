"""Inputs that used to lose data or end with the wrong exit code (issue #10, "Nothing lost").

Each runs the real `supple` in a subprocess: output files never replace the database or a
file of another kind, a database that keeps nothing is refused, and huge numbers, unknown
drivers, non-UTF-8 names and over-long file names are bad input (exit 2, one line).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

DATABASE_FILE = "supple.sqlite"
SVG_COMMANDS = {
    "explain": ["explain", "roll-glutes"],
    "assess show": ["assess", "show", "knee-to-wall"],
}


def _database(seeded: Any) -> Path:
    return Path(seeded.env["SUPPLE_DATA_DIR"]) / DATABASE_FILE


def _entries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- output files never replace the database ---------------------------------------------------


@pytest.mark.parametrize("command", SVG_COMMANDS.values(), ids=SVG_COMMANDS.keys())
@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize("sidecar", ["", "-wal", "-shm"])
def test_an_svg_is_never_written_over_the_database(
    seeded: Any, seed: Any, bad_input: Any, command: list[str], force: bool, sidecar: str
) -> None:
    database = _database(seeded)
    target = database.with_name(database.name + sidecar)
    before = database.read_bytes()
    result = seeded(*command, "--svg", str(target), *(["--force"] if force else []))
    bad_input(result, "--svg", repr(str(target)), "database")
    assert database.read_bytes() == before
    assert not target.exists() or not target.read_bytes().startswith(b"<svg"), "the picture went into a sidecar"
    assert seeded("history", "--json").out == seed.history


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--out"],
        ["backup", "--out"],
        ["report", "--out"],
        ["handout", "--out"],
        ["explain", "roll-glutes", "--svg"],
    ],
    ids=lambda args: args[0],
)
def test_every_output_refuses_the_database_also_through_a_link_and_with_force(
    seeded: Any, bad_input: Any, args: list[str]
) -> None:
    database = _database(seeded)
    before = database.read_bytes()
    link = Path(seeded.cwd) / "looks-harmless.pdf"
    link.symlink_to(database)
    for target in (database, link):
        bad_input(seeded(*args, str(target), "--force"), repr(str(target)), "database")
    assert database.read_bytes() == before
    assert link.is_symlink()


def test_a_relative_database_url_is_protected_too(cli: Any, bad_input: Any) -> None:
    env = {"SUPPLE_DATABASE_URL": "sqlite:///own.sqlite"}
    assert cli("init", "--minutes", "10", "--equipment", "none", env=env).code == 0
    database = Path(cli.cwd) / "own.sqlite"
    before = database.read_bytes()
    bad_input(cli("explain", "roll-glutes", "--svg", "own.sqlite", env=env), "'own.sqlite'", "database")
    driver = {"SUPPLE_DATABASE_URL": f"sqlite+pysqlite:///{database}"}
    bad_input(cli("explain", "roll-glutes", "--svg", str(database), env=driver), "database")
    bad_input(cli("progress", "--svg", ".", env=env | {"SUPPLE_DATABASE_URL": "sqlite:///weekly.svg"}), "database")
    assert database.read_bytes() == before


# -- a file of another kind is replaced only with --force ---------------------------------------


KEPT = b"my notes, not a picture\n"


@pytest.mark.parametrize(
    ("args", "name", "kind"),
    [
        (["explain", "roll-glutes", "--svg"], "picture.svg", "an SVG picture"),
        (["assess", "show", "knee-to-wall", "--svg"], "picture.svg", "an SVG picture"),
        (["export", "--out"], "data.zip", "a zip"),
        (["backup", "--out"], "copy.sqlite", "a SQLite database"),
        (["report", "--out"], "report.pdf", "a PDF"),
        (["handout", "--out"], "routine.html", "an HTML page"),
    ],
    ids=lambda value: value[0] if isinstance(value, list) else None,
)
def test_a_file_of_another_kind_is_left_alone_unless_forced(
    seeded: Any, bad_input: Any, args: list[str], name: str, kind: str
) -> None:
    target = Path(seeded.cwd) / name
    target.write_bytes(KEPT)
    bad_input(seeded(*args, str(target)), repr(str(target)), f"is not {kind}", "--force")
    assert target.read_bytes() == KEPT
    assert _entries(Path(seeded.cwd)) == sorted(["data", name]), "a partial file was left behind"
    forced = seeded(*args, str(target), "--force")
    assert forced.code == 0, forced.err
    assert target.read_bytes() != KEPT
    # now it is of the kind written, so writing again replaces it without --force
    again = seeded(*args, str(target))
    assert again.code == 0, again.err
    assert _entries(Path(seeded.cwd)) == sorted(["data", name])


def test_an_svg_replaces_an_svg_and_an_empty_file(seeded: Any) -> None:
    svg = Path(seeded.cwd) / "old.svg"
    svg.write_text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>\n')
    empty = Path(seeded.cwd) / "empty.svg"
    empty.touch()
    for target in (svg, empty):
        done = seeded("explain", "roll-glutes", "--svg", str(target))
        assert done.code == 0, done.err
        assert "Wrote the picture" in done.out
        assert target.read_text().lstrip().startswith("<svg")


def test_progress_charts_leave_a_file_of_another_kind_alone(seeded: Any, bad_input: Any) -> None:
    folder = Path(seeded.cwd) / "charts"
    folder.mkdir()
    (folder / "weekly.svg").write_bytes(KEPT)
    bad_input(seeded("progress", "--svg", str(folder)), "weekly.svg", "is not an SVG picture", "--force")
    assert _entries(folder) == ["weekly.svg"], "nothing is written when one chart's file is refused"
    assert (folder / "weekly.svg").read_bytes() == KEPT
    forced = seeded("progress", "--svg", str(folder), "--force")
    assert forced.code == 0, forced.err
    assert (folder / "weekly.svg").read_text().startswith("<svg")
    assert not [p for p in folder.iterdir() if p.name.startswith(".")], "a partial file was left behind"


# -- a database that keeps nothing ---------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["sqlite:///", "sqlite://", "sqlite:///:memory:", "sqlite:///file:x?mode=memory&uri=true"]
)
@pytest.mark.parametrize(
    "args",
    [
        ["init", "--minutes", "10", "--equipment", "none"],
        ["log", "--file", "-"],
        ["history", "--json"],
        ["explain", "roll-glutes"],
    ],
    ids=lambda args: args[0],
)
def test_an_in_memory_database_is_refused(cli: Any, seed: Any, bad_input: Any, url: str, args: list[str]) -> None:
    result = cli(*args, env={"SUPPLE_DATABASE_URL": url}, input=seed.today)
    bad_input(result, "SUPPLE_DATABASE_URL", "keeps what is saved")
    assert "Saved" not in result.out
    assert not Path(cli.env["SUPPLE_DATA_DIR"]).exists(), "no fall-back to the local SQLite file"


# -- wrong exit codes ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["mysql://x/y", "postgresql+psycopg2://someone:secret@127.0.0.1/db"])
def test_an_unknown_database_driver_is_bad_input_without_the_password(cli: Any, bad_input: Any, url: str) -> None:
    result = cli("history", "--json", env={"SUPPLE_DATABASE_URL": url})
    bad_input(result, "SUPPLE_DATABASE_URL", "is not supported", "sqlite:///", "postgresql+psycopg://")
    assert "secret" not in result.err


@pytest.mark.parametrize("value", ["99999999999999999999999", "0", "9" * 5000])
def test_a_huge_history_limit_is_bad_input(seeded: Any, bad_input: Any, value: str) -> None:
    result = seeded("history", "--limit", value)
    if len(value) > 4000:  # beyond what Python turns into a number: the parser's own usage error
        assert result.code == 2, result
        assert "--limit" in result.err
        return
    bad_input(result, "--limit", "from 1 to 1000000")


def test_a_huge_token_id_is_bad_input(cli: Any, bad_input: Any) -> None:
    bad_input(cli("tokens", "revoke", "99999999999999999999999"), "ID", "whole number")


@pytest.mark.parametrize("digits", [19, 30, 5000])
@pytest.mark.parametrize("field", ["minutes", "total_seconds", "level", "hold_seconds"])
def test_a_huge_number_in_a_log_is_bad_input_and_writes_nothing(
    seeded: Any, seed: Any, bad_input: Any, tmp_path: Path, digits: int, field: str
) -> None:
    logged = seed.today
    pattern = rf'"{field}": \d+'
    assert re.search(pattern, logged), field
    path = tmp_path / "big.json"
    path.write_text(re.sub(pattern, f'"{field}": {"9" * digits}', logged, count=1), encoding="utf-8")
    bad_input(seeded("log", "--file", str(path)), "big.json", f"({digits} digits)", "at most 18 digits")
    assert seeded("history", "--json").out == seed.history


def _run_bytes(cli: Any, args: list[str], extra: dict[bytes, bytes]) -> subprocess.CompletedProcess[bytes]:
    env = {os.fsencode(k): os.fsencode(v) for k, v in cli.env.items()} | extra
    return subprocess.run(
        [sys.executable, "-m", "supple", *args], env=env, cwd=cli.cwd, capture_output=True, timeout=120
    )


@pytest.mark.parametrize("variable", [b"SUPPLE_ATHLETE", b"SUPPLE_DATA_DIR"])
def test_an_environment_value_that_is_not_utf8_is_bad_input(cli: Any, variable: bytes) -> None:
    done = _run_bytes(cli, ["today", "--json"], {variable: b"sam\xff\xfe"})
    message = done.stderr.decode()
    assert done.returncode == 2, message
    assert done.stdout == b""
    assert message.count("\n") == 1, message
    assert variable.decode() in message, message
    assert "UTF-8" in message, message
    assert "\\xff\\xfe" in message, message


def test_an_athlete_option_that_is_not_utf8_is_bad_input(cli: Any) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "supple", "export", "--out", "x.zip", "--athlete", os.fsdecode(b"sam\xff")],
        env=cli.env,
        cwd=cli.cwd,
        capture_output=True,
        timeout=120,
    )
    message = done.stderr.decode()
    assert done.returncode == 2, message
    assert message.startswith("supple: error: --athlete:"), message
    assert "UTF-8" in message, message
    assert not (Path(cli.cwd) / "x.zip").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["explain", "roll-glutes", "--svg"],
        ["assess", "show", "knee-to-wall", "--svg"],
        ["export", "--out"],
        ["backup", "--out"],
        ["report", "--out"],
    ],
    ids=lambda args: args[0],
)
def test_an_over_long_file_name_is_bad_input(seeded: Any, bad_input: Any, args: list[str]) -> None:
    name = "x" * 300 + ".pdf"
    bad_input(seeded(*args, name), "is 304 bytes long", "at most 255 bytes")
    assert _entries(Path(seeded.cwd)) == ["data"]


def test_a_socket_path_is_never_the_database_or_another_file(seeded: Any, bad_input: Any) -> None:
    database = _database(seeded)
    before = database.read_bytes()
    bad_input(seeded("serve", "--uds", str(database)), "--uds", "database")
    notes = Path(seeded.cwd) / "notes.txt"
    notes.write_bytes(KEPT)
    bad_input(seeded("serve", "--uds", str(notes)), "--uds", "is not a socket")
    assert notes.read_bytes() == KEPT
    assert database.read_bytes() == before
