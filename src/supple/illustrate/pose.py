"""Forward kinematics: a small 3-D stick body posed by joint angles, then seen from a camera.

The body is a chain of segments (trunk, neck, head, and per side: upper arm, forearm, hand,
thigh, shin, foot) with fixed lengths in centimetres for a person about 1.77 m tall. Each
segment carries a frame (``f`` forwards, ``u`` up along the segment's parent direction, ``r``
to the body's right) so that every joint angle is a rotation about one of its parent's axes.

World axes: ``x`` to the right of the picture, ``y`` up, ``z`` towards the viewer. The camera
looks along ``-z``, tipped down by ``Pose.camera`` degrees.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from supple.core.pose import Pose

Vec = tuple[float, float, float]

# Segment lengths (cm).
LUMBAR, CHEST, SHOULDER_DROP, NECK, HEAD_RADIUS = 22.0, 30.0, 4.0, 7.0, 11.0
THIGH, SHIN, UPPER_ARM, FOREARM, HAND = 44.0, 42.0, 29.0, 25.0, 9.0
HIP_HALF, SHOULDER_HALF = 9.0, 15.0
TRUNK_EDGE = 4.0  #: the trunk outline is drawn with this stroke, rounding its corners
HEEL_DROP, HEEL_BACK, TOE_DROP, TOE_AHEAD = 5.5, 5.0, 5.5, 17.0
# Segment thicknesses (cm): the diameter each is drawn with.
WIDTH = {
    "trunk": 22.0,
    "neck": 9.0,
    "thigh": 15.0,
    "shin": 11.0,
    "foot": 7.0,
    "upper_arm": 10.0,
    "forearm": 8.0,
    "hand": 7.0,
}


def add(*vectors: Vec) -> Vec:
    return (sum(v[0] for v in vectors), sum(v[1] for v in vectors), sum(v[2] for v in vectors))


def scale(v: Vec, k: float) -> Vec:
    return (v[0] * k, v[1] * k, v[2] * k)


def lerp(a: Vec, b: Vec, t: float) -> Vec:
    return (a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)


def _cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def _dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def rotate(v: Vec, axis: Vec, degrees: float) -> Vec:
    """Rodrigues' rotation of ``v`` about the unit vector ``axis`` (right-hand rule)."""
    a = math.radians(degrees)
    c, s = math.cos(a), math.sin(a)
    k = _dot(axis, v) * (1 - c)
    return add(scale(v, c), scale(_cross(axis, v), s), scale(axis, k))


@dataclass(frozen=True)
class Frame:
    """Three orthonormal axes: forwards, up and the body's right."""

    f: Vec
    u: Vec
    r: Vec

    def turned(self, axis: Vec, degrees: float) -> Frame:
        if not degrees:
            return self
        return Frame(rotate(self.f, axis, degrees), rotate(self.u, axis, degrees), rotate(self.r, axis, degrees))

    # Named rotations about the frame's own axes, in the senses the joint angles use.
    def flexed(self, degrees: float) -> Frame:
        """Swing ``-u`` towards ``f`` (a hip, shoulder or elbow bending forwards)."""
        return self.turned(self.r, degrees)

    def spread(self, degrees: float, sign: int) -> Frame:
        """Swing ``-u`` out to the side given by ``sign`` (+1 the right, -1 the left)."""
        return self.turned(self.f, -sign * degrees)

    def spun(self, degrees: float, sign: int) -> Frame:
        """Turn ``f`` about ``u`` towards the side given by ``sign``."""
        return self.turned(self.u, -sign * degrees)


@dataclass(frozen=True)
class Segment:
    """One rounded stroke of the body, with the frame it was built in (for offsets)."""

    name: str  #: e.g. ``right_thigh`` or ``chest``
    part: str  #: e.g. ``thigh``; ``trunk`` for lumbar and chest
    side: str  #: ``left``, ``right`` or ``""`` for the midline
    start: Vec
    end: Vec
    width: float
    front: Vec  #: the segment's forward direction (its frame's ``f``)
    outward: Vec  #: towards the outside of the body (its frame's ``r`` for the right side)


