"""Red-flag reports on SQLite and PostgreSQL: opened with their level, read on both read paths, cleared, kept."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from supple.core.errors import InvalidInput
from supple.core.session import FlagReport
from supple.store.measures import Measures
from supple.store.quick import read_red_flags, read_state
from supple.store.repository import open_store

DAY = dt.date(2026, 11, 24)


def test_open_flags_are_kept_once_read_in_the_state_and_cleared(database_url: str) -> None:
    store = open_store(database_url)
    measures = Measures(store.engine)
    hop = FlagReport("pain-on-hop", "shin", "soon", DAY)
    night = FlagReport("night-pain", "hip-front", "same-day", DAY + dt.timedelta(days=1))
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
    flag = FlagReport("swelling", "kneecap", "soon", DAY)
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


def test_clearing_keeps_every_report_with_its_level_and_cleared_day(database_url: str) -> None:
    store = open_store(database_url)
    measures = Measures(store.engine)
    chest = FlagReport("calf-with-chest-symptoms", "calf", "emergency", DAY)
    calf = FlagReport("calf-swelling-redness", "calf", "same-day", DAY)
    measures.add_red_flags("ana", [chest, calf])
    assert measures.clear_red_flags("ana", DAY + dt.timedelta(days=2)) == 2
    hop = FlagReport("pain-on-hop", None, "soon", DAY + dt.timedelta(days=5))
    measures.add_red_flags("ana", [hop])
    cleared = DAY + dt.timedelta(days=2)
    assert measures.red_flags("ana", cleared=True) == (
        dataclasses.replace(chest, cleared=cleared),
        dataclasses.replace(calf, cleared=cleared),
        hop,
    )
    assert measures.red_flags("ana") == (hop,)
    # The column of the first schema stays filled for older readers: urgent unless the level is soon.
    with store.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT flag, level, urgent FROM red_flag_reports ORDER BY id")).all()
    assert [(flag, level, bool(urgent)) for flag, level, urgent in rows] == [
        ("calf-with-chest-symptoms", "emergency", True),
        ("calf-swelling-redness", "same-day", True),
        ("pain-on-hop", "soon", False),
    ]


def test_an_unknown_level_is_refused_and_nothing_is_written(database_url: str) -> None:
    measures = Measures(open_store(database_url).engine)
    good = FlagReport("swelling", "kneecap", "soon", DAY)
    with pytest.raises(InvalidInput) as caught:
        measures.add_red_flags("ana", [good, FlagReport("limp", "kneecap", "urgent", DAY)])
    assert (caught.value.field, caught.value.value) == ("red flag level", "urgent")
    assert "same-day" in caught.value.expected
    assert measures.red_flags("ana", cleared=True) == ()
