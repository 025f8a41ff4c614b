"""Your data is yours: export, import into an empty athlete, delete, back up (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import json
import sqlite3
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest

from supple.config import Settings
from supple.core.errors import InvalidInput, NotAllowed
from supple.core.vocabulary import MAX_ITEMS
from supple.services import data
from tests.athlete_fill import fill
from tests.contexts import ctx_for


def _settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url_override=database_url)


def _members(blob: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


def _zip(members: dict[str, str | bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return out.getvalue()


def _without_moment(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k not in ("exported_at", "athlete")}


def test_export_import_export_gives_the_same_data(database_url: str, tmp_path: Path) -> None:
    settings = _settings(database_url, tmp_path)
    fill(settings, "amy")
    first = data.export_zip(ctx_for(settings, "amy"))
    files = _members(first)
    assert {"README.txt", "supple-export.json", "sessions.csv", "session_items.csv", "profiles.csv"} <= set(files)
    document = json.loads(files["supple-export.json"])
    assert (document["format"], document["version"], document["athlete"]) == ("supple-export", 1, "amy")
    assert set(document["tables"]) == {name.removesuffix(".csv") for name in files if name.endswith(".csv")}
    header, *rows = files["sessions.csv"].splitlines()
    assert header.startswith("id,date,kind,")
    assert len(rows) == len(document["tables"]["sessions"]) == 5
    assert 'Zoë Ünïcode, ""Z""' in files["profiles.csv"]  # UTF-8, quoted as CSV quotes
    assert "supple import-export" in files["README.txt"]

    restored = data.import_zip(ctx_for(settings, "cat"), first)
    assert restored == {table: len(rows) for table, rows in document["tables"].items()}
    again = _members(data.export_zip(ctx_for(settings, "cat")))
    assert _without_moment(json.loads(again["supple-export.json"])) == _without_moment(document)
    assert {n: t for n, t in again.items() if n.endswith(".csv")} == {
        n: t for n, t in files.items() if n.endswith(".csv")
    }
    # What the runner sees is the same too (sessions have new ids; everything else matches).
    from supple.services import levels, logbook, redflags

    def seen(athlete: str) -> Any:
        c = ctx_for(settings, athlete)
        return (
            [(s.date, s.kind, s.items) for s in logbook.history(c)],
            [(h.exercise, h.date, h.level, h.decision, h.reason, h.cause) for h in levels.history(c)],
            [(e.exercise, e.decision) for e in levels.decisions(c)],
            redflags.history(c),
            sorted(c.data.followups().values()),
            c.data.results(),
            c.data.soreness(),
            c.data.get_profile(),
        )

    assert seen("cat") == seen("amy")


def test_import_into_an_athlete_with_data_is_refused_and_writes_nothing(database_url: str, tmp_path: Path) -> None:
    settings = _settings(database_url, tmp_path)
    fill(settings, "amy")
    exported = data.export_zip(ctx_for(settings, "amy"))
    before = ctx_for(settings, "amy").data.dump()
    with pytest.raises(InvalidInput, match="an athlete with no data yet"):
        data.import_zip(ctx_for(settings, "amy"), exported)
    assert ctx_for(settings, "amy").data.dump() == before


def _changed(blob: bytes, change: Any) -> bytes:
    files: dict[str, str | bytes] = dict(_members(blob))
    document = json.loads(files["supple-export.json"])
    change(document)
    files["supple-export.json"] = json.dumps(document)
    return _zip(files)


def _huge_declared_size(blob: bytes) -> bytes:
    """The zip with its JSON member's declared unpacked size set to 3 GB (a bomb's header), in both headers."""
    raw = bytearray(blob)
    name = b"supple-export.json"
    at = 0
    while (at := raw.find(b"PK\x03\x04", at)) != -1:
        if raw[at + 30 : at + 30 + len(name)] == name:
            struct.pack_into("<I", raw, at + 22, 3 * 2**30)
        at += 4
    at = 0
    while (at := raw.find(b"PK\x01\x02", at)) != -1:
        if raw[at + 46 : at + 46 + len(name)] == name:
            struct.pack_into("<I", raw, at + 24, 3 * 2**30)
        at += 4
    return bytes(raw)


def _bad_zips(good: bytes) -> list[tuple[str, bytes, str]]:
    def set_version(d: dict[str, Any]) -> None:
        d["version"] = 2

    def bad_date(d: dict[str, Any]) -> None:
        d["tables"]["sessions"][1]["date"] = "2026-02-30"

    def other_format(d: dict[str, Any]) -> None:
        d["format"] = "someone-else"

    def unknown_table(d: dict[str, Any]) -> None:
        d["tables"]["passwords"] = []

    def huge_session(d: dict[str, Any]) -> None:
        rows = d["tables"]["session_items"]
        first = rows[0]
        rows += [first | {"id": 10_000 + n, "position": 1_000 + n} for n in range(MAX_ITEMS)]

    return [
        ("not a zip", b"these are not the bytes of a zip", "not a zip"),
        ("truncated", good[: len(good) // 2], "not a zip"),
        ("wrong version", _changed(good, set_version), "version: 2 is not valid; expected 1"),
        ("other format", _changed(good, other_format), "format: 'someone-else'"),
        ("bomb", _zip({"supple-export.json": b"\0" * (data.MAX_UNPACKED + 1)}), "MB unpacked"),
        ("declared huge", _huge_declared_size(good), "MB unpacked"),
        ("csv only", _zip({"sessions.csv": "id,date\n1,2026-11-24\n"}), "no supple-export.json"),
        ("bad date", _changed(good, bad_date), "table sessions, row 2, field date: '2026-02-30' is not valid"),
        ("unknown table", _changed(good, unknown_table), "table: 'passwords' is not valid"),
        ("huge session", _changed(good, huge_session), f"items' is not valid; expected at most {MAX_ITEMS} items"),
        ("not json", _zip({"supple-export.json": "{'a': 1"}), "supple-export.json: 'line 1 column 2'"),
    ]


def test_bad_zips_are_refused_with_a_clear_message_and_nothing_written(database_url: str, tmp_path: Path) -> None:
    settings = _settings(database_url, tmp_path)
    fill(settings, "amy")
    good = data.export_zip(ctx_for(settings, "amy"))
    for label, blob, words in _bad_zips(good):
        with pytest.raises(InvalidInput) as refused:
            data.import_zip(ctx_for(settings, "cat"), blob)
        assert words in str(refused.value), (label, str(refused.value))
        assert "\n" not in str(refused.value)
        assert ctx_for(settings, "cat").data.dump() == {t: [] for t in ctx_for(settings, "cat").data.dump()}, label
    assert data.import_zip(ctx_for(settings, "cat"), good)["sessions"] == 5


def test_delete_removes_every_row_of_the_athlete_table_by_table(database_url: str, tmp_path: Path) -> None:
    settings = _settings(database_url, tmp_path)
    fill(settings, "amy")
    fill(settings, "bob")
    bob = ctx_for(settings, "bob").data.dump()
    amy = ctx_for(settings, "amy").data.dump()
    with pytest.raises(NotAllowed):
        data.delete_athlete(ctx_for(settings, "amy", writable=False))
    deleted = data.delete_athlete(ctx_for(settings, "amy"))
    assert deleted.pop("exercise_levels") > 0, "the level state (not exported) goes too"
    assert deleted.pop("jobs") == 1, "the jobs (not exported) go too"
    assert deleted.pop("job_files") == 0, "a finished job keeps no file"
    assert deleted == {table: len(rows) for table, rows in amy.items()}
    left = ctx_for(settings, "amy").data.dump()
    for table, rows in left.items():
        assert rows == [], table
    assert ctx_for(settings, "bob").data.dump() == bob


def _rows(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def test_backup_on_sqlite_is_a_whole_copy_even_while_another_connection_writes(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    fill(settings, "amy")
    assert settings.sqlite_path is not None
    before = _rows(settings.sqlite_path)
    writer = sqlite3.connect(settings.sqlite_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE athletes SET name = 'mid-write'")
    writer.execute("DELETE FROM soreness")
    out = data.backup(settings.database_url, tmp_path / "copy.sqlite")  # the writer holds its lock meanwhile
    writer.execute("COMMIT")
    writer.close()
    assert out == tmp_path / "copy.sqlite"
    assert _rows(out) == before
    with sqlite3.connect(out) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert copy.execute("SELECT name FROM athletes").fetchone() == ("amy",)
    assert not list(tmp_path.glob(".copy.sqlite*"))
    # The copy is a database Supple opens: put it in place of a data folder and read it.
    restored = Settings(data_dir=tmp_path / "restored")
    restored.data_dir.mkdir()
    (restored.data_dir / "supple.sqlite").write_bytes(out.read_bytes())
    assert len(ctx_for(restored, "amy").data.sessions()) == 5


def test_backup_of_nothing_yet_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="an existing Supple database file"):
        data.backup(f"sqlite:///{tmp_path / 'none.sqlite'}", tmp_path / "copy.sqlite")
    assert not (tmp_path / "copy.sqlite").exists()


def test_backup_on_postgresql_names_pg_dump_and_pg_restore_without_the_password() -> None:
    with pytest.raises(InvalidInput) as refused:
        data.backup("postgresql+psycopg://coach:s3cret@db.example.org:5433/supple", Path("x.dump"))
    message = str(refused.value)
    assert "pg_dump --format=custom --file supple.dump 'postgresql://coach@db.example.org:5433/supple'" in message
    assert "pg_restore" in message
    assert "s3cret" not in message
    assert "+psycopg" not in message


WRITER = """
import sqlite3, sys, pathlib
conn = sqlite3.connect(sys.argv[1], timeout=30, isolation_level=None)
stop = pathlib.Path(sys.argv[2])
started = pathlib.Path(sys.argv[3])
while not stop.exists():
    conn.execute("BEGIN IMMEDIATE")
    for _ in range(20):
        conn.execute(
            "INSERT INTO soreness (athlete_id, date, region, value, after_run, created_at) "
            "SELECT id, '2026-11-25', 'calves', 3, 0, '2026-11-25 08:00:00' FROM athletes WHERE slug = 'amy'"
        )
    conn.execute("COMMIT")
    if not started.exists():
        started.write_text("one batch committed")
"""


def test_backups_taken_while_another_process_keeps_writing_are_whole(tmp_path: Path) -> None:
    """A writer process commits 20 rows at a time throughout; each copy is whole and holds whole batches."""
    import subprocess
    import sys
    import time

    settings = Settings(data_dir=tmp_path / "data")
    fill(settings, "amy")
    assert settings.sqlite_path is not None
    base = _rows(settings.sqlite_path)["soreness"]
    stop, started = tmp_path / "stop", tmp_path / "started"
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(settings.sqlite_path), str(stop), str(started)])
    try:
        while not started.exists():
            time.sleep(0.01)
        counts = []
        for n in range(5):
            out = data.backup(settings.database_url, tmp_path / f"copy{n}.sqlite")
            with sqlite3.connect(out) as copy:
                assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            counts.append(_rows(out)["soreness"])
    finally:
        stop.write_text("stop")
        assert writer.wait(timeout=60) == 0
    assert counts == sorted(counts), counts
    assert counts[0] > base  # the writer had committed a batch before the first copy
    assert all((count - base) % 20 == 0 for count in counts), (base, counts)
    assert _rows(settings.sqlite_path)["soreness"] >= counts[-1]