@dataclass(frozen=True)
class Body:
    """A posed body in world coordinates (cm), pelvis at the origin before grounding."""

    segments: tuple[Segment, ...]
    points: dict[str, Vec]
    radius: dict[str, float]  #: thickness / 2 at each named point, for contacts
    head: Vec
    trunk: tuple[tuple[Vec, ...], ...]  #: the lower and upper trunk, each as rings of surface points

    def moved(self, dy: float) -> Body:
        def up(v: Vec) -> Vec:
            return (v[0], v[1] + dy, v[2])

        segments = tuple(
            Segment(s.name, s.part, s.side, up(s.start), up(s.end), s.width, s.front, s.outward) for s in self.segments
        )
        points = {name: up(p) for name, p in self.points.items()}
        trunk = tuple(tuple(up(p) for p in piece) for piece in self.trunk)
        return Body(segments, points, self.radius, up(self.head), trunk)

    def samples(self) -> list[tuple[Vec, float]]:
        """Points along the body's surface, each with the radius of the part there (for contacts)."""
        found: list[tuple[Vec, float]] = []
        for s in self.segments:
            if s.part == "trunk":
                continue
            steps = max(2, int(math.dist(s.start, s.end) // 4))
            found += [(lerp(s.start, s.end, k / steps), s.width / 2) for k in range(steps + 1)]
        found += [(p, TRUNK_EDGE / 2) for piece in self.trunk for p in piece]
        found.append((self.head, HEAD_RADIUS))
        return found


def _ring(centre: Vec, frame: Frame, half_width: float, half_depth: float) -> list[Vec]:
    """Points round an ellipse across the trunk (its surface, less the outline stroke)."""
    ring = []
    for k in range(12):
        a = math.radians(30 * k)
        ring.append(add(centre, scale(frame.r, half_width * math.cos(a)), scale(frame.f, half_depth * math.sin(a))))
    return ring


def _leg(pose: Pose, side: str, hip: Vec, pelvis: Frame) -> tuple[list[Segment], dict[str, Vec], dict[str, float]]:
    sign = 1 if side == "right" else -1
    angle = pose.angle
    thigh = (
        pelvis.flexed(angle(f"{side}_hip")).spread(angle(f"{side}_hip_out"), sign).spun(angle(f"{side}_hip_turn"), sign)
    )
    knee = add(hip, scale(thigh.u, -THIGH))
    shin = thigh.flexed(-angle(f"{side}_knee"))
    ankle = add(knee, scale(shin.u, -SHIN))
    foot = shin.flexed(angle(f"{side}_ankle"))
    sole = scale(foot.u, -1)
    heel = add(ankle, scale(sole, HEEL_DROP), scale(foot.f, -HEEL_BACK))
    toe = add(ankle, scale(sole, TOE_DROP), scale(foot.f, TOE_AHEAD))
    out = scale(thigh.r, sign)
    segments = [
        Segment(f"{side}_thigh", "thigh", side, hip, knee, WIDTH["thigh"], thigh.f, out),
        Segment(f"{side}_shin", "shin", side, knee, ankle, WIDTH["shin"], shin.f, scale(shin.r, sign)),
        Segment(f"{side}_foot", "foot", side, heel, toe, WIDTH["foot"], foot.u, scale(foot.r, sign)),
    ]
    points = {
        "hip": hip,
        "thigh": lerp(hip, knee, 0.5),
        "knee": knee,
        "calf": lerp(knee, ankle, 0.45),
        "ankle": ankle,
        "heel": heel,
        "foot": lerp(heel, toe, 0.45),
        "toe": toe,
    }
    radius = {
        "hip": WIDTH["thigh"] / 2,
        "thigh": WIDTH["thigh"] / 2,
        "knee": WIDTH["shin"] / 2,
        "calf": WIDTH["shin"] / 2,
        "ankle": WIDTH["shin"] / 2,
        "heel": WIDTH["foot"] / 2,
        "foot": WIDTH["foot"] / 2,
        "toe": WIDTH["foot"] / 2,
    }
    return segments, points, radius


def _arm(pose: Pose, side: str, shoulder: Vec, chest: Frame) -> tuple[list[Segment], dict[str, Vec], dict[str, float]]:
    sign = 1 if side == "right" else -1
    angle = pose.angle
    upper = chest.flexed(angle(f"{side}_shoulder")).spread(angle(f"{side}_shoulder_out"), sign)
    elbow = add(shoulder, scale(upper.u, -UPPER_ARM))
    fore = upper.flexed(angle(f"{side}_elbow"))
    wrist = add(elbow, scale(fore.u, -FOREARM))
    hand_frame = fore.flexed(angle(f"{side}_wrist"))
    hand = add(wrist, scale(hand_frame.u, -HAND))
    segments = [
        Segment(f"{side}_upper_arm", "upper_arm", side, shoulder, elbow, WIDTH["upper_arm"], upper.f, upper.r),
        Segment(f"{side}_forearm", "forearm", side, elbow, wrist, WIDTH["forearm"], fore.f, fore.r),
        Segment(f"{side}_hand", "hand", side, wrist, hand, WIDTH["hand"], hand_frame.f, hand_frame.r),
    ]
    points = {"shoulder": shoulder, "elbow": elbow, "wrist": wrist, "hand": hand}
    radius = {
        "shoulder": WIDTH["upper_arm"] / 2,
        "elbow": WIDTH["forearm"] / 2,
        "wrist": WIDTH["hand"] / 2,
        "hand": WIDTH["hand"] / 2,
    }
    return segments, points, radius


def pose_body(pose: Pose) -> Body:
    """Place every segment from the joint angles, with the pelvis at the origin."""
    angle = pose.angle
    upright = Frame((1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0))
    facing = upright.turned(upright.u, -angle("turn"))
    leaning = facing.turned(facing.r, -angle("torso"))
    pelvis = leaning.turned(leaning.u, -angle("roll"))
    origin: Vec = (0.0, 0.0, 0.0)
    waist = add(origin, scale(pelvis.u, LUMBAR))
    chest = pelvis.flexed(-angle("spine")).spun(angle("twist"), 1)
    neck_base = add(waist, scale(chest.u, CHEST))
    shoulder_line = add(neck_base, scale(chest.u, -SHOULDER_DROP))
    head_frame = chest.flexed(-angle("head"))
    neck_top = add(neck_base, scale(head_frame.u, NECK))
    head = add(neck_top, scale(head_frame.u, HEAD_RADIUS * 0.9))
    segments = [
        Segment("lumbar", "trunk", "", origin, waist, WIDTH["trunk"], pelvis.f, pelvis.r),
        Segment("chest", "trunk", "", waist, shoulder_line, WIDTH["trunk"], chest.f, chest.r),
        Segment("neck", "neck", "", neck_base, neck_top, WIDTH["neck"], head_frame.f, head_frame.r),
    ]
    points: dict[str, Vec] = {
        "head": head,
        "neck": neck_base,
        "upper_back": lerp(waist, neck_base, 0.62),
        "chest": lerp(waist, neck_base, 0.5),
        "waist": waist,
        "pelvis": origin,
        "glutes": add(origin, scale(pelvis.f, -4.0), scale(pelvis.u, -4.0)),
    }
    radius: dict[str, float] = dict.fromkeys(points, WIDTH["trunk"] / 2)
    radius |= {"head": HEAD_RADIUS, "neck": WIDTH["neck"] / 2}
    ribs = add(waist, scale(chest.u, 14.0), scale(chest.f, 1.0))
    lower = _ring(add(origin, scale(pelvis.u, -2.0), scale(pelvis.f, -1.0)), pelvis, 13.0, 9.0)
    lower += _ring(waist, pelvis, 11.0, 7.5)
    upper = _ring(waist, chest, 11.0, 7.5) + _ring(ribs, chest, 13.0, 9.5) + _ring(shoulder_line, chest, 14.0, 6.5)
    for side, sign in (("left", -1), ("right", 1)):
        hip = add(origin, scale(pelvis.r, sign * HIP_HALF))
        shoulder = add(shoulder_line, scale(chest.r, sign * SHOULDER_HALF))
        for build, joint, frame in ((_leg, hip, pelvis), (_arm, shoulder, chest)):
            limb, named, sizes = build(pose, side, joint, frame)
            segments += limb
            points |= {f"{side}_{key}": value for key, value in named.items()}
            radius |= {f"{side}_{key}": value for key, value in sizes.items()}
    return Body(tuple(segments), points, radius, head, (tuple(lower), tuple(upper)))


@dataclass(frozen=True)
class Camera:
    """An orthographic camera tipped down by ``tilt`` degrees."""

    tilt: float = 0.0

    def screen(self, p: Vec) -> tuple[float, float]:
        """Picture coordinates (x right, y up) of a world point."""
        a = math.radians(self.tilt)
        return (p[0], p[1] * math.cos(a) - p[2] * math.sin(a))

    def depth(self, p: Vec) -> float:
        """How near the viewer a point is (larger is nearer)."""
        a = math.radians(self.tilt)
        return p[1] * math.sin(a) + p[2] * math.cos(a)
