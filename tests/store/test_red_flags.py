"""Red-flag reports on SQLite and PostgreSQL: opened, read on both read paths, cleared."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from supple.core.session import FlagReport
from supple.store.measures import Measures
from supple.store.quick import read_red_flags, read_state
from supple.store.repository import open_store

DAY = dt.date(2026, 11, 24)


def test_open_flags_are_kept_once_read_in_the_state_and_cleared(database_url: str) -> None:
    store = open_store(database_url)
    measures = Measures(store.engine)
    hop = FlagReport("pain-on-hop", "shin", False, DAY)
    night = FlagReport("night-pain", "hip-front", True, DAY + dt.timedelta(days=1))
    assert measures.add_red_flags("ana", [hop, night, hop]) == 2
    # The same flag for the same complaint again is not a second open report.
    assert measures.add_red_flags("ana", [hop]) == 0
    assert measures.red_flags("ana") == (hop, night)
    assert store.state("ana", DAY).red_flags == (hop, night)
    assert measures.red_flags("ben") == ()
    assert measures.clear_red_flags("ana", DAY + dt.timedelta(days=3)) == 2
    assert measures.red_flags("ana") == ()
    assert store.state("ana", DAY).red_flags == ()
    # Once cleared, a new report opens again.
    assert measures.add_red_flags("ana", [hop]) == 1
    assert measures.clear_red_flags("nobody", DAY) == 0


def test_the_quick_sqlite_path_sees_the_same_open_flags(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    store = open_store(f"sqlite:///{path}")
    measures = Measures(store.engine)
    flag = FlagReport("swelling", "kneecap", False, DAY)
    measures.add_red_flags("ana", [flag])
    quick = read_state(path, "ana", DAY)
    assert quick is not None
    assert quick.red_flags == (flag,) == store.state("ana", DAY).red_flags
    assert read_red_flags(path, "ana") == (flag,) == measures.red_flags("ana")
    assert read_red_flags(path, "nobody") == ()
    assert read_red_flags(tmp_path / "missing.db", "ana") is None
    measures.clear_red_flags("ana", DAY)
    quick = read_state(path, "ana", DAY)
    assert quick is not None
    assert quick.red_flags == ()
