"""The parts every chart shares: the document, its heading and legend, the axes and the empty state.

A chart is ``WIDTH`` units wide and as tall as it needs. Its ``width`` and ``height`` are its
natural size in CSS pixels, one pixel a unit, so its text is near body size (13-17 px); a page
may shrink it to fit a phone through its ``viewBox`` but should not stretch it much beyond
that size (``MAX_WIDTH_REM`` on the web, ``PRINT_WIDTH_MM`` in the PDF), or the text grows
with the page. Titles, legends and notes wrap so nothing runs off the side.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from supple.charts import svg
from supple.charts.scales import Dates, Linear, date_labels, date_ticks

WIDTH = 380.0
SIDE = 16.0  #: blank space at the left and right edges
AXIS_ROOM = 44.0  #: room for the y tick labels, left of the plot
LEGEND_ROW = 22.0
EMPTY_HEIGHT = 160.0
#: The widest a page should draw a chart: tick labels (13 units) then read at about 16 px.
MAX_WIDTH_REM = 29
#: The width of a chart in the PDF report: tick labels then print at about 8 pt beside 9-pt text.
PRINT_WIDTH_MM = 84


@dataclass(frozen=True, slots=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class Key:
    """One legend entry: a swatch drawn in a 28 by 14 box whose top left is (0, 0), and its words."""

    swatch: str
    label: str


def line_key(style: svg.Style, label: str, *, marker: bool = True) -> Key:
    values: dict[str, str | float] = {"stroke": style.colour, "stroke-width": 2}
    if style.dash:
        values["stroke-dasharray"] = style.dash
    drawn = svg.line(0, 7, 28, 7, values)
    if marker:
        drawn += svg.element(
            "path",
            {
                "transform": "translate(14 7)",
                "d": svg.SHAPES[style.shape],
                "fill": style.colour,
                "stroke": style.colour,
            },
        )
    return Key(drawn, label)


def marker_key(shape: str, colour: str, label: str, *, hollow: bool = False) -> Key:
    fill = svg.PAPER if hollow else colour
    drawn = svg.element(
        "path",
        {"transform": "translate(14 7)", "d": svg.SHAPES[shape], "fill": fill, "stroke": colour, "stroke-width": 1.5},
    )
    return Key(drawn, label)


def rule_key(colour: str, label: str, *, dash: str = "8 4") -> Key:
    """A straight line across the plot, such as a target or a single-value norm."""
    return Key(svg.line(0, 7, 28, 7, {"stroke": colour, "stroke-width": 2, "stroke-dasharray": dash}), label)


def band_key(fill: str, opacity: float, label: str, *, edge: str | None = None) -> Key:
    values: dict[str, str | float] = {"fill": fill, "fill-opacity": opacity}
    drawn = svg.rect(0, 1, 28, 12, values)
    if edge:
        dots: svg.Attrs = {"stroke": edge, "stroke-width": 1.2, "stroke-dasharray": "2 2"}
        drawn += svg.line(0, 1, 28, 1, dots) + svg.line(0, 13, 28, 13, dots)
    return Key(drawn, label)


def document(*, uid: str, title: str, desc: str, height: float, body: str) -> str:
    """The whole ``<svg>``: title and description first (read out by screen readers), white paper, then ``body``."""
    uid = svg.check_uid(uid)
    root = {
        "xmlns": "http://www.w3.org/2000/svg",
        "id": uid,
        "width": svg.num(WIDTH),
        "height": svg.num(height),
        "viewBox": f"0 0 {svg.num(WIDTH)} {svg.num(height)}",
        "preserveAspectRatio": "xMidYMid meet",
        "role": "img",
        "aria-labelledby": f"{uid}-title {uid}-desc",
        "font-family": svg.FONT,
    }
    parts = [
        svg.element("title", {"id": f"{uid}-title"}, svg.escaped(title)),
        svg.element("desc", {"id": f"{uid}-desc"}, svg.escaped(desc)),
        svg.rect(0, 0, WIDTH, height, {"fill": svg.PAPER}),
        body,
    ]
    return f"<svg {svg.attrs(root)}>" + "".join(parts) + "</svg>"


def _lines(words: str, top: float, size: float, *, fill: str = svg.INK, weight: str = "normal") -> tuple[str, float]:
    """Wrapped text from ``top`` down; returns it and the y below the last line."""
    out = ""
    y = top
    for row in svg.wrap(words, WIDTH - 2 * SIDE, size):
        y += size * 1.25
        out += svg.text(SIDE, y, row, size=size, fill=fill, weight=weight)
    return out, y


def legend(keys: Sequence[Key], top: float) -> tuple[str, float]:
    """Legend entries left to right, wrapping into rows; returns the drawing and the y below it."""
    if not keys:
        return "", top
    out = ""
    x, y = SIDE, top + 6
    for key in keys:
        room = 34 if key.swatch else 0  # a key with no swatch is words alone, such as how to read a figure
        rows = svg.wrap(key.label, WIDTH - 2 * SIDE - room, svg.LABEL_SIZE)  # a long label wraps, never overflows
        width = room + max(svg.text_width(row, svg.LABEL_SIZE) for row in rows)
        if x > SIDE and (x + width > WIDTH - SIDE or len(rows) > 1):
            x, y = SIDE, y + LEGEND_ROW
        if key.swatch:
            out += svg.group(key.swatch, {"transform": f"translate({svg.num(x)} {svg.num(y)})"})
        for number, row in enumerate(rows):
            out += svg.text(x + room, y + 12 + number * svg.LABEL_SIZE * 1.25, row, size=svg.LABEL_SIZE)
        if len(rows) > 1:  # a wrapped label takes its rows to itself
            x, y = WIDTH, y + (len(rows) - 1) * svg.LABEL_SIZE * 1.25
        else:
            x += width + 18
    return svg.group(out, {"class": "chart-legend"}), y + LEGEND_ROW


def header(title: str, keys: Sequence[Key], notes: Sequence[str] = ()) -> tuple[str, float]:
    """Heading, legend and notes; returns them and the y where the plot may start."""
    heading, y = _lines(title, 4, svg.TITLE_SIZE, weight="bold")
    drawn, y = legend(keys, y + 4)
    heading += drawn
    for note in notes:
        written, y = _lines(note, y, svg.NOTE_SIZE, fill=svg.MUTED)
        heading += written
    return heading, y


def plot_box(top: float, height: float, *, room: float = AXIS_ROOM) -> Box:
    """The plot area: ``room`` for tick labels at its left, under a line that can carry the axis caption."""
    return Box(SIDE + room, top + 34, WIDTH - SIDE - 8, top + 34 + height)


def plot_area(box: Box) -> str:
    """The plot's background (``class="chart-plot"``: everything drawn from data falls inside it)."""
    return svg.rect(box.left, box.top, box.width, box.height, {"class": "chart-plot", "fill": svg.PAPER})


