"""Soreness over time: a line per region that has ratings, on the 0-10 scale.

Regions are told apart by colour, marker shape and dash together. When a region was rated
more than once on the same day the last rating counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from supple.charts import frame, svg, thin
from supple.charts.scales import Dates, Linear, date_domain, day_month, ticks
from supple.core.progression import SorenessReading

PLOT_HEIGHT = 200.0


def series(readings: Sequence[SorenessReading], *, cap: int = thin.MAX_POINTS) -> dict[str, list[SorenessReading]]:
    """Per region (by slug), one reading per day, oldest first; over ``cap`` days, the highest of each span."""
    per_day: dict[str, dict[dt.date, SorenessReading]] = {}
    for reading in sorted(readings, key=lambda r: r.date):
        per_day.setdefault(reading.region, {})[reading.date] = reading
    return {
        region: thin.thin(list(per_day[region].values()), lambda r: r.date, cap=cap, pick=_highest)
        for region in sorted(per_day)
    }


def _highest(group: list[SorenessReading]) -> SorenessReading:
    """The highest rating of a span (the latest of equals): the one a runner most needs to see."""
    return max(reversed(group), key=lambda r: r.value)


def describe(found: dict[str, list[SorenessReading]], names: Mapping[str, str], high: int) -> str:
    count = sum(len(rows) for rows in found.values())
    latest = [
        f"{names.get(r, r)} {rows[-1].value}/{high} on {day_month(rows[-1].date, year=True)}"
        for r, rows in found.items()
    ]
    return (
        f"Soreness from 0 (none) to {high}, {count} rating{'s' if count != 1 else ''} "
        f"in {len(found)} region{'s' if len(found) != 1 else ''}. Latest: " + "; ".join(latest) + "."
    )


def chart(
    readings: Sequence[SorenessReading],
    *,
    uid: str,
    names: Mapping[str, str],
    title: str = "Soreness",
    low: int = 0,
    high: int = 10,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> str:
    """The SVG for ``readings``; ``names`` gives each region's display name."""
    found = series(readings)
    if not found:
        return frame.empty(
            uid=uid,
            title=title,
            desc="No soreness ratings yet.",
            message="No results yet",
            hint="Rate how sore each region feels the day after a session and it will appear here.",
        )
    styles = {region: svg.cycle_style(i) for i, region in enumerate(found)}
    keys = [frame.line_key(styles[region], names.get(region, region)) for region in found]
    top, y = frame.header(title, keys)
    box = frame.plot_box(y, PLOT_HEIGHT)
    ys = Linear(low, high, box.bottom, box.top)
    first, last = date_domain(frame.span([r.date for rows in found.values() for r in rows], start, end))
    xs = Dates(first, last, box.left, box.right)
    body = frame.plot_area(box)
    step = 2 if high - low > 5 else 1
    body += frame.y_axis(ys, ticks(low, high, step), box, caption=f"soreness {low}–{high}", label=lambda v: f"{v:g}")
    body += frame.date_axis(xs, box)
    for region, rows in found.items():
        style = styles[region]
        points = [(xs(r.date), ys(r.value)) for r in rows]
        drawn = svg.series_line(points, style) if len(points) > 1 else ""
        for reading, (x, y_) in zip(rows, points, strict=True):
            extra = {"data-date": reading.date.isoformat(), "data-value": str(reading.value)}
            drawn += svg.marker(x, y_, style.shape, style.colour, extra)
        body += svg.group(drawn, {"class": "chart-series", "data-series": region})
    desc = describe(found, names, high)
    return frame.document(uid=uid, title=title, desc=desc, height=box.bottom + 32, body=top + body)
