"""Draw a posed body, its equipment and the worked region as one self-contained SVG.

The picture is in centimetres (the ``viewBox`` is the scene) so it scales to any size. The
output depends only on the inputs: the same pose always gives the same bytes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from supple.core.pose import Pose
from supple.illustrate import props, svg
from supple.illustrate.motion import arrow
from supple.illustrate.pose import HEAD_RADIUS, TRUNK_EDGE, Body, Camera, Segment, Vec, add, lerp, pose_body, scale

ACCENT = "#f4a261"
NEAR = "#14213d"
FAR = "#5c677d"
CARD = "#f7f8fa"
CARD_EDGE = "#e2e6ec"
FLOOR = "#eceff4"
FLOOR_LINE = "#b3bcc8"
OUTLINE = 1.8  #: gap drawn round each body part so overlapping parts stay distinct
MIN_WIDTH, MIN_HEIGHT, MARGIN = 220.0, 165.0, 14.0


@dataclass(frozen=True)
class Shape:
    """Part of a segment that belongs to a region: a stretch of it, shifted to one face."""

    part: str  #: a segment part (``thigh``) or trunk segment name (``lumbar``)
    t0: float
    t1: float
    offset: float  #: fraction of the width towards the front (+) or back (-)
    width: float  #: fraction of the segment's width
    inner: bool = False  #: shift towards the midline instead of the front


REGION_SHAPES: dict[str, tuple[Shape, ...]] = {
    "feet": (Shape("foot", 0.0, 1.0, 0.0, 1.0),),
    "calves": (Shape("shin", 0.08, 0.7, -0.2, 0.75),),
    "quads": (Shape("thigh", 0.12, 0.88, 0.22, 0.62),),
    "hamstrings": (Shape("thigh", 0.12, 0.88, -0.22, 0.62),),
    "adductors": (Shape("thigh", 0.08, 0.72, 0.22, 0.62, inner=True),),
    "hip-flexors": (Shape("lumbar", 0.0, 0.5, 0.26, 0.45), Shape("thigh", 0.0, 0.42, 0.22, 0.62)),
    "glutes": (Shape("thigh", -0.12, 0.2, -0.36, 0.95),),
    "hip-rotators": (Shape("thigh", -0.08, 0.16, -0.3, 0.75),),
    "thoracic-spine": (Shape("chest", 0.1, 0.95, -0.28, 0.5),),
    "trunk": (Shape("lumbar", 0.0, 1.0, 0.0, 0.75), Shape("chest", 0.0, 0.4, 0.0, 0.75)),
}


@dataclass
class Scene:
    camera: Camera
    uid: str
    layers: list[tuple[float, int, str]]
    minx: float = math.inf
    miny: float = math.inf
    maxx: float = -math.inf
    maxy: float = -math.inf

    def cover(self, x0: float, y0: float, x1: float, y1: float) -> None:
        self.minx, self.miny = min(self.minx, x0), min(self.miny, y0)
        self.maxx, self.maxy = max(self.maxx, x1), max(self.maxy, y1)

    def cover_point(self, p: tuple[float, float], r: float) -> None:
        self.cover(p[0] - r, p[1] - r, p[0] + r, p[1] + r)

    def add(self, depth: float, content: str) -> None:
        self.layers.append((round(depth, 3), len(self.layers), content))


def grounded(pose: Pose) -> Body:
    """The posed body, resting on the floor and on whatever props bear its weight."""
    return props.rest(pose_body(pose), pose.props)


def _far_sides(body: Body, camera: Camera) -> set[str]:
    """Limbs (``left_leg``, ``right_arm`` ...) whose hip or shoulder is behind the other side's: drawn muted."""
    far: set[str] = set()
    for limb, parts in (("leg", ("thigh", "shin", "foot")), ("arm", ("upper_arm", "forearm", "hand"))):
        depth: dict[str, float] = {}
        for side in ("left", "right"):
            root = next(s for s in body.segments if s.side == side and s.part == parts[0])
            depth[side] = camera.depth(root.start)
        if abs(depth["left"] - depth["right"]) > 2:
            far.add(f"{min(depth, key=lambda k: depth[k])}_{limb}")
    return far


