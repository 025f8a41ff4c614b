"""A copy of the SQLite database taken while it is in use (SQLite's online backup API)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from supple.core.errors import InvalidInput


def backup_sqlite(source: Path, out: Path) -> Path:
    """Copy the database file ``source`` to ``out``, whole or not at all; return ``out``.

    The copy is one consistent snapshot even while other connections write (the backup API
    reads it in one step); it is written to a hidden file next to ``out``, checked with
    ``PRAGMA integrity_check``, switched out of WAL mode so it is one self-contained file,
    then renamed over ``out``.
    """
    if not source.is_file():
        raise InvalidInput("database", str(source), "an existing Supple database file (nothing is stored yet)")
    partial = out.with_name(f".{out.name}.partial")
    try:
        _copy(source, partial)
        os.replace(partial, out)
    except sqlite3.Error as error:
        raise InvalidInput("backup", str(out), f"a copy SQLite can make and check ({error})") from None
    except OSError as error:
        raise InvalidInput("backup", str(out), f"a file that can be written ({error.strerror})") from None
    finally:
        partial.unlink(missing_ok=True)
    return out


def _copy(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    reader = sqlite3.connect(source.resolve().as_uri() + "?mode=rw", uri=True, timeout=30)
    try:
        writer = sqlite3.connect(target)
        try:
            reader.backup(writer)
            writer.execute("PRAGMA journal_mode=DELETE")
            verdict = writer.execute("PRAGMA integrity_check").fetchall()
            if verdict != [("ok",)]:
                raise sqlite3.DatabaseError(f"integrity check of the copy says {verdict[0][0]}")
            writer.commit()
        finally:
            writer.close()
    finally:
        reader.close()
