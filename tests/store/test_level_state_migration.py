"""Migration 0009 fills the level state from a database of 0008, so it answers the same levels."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlalchemy as sa

from supple.config import Settings
from supple.core.progression import LevelChange
from supple.core.session import ItemResult, LoggedItem, LoggedSession
from supple.services import levels
from supple.store.engine import MIGRATIONS, current_revision, make_engine, migrate
from supple.store.revision import HEAD
from tests.athlete_fill import DAY, fill
from tests.contexts import ctx_for

#: The levels query of 0008, word for word: done items and decisions, the last one wins.
OLD_LEVELS = (
    "SELECT exercise, level FROM ("
    "SELECT i.exercise AS exercise, COALESCE(i.result_level, i.level) AS level, s.date AS day, s.id AS session, "
    "0 AS kind, i.position AS seq FROM session_items i JOIN sessions s ON s.id = i.session_id "
    "WHERE i.athlete_id = :athlete AND i.done = :done "
    "UNION ALL "
    "SELECT h.exercise, h.level, h.date, h.session_id, 1, h.id FROM level_history h WHERE h.athlete_id = :athlete"
    ") AS levels ORDER BY day, session, kind, seq"
)


def _alembic(engine: sa.Engine, action: str, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        getattr(command, action)(config, revision)


def test_the_migration_fills_the_state_from_an_0008_database(database_url: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url_override=database_url)
    fill(settings, "amy")
    fill(settings, "bob", day=DAY + dt.timedelta(days=40))
    for athlete in ("amy", "bob"):
        # As 0008 kept it: each decision, repeated holds too, appended after every session.
        data = ctx_for(settings, athlete).data
        current = levels.current(ctx_for(settings, athlete))
        data.add_levels([LevelChange(e.exercise, e.date, e.decision.level, e.decision.decision,
                                     e.decision.reason, e.session_id, e.decision.cause) for e in current])  # fmt: skip
    # A live session still in progress, its first item done at a level no decision was made after.
    data = ctx_for(settings, "amy").data
    item = data.sessions(limit=1)[0].items[0].item
    started = data.log_session(
        LoggedSession(DAY, "daily", 10, 60, (LoggedItem(0, "calves", item, None),)), finished=False
    )
    data.record_item(started, 0, lambda _items: ItemResult(done=True, level=item.level + 1))
    in_progress = item.exercise
    decided = {a: {e.exercise: e for e in levels.current(ctx_for(settings, a))} for a in ("amy", "bob")}

    engine = make_engine(database_url)
    _alembic(engine, "downgrade", "0008")
    assert not sa.inspect(engine).has_table("exercise_levels")
    old: dict[str, dict[str, int]] = {}
    with engine.connect() as conn:
        for athlete in ("amy", "bob"):
            owner = conn.execute(sa.text("SELECT id FROM athletes WHERE slug = :s"), {"s": athlete}).scalar_one()
            query = sa.text(OLD_LEVELS).bindparams(sa.bindparam("done", type_=sa.Boolean))
            old[athlete] = {e: int(level) for e, level in conn.execute(query, {"athlete": owner, "done": True})}
    assert old["amy"][in_progress] == item.level + 1, (
        "the 0008 rule: an item done after the last decision gives its level"
    )

    migrate(engine)
    assert current_revision(engine) == HEAD == "0011"
    for athlete in ("amy", "bob"):
        ctx = ctx_for(settings, athlete)
        assert dict(ctx.state(DAY).levels) == old[athlete], "the same levels as the 0008 query"
        now = {e.exercise: e for e in levels.current(ctx)}
        # Decisions come back from the level history as they were last made, but for the
        # exercise whose latest item (the session in progress) has no decision after it yet.
        left_out = in_progress if athlete == "amy" else None
        assert now == {k: v for k, v in decided[athlete].items() if k != left_out}
    engine.dispose()
