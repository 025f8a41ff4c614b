"""``lock_athlete`` holds the athlete for writing until the transaction ends, on both backends.

A second writer that wants the same athlete waits; told not to wait, it is refused. This is
what makes the profile's read-change-save (``Store.update_profile``) safe from lost updates.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

from supple.core.athlete import Profile
from supple.store.repository import lock_athlete, open_store


def _refused_at_once(engine: sa.Engine, slug: str) -> bool:
    """Try to lock ``slug`` from another connection without waiting; True if refused."""
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA busy_timeout=0")
        else:
            conn.exec_driver_sql("SET lock_timeout = '50ms'")
        try:
            lock_athlete(conn, slug)
        except OperationalError:
            conn.rollback()
            return True
        finally:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA busy_timeout=10000")
        conn.rollback()
        return False


def test_a_locked_athlete_makes_the_next_writer_wait(database_url: str) -> None:
    store = open_store(database_url)
    store.save_profile("ana", Profile(minutes=10))
    with store.engine.begin() as conn:
        found = lock_athlete(conn, "ana")
        assert found is not None
        assert _refused_at_once(store.engine, "ana")
    assert not _refused_at_once(store.engine, "ana"), "the lock ends with the transaction"


def test_a_missing_athlete_is_added_and_locked(database_url: str) -> None:
    store = open_store(database_url)
    with store.engine.begin() as conn:
        lock_athlete(conn, "new")
        assert _refused_at_once(store.engine, "new")
    assert store.athletes() == ["new"]


def test_sqlite_transaction_already_open_still_takes_the_write_lock(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path}/store.sqlite")
    store.save_profile("ana", Profile(minutes=10))
    with store.engine.begin() as conn:
        conn.exec_driver_sql("BEGIN")  # a deferred transaction, as a driver-level BEGIN would open
        lock_athlete(conn, "ana")
        assert _refused_at_once(store.engine, "ana")
