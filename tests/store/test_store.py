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
from supple.store.errors import NotFound, StoreError
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
        name="Ana Núñez",
    )
    store.save_profile("ana", profile)
    assert store.get_profile("ana") == profile
    changed = Profile(minutes=20)
    store.save_profile("ana", changed)
    assert store.get_profile("ana") == changed


def test_a_profile_saved_before_names_existed_gains_an_empty_name(database_url: str) -> None:
    """0006 adds profiles.name; a profile stored at 0005 reads back with no name."""
    from alembic import command
    from alembic.config import Config

    engine = make_engine(database_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0005")
        conn.execute(sa.text("INSERT INTO athletes (slug, created_at) VALUES ('ana', CURRENT_TIMESTAMP)"))
        conn.execute(
            sa.text(
                "INSERT INTO profiles (athlete_id, run_times, minutes, equipment, priorities, complaints, updated_at) "
                "SELECT id, '[]', 15, '[]', '[]', '[]', CURRENT_TIMESTAMP FROM athletes WHERE slug = 'ana'"
            )
        )
    migrate(engine)
    assert current_revision(engine) == HEAD == "0011"
    store = Store(engine)
    assert store.get_profile("ana") == Profile(minutes=15)
    store.save_profile("ana", Profile(minutes=15, name="Ana"))
    assert store.get_profile("ana") == Profile(minutes=15, name="Ana")


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


def test_a_live_session_fills_in_item_by_item_then_finishes(database_url: str, catalogue: Catalogue) -> None:
    store = open_store(database_url)
    planned = _session(catalogue)
    blank = LoggedSession(planned.date, planned.kind, planned.minutes, planned.total_seconds,
                          tuple(LoggedItem(li.block, li.region, li.item, None) for li in planned.items))  # fmt: skip
    session_id = store.log_session("ana", blank, finished=False)
    started = store.get_session("ana", session_id)
    assert started.finished_at is None
    assert all(li.result is None for li in started.items)
    assert store.state("ana", DAY + dt.timedelta(days=1)).history == (), "nothing done yet, nothing worked"
    result = ItemResult(done=True, level=2, hold_seconds=25, control=5, discomfort=0)
    store.record_item("ana", session_id, 1, lambda _items: result)
    store.record_item("ana", session_id, 1, lambda _items: result)  # the same result twice (a retry) changes nothing
    halfway = store.get_session("ana", session_id)
    assert [li.result for li in halfway.items] == [None, result] + [None] * (len(planned.items) - 2)
    (entry,) = store.state("ana", DAY + dt.timedelta(days=1)).history
    assert entry.exercises == (planned.items[1].item.exercise,)
    store.finish_session("ana", session_id)
    finished = store.get_session("ana", session_id).finished_at
    assert finished is not None
    store.finish_session("ana", session_id)
    assert store.get_session("ana", session_id).finished_at == finished, "finishing twice keeps the first time"


def test_live_sessions_belong_to_their_athlete(database_url: str, catalogue: Catalogue) -> None:
    store = open_store(database_url)
    session_id = store.log_session("ana", _session(catalogue), finished=False)
    with pytest.raises(NotFound):
        store.get_session("ben", session_id)
    with pytest.raises(NotFound):
        store.record_item("ben", session_id, 0, lambda _items: ItemResult(done=True))
    with pytest.raises(NotFound):
        store.record_item("ana", session_id, 999, lambda _items: ItemResult(done=True))
    with pytest.raises(NotFound):
        store.finish_session("ben", session_id)
    assert store.get_session("ana", session_id).items[0].result == _session(catalogue).items[0].result


def test_the_feed_token_is_private_stable_and_renewable(database_url: str) -> None:
    store = open_store(database_url)
    token = store.feed_token("ana")
    assert len(token) >= 24
    assert store.feed_token("ana") == token
    assert store.athlete_for_feed(token) == "ana"
    assert store.feed_token("ben") != token
    renewed = store.feed_token("ana", new=True)
    assert renewed != token
    assert store.athlete_for_feed(token) is None
    assert store.athlete_for_feed(renewed) == "ana"


def test_upgrading_from_0001_keeps_sessions_as_finished(database_url: str, catalogue: Catalogue) -> None:
    from alembic import command
    from alembic.config import Config

    engine = make_engine(database_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO athletes (id, slug, name, created_at) VALUES (1, 'ana', 'ana', :t)"),
                     {"t": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)})  # fmt: skip
        conn.execute(
            sa.text("INSERT INTO sessions (athlete_id, date, kind, minutes, total_seconds, logged_at) "
                    "VALUES (1, :d, 'daily', 10, 500, :t)"),
            {"d": DAY, "t": dt.datetime(2026, 1, 2, tzinfo=dt.UTC)},
        )  # fmt: skip
    migrate(engine)
    (old,) = Store(engine).sessions("ana")
    assert old.finished_at == old.logged_at


def test_the_quick_path_sees_new_commits_and_a_replaced_file(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "s.sqlite"
    store = open_store(f"sqlite:///{path}")
    store.save_profile("ana", Profile(minutes=9))
    first = read_state(path, "ana", DAY)
    assert first is not None
    assert first.profile == Profile(minutes=9)
    store.save_profile("ana", Profile(minutes=14))  # committed after the cached connection's last read
    again = read_state(path, "ana", DAY)
    assert again is not None
    assert again.profile == Profile(minutes=14)
    store.engine.dispose()
    other = tmp_path / "other.sqlite"
    replacement = open_store(f"sqlite:///{other}")
    replacement.save_profile("ana", Profile(minutes=30))
    replacement.engine.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    other.replace(path)
    swapped = read_state(path, "ana", DAY)
    assert swapped is not None
    assert swapped.profile == Profile(minutes=30), "a file replaced on disk is opened anew"
