"""The store on SQLite and on PostgreSQL, with the real migrations applied."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from supple.catalogue import Catalogue
from supple.core.athlete import Profile
from supple.core.composer import compose
from supple.core.session import ComposeRequest, ItemResult, LoggedItem, LoggedSession
from supple.store.engine import MIGRATIONS, current_revision, make_engine, migrate
from supple.store.errors import StoreError
from supple.store.quick import read_state
from supple.store.repository import Store, open_store
from supple.store.revision import HEAD
from supple.store.schema import metadata

DAY = dt.date(2026, 11, 24)


def _session(catalogue: Catalogue, date: dt.date = DAY, control: int | None = 4) -> LoggedSession:
    request = ComposeRequest(date, "daily", 10, frozenset({"roller"}), ("glutes", "calves"), all_regions=True)
    composed = compose(request, catalogue.index, catalogue.rules)
    items = []
    for b, block in enumerate(composed.blocks):
        for n, item in enumerate(block.items):
            result = ItemResult(done=n % 2 == 0, level=item.level + 1, hold_seconds=item.hold_seconds, control=control)
            items.append(LoggedItem(b, block.region, item, result if n < 2 else None))
    return LoggedSession(date, composed.kind, composed.minutes, composed.total_seconds, tuple(items))


def test_the_head_constant_matches_the_migrations() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD


def test_migrations_create_exactly_the_declared_schema(database_url: str) -> None:
    engine = make_engine(database_url)
    assert current_revision(engine) is None
    migrate(engine)
    assert current_revision(engine) == HEAD
    inspector = sa.inspect(engine)
    for table in metadata.sorted_tables:
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name
    migrate(engine)  # a second run is a no-op
    assert current_revision(engine) == HEAD


def test_migrations_downgrade_cleanly(database_url: str) -> None:
    from alembic import command
    from alembic.config import Config

    engine = make_engine(database_url)
    migrate(engine)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "base")
    assert not sa.inspect(engine).has_table("sessions")


def test_profile_round_trip(database_url: str) -> None:
    store = open_store(database_url)
    assert store.get_profile("ana") is None
    profile = Profile(
        run_times=(("mon", dt.time(7)), ("sat", dt.time(9, 30))),
        minutes=12,
        equipment=frozenset({"roller", "box"}),
        priorities=("glutes", "calves"),
        complaints=frozenset({"outer-knee"}),
    )
    store.save_profile("ana", profile)
    assert store.get_profile("ana") == profile
    changed = Profile(minutes=20)
    store.save_profile("ana", changed)
    assert store.get_profile("ana") == changed


def test_a_logged_session_reads_back_whole(database_url: str, catalogue: Catalogue) -> None:
    store = open_store(database_url)
    session = _session(catalogue)
    session_id = store.log_session("ana", session)
    (back,) = store.sessions("ana")
    assert back.id == session_id
    assert (back.date, back.kind, back.minutes, back.total_seconds) == (
        session.date,
        session.kind,
        session.minutes,
        session.total_seconds,
    )
    assert back.items == session.items
    assert back.logged_at is not None


def test_athletes_never_see_each_others_rows(database_url: str, catalogue: Catalogue) -> None:
    store = open_store(database_url)
    store.log_session("ana", _session(catalogue))
    store.log_session("ben", _session(catalogue, DAY - dt.timedelta(days=1)))
    store.log_session("ben", _session(catalogue, DAY))
    assert store.count_sessions("ana") == 1
    assert store.count_sessions("ben") == 2
    assert store.sessions("cleo") == []
    assert sorted(store.athletes()) == ["ana", "ben"]
    assert all(s.date == DAY for s in store.sessions("ana"))


def test_sessions_filter_by_date_and_limit(database_url: str, catalogue: Catalogue) -> None:
    store = open_store(database_url)
    for offset in range(5):
        store.log_session("ana", _session(catalogue, DAY - dt.timedelta(days=offset)))
    dates = [s.date for s in store.sessions("ana")]
    assert dates == sorted(dates, reverse=True)
    assert len(store.sessions("ana", since=DAY - dt.timedelta(days=1))) == 2
    assert len(store.sessions("ana", until=DAY - dt.timedelta(days=3))) == 2
    assert [s.date for s in store.sessions("ana", limit=1)] == [DAY]


def test_a_refused_write_leaves_nothing_behind(database_url: str, catalogue: Catalogue) -> None:
    store = open_store(database_url)
    store.log_session("ana", _session(catalogue))
    bad = _session(catalogue, control=9)  # the database's check constraint refuses control 9
    with pytest.raises(StoreError, match="nothing was saved"):
        store.log_session("ana", bad)
    assert store.count_sessions("ana") == 1
    with store.engine.connect() as conn:
        items = conn.execute(sa.text("SELECT count(*) FROM session_items")).scalar_one()
    assert items == len(_session(catalogue).items)


def test_state_gives_history_and_latest_levels(database_url: str, catalogue: Catalogue) -> None:
    store = open_store(database_url)
    store.save_profile("ana", Profile(minutes=15))
    old = _session(catalogue, DAY - dt.timedelta(days=30))
    recent = _session(catalogue, DAY - dt.timedelta(days=2))
    store.log_session("ana", old)
    store.log_session("ana", recent)
    state = store.state("ana", DAY)
    assert state.profile == Profile(minutes=15)
    assert [h.date for h in state.history] == [recent.date], "history looks back 14 days"
    not_skipped = tuple(li.item.exercise for li in recent.items if li.result is None or li.result.done)
    assert state.history[0].exercises == not_skipped, "items marked not done do not count for rotation"
    done = {li.item.exercise: li.result.level for li in recent.items if li.result and li.result.done}
    assert dict(state.levels) == done


def test_the_quick_sqlite_path_reads_the_same_state(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "s.sqlite"
    store = open_store(f"sqlite:///{path}")
    store.save_profile("ana", Profile(run_times=(("tue", dt.time(6, 45)),), minutes=9, priorities=("quads",)))
    store.log_session("ana", _session(catalogue, DAY - dt.timedelta(days=1)))
    store.log_session("ana", _session(catalogue, DAY - dt.timedelta(days=3)))
    assert read_state(path, "ana", DAY) == store.state("ana", DAY)
    assert read_state(path, "nobody", DAY) == store.state("nobody", DAY)


def test_the_quick_path_declines_when_it_cannot_be_sure(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    assert read_state(path, "ana", DAY) is None, "no file yet"
    engine = make_engine(f"sqlite:///{path}")
    assert read_state(path, "ana", DAY) is None, "no schema yet"
    migrate(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = 'older'"))
    assert read_state(path, "ana", DAY) is None, "schema not at head"


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("notaurl", "is not valid"),
        ("postgresql+psycopg://nobody@127.0.0.1:1/none", "cannot use the database"),
        ("mysql+nosuchdriver://x@localhost/db", "not installed"),
    ],
)
def test_a_database_that_cannot_be_used_is_named(url: str, words: str) -> None:
    with pytest.raises(StoreError, match=words):
        make_engine(url)


def test_store_is_usable_from_a_second_connection(database_url: str, catalogue: Catalogue) -> None:
    first = open_store(database_url)
    first.log_session("ana", _session(catalogue))
    second = Store(make_engine(database_url))
    assert second.count_sessions("ana") == 1
