"""Equipment in the picture: foam roller, ball, box, wall and band, placed against the body."""

from __future__ import annotations

import math
from dataclasses import dataclass

from supple.core.pose import Prop
from supple.illustrate import svg
from supple.illustrate.pose import Body, Camera, Vec, add

ROLLER_RADIUS, ROLLER_LENGTH = 7.5, 45.0
BALL_RADIUS = 5.5
BOX_DEPTH, BOX_SETBACK = 40.0, 6.0
WALL_THICKNESS, WALL_HEIGHT = 12.0, 215.0
POST_WIDTH = 4.0

STROKE = "#7d8898"
FILL = "#dde2e9"
DARK_FILL = "#c3cad5"
BAND = "#6b7788"


@dataclass(frozen=True)
class Drawn:
    """A prop's SVG, how near the viewer it is, and the picture area it covers."""

    kind: str
    svg: str
    depth: float
    bounds: tuple[float, float, float, float]  #: min x, min y, max x, max y (picture, y up)
    over: str = ""  #: SVG drawn on top of the body (the band held in the hands)
    among: bool = False  #: drawn in depth order with the body parts rather than behind them all


def _box_span(prop: Prop, body: Body) -> tuple[float, float, float, float]:
    """The box's footprint: x from, x to, z from, z to."""
    px, _, pz = body.points[prop.at]
    if prop.side == "right":
        x0, x1 = px - BOX_SETBACK, px - BOX_SETBACK + prop.width
    else:
        x0, x1 = px + BOX_SETBACK - prop.width, px + BOX_SETBACK
    return x0, x1, pz - BOX_DEPTH / 2, pz + BOX_DEPTH / 2


def clearance(prop: Prop, body: Body, point: Vec, radius: float) -> float:
    """How high the centre of a body part of ``radius`` at ``point`` must be to rest on ``prop``."""
    px, _, pz = body.points[prop.at]
    x, _, z = point
    if prop.kind == "box" and prop.height is not None:
        x0, x1, z0, z1 = _box_span(prop, body)
        return prop.height + radius if x0 <= x <= x1 and z0 - radius <= z <= z1 + radius else 0.0
    if prop.kind == "roller":
        reach = ROLLER_RADIUS + radius
        off = x - px if prop.axis == "across" else z - pz
        along = z - pz if prop.axis == "across" else x - px
        if abs(off) >= reach or abs(along) > ROLLER_LENGTH / 2:
            return 0.0
        return ROLLER_RADIUS + math.sqrt(reach * reach - off * off)
    if prop.kind == "ball":
        reach = BALL_RADIUS + radius
        off2 = (x - px) ** 2 + (z - pz) ** 2
        return BALL_RADIUS + math.sqrt(reach * reach - off2) if off2 < reach * reach else 0.0
    return 0.0


def rest(body: Body, placed: tuple[Prop, ...]) -> Body:
    """The body lowered or lifted until it rests on the floor and on the props that bear weight.

    A box of a given height, a roller and a ball hold the body up where it lies over them; a
    box without a height is instead made as high as the body point resting on it.
    """
    lift = -math.inf
    for point, radius in body.samples():
        need = max([radius, *(clearance(prop, body, point, radius) for prop in placed)])
        lift = max(lift, need - point[1])
    return body.moved(lift)


def box_height(prop: Prop, body: Body) -> float:
    """The box top: given, or just under the body point resting on it."""
    if prop.height is not None:
        return prop.height
    point = body.points[prop.at]
    return max(point[1] - body.radius[prop.at], 5.0)


def _bounds(camera: Camera, corners: list[Vec]) -> tuple[float, float, float, float]:
    flat = [camera.screen(c) for c in corners]
    return (min(p[0] for p in flat), min(p[1] for p in flat), max(p[0] for p in flat), max(p[1] for p in flat))


def _classes(kind: str) -> str:
    return f"prop prop-{kind}"


