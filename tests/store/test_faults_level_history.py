"""The level history under concurrent writers: the same decision is never recorded twice.

Every finish, log or soreness rating refreshes the levels; two refreshes at the same moment
used to both append the decision they computed. Here many writers, each on its own engine,
append the same decisions at once, round after round, and the migration that added the key
removes duplicates already stored.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
from pathlib import Path

import sqlalchemy as sa

from supple.catalogue import Catalogue
from supple.core.composer import compose
from supple.core.progression import LevelChange
from supple.core.session import ComposeRequest, ItemResult, LoggedItem, LoggedSession
from supple.store.engine import MIGRATIONS, make_engine, migrate
from supple.store.measures import Measures
from supple.store.repository import Store
from supple.store.schema import level_history
from tests.threads import at_once

WRITERS = 16
DAY = dt.date(2026, 12, 1)


def _decision(
    session_id: int, level: int, decision: str, cause: str | None = None, exercise: str = "clamshell"
) -> LevelChange:
    return LevelChange(exercise, DAY, level, decision, f"{decision} to {level}", session_id, cause)


def _all_at_once(database_url: str, changes: list[LevelChange]) -> list[int]:
    """Each writer on its own engine appends ``changes`` at the same moment; how many each added."""
    engines = [make_engine(database_url) for _ in range(WRITERS)]
    start = threading.Barrier(WRITERS)
    added: list[int] = []

    def write(n: int) -> None:
        start.wait()
        added.append(Measures(engines[n]).add_levels("ann", changes))

    failures = at_once(write, [(n,) for n in range(WRITERS)])
    for engine in engines:
        engine.dispose()
    assert failures == []
    return added


def test_concurrent_writers_record_each_decision_once(database_url: str) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    session = Store(engine).log_session("ann", LoggedSession(DAY, "daily", 10, 600, ()))
    # As a refresh makes them: at most one decision per exercise in a call.
    both = [_decision(session, 2, "regress", "red-flag:1"), _decision(session, 2, "progress", exercise="bridge")]
    rounds = [
        [_decision(session, 3, "progress")],
        both,
        both,  # the same decisions again: nothing new
        [_decision(session, 3, "progress")],  # back to a decision made before: a real change
    ]
    added = [sum(_all_at_once(database_url, changes)) for changes in rounds]
    assert added == [1, 2, 0, 1]
    history = Measures(engine).level_history("ann")
    assert [(c.exercise, c.level, c.decision) for c in history] == [
        ("clamshell", 3, "progress"),
        ("clamshell", 2, "regress"),
        ("bridge", 2, "progress"),
        ("clamshell", 3, "progress"),
    ]
    engine.dispose()


def test_the_migration_removes_stored_duplicates_and_keeps_real_changes(database_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    engine = make_engine(database_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0007")
    session = Store(engine).log_session("ann", LoggedSession(DAY, "daily", 10, 600, ()))
    rows = [_decision(session, 3, "progress")] * 3 + [_decision(session, 2, "regress")] * 2
    rows += [_decision(session, 3, "progress")]
    with engine.begin() as conn:
        athlete = conn.exec_driver_sql("SELECT id FROM athletes WHERE slug = 'ann'").scalar_one()
        for c in rows:
            conn.execute(
                sa.text(
                    "INSERT INTO level_history (athlete_id, exercise, date, level, decision, reason, session_id, "
                    "cause, created_at) VALUES (:a, :e, :d, :l, :dec, :r, :s, :c, CURRENT_TIMESTAMP)"
                ),
                {
                    "a": athlete,
                    "e": c.exercise,
                    "d": c.date,
                    "l": c.level,
                    "dec": c.decision,
                    "r": c.reason,
                    "s": c.session_id,
                    "c": c.cause,
                },
            )
    migrate(engine)
    history = Measures(engine).level_history("ann")
    assert [(c.level, c.decision) for c in history] == [(3, "progress"), (2, "regress"), (3, "progress")]
    with engine.connect() as conn:
        chain = [
            tuple(row) for row in conn.execute(sa.select(level_history.c.id, level_history.c.follows).order_by("id"))
        ]
    assert [follows for _, follows in chain] == [0, chain[0][0], chain[1][0]]
    # And the chain goes on from there.
    assert Measures(engine).add_levels("ann", [_decision(session, 3, "hold")]) == 1
    assert Measures(engine).add_levels("ann", [_decision(session, 3, "hold")]) == 0
    engine.dispose()


#: Refreshes the levels when told to on stdin, then prints how many decisions it added.
REFRESH = (
    "import sys\n"
    "from supple.config import Settings\n"
    "from supple.services import levels\n"
    "from supple.services.context import Context\n"
    "settings = Settings.from_env()\n"
    "ctx = Context.open(settings, athlete='ann')\n"
    "print('ready', flush=True)\n"
    "sys.stdin.readline()\n"
    "print(ctx.data.settle_levels(levels.settle(ctx, None)), flush=True)\n"
)
PROCESSES = 8


def _sessions(catalogue: Catalogue) -> list[LoggedSession]:
    out = []
    for n in range(3):
        day = DAY + dt.timedelta(n)
        request = ComposeRequest(day, "daily", 10, frozenset({"roller"}), ("glutes", "calves"), all_regions=True)
        composed = compose(request, catalogue.index, catalogue.rules)
        items = [
            LoggedItem(b, block.region, item, ItemResult(done=True, level=item.level, control=4))
            for b, block in enumerate(composed.blocks)
            for item in block.items
        ]
        out.append(LoggedSession(day, composed.kind, composed.minutes, composed.total_seconds, tuple(items)))
    return out


def test_concurrent_refreshes_in_processes_leave_no_duplicates(
    database_url: str, catalogue: Catalogue, tmp_path: Path, cache_dir: Path
) -> None:
    engine = make_engine(database_url)
    migrate(engine)
    for session in _sessions(catalogue):
        Store(engine).log_session("ann", session)
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
    env |= {"SUPPLE_DATA_DIR": str(tmp_path / "data"), "SUPPLE_CACHE_DIR": str(cache_dir)}
    env["SUPPLE_DATABASE_URL"] = database_url
    children = [
        subprocess.Popen(
            [sys.executable, "-c", REFRESH], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        for _ in range(PROCESSES)
    ]
    for child in children:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    added = []
    for child in children:
        out, _ = child.communicate(timeout=300)
        assert child.returncode == 0
        added.append(int(out.strip()))
    history = Measures(engine).level_history("ann")
    exercises = [c.exercise for c in history]
    assert history, "the sessions should give decisions"
    assert len(exercises) == len(set(exercises)), "one decision per exercise, recorded once"
    assert sum(added) == len(history)
    engine.dispose()
