"""`supple export`, `supple import-export` and `supple backup`, run as a person runs them."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

from tests.athlete_fill import fill

from supple.config import Settings


def _document(path: Path) -> dict[str, Any]:
    with zipfile.ZipFile(path) as archive:
        found: dict[str, Any] = json.loads(archive.read("supple-export.json"))
    return {k: v for k, v in found.items() if k not in ("exported_at", "athlete")}


def test_export_then_import_export_into_a_new_athlete_round_trips(cli: Any, database_url: str, tmp_path: Path) -> None:
    fill(Settings(data_dir=tmp_path / "data", database_url_override=database_url), "amy")
    env = {"SUPPLE_DATABASE_URL": database_url, "SUPPLE_ATHLETE": "amy"}
    exported = cli("export", "--out", "amy.zip", env=env)
    assert exported.code == 0, exported.err
    assert exported.out.startswith("Exported ")
    assert "'amy'" in exported.out
    assert not list(tmp_path.glob(".amy.zip*"))

    restored = cli("import-export", "amy.zip", "--athlete", "cat", "--json", env=env)
    assert restored.code == 0, restored.err
    shown = restored.json()
    assert shown["athlete"] == "cat"
    assert shown["restored"]["sessions"] == 5
    assert shown["restored"]["session_items"] > 20

    again = cli("export", "--out", "cat.zip", "--athlete", "cat", env=env)
    assert again.code == 0, again.err
    assert _document(tmp_path / "cat.zip") == _document(tmp_path / "amy.zip")
    history = cli("history", "--json", env=env | {"SUPPLE_ATHLETE": "cat"})
    assert len(history.json()) == 5

    text = cli("import-export", "amy.zip", "--athlete", "dan", env=env)
    assert text.code == 0, text.err
    assert "Restored into 'dan':" in text.out
    assert "  sessions: 5" in text.out

    twice = cli("import-export", "amy.zip", "--athlete", "cat", env=env)
    assert twice.code == 2
    assert "an athlete with no data yet" in twice.err


def test_export_refuses_a_folder_a_missing_folder_and_an_unknown_athlete(seeded: Any, bad_input: Any) -> None:
    folder = seeded.cwd / "exports"
    folder.mkdir()
    bad_input(seeded("export", "--out", str(folder)), "--out", "is a folder")
    bad_input(seeded("export", "--out", "missing/x.zip"), "--out", "'missing'", "does not exist")
    bad_input(seeded("export", "--out", "x.zip", "--athlete", "nobody"), "'nobody'", "nothing stored")
    assert list(folder.iterdir()) == []
    assert not (seeded.cwd / "x.zip").exists()


def test_import_export_refuses_bad_files_and_writes_nothing(seeded: Any, bad_input: Any, history: Any) -> None:
    (seeded.cwd / "not.zip").write_text("hello", encoding="utf-8")
    with zipfile.ZipFile(seeded.cwd / "csv.zip", "w") as archive:
        archive.writestr("sessions.csv", "id,date\n1,2026-11-24\n")
    assert seeded("export", "--out", "mine.zip").code == 0
    blob = (seeded.cwd / "mine.zip").read_bytes()
    (seeded.cwd / "cut.zip").write_bytes(blob[: len(blob) // 3])

    bad_input(seeded("import-export", "nothing.zip", "--athlete", "new"), "'nothing.zip'", "no such file")
    bad_input(seeded("import-export", ".", "--athlete", "new"), "is a folder")
    bad_input(seeded("import-export", "not.zip", "--athlete", "new"), "export file", "not a zip")
    bad_input(seeded("import-export", "cut.zip", "--athlete", "new"), "export file", "not a zip")
    bad_input(seeded("import-export", "csv.zip", "--athlete", "new"), "no supple-export.json")
    bad_input(seeded("import-export", "mine.zip"), "athlete", "'local'", "no data yet")
    assert history(env={"SUPPLE_ATHLETE": "new"}) == []
    assert len(history()) == 1


def test_backup_writes_a_checked_copy_and_refuses_bad_targets(seeded: Any, bad_input: Any) -> None:
    done = seeded("backup", "--out", "copy.sqlite")
    assert done.code == 0, done.err
    assert "checked whole" in done.out
    with sqlite3.connect(seeded.cwd / "copy.sqlite") as copy:
        assert copy.execute("SELECT count(*) FROM sessions").fetchone() == (1,)
    bad_input(seeded("backup", "--out", "."), "--out", "is a folder")
    bad_input(seeded("backup", "--out", "no/such/copy.sqlite"), "--out", "does not exist")
    missing = seeded("backup")  # the usage error of the command-line parser: exit 2 as well
    assert missing.code == 2
    assert "Missing option '--out'" in missing.err


def test_backup_on_postgresql_says_to_use_pg_dump(cli: Any, bad_input: Any) -> None:
    env = {"SUPPLE_DATABASE_URL": "postgresql+psycopg://runner:pw@127.0.0.1:5432/supple"}
    result = cli("backup", "--out", "copy.dump", env=env)
    bad_input(result, "pg_dump --format=custom", "pg_restore", "postgresql://runner@127.0.0.1:5432/supple")
    assert ":pw@" not in result.err
    assert not (cli.cwd / "copy.dump").exists()