def _roller(prop: Prop, body: Body, camera: Camera) -> Drawn:
    px, _, pz = body.points[prop.at]
    half = ROLLER_LENGTH / 2
    axis: Vec = (0.0, 0.0, 1.0) if prop.axis == "across" else (1.0, 0.0, 0.0)
    center: Vec = (px, ROLLER_RADIUS, pz)
    ends = [add(center, (axis[0] * half * s, 0.0, axis[2] * half * s)) for s in (-1, 1)]
    ends.sort(key=camera.depth)
    far, near = (camera.screen(e) for e in ends)
    tilt = math.radians(camera.tilt)
    along_view = abs(math.cos(tilt)) if prop.axis == "across" else 0.0
    dx, dy = near[0] - far[0], near[1] - far[1]
    angle = math.degrees(math.atan2(-dy, dx)) if (dx or dy) else 0.0
    ry = max(ROLLER_RADIUS * along_view, 0.01)
    parts = []
    if dx or dy:
        parts.append(svg.line(far, near, {"stroke": STROKE, "stroke_width": 2 * ROLLER_RADIUS + 1.2}))
        parts.append(svg.line(far, near, {"stroke": DARK_FILL, "stroke_width": 2 * ROLLER_RADIUS - 1.2}))
    face: dict[str, str | float] = {
        "cx": near[0],
        "cy": -near[1],
        "rx": ry,
        "ry": ROLLER_RADIUS,
        "fill": FILL,
        "stroke": STROKE,
    }
    face |= {"stroke_width": 1.2, "transform": f"rotate({svg.num(angle)} {svg.num(near[0])} {svg.num(-near[1])})"}
    if along_view > 0.2:
        parts.append(svg.element("ellipse", face))
        parts.append(svg.element("ellipse", face, {"rx": ry * 0.45, "ry": ROLLER_RADIUS * 0.45, "fill": DARK_FILL}))
    corners = [add(e, (0.0, dy_, dz)) for e in ends for dy_ in (-ROLLER_RADIUS, ROLLER_RADIUS) for dz in (-8.0, 8.0)]
    body_svg = svg.element("g", {"class": _classes("roller")}, body="".join(parts))
    return Drawn("roller", body_svg, camera.depth(center) - 100, _bounds(camera, corners))


def _ball(prop: Prop, body: Body, camera: Camera) -> Drawn:
    px, _, pz = body.points[prop.at]
    center: Vec = (px, BALL_RADIUS, pz)
    c = camera.screen(center)
    parts = [
        svg.circle(c, BALL_RADIUS, {"fill": DARK_FILL, "stroke": STROKE, "stroke_width": 1.2}),
        svg.circle((c[0] - 1.6, c[1] + 1.6), 1.4, {"fill": "#ffffff", "opacity": 0.8}),
    ]
    corners = [add(center, (dx, dy, 0.0)) for dx in (-BALL_RADIUS, BALL_RADIUS) for dy in (-BALL_RADIUS, BALL_RADIUS)]
    drawn = svg.element("g", {"class": _classes("ball")}, body="".join(parts))
    return Drawn("ball", drawn, camera.depth(center), _bounds(camera, corners), among=True)


def _box(prop: Prop, body: Body, camera: Camera) -> Drawn:
    height = box_height(prop, body)
    x0, x1, z0, z1 = _box_span(prop, body)
    front = [(x0, 0.0, z1), (x1, 0.0, z1), (x1, height, z1), (x0, height, z1)]
    top = [(x0, height, z1), (x1, height, z1), (x1, height, z0), (x0, height, z0)]
    style: dict[str, str | float] = {"fill": FILL, "stroke": STROKE, "stroke_width": 1.2, "stroke_linejoin": "round"}
    parts = []
    if camera.tilt > 1:
        parts.append(svg.element("path", {"d": svg.path([camera.screen(p) for p in top], closed=True)}, style))
    parts.append(svg.element("path", {"d": svg.path([camera.screen(p) for p in front], closed=True)}, style))
    lip = [camera.screen((x0, height - 3.0, z1)), camera.screen((x1, height - 3.0, z1))]
    parts.append(svg.line(lip[0], lip[1], {"stroke": STROKE, "stroke_width": 0.8, "opacity": 0.7}))
    drawn = svg.element("g", {"class": _classes("box")}, body="".join(parts))
    return Drawn("box", drawn, -200, _bounds(camera, front + top))


