"""One rotation convention across all pose data (docs/catalogue.md, "One rotation convention").

Rotations are named from the figure's own point of view: ``twist`` > 0 turns the chest to the
figure's right, a ``turn`` arrow's ``toward`` names the side the chest turns to (so it agrees with
the sign of ``twist``), and ``hip_turn`` > 0 is external rotation, < 0 internal.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from supple.catalogue import load_catalogue
from supple.catalogue.knowledge import load_knowledge
from supple.core.exercises import Exercise
from supple.core.pose import Arrow, Pose
from supple.illustrate.motion import near_side_moves
from supple.illustrate.pose import pose_body

EXERCISES = load_catalogue().exercises
TESTS = load_knowledge(EXERCISES).tests


def every_pose() -> Iterator[tuple[str, Pose]]:
    """Each exercise's pose, each rung's own pose and each screening test's pose."""
    for slug, exercise in sorted(EXERCISES.items()):
        if exercise.pose is not None:
            yield slug, exercise.pose
        for rung in exercise.ladder:
            if rung.pose is not None:
                yield f"{slug} level {rung.level}", rung.pose
    for slug, test in sorted(TESTS.items()):
        if test.pose is not None:
            yield f"test {slug}", test.pose


POSES = list(every_pose())
TURNS = [(label, pose, a) for label, pose in POSES for a in pose.arrows if a.kind == "turn"]


def side(value: float) -> str:
    return "right" if value > 0 else "left"


@pytest.mark.parametrize(("label", "pose", "hint"), TURNS, ids=[t[0] for t in TURNS])
def test_a_turn_arrow_names_the_side_the_chest_twists_to(label: str, pose: Pose, hint: Arrow) -> None:
    twist = pose.angle("twist")
    assert twist != 0, f"{label}: a turn arrow with no twist in the pose"
    assert hint.toward == side(twist), (
        f"{label}: twist {twist:g} turns the chest {side(twist)}, arrow says {hint.toward}"
    )


def test_there_are_turn_arrows_to_check() -> None:
    assert len(TURNS) >= 5


def test_an_upright_twist_to_the_right_draws_the_near_side_moving_back() -> None:
    """The figure faces the right of the picture with its right side near: turning right moves that side left."""
    body = pose_body(Pose(angles=(("twist", 40.0),)))
    assert near_side_moves(Arrow("turn", "chest", toward="right"), body) == "left"
    assert near_side_moves(Arrow("turn", "chest", toward="left"), body) == "right"


def internally_rotated(exercise: Exercise, pose: Pose) -> bool:
    """The working hip is turned inwards: the chest twisted towards it, or a negative hip_turn on it."""
    working = exercise.pose.working_side if exercise.pose is not None else "both"
    sides = ("left", "right") if working == "both" else (working,)
    towards = any(side(pose.angle("twist")) == s and pose.angle("twist") != 0 for s in sides)
    inwards = any(pose.angle(f"{s}_hip_turn") < 0 for s in sides)
    away = any(pose.angle("twist") != 0 and side(pose.angle("twist")) != s for s in sides) and not inwards
    return (towards or inwards) and not away


INTERNAL = [e for e in EXERCISES.values() if "hip-internal-rotation" in e.involves]


@pytest.mark.parametrize("exercise", INTERNAL, ids=[e.slug for e in INTERNAL])
def test_an_internal_rotation_exercise_is_pictured_turning_the_working_hip_inwards(exercise: Exercise) -> None:
    poses = [exercise.pose] + [r.pose for r in exercise.ladder if r.pose is not None]
    for pose in poses:
        assert pose is not None
        assert internally_rotated(exercise, pose), f"{exercise.slug}: the picture does not turn the working hip inwards"


def test_the_elevated_hip_internal_rotation_twists_towards_the_raised_leg() -> None:
    exercise = EXERCISES["elevated-hip-internal-rotation"]
    pose = exercise.pose
    assert pose is not None
    assert pose.working_side == "right"
    assert any(p.kind == "box" and p.at == "right_heel" for p in pose.props), "the right foot is the raised one"
    assert pose.angle("twist") > 0, "the chest turns to the right, towards the raised right leg"
    assert [a.toward for a in pose.arrows if a.kind == "turn"] == ["right"]
    assert any("towards the raised leg" in cue for cue in exercise.cues.movement)


def test_hip_rotation_tests_use_the_same_sign_for_the_hip() -> None:
    """The screening tests agree: internal rotation is a negative hip_turn, external a positive one."""
    assert TESTS["hip-internal-rotation"].pose is not None
    assert TESTS["hip-external-rotation"].pose is not None
    assert TESTS["hip-internal-rotation"].pose.angle("right_hip_turn") < 0
    assert TESTS["hip-external-rotation"].pose.angle("right_hip_turn") > 0


def test_no_pose_rotates_the_hip_inwards_for_an_external_rotation_stretch() -> None:
    """Figure-four, pigeon and clamshell turn the hip outwards: positive hip_turn on the working side."""
    for slug in ("figure-four-stretch", "pigeon-stretch", "clamshell"):
        pose = EXERCISES[slug].pose
        assert pose is not None
        assert pose.angle(f"{pose.working_side}_hip_turn") > 0, slug
