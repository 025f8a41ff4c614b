"""How an exercise's picture is posed: joint angles, props and motion arrows, as plain data.

The angles are read by ``supple.illustrate``, which turns them into a drawing. This module
only holds the vocabulary (which joints, which ranges, which body points) so that the
catalogue loader and the renderer agree on it.

Angles are in degrees. The figure starts upright, facing the right of the picture with its
right side nearest the viewer; every angle is 0 in that neutral standing position.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Whole-body and trunk angles, with the range the loader accepts.
BODY_ANGLES: dict[str, tuple[float, float]] = {
    "turn": (-180, 180),  # the body turned about the vertical; + brings its front towards the viewer
    "torso": (-180, 180),  # the trunk leaning forwards from upright: 90 face down, -90 on the back
    "roll": (-180, 180),  # the body rolled about its long axis; + brings the right side up
    "spine": (-45, 90),  # the chest bent forward from the lower back (+ rounds, - arches)
    "twist": (-90, 90),  # the chest turned about the spine; + to the right
    "head": (-60, 80),  # + chin towards the chest
}
#: Angles of each limb joint, given once per side (``left_knee``, ``right_knee`` ...).
LIMB_ANGLES: dict[str, tuple[float, float]] = {
    "hip": (-60, 160),  # flexion: + thigh forwards, - behind the body
    "hip_out": (-40, 100),  # abduction: + thigh out to the side
    "hip_turn": (-70, 100),  # rotation: + knee turns outwards (external rotation)
    "knee": (0, 165),  # flexion
    "ankle": (-90, 50),  # + toes pulled up, - pointed
    "shoulder": (-90, 200),  # flexion: + arm forwards and up, 180 overhead
    "shoulder_out": (-90, 200),  # abduction: + arm out to the side, - across the body
    "elbow": (0, 160),  # flexion
    "wrist": (-90, 100),  # + hand bent towards the palm side of a forward reach
}
SIDES: tuple[str, ...] = ("left", "right")
JOINTS: dict[str, tuple[float, float]] = BODY_ANGLES | {
    f"{side}_{joint}": limits for side in SIDES for joint, limits in LIMB_ANGLES.items()
}
#: The camera looks down on the scene by this many degrees (0 = straight from the side).
CAMERA_RANGE: tuple[float, float] = (0, 80)
WORKING_SIDES: tuple[str, ...] = ("left", "right", "both")

#: Named places on the body where a prop rests or an arrow starts.
TRUNK_POINTS: tuple[str, ...] = ("head", "neck", "upper_back", "chest", "waist", "pelvis", "glutes")
LIMB_POINTS: tuple[str, ...] = (
    "shoulder",
    "elbow",
    "wrist",
    "hand",
    "hip",
    "thigh",
    "knee",
    "calf",
    "ankle",
    "heel",
    "foot",
    "toe",
)
POINTS: tuple[str, ...] = TRUNK_POINTS + tuple(f"{side}_{point}" for side in SIDES for point in LIMB_POINTS)

#: Extra fields each kind of prop accepts (besides ``kind`` and ``at``).
PROP_FIELDS: dict[str, tuple[str, ...]] = {
    "roller": ("axis",),
    "ball": (),
    "box": ("height", "width", "side"),
    "wall": ("side",),
    "band": ("side", "length", "to"),
}
ROLLER_AXES: tuple[str, ...] = ("across", "along")
PICTURE_SIDES: tuple[str, ...] = ("left", "right")
BOX_HEIGHT: tuple[float, float] = (5, 100)
BOX_WIDTH: tuple[float, float] = (20, 120)
BAND_LENGTH: tuple[float, float] = (20, 200)

ARROW_KINDS: tuple[str, ...] = ("move", "turn", "swing")
#: Extra fields each kind of arrow needs (besides ``kind`` and ``at``).
ARROW_FIELDS: dict[str, tuple[str, ...]] = {
    "move": ("direction",),
    "turn": ("toward",),
    "swing": ("around", "sweep"),
}


@dataclass(frozen=True, slots=True)
class Prop:
    """A piece of equipment drawn in the picture, placed against the body point ``at``."""

    kind: str
    at: str
    axis: str = "across"  #: roller: ``across`` the picture (seen end-on) or ``along`` it
    height: float | None = None  #: box: cm; None means as high as the body point above the floor
    width: float = 40  #: box: cm along the picture
    side: str = "right"  #: box, wall, band: which way from the body point it lies
    length: float = 70  #: band: cm from the hand to its anchor
    to: str = ""  #: band: a second body point for a loop band between two (knees, thighs); no post then


@dataclass(frozen=True, slots=True)
class Arrow:
    """A hint of movement: ``move`` (straight), ``turn`` (about the trunk) or ``swing`` (an arc)."""

    kind: str
    at: str
    direction: float = 0  #: move: picture degrees, 0 up, 90 right
    toward: str = "right"  #: turn: which way the near side of the body turns
    around: str = ""  #: swing: the body point the arc is centred on
    sweep: float = 0  #: swing: degrees of arc, + clockwise


@dataclass(frozen=True, slots=True)
class Pose:
    """The position an exercise is pictured in. Angles not given are 0 (neutral standing)."""

    angles: tuple[tuple[str, float], ...] = ()
    camera: float = 0
    working_side: str = "both"
    props: tuple[Prop, ...] = ()
    arrows: tuple[Arrow, ...] = ()

    def angle(self, name: str) -> float:
        for key, value in self.angles:
            if key == name:
                return value
        return 0.0


#: The figure used for an exercise that has no pose of its own: standing at ease.
NEUTRAL = Pose(angles=(("left_shoulder_out", 8), ("right_shoulder_out", 8), ("left_elbow", 10), ("right_elbow", 10)))
