"""Every row of an athlete: which tables, dump, restore into an empty athlete, delete (SQLite and PostgreSQL)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from supple.config import Settings
from supple.core.errors import InvalidInput
from supple.store import athlete_rows
from supple.store.athlete import shared_store
from supple.store.schema import athletes, metadata
from tests.athlete_fill import fill


def test_every_table_is_exported_or_declared_not_athlete_data() -> None:
    """A table added to the schema must be reached from ``athletes`` or named in NOT_ATHLETE_DATA."""
    assert athlete_rows.unclassified_tables() == []
    exported = {t.name for t in athlete_rows.athlete_tables()}
    assert exported | athlete_rows.NOT_ATHLETE_DATA | {"athletes"} == set(metadata.tables)
    assert {"sessions", "session_items", "session_followups", "level_history"} <= exported


def test_a_table_with_no_way_to_its_athlete_is_caught(monkeypatch: pytest.MonkeyPatch) -> None:
    loose = sa.Table("loose_notes", metadata, sa.Column("id", sa.Integer, primary_key=True))
    try:
        assert athlete_rows.unclassified_tables() == ["loose_notes"]
        monkeypatch.setattr(athlete_rows, "NOT_ATHLETE_DATA", athlete_rows.NOT_ATHLETE_DATA | {"loose_notes"})
        assert athlete_rows.unclassified_tables() == []
    finally:
        metadata.remove(loose)


def test_every_column_type_has_an_export_rule() -> None:
    handled = sa.DateTime | sa.Date | sa.Time | sa.Boolean | sa.Integer | sa.Float | sa.JSON | sa.String
    for table in (athletes, *athlete_rows.exported_tables()):
        for column in table.columns:
            assert isinstance(column.type, handled), f"{table.name}.{column.name}"


def _settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url_override=database_url)


def _counts(engine: sa.Engine, slug: str) -> dict[str, int]:
    """Rows per table that belong to ``slug``, counted with plain SQL through the athlete_id columns."""
    out = {}
    with engine.connect() as conn:
        owner = conn.execute(sa.select(athletes.c.id).where(athletes.c.slug == slug)).scalar()
        out["athletes"] = 0 if owner is None else 1
        for table in athlete_rows.athlete_tables():
            query = sa.select(sa.func.count()).select_from(table).where(table.c.athlete_id == owner)
            out[table.name] = int(conn.execute(query).scalar_one())
    return out


def test_dump_restore_dump_gives_the_same_rows_and_delete_removes_only_that_athlete(
    database_url: str, tmp_path: Path
) -> None:
    settings = _settings(database_url, tmp_path)
    fill(settings, "amy")
    fill(settings, "bob")
    engine = shared_store(database_url).engine
    first = athlete_rows.dump(engine, "amy")
    assert all(first[t] for t in first), {t: len(r) for t, r in first.items()}
    assert json.loads(json.dumps(first)) == first  # JSON-safe as it is
    assert first["sessions"][0]["id"] == 1  # ids are numbers within the dump

    restored = athlete_rows.restore(engine, "cat", first)
    assert restored == {t: len(rows) for t, rows in first.items()}
    assert athlete_rows.dump(engine, "cat") == first

    bob_before = athlete_rows.dump(engine, "bob")
    counts = _counts(engine, "amy")
    deleted = athlete_rows.delete(engine, "amy")
    assert deleted == counts
    assert set(_counts(engine, "amy").values()) == {0}
    assert athlete_rows.dump(engine, "bob") == bob_before
    assert athlete_rows.dump(engine, "cat") == first
    assert athlete_rows.delete(engine, "amy") == dict.fromkeys(deleted, 0)


def test_restore_refuses_an_athlete_with_data_and_writes_nothing(database_url: str, tmp_path: Path) -> None:
    settings = _settings(database_url, tmp_path)
    fill(settings, "amy")
    engine = shared_store(database_url).engine
    dumped = athlete_rows.dump(engine, "amy")
    before = _counts(engine, "amy")
    with pytest.raises(InvalidInput, match="an athlete with no data yet") as refused:
        athlete_rows.restore(engine, "amy", dumped)
    assert "sessions" in str(refused.value)
    assert _counts(engine, "amy") == before


def test_a_missing_required_field_is_named(database_url: str, tmp_path: Path) -> None:
    fill(_settings(database_url, tmp_path), "amy")
    engine = shared_store(database_url).engine
    dumped = athlete_rows.dump(engine, "amy")
    del dumped["soreness"][0]["region"]
    with pytest.raises(InvalidInput, match=r"soreness, row 1, field region: missing; expected text of at most 32"):
        athlete_rows.restore(engine, "cat", dumped)
    assert set(_counts(engine, "cat").values()) == {0}


def _bad(dumped: dict[str, Any], table: str, row: int, **changes: Any) -> dict[str, Any]:
    bad = copy.deepcopy(dumped)
    bad[table][row].update(changes)
    return bad


@pytest.mark.parametrize(
    ("table", "changes", "words"),
    [
        ("sessions", {"date": "2026-13-01"}, "table sessions, row 2, field date: '2026-13-01' is not valid"),
        ("session_items", {"control": 9}, "table session_items, row 3"),
        ("session_items", {"session_id": 99}, "field session_id: 99 is not valid; expected the id of a row of"),
        ("soreness", {"value": 10**400}, "field value: 1000"),
        ("assessment_results", {"value": float("nan")}, "field value: nan is not valid; expected a number"),
        ("soreness", {"value": "four"}, "field value: 'four' is not valid; expected a whole number"),
        ("sessions", {"kind": None}, "field kind: None is not valid"),
        ("session_followups", {"answer": "meh"}, "table session_followups, row 2"),
        ("profiles", {"colour": "red"}, "field: 'colour' is not valid"),
        ("profiles", {"run_times": [["tue", "25:00"]]}, "field run_times: ['tue', '25:00'] is not valid"),
        ("profiles", {"equipment": ["sofa"]}, "field equipment: 'sofa' is not valid; expected one of"),
        ("profiles", {"minutes": 0}, "field minutes: 0 is not valid"),
        ("sessions", {"kind": "nap"}, "field kind: 'nap' is not valid; expected one of primer"),
        ("session_items", {"role": "dance"}, "field role: 'dance' is not valid"),
        ("session_items", {"regions": "calves"}, "field regions: 'calves' is not valid; expected a JSON list"),
    ],
)
def test_a_bad_value_is_named_and_nothing_is_written(
    database_url: str, tmp_path: Path, table: str, changes: dict[str, Any], words: str
) -> None:
    settings = _settings(database_url, tmp_path)
    fill(settings, "amy")
    engine = shared_store(database_url).engine
    dumped = athlete_rows.dump(engine, "amy")
    row = 0 if table == "profiles" else (2 if table == "session_items" else 1)
    with pytest.raises(InvalidInput) as refused:
        athlete_rows.restore(engine, "cat", _bad(dumped, table, row, **changes), source="f.json")
    assert words in str(refused.value), str(refused.value)
    assert str(refused.value).startswith("f.json: ")
    assert set(_counts(engine, "cat").values()) == {0}


def test_an_imported_level_history_chains_on_the_new_ids(database_url: str, tmp_path: Path) -> None:
    """Each restored decision follows the restored one before it (by its new id), so the next decision
    appended after an import is kept, never mistaken for a duplicate."""
    from dataclasses import replace

    from supple.store.measures import Measures
    from supple.store.schema import level_history

    settings = Settings(data_dir=tmp_path, database_url_override=database_url)
    fill(settings, "first")
    engine = shared_store(database_url).engine
    athlete_rows.restore(engine, "second", athlete_rows.dump(engine, "first"))
    measures = Measures(engine)
    history = measures.level_history("second")
    assert history, "the filled athlete has level decisions"
    latest = history[-1]
    decision = "regress" if latest.decision != "regress" else "progress"
    added = measures.add_levels("second", [replace(latest, decision=decision, reason="a new decision")])
    assert added == 1, "the decision after the import is kept"

    def chain(slug: str) -> list[tuple[int, int, str]]:
        with engine.connect() as conn:
            return [
                tuple(r)
                for r in conn.execute(
                    sa.select(level_history.c.id, level_history.c.follows, level_history.c.exercise)
                    .join(athletes, athletes.c.id == level_history.c.athlete_id)
                    .where(athletes.c.slug == slug)
                    .order_by(level_history.c.id)
                )
            ]

    for slug in ("first", "second"):
        last: dict[str, int] = {}
        for row_id, follows, exercise in chain(slug):
            assert follows == last.get(exercise, 0), f"{slug}: row {row_id} follows its exercise's previous row"
            last[exercise] = row_id
