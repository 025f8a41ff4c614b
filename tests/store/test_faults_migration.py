"""Migrations under faults: a process killed at any moment mid-migration leaves the database either
untouched or fully migrated, and many processes starting at once on a new database all succeed.

The crash tests run a real process that migrates, wait until it is about to start, then SIGKILL it
after a random delay spread over the migration's measured duration, many times.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import sqlalchemy as sa

from supple.store.engine import MIGRATIONS, current_revision, make_engine, migrate
from supple.store.revision import HEAD
from supple.store.schema import metadata

RUNS = 30
PARALLEL = 32

#: Connects, says "go" on stdout, migrates, says "done".
CHILD = (
    "import sys\n"
    "from supple.store.engine import make_engine, migrate\n"
    "engine = make_engine(sys.argv[1])\n"
    "print('go', flush=True)\n"
    "migrate(engine)\n"
    "print('done', flush=True)\n"
)


def _run_child(url: str, delay: float | None) -> bool:
    """Migrate ``url`` in a new process; kill it ``delay`` seconds after it starts. True if it finished."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, url], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "go"
    if delay is None:
        return child.stdout.readline().strip() == "done" and child.wait(timeout=120) == 0
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=120)
    return child.stdout.read().strip() == "done"


def _assert_complete(url: str) -> None:
    """A normal start works and the schema is exactly the head schema."""
    engine = make_engine(url)
    try:
        migrate(engine)
        assert current_revision(engine) == HEAD
        inspector = sa.inspect(engine)
        # On PostgreSQL the job queue's own tables (procrastinate's, migration 0011) are there too.
        ours = {t for t in inspector.get_table_names() if not t.startswith("procrastinate_")}
        assert ours == set(metadata.tables) | {"alembic_version"}
        if engine.dialect.name == "postgresql":
            assert "procrastinate_jobs" in inspector.get_table_names()
        for name, table in metadata.tables.items():
            assert {c["name"] for c in inspector.get_columns(name)} == {c.name for c in table.columns}, name
    finally:
        engine.dispose()


def _fresh_databases(database_url: str, tmp_path: Path) -> Callable[[int], str]:
    """A function giving an empty database for run ``n``: a new SQLite file, or PostgreSQL's schema emptied."""
    if database_url.startswith("sqlite"):
        return lambda n: f"sqlite:///{tmp_path / f'run-{n}' / 'store.sqlite'}"

    def empty(n: int) -> str:
        engine = sa.create_engine(database_url)
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
        engine.dispose()
        return database_url

    return empty


def _duration(url: str) -> float:
    """How long a migration takes, from "go" to "done" in the child."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, url], stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "go"
    start = time.perf_counter()
    assert child.stdout.readline().strip() == "done"
    took = time.perf_counter() - start
    assert child.wait(timeout=120) == 0
    return took


def test_a_first_migration_killed_at_any_moment_leaves_a_usable_database(database_url: str, tmp_path: Path) -> None:
    fresh = _fresh_databases(database_url, tmp_path)
    window = _duration(fresh(0))
    rng = random.Random(10)
    interrupted = 0
    for n in range(1, RUNS + 1):
        url = fresh(n)
        if not _run_child(url, rng.uniform(0, window)):
            interrupted += 1
        _assert_complete(url)
    assert interrupted > RUNS // 4, f"only {interrupted} of {RUNS} runs were killed before the migration finished"


def _at_first_revision(url: str) -> None:
    from alembic import command
    from alembic.config import Config

    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        conn.exec_driver_sql("INSERT INTO athletes (slug, name, created_at) VALUES ('ann', 'Ann', '2026-12-01')")
    engine.dispose()


def test_an_upgrade_killed_at_any_moment_leaves_a_usable_database(database_url: str, tmp_path: Path) -> None:
    fresh = _fresh_databases(database_url, tmp_path)
    template = fresh(0)
    _at_first_revision(template)
    sqlite = database_url.startswith("sqlite")

    def old(n: int) -> str:
        if not sqlite:
            _at_first_revision(fresh(n))
            return database_url
        source = Path(sa.make_url(template).database or "")
        target = tmp_path / f"old-{n}" / "store.sqlite"
        target.parent.mkdir()
        shutil.copy(source, target)
        return f"sqlite:///{target}"

    window = _duration(old(-1))
    rng = random.Random(11)
    interrupted = 0
    for n in range(1, RUNS + 1):
        url = old(n)
        if not _run_child(url, rng.uniform(0, window)):
            interrupted += 1
        _assert_complete(url)
        engine = make_engine(url)
        with engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT slug FROM athletes").scalars().all() == ["ann"]
        engine.dispose()
    assert interrupted > RUNS // 4, f"only {interrupted} of {RUNS} runs were killed before the upgrade finished"


def test_parallel_first_commands_on_a_new_database_all_succeed(
    database_url: str, tmp_path: Path, cache_dir: Path
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
    env |= {"SUPPLE_DATA_DIR": str(tmp_path / "data"), "SUPPLE_CACHE_DIR": str(cache_dir)}
    env["SUPPLE_DATABASE_URL"] = database_url
    # Compile the catalogue once first (outside the database) so the processes race only on the schema.
    subprocess.run([sys.executable, "-m", "supple", "--help"], env=env, capture_output=True, check=True)
    commands = [
        subprocess.Popen(
            [sys.executable, "-m", "supple", "today", "--json"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PARALLEL)
    ]
    errors = [(c.wait(timeout=300), c.stderr.read() if c.stderr else "") for c in commands]
    assert [e for e in errors if e[0] != 0] == []
    _assert_complete(database_url)
