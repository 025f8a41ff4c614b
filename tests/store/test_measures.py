"""The measures repository on SQLite and on PostgreSQL, with the real migrations applied."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from supple.catalogue import Catalogue
from supple.core.assessment import AssessmentResult
from supple.core.composer import compose
from supple.core.progression import LevelChange, SorenessReading
from supple.core.session import ComposeRequest, ItemResult, LoggedItem, LoggedSession
from supple.store.engine import MIGRATIONS, make_engine, migrate
from supple.store.errors import StoreError
from supple.store.measures import Measures
from supple.store.quick import read_results, read_state
from supple.store.repository import Store, athlete_id, open_store
from supple.store.session_rows import insert_session

DAY = dt.date(2026, 11, 24)


def _open(url: str) -> tuple[Store, Measures]:
    store = open_store(url)
    return store, Measures(store.engine)


def _session(catalogue: Catalogue, date: dt.date = DAY, level: int = 1) -> LoggedSession:
    request = ComposeRequest(date, "focus", 6, frozenset(), ("calves",), all_regions=True)
    composed = compose(request, catalogue.index, catalogue.rules)
    items = [
        LoggedItem(b, block.region, item, ItemResult(done=n != 1, level=level, control=4, discomfort=2))
        for b, block in enumerate(composed.blocks)
        for n, item in enumerate(block.items)
    ]
    return LoggedSession(date, composed.kind, composed.minutes, composed.total_seconds, tuple(items))


def test_results_read_back_oldest_first_and_per_athlete(database_url: str) -> None:
    _, measures = _open(database_url)
    later = AssessmentResult("knee-to-wall", "left", DAY, 11.5)
    earlier = AssessmentResult("knee-to-wall", "left", DAY - dt.timedelta(days=28), 9.0)
    reach = AssessmentResult("overhead-reach", None, DAY, 160.0)
    for result in (later, earlier, reach):
        measures.add_result("ana", result)
    measures.add_result("ben", AssessmentResult("single-leg-squat", "right", DAY, 2.0))
    assert measures.results("ana") == (earlier, later, reach)
    assert measures.results("ana", "overhead-reach") == (reach,)
    assert measures.results("ben") == (AssessmentResult("single-leg-squat", "right", DAY, 2.0),)
    assert measures.results("cleo") == ()


def test_the_database_refuses_an_impossible_side(database_url: str) -> None:
    _, measures = _open(database_url)
    with pytest.raises(StoreError, match="nothing was saved"):
        measures.add_result("ana", AssessmentResult("knee-to-wall", "middle", DAY, 9.0))
    assert measures.results("ana") == ()


def test_soreness_is_stored_all_or_nothing(database_url: str) -> None:
    _, measures = _open(database_url)
    first = [SorenessReading(DAY, "calves", 3), SorenessReading(DAY, "quads", 0, after_run=True)]
    assert measures.add_soreness("ana", first) == 2
    bad = [SorenessReading(DAY, "glutes", 2), SorenessReading(DAY, "feet", 11)]
    with pytest.raises(StoreError, match="nothing was saved"):
        measures.add_soreness("ana", bad)
    assert measures.soreness("ana") == tuple(first)
    assert measures.soreness("ana", since=DAY + dt.timedelta(days=1)) == ()
    assert measures.soreness("ben") == ()


def test_attempts_are_the_done_items_at_their_result_level(database_url: str, catalogue: Catalogue) -> None:
    store, measures = _open(database_url)
    session = _session(catalogue, level=2)
    session_id = store.log_session("ana", session)
    done = [li for li in session.items if li.result is not None and li.result.done]
    attempts = measures.attempts("ana")
    assert [a.exercise for a in attempts] == [li.item.exercise for li in done]
    assert {(a.session_id, a.date, a.level, a.control, a.discomfort) for a in attempts} == {(session_id, DAY, 2, 4, 2)}
    assert measures.attempts("ben") == ()


def test_level_history_overrides_the_logged_level_until_a_later_session(
    database_url: str, catalogue: Catalogue
) -> None:
    store, measures = _open(database_url)
    first = _session(catalogue)
    first_id = store.log_session("ana", first)
    slug = next(li.item.exercise for li in first.items if li.result and li.result.done)
    assert store.state("ana", DAY).levels[slug] == 1
    measures.add_levels("ana", [LevelChange(slug, DAY, 2, "progress", "Up to level 2: ...", first_id)])
    assert store.state("ana", DAY).levels[slug] == 2, "the decision after a session sets the next level"
    measures.add_levels("ana", [LevelChange(slug, DAY, 1, "regress", "Down to level 1: ...", first_id)])
    assert store.state("ana", DAY).levels[slug] == 1, "a later decision for the same session wins"
    store.log_session("ana", _session(catalogue, DAY + dt.timedelta(days=1), level=3))
    assert store.state("ana", DAY).levels[slug] == 3, "a later session's own level wins over an older decision"
    assert [c.level for c in measures.level_history("ana", slug)] == [2, 1]
    assert measures.level_history("ben") == ()


def test_the_database_refuses_an_unknown_decision(database_url: str, catalogue: Catalogue) -> None:
    store, measures = _open(database_url)
    session_id = store.log_session("ana", _session(catalogue))
    good = LevelChange("clamshell", DAY, 2, "progress", "why", session_id)
    with pytest.raises(StoreError, match="nothing was saved"):
        measures.add_levels("ana", [good, LevelChange("clamshell", DAY, 2, "leap", "why", session_id)])
    assert measures.level_history("ana") == ()


def test_the_quick_path_reads_the_same_results_and_levels(tmp_path: Path, catalogue: Catalogue) -> None:
    path = tmp_path / "s.sqlite"
    store, measures = _open(f"sqlite:///{path}")
    assert read_results(path, "ana") == ()
    session_id = store.log_session("ana", _session(catalogue))
    measures.add_levels("ana", [LevelChange("kneeling-ankle-rock", DAY, 3, "progress", "why", session_id)])
    measures.add_result("ana", AssessmentResult("knee-to-wall", "right", DAY, 10.0))
    assert read_results(path, "ana") == measures.results("ana")
    assert read_state(path, "ana", DAY) == store.state("ana", DAY)
    assert read_results(tmp_path / "none.sqlite", "ana") is None


def test_upgrading_from_0002_keeps_everything_and_adds_the_new_tables(database_url: str, catalogue: Catalogue) -> None:
    from alembic import command
    from alembic.config import Config

    engine = make_engine(database_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
    assert not sa.inspect(engine).has_table("level_history")
    with engine.begin() as conn:  # as the store of 0002 wrote it (today's also keeps the level state of 0009)
        session_id = insert_session(conn, athlete_id(conn, "ana", create=True) or 0, _session(catalogue))
    migrate(engine)
    assert [s.id for s in Store(engine).sessions("ana")] == [session_id]
    for table in ("assessment_results", "soreness", "level_history"):
        assert sa.inspect(engine).has_table(table)
    assert Measures(engine).attempts("ana")


def _answer_together(url: str, session_id: int, answers: tuple[str, ...]) -> list[BaseException]:
    """Each answer from its own engine, all released at the same moment; what any of them raised."""
    start = threading.Barrier(len(answers))
    failures: list[BaseException] = []

    def answer(measures: Measures, said: str) -> None:
        start.wait(timeout=60)
        try:
            measures.set_followup("local", session_id, said, DAY)
        except BaseException as error:
            failures.append(error)

    writers = [Measures(make_engine(url)) for _ in answers]
    threads = [threading.Thread(target=answer, args=pair) for pair in zip(writers, answers, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return failures


def test_two_writers_answering_the_same_session_at_once_leave_one_answer(
    database_url: str, catalogue: Catalogue
) -> None:
    store, _ = _open(database_url)
    for round_ in range(8):  # repeated to hit the window where both find no row and both insert
        session_id = store.log_session("local", _session(catalogue, DAY + dt.timedelta(days=round_)))
        assert _answer_together(database_url, session_id, ("better", "worse")) == []
        assert Measures(store.engine).followups("local")[session_id] in ("better", "worse")
        with store.engine.connect() as conn:
            rows = conn.execute(
                sa.text("SELECT count(*) FROM session_followups WHERE session_id = :s"), {"s": session_id}
            )
            assert rows.scalar_one() == 1
