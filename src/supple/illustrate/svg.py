"""Tiny helpers that write SVG elements as text, with numbers rounded for stable output."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from xml.sax.saxutils import escape, quoteattr

Point = tuple[float, float]
Attrs = Mapping[str, str | float]


def num(value: float) -> str:
    """A number with at most one decimal, no trailing zeros, and never ``-0``."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def attrs(*maps: Attrs) -> str:
    """Attributes from the maps, later ones winning; ``stroke_width`` is written ``stroke-width``."""
    values: dict[str, str | float] = {}
    for mapping in maps:
        values.update(mapping)
    parts = []
    for key, value in values.items():
        text = num(value) if isinstance(value, float | int) else value
        parts.append(f"{key.replace('_', '-')}={quoteattr(text)}")
    return " ".join(parts)


def element(tag: str, *maps: Attrs, body: str = "") -> str:
    if body:
        return f"<{tag} {attrs(*maps)}>{body}</{tag}>"
    return f"<{tag} {attrs(*maps)}/>"


def text(value: str) -> str:
    return escape(value)


def path(points: Iterable[Point], *, closed: bool = False) -> str:
    """An SVG path ``d`` through picture points (y up), flipped into SVG's y-down space."""
    steps = [f"{num(x)} {num(-y)}" for x, y in points]
    data = "M" + " L".join(steps)
    return data + " Z" if closed else data


def line(a: Point, b: Point, *maps: Attrs) -> str:
    return element("line", {"x1": a[0], "y1": -a[1], "x2": b[0], "y2": -b[1]}, *maps)


def circle(c: Point, r: float, *maps: Attrs) -> str:
    return element("circle", {"cx": c[0], "cy": -c[1], "r": r}, *maps)
