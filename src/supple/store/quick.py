"""The quick read path: athlete state from an up-to-date SQLite file with stdlib sqlite3.

Importing SQLAlchemy costs more than the whole start-up budget of ``supple today``, so
read-only commands on the embedded default use this path. It returns None whenever it
cannot answer with certainty (no file yet, schema not at head), and the caller then takes
the full path, which creates or migrates the database.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from supple.core.assessment import AssessmentResult
from supple.core.athlete import AthleteState
from supple.store import reads
from supple.store.revision import HEAD


def read_state(path: Path, athlete: str, today: dt.date) -> AthleteState | None:
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None or row[0] != HEAD:
            return None
        found = conn.execute(reads.ATHLETE_ID, {"slug": athlete}).fetchone()
        if found is None:
            return AthleteState(profile=None)
        since = (today - dt.timedelta(days=reads.HISTORY_DAYS)).isoformat()
        params = {"athlete": found[0], "since": since, "done": True}
        return AthleteState(
            profile=reads.profile_from_row(conn.execute(reads.PROFILE, params).fetchone()),
            history=reads.history_from_rows(conn.execute(reads.HISTORY, params)),
            levels=reads.levels_from_rows(conn.execute(reads.LEVELS, params)),
        )
    except sqlite3.Error:
        return None
    finally:
        conn.close()


def read_results(path: Path, athlete: str) -> tuple[AssessmentResult, ...] | None:
    """The athlete's screening-test results, oldest first; None when the quick path cannot be sure."""
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None or row[0] != HEAD:
            return None
        found = conn.execute(reads.ATHLETE_ID, {"slug": athlete}).fetchone()
        if found is None:
            return ()
        return reads.results_from_rows(conn.execute(reads.ASSESSMENTS, {"athlete": found[0]}))
    except sqlite3.Error:
        return None
    finally:
        conn.close()
