"""docs/data.md cannot drift from the export: every table, column and file it writes is described."""

from __future__ import annotations

from pathlib import Path

from supple.services import data
from supple.store import athlete_rows
from tests.test_docs import mentioned

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "data.md"


def test_every_exported_table_and_column_is_described() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    missing = [
        f"{table}.{column}"
        for table, columns in athlete_rows.columns().items()
        for column in (f"{table}", *columns)
        if not mentioned(column, text)
    ]
    assert not missing, f"docs/data.md does not describe: {missing}"


def test_the_files_the_format_and_the_readme_words_are_described() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for word in (data.JSON_NAME, data.README_NAME, data.FORMAT, "exported_at", "app_version", "tables", "restored"):
        assert mentioned(word, text), word
    assert f'"version": {data.FORMAT_VERSION}' in text
    assert set(data.TABLE_WORDS) == set(athlete_rows.columns()), "README.txt has no words for a table"
