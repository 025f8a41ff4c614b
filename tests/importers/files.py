"""The real activity files of ../shared/data/activities and what each must read as (from its README)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from supple.core.activity import Activity

DATA = Path(__file__).parents[2] / ".." / "shared" / "data" / "activities"


@dataclass(frozen=True)
class Expected:
    sport: str
    start: str  # "YYYY-MM-DD HH:MM", UTC
    elapsed: str  # "H:MM:SS"
    moving: str | None
    km: float | None
    avg_hr: int | None = None


def seconds(clock: str) -> int:
    h, m, s = (int(part) for part in clock.split(":"))
    return h * 3600 + m * 60 + s


def check(activity: Activity, expected: Expected) -> None:
    """Start to the minute, durations within 1 s, distance within 1 % (or 10 m for short ones)."""
    start = dt.datetime.strptime(expected.start, "%Y-%m-%d %H:%M").replace(tzinfo=dt.UTC)
    assert activity.start.tzinfo is not None
    assert activity.start.replace(second=0, microsecond=0) == start
    assert activity.sport == expected.sport
    assert abs(activity.elapsed_seconds - seconds(expected.elapsed)) <= 1
    if expected.moving is not None:
        assert activity.moving_seconds is not None
        assert abs(activity.moving_seconds - seconds(expected.moving)) <= 1
    if expected.km is None:
        assert activity.distance_m is None
    else:
        assert activity.distance_m is not None
        assert abs(activity.distance_m - expected.km * 1000) <= max(10.0, expected.km * 10)
    assert activity.avg_hr == expected.avg_hr


def data(name: str) -> bytes:
    return (DATA / name).read_bytes()


def cases(table: dict[str, object]) -> list[object]:
    return [pytest.param(name, value, id=name) for name, value in table.items()]
