"""Charts as SVG text, shared by the web pages, the command line and the PDF reports.

A pure layer: plain data in (dates, numbers, core dataclasses), one ``<svg>`` string out.
No file, clock or randomness, so the same data always gives the same string. Each chart
carries ``role="img"``, a ``<title>`` and a ``<desc>`` that says in words what it shows,
a legend, and ids that start with the ``uid`` it was given, so several can share a page.

- ``assessment_chart(test, results, uid=...)``: a screening test per side over time,
  with its norm and the measurement error around the first result.
- ``levels_chart(changes, uid=..., names=..., tops=...)``: ladder levels per exercise.
- ``weekly_chart(weeks, uid=..., target_minutes=..., target_days=...)``: minutes per week.
- ``soreness_chart(readings, uid=..., names=...)``: soreness 0-10 per region.
"""

from __future__ import annotations

from supple.charts.assessment import chart as assessment_chart
from supple.charts.levels import chart as levels_chart
from supple.charts.levels import lane_height as levels_lane_height
from supple.charts.levels import lanes as levels_lanes
from supple.charts.soreness import chart as soreness_chart
from supple.charts.weekly import Week
from supple.charts.weekly import chart as weekly_chart

__all__ = [
    "Week",
    "assessment_chart",
    "levels_chart",
    "levels_lane_height",
    "levels_lanes",
    "soreness_chart",
    "weekly_chart",
]