def _stroke(scene: Scene, a: Vec, b: Vec, width: float, colour: str, extra: str = "") -> str:
    pa, pb = scene.camera.screen(a), scene.camera.screen(b)
    scene.cover_point(pa, width / 2 + OUTLINE)
    scene.cover_point(pb, width / 2 + OUTLINE)
    gap = svg.line(pa, pb, {"stroke": CARD, "stroke_width": width + 2 * OUTLINE})
    fill = svg.line(pa, pb, {"stroke": colour, "stroke_width": width})
    return f'<g class="body{extra}">{gap}{fill}</g>'


def _shape_ends(segment: Segment, shape: Shape) -> tuple[Vec, Vec]:
    direction = scale(segment.outward, -1) if shape.inner else segment.front
    shift = scale(direction, shape.offset * segment.width)
    start, end = lerp(segment.start, segment.end, shape.t0), lerp(segment.start, segment.end, shape.t1)
    return add(start, shift), add(end, shift)


def _regions(scene: Scene, segment: Segment, highlight: tuple[str, ...], sides: tuple[str, ...]) -> str:
    out = []
    if segment.side and segment.side not in sides:
        return ""
    for region in highlight:
        for shape in REGION_SHAPES.get(region, ()):
            if shape.part not in (segment.part, segment.name):
                continue
            a, b = (scene.camera.screen(p) for p in _shape_ends(segment, shape))
            width = segment.width * shape.width
            glow = svg.line(a, b, {"stroke": ACCENT, "stroke_width": width + 6, "opacity": 0.55})
            out.append(f'<g filter="url(#{scene.uid}-glow)">{glow}</g>')
            values: dict[str, str | float] = {"class": f"region region-{region}", "stroke": ACCENT}
            out.append(svg.line(a, b, values, {"stroke_width": width}))
    return "".join(out)


