"""Ladder levels over time: one lane per exercise, a step line of its level, a marker per decision.

Lanes share one time axis. A decision moves up (triangle pointing up), stays (hollow circle)
or moves down (triangle pointing down), so the decision reads from the shape as well as the
colour. When one exercise has several decisions on the same day the last one counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from supple.charts import frame, svg
from supple.charts.scales import Dates, Linear, date_domain, day_month
from supple.core.progression import LevelChange

LINE = svg.Style("#0072b2", "circle")
#: How each decision is drawn and named in the legend: (shape, colour, hollow, words).
DECISIONS: dict[str, tuple[str, str, bool, str]] = {
    "progress": ("triangle", "#009e73", False, "Moved up"),
    "hold": ("circle", "#555555", True, "Stayed"),
    "regress": ("down", "#d55e00", False, "Moved down"),
}
LANE_NAME = 30.0  #: room for the exercise's name above its lane
STEP = 17.0  #: height of one level


def lanes(changes: Sequence[LevelChange]) -> dict[str, list[LevelChange]]:
    """Per exercise (in order of first appearance, by date), its decisions oldest first, one per day."""
    per_day: dict[str, dict[dt.date, LevelChange]] = {}
    for change in sorted(changes, key=lambda c: c.date):
        per_day.setdefault(change.exercise, {})[change.date] = change
    ordered = sorted(per_day.items(), key=lambda item: (min(item[1]), item[0]))
    return {slug: list(days.values()) for slug, days in ordered}


def describe(found: dict[str, list[LevelChange]], names: Mapping[str, str]) -> str:
    moves = [c.decision for rows in found.values() for c in rows]
    words = [
        f"Ladder levels of {len(found)} exercise{'s' if len(found) != 1 else ''}: "
        f"{moves.count('progress')} moved up, {moves.count('hold')} stayed, {moves.count('regress')} moved down."
    ]
    for slug, rows in found.items():
        last = rows[-1]
        words.append(f"{names.get(slug, slug)}: level {last.level} since {day_month(last.date, year=True)}.")
    return " ".join(words)


def chart(
    changes: Sequence[LevelChange],
    *,
    uid: str,
    names: Mapping[str, str],
    tops: Mapping[str, int],
    title: str = "Ladder levels",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> str:
    """The SVG for the level history; ``names`` gives display names, ``tops`` each ladder's top level."""
    found = lanes(changes)
    if not found:
        return frame.empty(
            uid=uid,
            title=title,
            desc="No ladder levels yet.",
            message="No results yet",
            hint="Log a session: each exercise done gets a level, and moves up as it gets easy.",
        )
    keys = [frame.line_key(LINE, "Level", marker=False)]
    keys += [
        frame.marker_key(shape, colour, words, hollow=hollow) for shape, colour, hollow, words in DECISIONS.values()
    ]
    top, y = frame.header(title, keys)
    heights = {slug: max(tops.get(slug, 1), *(c.level for c in rows), 2) for slug, rows in found.items()}
    total = sum(LANE_NAME + (h - 1) * STEP + 16 for h in heights.values())
    box = frame.plot_box(y, total, room=28.0)
    first, last = date_domain(frame.span([c.date for rows in found.values() for c in rows], start, end))
    xs = Dates(first, last, box.left, box.right)
    body = frame.plot_area(box)
    lane_top = box.top
    for slug, rows in found.items():
        height = heights[slug]
        plot_top = lane_top + LANE_NAME
        ys = Linear(1, height, plot_top + (height - 1) * STEP, plot_top)
        body += _lane(slug, rows, names.get(slug, slug), box, xs, ys, height, lane_top)
        lane_top = plot_top + (height - 1) * STEP + 16
    body += frame.date_axis(xs, box)
    desc = describe(found, names)
    return frame.document(uid=uid, title=title, desc=desc, height=box.bottom + 32, body=top + body)


def _lane(
    slug: str,
    rows: list[LevelChange],
    name: str,
    box: frame.Box,
    xs: Dates,
    ys: Linear,
    height: int,
    lane_top: float,
) -> str:
    out = svg.text(box.left, lane_top + 14, name, size=svg.LABEL_SIZE, weight="bold")
    for level in range(1, height + 1):
        at = ys(level)
        out += svg.line(box.left, at, box.right, at, {"stroke": svg.GRID, "stroke-width": 1})
        out += svg.text(box.left - 6, at + 4.5, f"L{level}", size=svg.TICK_SIZE, anchor="end", fill=svg.MUTED)
    points: list[tuple[float, float]] = []
    for change in rows:
        x, y = xs(change.date), ys(max(change.level, 1))
        if points:
            points.append((x, points[-1][1]))
        points.append((x, y))
    points.append((box.right, points[-1][1]))
    out += svg.series_line(points, LINE, width=2.5)
    for change in rows:
        shape, colour, hollow, _ = DECISIONS.get(change.decision, DECISIONS["hold"])
        extra = {
            "data-date": change.date.isoformat(),
            "data-value": str(change.level),
            "data-decision": change.decision,
        }
        out += svg.marker(xs(change.date), ys(max(change.level, 1)), shape, colour, extra, hollow=hollow)
    return svg.group(out, {"class": "chart-series", "data-series": slug})
