"""Keep a chart's size bounded whatever the range: at most ``cap`` points per series.

A series with more points than ``cap`` is cut into ``cap`` equal spans of time and each span
is drawn as one point, chosen by the caller (the last of a span, or its highest value). A
chart of three years then costs what a chart of a few months costs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

#: The most points one series draws: a chart is 380 px wide, so 60 points are about 5 px apart.
MAX_POINTS = 60


def days_per_point(first: dt.date, last: dt.date, cap: int = MAX_POINTS) -> int:
    """How many days each point stands for when ``first`` to ``last`` is drawn in at most ``cap`` points."""
    days = (last - first).days + 1
    return max(1, -(-days // cap))


def thin(
    rows: Sequence[T],
    date_of: Callable[[T], dt.date],
    *,
    cap: int = MAX_POINTS,
    pick: Callable[[list[T]], T] | None = None,
) -> list[T]:
    """``rows`` (oldest first) with at most ``cap`` of them: one per equal span of time.

    ``pick`` chooses each span's point (the last row by default). Rows already within ``cap``
    come back unchanged.
    """
    if len(rows) <= cap:
        return list(rows)
    first, last = date_of(rows[0]), date_of(rows[-1])
    size = days_per_point(first, last, cap)
    spans: dict[int, list[T]] = {}
    for row in rows:
        spans.setdefault((date_of(row) - first).days // size, []).append(row)
    choose = pick or (lambda group: group[-1])
    return [choose(group) for _, group in sorted(spans.items())]