def _hull(points: list[svg.Point]) -> list[svg.Point]:
    """The convex hull of picture points (Andrew's monotone chain), anticlockwise."""
    ordered = sorted(set(points))
    if len(ordered) < 3:
        return ordered

    def turn(o: svg.Point, a: svg.Point, b: svg.Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[svg.Point] = []
    upper: list[svg.Point] = []
    for p in ordered:
        while len(lower) >= 2 and turn(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(ordered):
        while len(upper) >= 2 and turn(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _trunk(scene: Scene, body: Body) -> str:
    gaps, fills = [], []
    for piece in body.trunk:
        outline = _hull([scene.camera.screen(p) for p in piece])
        for p in outline:
            scene.cover_point(p, TRUNK_EDGE / 2 + OUTLINE)
        d = svg.path(outline, closed=True)
        gaps.append(
            svg.element("path", {"d": d, "fill": CARD, "stroke": CARD, "stroke_width": TRUNK_EDGE + 2 * OUTLINE})
        )
        fills.append(svg.element("path", {"d": d, "fill": NEAR, "stroke": NEAR, "stroke_width": TRUNK_EDGE}))
    return f'<g class="body trunk" stroke-linejoin="round">{"".join(gaps + fills)}</g>'


def _body(scene: Scene, body: Body, pose: Pose, highlight: tuple[str, ...]) -> None:
    camera = scene.camera
    sides = ("left", "right") if pose.working_side == "both" else (pose.working_side,)
    far = _far_sides(body, camera)
    trunk_depth = camera.depth(body.points["chest"])
    trunk = _trunk(scene, body)
    for segment in body.segments:
        if segment.part == "trunk":
            trunk += _regions(scene, segment, highlight, sides)
    scene.add(trunk_depth, trunk)
    for segment in body.segments:
        if segment.part == "trunk":
            continue
        limb = "arm" if segment.part in ("upper_arm", "forearm", "hand") else "leg"
        is_far = f"{segment.side}_{limb}" in far
        colour = FAR if is_far else NEAR
        extra = " far" if is_far else " near"
        content = _stroke(scene, segment.start, segment.end, segment.width, colour, extra)
        content += _regions(scene, segment, highlight, sides)
        depth = camera.depth(lerp(segment.start, segment.end, 0.5))
        if segment.part == "neck":
            depth = trunk_depth + 0.01
        scene.add(depth, content)
    head = camera.screen(body.head)
    scene.cover_point(head, HEAD_RADIUS + OUTLINE)
    gap = svg.circle(head, HEAD_RADIUS + OUTLINE, {"fill": CARD})
    face = svg.circle(head, HEAD_RADIUS, {"fill": NEAR})
    scene.add(camera.depth(body.head) + 0.02, f'<g class="body head">{gap}{face}</g>')


def _horizon(scene: Scene, body: Body) -> float:
    """Where the back edge of the floor meets the picture: 0 from the side, higher as the camera tips down."""
    if scene.camera.tilt <= 1:
        return 0.0
    far = min(p[2] for p in body.points.values()) - 15.0
    return scene.camera.screen((0.0, 0.0, far))[1]


def _floor(left: float, width: float, horizon: float, bottom: float, *, edge: bool) -> str:
    """The floor: a band from its back edge down to the bottom of the card, edged when seen side-on."""
    band = svg.element("rect", {"x": left, "y": -horizon, "width": width, "height": horizon - bottom, "fill": FLOOR})
    if not edge:
        return band
    return band + svg.line((left, horizon), (left + width, horizon), {"stroke": FLOOR_LINE, "stroke_width": 1.4})


def render_svg(
    pose: Pose,
    *,
    title: str,
    highlight: tuple[str, ...] = (),
    equipment: frozenset[str] = frozenset(),
    size: int = 360,
    uid: str = "figure",
    description: str = "",
) -> str:
    """The SVG text of ``pose``: figure, props (every item of ``equipment``), regions in the accent colour."""
    camera = Camera(pose.camera)
    body = grounded(pose)
    scene = Scene(camera, uid, [])
    under: list[props.Drawn] = [props.draw(prop, body, camera) for prop in pose.props]
    placed = {prop.kind for prop in pose.props}
    for slot, kind in enumerate(sorted(equipment - placed)):
        under.append(props.spare(kind, body, camera, slot))
    for drawn in under:
        scene.cover(*drawn.bounds)
        if drawn.among:
            scene.add(drawn.depth, drawn.svg)
    _body(scene, body, pose, highlight)
    hints = [arrow(a, body, camera) for a in pose.arrows]
    for hint in hints:
        scene.cover(*hint.bounds)
    horizon = _horizon(scene, body)
    scene.cover(scene.minx, min(horizon - 4.0, scene.miny), scene.maxx, max(horizon, scene.maxy))
    width = max(scene.maxx - scene.minx + 2 * MARGIN, MIN_WIDTH)
    height = max(scene.maxy - scene.miny + 2 * MARGIN, MIN_HEIGHT, width * 3 / 4)
    width = max(width, height * 4 / 3)
    left = (scene.minx + scene.maxx) / 2 - width / 2
    top = (scene.miny + scene.maxy) / 2 + height / 2
    box = f"{svg.num(left)} {svg.num(-top)} {svg.num(width)} {svg.num(height)}"
    card: dict[str, str | float] = {
        "x": left + 0.5,
        "y": -top + 0.5,
        "width": width - 1,
        "height": height - 1,
        "rx": 10.0,
    }
    root: dict[str, str | float] = {
        "xmlns": "http://www.w3.org/2000/svg",
        "viewBox": box,
        "width": float(size),
        "height": float(round(size * height / width)),
        "role": "img",
        "aria-labelledby": f"{uid}-title {uid}-desc",
        "class": "supple-illustration",
        "stroke-linecap": "round",
    }
    parts = [
        f"<svg {svg.attrs(root)}>",
        f'<title id="{uid}-title">{svg.text(title)}</title>',
        f'<desc id="{uid}-desc">{svg.text(description or title)}</desc>',
        f'<defs><filter id="{uid}-glow" filterUnits="userSpaceOnUse" x="{svg.num(left)}" y="{svg.num(-top)}" '
        f'width="{svg.num(width)}" height="{svg.num(height)}">'
        '<feGaussianBlur stdDeviation="2.2"/></filter>'
        f'<clipPath id="{uid}-card">{svg.element("rect", card)}</clipPath></defs>',
        svg.element("rect", card, {"fill": CARD, "stroke": CARD_EDGE}),
        f'<g clip-path="url(#{uid}-card)">{_floor(left, width, horizon, top - height, edge=camera.tilt <= 1)}</g>',
    ]
    parts += [drawn.svg for drawn in sorted(under, key=lambda d: d.depth) if not drawn.among]
    parts += [content for _, _, content in sorted(scene.layers)]
    parts += [drawn.over for drawn in under if drawn.over]
    parts += [hint.svg for hint in hints]
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
