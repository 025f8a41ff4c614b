"""SVG as text: escaping, stable numbers, elements, marker shapes and the series styles.

Everything here returns strings. Presentation is written as attributes on each element
(no stylesheet, no class the page must style), so a chart looks the same inline in a page,
on its own in a file and in print.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

Attrs = Mapping[str, str | float]

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
INK = "#222222"
MUTED = "#555555"
GRID = "#dddddd"
PAPER = "#ffffff"
NORM_FILL = "#009e73"

#: Font sizes in viewBox units; at a 640-wide viewBox none is under 12 (readable on a phone).
TITLE_SIZE = 17
LABEL_SIZE = 14
TICK_SIZE = 13
NOTE_SIZE = 13

_UID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")


def check_uid(uid: str) -> str:
    """``uid`` if it can start an XML id (a letter, then letters, digits, ``-`` or ``_``); ValueError otherwise."""
    if not _UID.match(uid):
        raise ValueError(f"uid {uid!r}: expected a letter then letters, digits, '-' or '_'")
    return uid


def num(value: float) -> str:
    """A coordinate with at most one decimal, no trailing zeros, and never ``-0``."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def attrs(values: Attrs) -> str:
    """Attributes in the order given; ``stroke_width`` is written ``stroke-width``; all values quoted."""
    parts = []
    for key, value in values.items():
        written = num(value) if isinstance(value, float | int) else value
        parts.append(f"{key.replace('_', '-')}={quoteattr(written)}")
    return " ".join(parts)


def element(tag: str, values: Attrs, body: str = "") -> str:
    if body:
        return f"<{tag} {attrs(values)}>{body}</{tag}>"
    return f"<{tag} {attrs(values)}/>"


def escaped(words: str) -> str:
    """``words`` safe as element content: ``&``, ``<`` and ``>`` escaped."""
    return escape(words)


def text(
    x: float,
    y: float,
    words: str,
    *,
    size: float = LABEL_SIZE,
    anchor: str = "start",
    fill: str = INK,
    weight: str = "normal",
) -> str:
    """A line of text, XML-escaped, with its baseline at ``y``."""
    values: dict[str, str | float] = {"x": x, "y": y, "font-size": size, "fill": fill, "text-anchor": anchor}
    if weight != "normal":
        values["font-weight"] = weight
    return element("text", values, escape(words))


def group(body: str, values: Attrs | None = None) -> str:
    return f"<g {attrs(values)}>{body}</g>" if values else f"<g>{body}</g>"


def rect(x: float, y: float, width: float, height: float, values: Attrs) -> str:
    """A rectangle whose edges are rounded, not its size, so its far edges land where they should."""
    left, top = round(x, 1), round(y, 1)
    size = {"width": max(round(x + width, 1) - left, 0.0), "height": max(round(y + height, 1) - top, 0.0)}
    return element("rect", {"x": left, "y": top, **size, **values})


def line(x1: float, y1: float, x2: float, y2: float, values: Attrs) -> str:
    return element("line", {"x1": x1, "y1": y1, "x2": x2, "y2": y2, **values})


def polyline(points: list[tuple[float, float]], values: Attrs) -> str:
    data = " ".join(f"{num(x)},{num(y)}" for x, y in points)
    return element("polyline", {"points": data, "fill": "none", **values})


def text_width(words: str, size: float) -> float:
    """A generous estimate of a line's width in a sans-serif face (no font metrics in a pure layer)."""
    return len(words) * size * 0.58


def wrap(words: str, width: float, size: float) -> list[str]:
    """``words`` broken at spaces into lines no wider than ``width`` (a single long word stays whole)."""
    lines: list[str] = []
    current = ""
    for word in words.split():
        candidate = f"{current} {word}" if current else word
        if current and text_width(candidate, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


# -- markers and series styles -------------------------------------------------------------------

#: Marker outlines drawn around (0, 0); each is told apart by its shape, not only its colour.
SHAPES: dict[str, str] = {
    "circle": "M-4.5 0a4.5 4.5 0 1 0 9 0a4.5 4.5 0 1 0 -9 0Z",
    "square": "M-4 -4h8v8h-8Z",
    "triangle": "M0 -5.5L5 3.5H-5Z",
    "diamond": "M0 -5.5L5.5 0L0 5.5L-5.5 0Z",
    "down": "M0 5.5L5 -3.5H-5Z",
}


@dataclass(frozen=True, slots=True)
class Style:
    colour: str
    shape: str
    #: ``stroke-dasharray`` of the line; "" for a solid line.
    dash: str = ""


#: Colour-blind-safe colours (Okabe and Ito), darker than the usual pastel picks so they print.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#b07a00", "#4a9fd6", "#222222")
DASHES = ("", "7 4", "2 3", "9 3 2 3")
SIDE_STYLES: dict[str | None, Style] = {
    "left": Style("#0072b2", "circle"),
    "right": Style("#d55e00", "square", "7 4"),
    None: Style("#222222", "circle"),
}


def cycle_style(index: int) -> Style:
    """The ``index``-th style of a chart with many series: colour, marker and dash all change."""
    shapes = tuple(SHAPES)
    return Style(PALETTE[index % len(PALETTE)], shapes[index % len(shapes)], DASHES[index % len(DASHES)])


def marker(x: float, y: float, shape: str, colour: str, extra: Attrs | None = None, *, hollow: bool = False) -> str:
    """A data point: ``class="chart-pt"`` and a translate to its place, so tests and readers can find it."""
    values: dict[str, str | float] = {
        "class": "chart-pt",
        "transform": f"translate({num(x)} {num(y)})",
        "d": SHAPES[shape],
        "fill": PAPER if hollow else colour,
        "stroke": colour,
        "stroke-width": 1.5,
    }
    values.update(extra or {})
    return element("path", values)


def series_line(points: list[tuple[float, float]], style: Style, width: float = 2.0) -> str:
    values: dict[str, str | float] = {"stroke": style.colour, "stroke-width": width, "stroke-linejoin": "round"}
    if style.dash:
        values["stroke-dasharray"] = style.dash
    return polyline(points, values)
