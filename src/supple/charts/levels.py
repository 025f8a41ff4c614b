"""Ladder levels over time: one lane per exercise, a step line of its level, a marker per decision.

Lanes share one time axis. A decision moves up (triangle pointing up), stays (hollow circle)
or moves down (triangle pointing down), so the decision reads from the shape as well as the
colour. When one exercise has several decisions on the same day the last one counts.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence

from supple.charts import frame, svg, thin
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


def lane_height(top: int) -> float:
    """The height a lane takes for a ladder of ``top`` levels (its name above, a row per level)."""
    return LANE_NAME + (max(top, 2) - 1) * STEP + 16


def lanes(
    changes: Sequence[LevelChange], before: Sequence[LevelChange] = (), *, cap: int = thin.MAX_POINTS
) -> dict[str, list[LevelChange]]:
    """Per exercise (in order of first appearance, by date), the decisions that changed its level, oldest first.

    One decision per day (the last); a decision that keeps the level of the one before it is
    left out, so a lane draws each change once, not every repeated hold. ``before`` holds each
    exercise's last decision before the window, which sets the level the lane starts from (its
    own change is not drawn). A lane with more than ``cap`` changes draws the level at the end
    of each of ``cap`` equal spans of time.
    """
    per_day: dict[str, dict[dt.date, LevelChange]] = {}
    for change in sorted(changes, key=lambda c: c.date):
        per_day.setdefault(change.exercise, {})[change.date] = change
    start = {c.exercise: c for c in before}
    kept: dict[str, list[LevelChange]] = {}
    for slug in {*per_day, *start}:
        opening = start[slug].level if slug in start else None
        rows = _moves(list(per_day.get(slug, {}).values()), opening)
        kept[slug] = _moves(thin.thin(rows, lambda c: c.date, cap=cap), opening)
    first = {slug: start[slug].date if slug in start else rows[0].date for slug, rows in kept.items()}
    return {slug: kept[slug] for slug in sorted(kept, key=lambda slug: (first[slug], slug))}


def _moves(rows: list[LevelChange], level: int | None) -> list[LevelChange]:
    """``rows`` without those that keep the level of the row before (or of ``level``, the starting one)."""
    out: list[LevelChange] = []
    for row in rows:
        if row.level != level:
            out.append(row)
            level = row.level
    return out


def describe(found: dict[str, list[LevelChange]], names: Mapping[str, str]) -> str:
    ups = downs = 0
    for rows in found.values():
        for earlier, later in itertools.pairwise(rows):
            ups += later.level > earlier.level
            downs += later.level < earlier.level
    words = [
        f"Ladder levels of {len(found)} exercise{'s' if len(found) != 1 else ''}, each change of level marked: "
        f"{ups} moved up, {downs} moved down."
    ]
    for slug, rows in found.items():
        if rows:
            last = rows[-1]
            words.append(f"{names.get(slug, slug)}: level {last.level} since {day_month(last.date, year=True)}.")
        else:
            words.append(f"{names.get(slug, slug)}: no change of level in this range.")
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
    before: Sequence[LevelChange] = (),
) -> str:
    """The SVG for the level history; ``names`` gives display names, ``tops`` each ladder's top level.

    ``before`` gives each exercise's last decision before ``start``: its lane opens at that level.
    """
    found = lanes(changes, before)
    opening = {c.exercise: c.level for c in before}
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
    heights = {
        slug: max(tops.get(slug, 1), *(c.level for c in rows), opening.get(slug, 1), 2) for slug, rows in found.items()
    }
    total = sum(lane_height(h) for h in heights.values())
    box = frame.plot_box(y, total, room=28.0)
    # A lane that opens at its level before ``start`` opens at ``start``: the axis is the window's.
    dates = [c.date for rows in found.values() for c in rows] or [c.date for c in before]
    first, last = date_domain(frame.span(dates, start, end))
    xs = Dates(first, last, box.left, box.right)
    body = frame.plot_area(box)
    lane_top = box.top
    for slug, rows in found.items():
        height = heights[slug]
        plot_top = lane_top + LANE_NAME
        ys = Linear(1, height, plot_top + (height - 1) * STEP, plot_top)
        opens = None if slug not in opening else (xs(start) if start is not None else box.left, opening[slug])
        body += _lane(slug, rows, names.get(slug, slug), box, xs, ys, height, lane_top, opens)
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
    opening: tuple[float, int] | None = None,
) -> str:
    out = svg.text(box.left, lane_top + 14, name, size=svg.LABEL_SIZE, weight="bold")
    for level in range(1, height + 1):
        at = ys(level)
        out += svg.line(box.left, at, box.right, at, {"stroke": svg.GRID, "stroke-width": 1})
        out += svg.text(box.left - 6, at + 4.5, f"L{level}", size=svg.TICK_SIZE, anchor="end", fill=svg.MUTED)
    points: list[tuple[float, float]] = []
    if opening is not None:
        points.append((opening[0], ys(max(opening[1], 1))))
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