def _wall(prop: Prop, body: Body, camera: Camera) -> Drawn:
    px, _, pz = body.points[prop.at]
    face = px + body.radius[prop.at] if prop.side == "right" else px - body.radius[prop.at]
    back = face + WALL_THICKNESS if prop.side == "right" else face - WALL_THICKNESS
    x0, x1 = min(face, back), max(face, back)
    z = pz + 30.0
    outline = [(x0, 0.0, z), (x1, 0.0, z), (x1, WALL_HEIGHT, z), (x0, WALL_HEIGHT, z)]
    flat = [camera.screen(p) for p in outline]
    style: dict[str, str | float] = {"fill": "#e6e9ef", "stroke": "none"}
    parts = [svg.element("path", {"d": svg.path(flat, closed=True)}, style)]
    parts.append(
        svg.line(
            camera.screen((face, 0.0, z)),
            camera.screen((face, WALL_HEIGHT, z)),
            {"stroke": STROKE, "stroke_width": 1.4},
        )
    )
    step = 14.0
    for k in range(int(WALL_HEIGHT // step)):
        y = k * step + 6
        a = camera.screen((x0, y, z))
        b = camera.screen((x1, y + WALL_THICKNESS * 0.8, z))
        parts.append(svg.line(a, b, {"stroke": "#c9cfd8", "stroke_width": 0.8}))
    drawn = svg.element("g", {"class": _classes("wall")}, body="".join(parts))
    return Drawn("wall", drawn, -300, _bounds(camera, outline))


def _loop_band(prop: Prop, body: Body, camera: Camera) -> Drawn:
    """A loop band between two body points (round the thighs or the feet): a short strap, no post."""
    a, b = camera.screen(body.points[prop.at]), camera.screen(body.points[prop.to])
    style: dict[str, str | float] = {"fill": "none", "stroke": BAND, "stroke_width": 3.2, "stroke_linecap": "round"}
    strap = svg.element("path", {"d": f"M{svg.num(a[0])} {svg.num(-a[1])} L{svg.num(b[0])} {svg.num(-b[1])}"}, style)
    over = svg.element("g", {"class": _classes("band") + " band-loop"}, body=strap)
    corners = [body.points[prop.at], body.points[prop.to]]
    return Drawn("band", "", -100, _bounds(camera, corners), over=over)


def _band(prop: Prop, body: Body, camera: Camera) -> Drawn:
    if prop.to:
        return _loop_band(prop, body, camera)
    hand = body.points[prop.at]
    sign = 1 if prop.side == "right" else -1
    post_x = hand[0] + sign * prop.length
    top = hand[1] + 25.0
    z = hand[2]
    base, peak = camera.screen((post_x, 0.0, z)), camera.screen((post_x, top, z))
    post = [
        svg.line(base, peak, {"stroke": STROKE, "stroke_width": POST_WIDTH, "stroke_linecap": "round"}),
        svg.line((base[0] - 8, base[1]), (base[0] + 8, base[1]), {"stroke": STROKE, "stroke_width": 2.4}),
    ]
    anchor = camera.screen((post_x, hand[1], z))
    held = camera.screen(hand)
    mid = ((anchor[0] + held[0]) / 2, (anchor[1] + held[1]) / 2 - 1.5)
    strap = svg.element(
        "path",
        {
            "d": f"M{svg.num(anchor[0])} {svg.num(-anchor[1])} Q{svg.num(mid[0])} {svg.num(-mid[1])} "
            f"{svg.num(held[0])} {svg.num(-held[1])}",
            "fill": "none",
            "stroke": BAND,
            "stroke_width": 2.6,
            "stroke_linecap": "round",
        },
    )
    loop = svg.circle(anchor, 2.2, {"fill": "none", "stroke": BAND, "stroke_width": 1.6})
    corners = [(post_x - 8, 0.0, z), (post_x + 8, top, z), hand]
    drawn = svg.element("g", {"class": _classes("band") + " band-post"}, body="".join(post))
    over = svg.element("g", {"class": _classes("band") + " band-strap"}, body=strap + loop)
    return Drawn("band", drawn, -100, _bounds(camera, corners), over=over)


_BUILDERS = {"roller": _roller, "ball": _ball, "box": _box, "wall": _wall, "band": _band}


def draw(prop: Prop, body: Body, camera: Camera) -> Drawn:
    return _BUILDERS[prop.kind](prop, body, camera)


def spare(kind: str, body: Body, camera: Camera, slot: int) -> Drawn:
    """A piece of equipment the pose does not place: laid on the floor beside the figure."""
    right = max(camera.screen(p)[0] for p in body.points.values())
    x = right + 30.0 + slot * 45.0
    anchor = f"spare-{kind}"
    points = body.points | {anchor: (x, 0.0, 0.0)}
    radius = body.radius | {anchor: 0.0}
    stand_in = Body(body.segments, points, radius, body.head, body.trunk)
    if kind == "box":
        prop = Prop(kind, anchor, height=30.0, width=36.0)
    elif kind == "wall":
        prop = Prop(kind, anchor, side="right")
    elif kind == "band":
        points[anchor] = (x - 20.0, 60.0, 0.0)
        prop = Prop(kind, anchor, length=20.0)
    else:
        prop = Prop(kind, anchor)
    return draw(prop, stand_in, camera)
