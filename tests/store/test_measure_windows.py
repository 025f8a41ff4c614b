"""The store reads only the days asked for (``since``/``until`` in SQL), on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt

from supple.catalogue import Catalogue
from supple.core.assessment import AssessmentResult
from supple.core.progression import LevelChange, SorenessReading
from supple.store.measures import Measures
from supple.store.repository import open_store
from tests.store.test_measures import _session

DAY = dt.date(2026, 11, 24)


def _day(n: int) -> dt.date:
    return DAY + dt.timedelta(days=n)


def test_each_read_keeps_to_its_window(database_url: str, catalogue: Catalogue) -> None:
    store = open_store(database_url)
    measures = Measures(store.engine)
    ids = [store.log_session("ana", _session(catalogue, _day(n))) for n in range(10)]
    for n in range(10):
        measures.add_result("ana", AssessmentResult("knee-to-wall", "left", _day(n), 8.0 + n))
        measures.add_soreness("ana", [SorenessReading(_day(n), "calves", n % 10, False)])
        measures.add_levels("ana", [LevelChange("clamshell", _day(n), 1 + n // 3, "hold", f"day {n}", ids[n])])
    measures.add_levels("ana", [LevelChange("tibialis-raise", _day(1), 2, "progress", "up", ids[1])])
    measures.add_result("ben", AssessmentResult("knee-to-wall", "left", _day(4), 1.0))
    since, until = _day(3), _day(6)

    results = measures.results("ana", since=since, until=until)
    assert [r.date for r in results] == [_day(n) for n in range(3, 7)]
    assert measures.results("ana", "knee-to-wall", since=_day(8)) == measures.results("ana")[8:]
    readings = measures.soreness("ana", since=since, until=until)
    assert [r.value for r in readings] == [3, 4, 5, 6]
    assert measures.soreness("ana", until=_day(1)) == measures.soreness("ana")[:2]
    changes = measures.level_history("ana", since=since, until=until)
    assert [c.reason for c in changes] == ["day 3", "day 4", "day 5", "day 6"]
    assert measures.level_history("ana", "tibialis-raise", until=_day(0)) == ()

    # Where each lane starts: the last decision before the window, per exercise, and nothing later.
    before = {c.exercise: c for c in measures.levels_before("ana", since)}
    assert before["clamshell"].reason == "day 2"
    assert before["tibialis-raise"].level == 2
    assert measures.levels_before("ana", _day(0)) == ()
    assert measures.levels_before("nobody", since) == ()


def test_level_tallies_count_in_sql_what_the_history_holds(database_url: str, catalogue: Catalogue) -> None:
    """Progress's "moves" and each red-flag episode's size come from counts in SQL, not every row read back."""
    store = open_store(database_url)
    measures = Measures(store.engine)
    ids = [store.log_session("ana", _session(catalogue, _day(n))) for n in range(6)]
    flag = "red-flag:night-pain:2026-11-26"
    rows = [
        LevelChange("clamshell", _day(0), 1, "hold", "a", ids[0]),
        LevelChange("clamshell", _day(1), 2, "progress", "b", ids[1]),
        LevelChange("tibialis-raise", _day(1), 2, "progress", "c", ids[1]),
        LevelChange("clamshell", _day(2), 1, "regress", "d", ids[2], flag),
        LevelChange("tibialis-raise", _day(2), 1, "regress", "e", ids[2], flag),
        LevelChange("clamshell", _day(3), 1, "regress", "f", ids[3]),
        LevelChange("clamshell", _day(5), 2, "progress", "g", ids[5]),
    ]
    measures.add_levels("ana", rows)
    measures.add_levels("ben", [LevelChange("clamshell", _day(1), 3, "progress", "h", ids[1])])
    moves, steps = measures.level_tallies("ana", until=_day(4))
    assert moves == {"hold": 1, "progress": 2, "regress": 1}, "the episode's steps and the later move are left out"
    assert steps == {flag: 2}
    assert measures.level_tallies("ana", until=_day(5))[0]["progress"] == 3
    assert measures.level_tallies("nobody", until=_day(5)) == ({}, {})
