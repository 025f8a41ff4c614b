"""An empty date option is a mistake to name, not a silent "today"."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.mark.parametrize(
    "args",
    [
        ("today", "--date", ""),
        ("plan", "--start", ""),
        ("history", "--from", ""),
        ("soreness", "calves=2", "--date", ""),
        ("assess", "record", "overhead-reach", "150", "--date", ""),
        ("triage", "heel", "--red-flags", "none", "--date", ""),
        ("progress", "--date", ""),
    ],
)
def test_an_empty_date_exits_2_and_writes_nothing(cli: Any, args: tuple[str, ...]) -> None:
    done = cli(*args)
    assert done.code == 2, done.out
    assert "YYYY-MM-DD" in done.err
    assert not (cli.cwd / "data" / "supple.sqlite").exists()
