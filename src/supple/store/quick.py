"""The quick read path: athlete state from an up-to-date SQLite file with stdlib sqlite3.

Importing SQLAlchemy costs more than the whole start-up budget of ``supple today``, so
read-only commands on the embedded default use this path. It returns None whenever it
cannot answer with certainty (no file yet, schema not at head), and the caller then takes
the full path, which creates or migrates the database.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from supple.core.athlete import AthleteState, planned_window
from supple.core.session import FlagReport
from supple.store import reads
from supple.store.revision import HEAD

if TYPE_CHECKING:
    from supple.core.assessment import AssessmentResult

_OPEN = threading.local()
T = TypeVar("T")


@contextmanager
def _snapshot(path: Path) -> Iterator[sqlite3.Connection | None]:
    """A read-only connection on an up-to-date file, inside one read transaction; None if unsure.

    The connection is kept per thread and file (a server reads many times a second) and is
    opened anew when the file at ``path`` is replaced. Each use is one snapshot: in WAL mode
    it sees every commit made before it began.
    """
    try:
        stat = path.stat()
    except OSError:
        yield None
        return
    cache: dict[Path, tuple[tuple[int, int], sqlite3.Connection]] = _OPEN.__dict__.setdefault("conns", {})
    identity = (stat.st_dev, stat.st_ino)
    known = cache.get(path)
    if known is None or known[0] != identity:
        if known is not None:
            known[1].close()
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10, isolation_level=None)
        except sqlite3.Error:
            yield None
            return
        cache[path] = known = (identity, conn)
    conn = known[1]
    try:
        conn.execute("BEGIN")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        cache.pop(path, None)
        conn.close()
        yield None
        return
    try:
        yield conn if row is not None and row[0] == HEAD else None
    finally:
        if conn.in_transaction:
            conn.execute("COMMIT")


def read_state(path: Path, athlete: str, today: dt.date) -> AthleteState | None:
    with _snapshot(path) as conn:
        if conn is None:
            return None
        try:
            found = conn.execute(reads.ATHLETE_ID, {"slug": athlete}).fetchone()
            if found is None:
                return AthleteState(profile=None)
            since = (today - dt.timedelta(days=reads.HISTORY_DAYS)).isoformat()
            params = {"athlete": found[0], "since": since, "done": True}
            first, last = planned_window(today)
            window = {"athlete": found[0], "first": first.isoformat(), "last": last.isoformat()}
            return AthleteState(
                profile=reads.profile_from_row(conn.execute(reads.PROFILE, params).fetchone()),
                history=reads.history_from_rows(conn.execute(reads.HISTORY, params)),
                levels=reads.levels_from_rows(conn.execute(reads.LEVELS, params)),
                red_flags=reads.flags_from_rows(conn.execute(reads.RED_FLAGS, params)),
                planned=reads.planned_from_rows(conn.execute(reads.PLANNED_RUNS, window)),
            )
        except sqlite3.Error:
            return None


def _read_rows(
    path: Path, athlete: str, sql: str, convert: Callable[[Iterable[Any]], tuple[T, ...]]
) -> tuple[T, ...] | None:
    """``convert`` applied to the athlete's rows of ``sql``; () for an unknown athlete, None when unsure."""
    with _snapshot(path) as conn:
        if conn is None:
            return None
        try:
            found = conn.execute(reads.ATHLETE_ID, {"slug": athlete}).fetchone()
            if found is None:
                return ()
            return convert(conn.execute(sql, {"athlete": found[0]}))
        except sqlite3.Error:
            return None


def read_results(path: Path, athlete: str) -> tuple[AssessmentResult, ...] | None:
    """The athlete's screening-test results, oldest first; None when the quick path cannot be sure."""
    return _read_rows(path, athlete, reads.ASSESSMENTS, reads.results_from_rows)


def read_red_flags(path: Path, athlete: str) -> tuple[FlagReport, ...] | None:
    """The athlete's open red flags, oldest first; None when the quick path cannot be sure."""
    return _read_rows(path, athlete, reads.RED_FLAGS, reads.flags_from_rows)


def read_any_users(path: Path) -> bool | None:
    """True once any account exists in the file; None when the quick path cannot be sure."""
    with _snapshot(path) as conn:
        if conn is None:
            return None
        try:
            return bool(conn.execute("SELECT EXISTS (SELECT 1 FROM users)").fetchone()[0])
        except sqlite3.Error:
            return None
