"""Many processes writing at once: every acknowledged write is stored exactly once, none refused.

Real processes, each with its own engine, all released at the same moment, each storing
sessions and recording an item result in each (the writes the web player makes), on a
SQLite file and on PostgreSQL. On SQLite the writers queue for their turn on a file lock
and begin IMMEDIATE: no "database is locked", however many wait.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from supple.core.session import Item, ItemResult, LoggedItem, LoggedSession
from supple.store.engine import one_writer, writer_lock_path
from supple.store.repository import open_store
from supple.store.schema import session_items, sessions

PROCESSES = 6
WRITES = 25

WRITER = """
import datetime as dt, sys, time
from pathlib import Path
from supple.core.session import Item, ItemResult, LoggedItem, LoggedSession
from supple.store.repository import open_store

url, number, writes, go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
store = open_store(url)
item = Item("clamshell", "Clamshell", "strengthen", ("glutes",), 2, 12, None, True, False, 120, 1, "test")
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
for n in range(writes):
    marker = number * 1000 + n
    session = LoggedSession(dt.date(2026, 12, 1), "daily", 10, marker, (LoggedItem(0, "glutes", item, None),) * 2)
    session_id = store.log_session("ann", session, finished=False)
    store.record_item("ann", session_id, 1, lambda _i: ItemResult(done=True, control=1 + n % 5, discomfort=number))
    print(session_id, marker, flush=True)
"""


def test_processes_writing_at_once_lose_and_duplicate_nothing(database_url: str, tmp_path: Path) -> None:
    store = open_store(database_url)  # migrated once, before the writers start
    go = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, database_url, str(number), str(WRITES), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for number in range(PROCESSES)
    ]
    for writer in writers:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
    go.touch()
    acknowledged: dict[int, int] = {}
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        assert "locked" not in err
        for line in out.splitlines():
            session_id, marker = map(int, line.split())
            assert session_id not in acknowledged
            acknowledged[session_id] = marker
    assert len(acknowledged) == PROCESSES * WRITES
    with store.engine.connect() as conn:
        stored = dict(conn.execute(sa.select(sessions.c.id, sessions.c.total_seconds)).all())
        results = conn.execute(
            sa.select(session_items.c.session_id, session_items.c.position, session_items.c.discomfort).where(
                session_items.c.done.is_not(None)
            )
        ).all()
    assert stored == acknowledged, "every acknowledged session, once, and nothing else"
    assert sorted((s, p) for s, p, _ in results) == sorted((s, 1) for s in acknowledged)
    assert all(discomfort == acknowledged[s] // 1000 for s, _, discomfort in results)


def _session() -> LoggedSession:
    item = Item("clamshell", "Clamshell", "strengthen", ("glutes",), 2, 12, None, True, False, 120, 1, "test")
    return LoggedSession(dt.date(2026, 12, 1), "daily", 10, 600, (LoggedItem(0, "glutes", item, None),))


def test_a_sqlite_writer_waits_for_its_turn_and_then_writes(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path}/queue.sqlite")
    path = writer_lock_path(store.engine)
    assert path is not None
    assert path.name == "queue.sqlite.write-lock"
    stored: list[int] = []
    with one_writer(store.engine):  # as another writer holding its turn would
        waiting = threading.Thread(target=lambda: stored.append(store.log_session("ann", _session())))
        waiting.start()
        waiting.join(0.3)
        assert waiting.is_alive(), "the writer waits for the turn"
        assert stored == []
    waiting.join()
    assert len(stored) == 1
    assert store.get_session("ann", stored[0]).items[0].item.exercise == "clamshell"


def test_no_write_lock_file_for_postgresql_or_memory() -> None:
    for url in ("postgresql+psycopg://u@h/db", "sqlite://", "sqlite:///:memory:"):
        engine = sa.create_engine(url)
        assert writer_lock_path(engine) is None
        engine.dispose()


def test_an_item_result_refused_by_its_check_writes_nothing(database_url: str) -> None:
    store = open_store(database_url)
    session_id = store.log_session("ann", _session(), finished=False)

    def refuse(items: object) -> ItemResult:
        raise ValueError("refused")

    with pytest.raises(ValueError, match="refused"):
        store.record_item("ann", session_id, 0, refuse)
    assert store.get_session("ann", session_id).items[0].result is None
    answer = store.record_item("ann", session_id, 0, lambda items: ItemResult(done=True, control=3))
    assert answer == store.get_session("ann", session_id), "the answer is what is stored"
    assert answer.items[0].result == ItemResult(done=True, control=3)