def y_axis(
    scale: Linear, values: Sequence[float], box: Box, *, caption: str, label: Callable[[float], str] = str
) -> str:
    """Grid lines and labels at ``values`` and the caption (the unit) above the labels."""
    out = ""
    for value in values:
        y = scale(value)
        out += svg.line(box.left, y, box.right, y, {"stroke": svg.GRID, "stroke-width": 1})
        out += svg.text(box.left - 6, y + 4.5, label(value), size=svg.TICK_SIZE, anchor="end", fill=svg.MUTED)
    if caption:
        out += svg.text(SIDE, box.top - 12, caption, size=svg.TICK_SIZE, fill=svg.MUTED)
    return svg.group(out, {"class": "chart-y-axis"})


def _placed(x: float, words: str) -> tuple[str, float, float, float]:
    """Where a label under ``x`` goes, kept inside the chart: (anchor, its x, left end, right end)."""
    width = svg.text_width(words, svg.TICK_SIZE)
    if x - width / 2 < SIDE:
        at = max(x - 4, SIDE)
        return "start", at, at, at + width
    if x + width / 2 > WIDTH - SIDE:
        at = min(x + 4, WIDTH - SIDE)
        return "end", at, at - width, at
    return "middle", x, x - width / 2, x + width / 2


def x_labels(places: Sequence[tuple[float, str]], box: Box) -> str:
    """Labels under the plot, each with a tick mark."""
    out = ""
    for x, words in places:
        anchor, at, _, _ = _placed(x, words)
        out += svg.line(x, box.bottom, x, box.bottom + 5, {"stroke": svg.MUTED, "stroke-width": 1})
        out += svg.text(at, box.bottom + 18, words, size=svg.TICK_SIZE, anchor=anchor, fill=svg.MUTED)
    base = svg.line(box.left, box.bottom, box.right, box.bottom, {"stroke": svg.MUTED, "stroke-width": 1})
    return svg.group(base + out, {"class": "chart-x-axis"})


def _fits(places: Sequence[tuple[float, str]]) -> bool:
    """True when no two neighbouring labels would touch."""
    ends = [_placed(x, words)[2:] for x, words in places]
    return all(right + 10 <= left for (_, right), (left, _) in itertools.pairwise(ends))


def date_axis(scale: Dates, box: Box) -> str:
    """Dates under the plot: as many round ones as fit without their labels touching."""
    places: list[tuple[float, str]] = []
    years = scale.first.year != scale.last.year
    for most in range(int(box.width // 60), 1, -1):
        found = date_ticks(scale.first, scale.last, most)
        places = [(scale(d), words) for d, words in zip(found, date_labels(found, years=years), strict=True)]
        if _fits(places):
            break
    return x_labels(places, box)


def empty(*, uid: str, title: str, desc: str, message: str, hint: str) -> str:
    """The chart with nothing to draw: a grey panel that says so, and what would fill it."""
    top, y = header(title, ())
    box = Box(SIDE, y + 10, WIDTH - SIDE, y + 10 + EMPTY_HEIGHT)
    panel = svg.rect(box.left, box.top, box.width, box.height, {"class": "chart-empty", "fill": "#f3f3f3", "rx": 6})
    middle = box.top + box.height / 2
    words = svg.text(WIDTH / 2, middle - 4, message, size=18, anchor="middle", weight="bold")
    for i, row in enumerate(svg.wrap(hint, box.width - 32, svg.NOTE_SIZE)):
        words += svg.text(WIDTH / 2, middle + 22 + i * 17, row, size=svg.NOTE_SIZE, anchor="middle", fill=svg.MUTED)
    return document(uid=uid, title=title, desc=desc, height=box.bottom + 14, body=top + panel + words)


def span(dates: Sequence[dt.date], start: dt.date | None, end: dt.date | None) -> list[dt.date]:
    """The dates that set the time axis: the data's, and ``start``/``end`` when a window was asked for."""
    return [*dates, *(d for d in (start, end) if d is not None)]
