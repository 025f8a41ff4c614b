"""Motion hints: a straight arrow, a turn about the trunk, or a swing along an arc."""

from __future__ import annotations

import math
from dataclasses import dataclass

from supple.core.pose import Arrow
from supple.illustrate import svg
from supple.illustrate.pose import Body, Camera

COLOUR = "#5c677d"
MOVE_GAP, MOVE_LENGTH = 14.0, 24.0
TURN_RX, TURN_RY = 24.0, 8.0
HEAD = 5.0


@dataclass(frozen=True)
class Hint:
    svg: str
    bounds: tuple[float, float, float, float]


def _head(points: list[svg.Point]) -> str:
    """An arrowhead at the last point, pointing along the last step."""
    (x0, y0), (x1, y1) = points[-2], points[-1]
    angle = math.atan2(y1 - y0, x1 - x0)
    wing = math.radians(28)
    left = (x1 - HEAD * math.cos(angle - wing), y1 - HEAD * math.sin(angle - wing))
    right = (x1 - HEAD * math.cos(angle + wing), y1 - HEAD * math.sin(angle + wing))
    return svg.element("path", {"d": svg.path([left, (x1, y1), right], closed=True), "fill": COLOUR})


def _drawn(points: list[svg.Point]) -> Hint:
    style: dict[str, str | float] = {"fill": "none", "stroke": COLOUR, "stroke_width": 2.0}
    style |= {"stroke_linejoin": "round", "stroke_dasharray": "none"}
    line = svg.element("path", {"d": svg.path(points)}, style)
    content = svg.element("g", {"class": "motion", "opacity": 0.85}, body=line + _head(points))
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return Hint(content, (min(xs) - HEAD, min(ys) - HEAD, max(xs) + HEAD, max(ys) + HEAD))


def near_side_moves(hint: Arrow, body: Body) -> str:
    """Which way across the picture the near side of the chest moves for a turn arrow.

    ``toward`` names the figure's own side the chest turns to, as ``twist`` does (docs/catalogue.md,
    "One rotation convention"). Turning about the chest's up axis ``u`` towards the body's right
    moves a point on the near side (towards the viewer, +z) along ``-u x z``, whose x part is ``-u_y``.
    """
    chest = next(s for s in body.segments if s.name == "chest")
    up_y = chest.end[1] - chest.start[1]
    sign = 1 if hint.toward == "right" else -1
    return "left" if sign * up_y >= 0 else "right"


def arrow(hint: Arrow, body: Body, camera: Camera) -> Hint:
    cx, cy = camera.screen(body.points[hint.at])
    if hint.kind == "move":
        a = math.radians(hint.direction)
        dx, dy = math.sin(a), math.cos(a)
        start = (cx + dx * MOVE_GAP, cy + dy * MOVE_GAP)
        end = (start[0] + dx * MOVE_LENGTH, start[1] + dy * MOVE_LENGTH)
        return _drawn([start, end])
    if hint.kind == "turn":
        # An ellipse round the trunk, seen slightly from above: its lower arc is the near side.
        sweep = range(30, 331, 10) if near_side_moves(hint, body) == "right" else range(150, -151, -10)
        points = [(cx + TURN_RX * math.cos(math.radians(t)), cy + TURN_RY * math.sin(math.radians(t))) for t in sweep]
        return _drawn(points)
    ox, oy = camera.screen(body.points[hint.around])
    radius = math.hypot(cx - ox, cy - oy) + 10.0
    begin = math.degrees(math.atan2(cx - ox, cy - oy))
    steps = max(int(abs(hint.sweep) // 6), 2)
    angles = [begin + hint.sweep * k / steps for k in range(steps + 1)]
    points = [(ox + radius * math.sin(math.radians(t)), oy + radius * math.cos(math.radians(t))) for t in angles]
    return _drawn(points)
