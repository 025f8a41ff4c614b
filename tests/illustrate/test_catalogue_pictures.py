"""Every catalogue exercise has a pose, and its picture is valid, lit and complete."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest

from supple.catalogue import Catalogue, load_catalogue
from supple.core.exercises import Exercise
from supple.core.pose import Pose
from supple.illustrate import ACCENT, exercise_svg
from supple.illustrate.pose import Body
from supple.illustrate.props import clearance
from supple.illustrate.render import grounded

NS = {"svg": "http://www.w3.org/2000/svg"}
CATALOGUE = load_catalogue()
SLUGS = sorted(CATALOGUE.exercises)
#: Where a release may put its roller or ball, by the region it works.
RELEASE_POINTS = {
    "glutes": {"glutes"},
    "hip-rotators": {"glutes"},
    "quads": {"left_thigh", "right_thigh"},
    "hamstrings": {"left_thigh", "right_thigh"},
    "adductors": {"left_thigh", "right_thigh"},
    "calves": {"left_calf", "right_calf"},
    "hip-flexors": {"left_hip", "right_hip"},
    "thoracic-spine": {"upper_back", "chest"},
    "feet": {"left_foot", "right_foot"},
}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


def pose_of(exercise: Exercise) -> Pose:
    assert exercise.pose is not None, f"{exercise.slug} has no [pose] table"
    return exercise.pose


def gap_to_support(body: Body, pose: Pose, name: str) -> float:
    """How far (cm) the named body point floats above whatever is under it."""
    point, radius = body.points[name], body.radius[name]
    need = max([radius, *(clearance(prop, body, point, radius) for prop in pose.props)])
    return point[1] - need


def test_the_catalogue_is_there(catalogue: Catalogue) -> None:
    assert len(SLUGS) == len(catalogue.exercises) >= 35


@pytest.mark.parametrize("slug", SLUGS)
def test_every_built_in_exercise_has_a_pose(slug: str) -> None:
    assert CATALOGUE.exercises[slug].pose is not None, f"{slug}.toml needs a [pose] table (docs/catalogue.md)"


@pytest.mark.parametrize("slug", SLUGS)
def test_the_picture_is_valid_svg_with_a_title(slug: str) -> None:
    exercise = CATALOGUE.exercises[slug]
    root = parse(exercise_svg(exercise))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    assert len(root.get("viewBox", "").split()) == 4
    title = root.find("svg:title", NS)
    assert title is not None
    assert title.text == exercise.name
    assert root.get("aria-labelledby", "").startswith(title.get("id", "?"))


@pytest.mark.parametrize("slug", SLUGS)
def test_the_main_region_is_drawn_in_the_accent_colour(slug: str) -> None:
    exercise = CATALOGUE.exercises[slug]
    root = parse(exercise_svg(exercise))
    lit = [e for e in root.iter() if f"region-{exercise.main_region}" in classes(e)]
    assert lit, f"{slug}: nothing drawn for {exercise.main_region}"
    assert all(e.get("stroke") == ACCENT for e in lit)
    others = {c for e in root.iter() for c in classes(e) if c.startswith("region-")}
    assert others == {f"region-{exercise.main_region}"}


@pytest.mark.parametrize("slug", SLUGS)
def test_every_piece_of_equipment_is_drawn(slug: str) -> None:
    exercise = CATALOGUE.exercises[slug]
    root = parse(exercise_svg(exercise))
    drawn = {c.removeprefix("prop-") for e in root.iter() for c in classes(e) if c.startswith("prop-")}
    assert drawn == set(exercise.equipment)
    assert {prop.kind for prop in pose_of(exercise).props} == set(exercise.equipment)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_figure_rests_on_the_floor_or_its_props(slug: str) -> None:
    pose = pose_of(CATALOGUE.exercises[slug])
    body = grounded(pose)
    gaps = [
        point[1] - max([radius, *(clearance(prop, body, point, radius) for prop in pose.props)])
        for point, radius in body.samples()
    ]
    assert min(gaps) == pytest.approx(0, abs=0.01), f"{slug}: the figure floats or sinks ({min(gaps):.1f} cm)"
    floor = min(point[1] - radius for point, radius in body.samples())
    assert floor >= -0.01, f"{slug}: part of the figure is below the floor"


@pytest.mark.parametrize("slug", [s for s in SLUGS if {"roller", "ball"} & CATALOGUE.exercises[s].equipment])
def test_a_roller_or_ball_lies_under_the_worked_region_and_bears_weight(slug: str) -> None:
    exercise = CATALOGUE.exercises[slug]
    pose = pose_of(exercise)
    body = grounded(pose)
    for prop in pose.props:
        if prop.kind not in ("roller", "ball"):
            continue
        assert prop.at in RELEASE_POINTS[exercise.main_region], f"{slug}: {prop.kind} under {prop.at}"
        contact = min(
            point[1] - clearance(prop, body, point, radius)
            for point, radius in body.samples()
            if clearance(prop, body, point, radius) > 0
        )
        assert contact == pytest.approx(0, abs=1.0), f"{slug}: the body does not rest on the {prop.kind}"


@pytest.mark.parametrize("slug", SLUGS)
def test_the_picture_is_deterministic(slug: str) -> None:
    exercise = CATALOGUE.exercises[slug]
    assert exercise_svg(exercise) == exercise_svg(exercise)


def test_the_size_sets_the_width_and_keeps_the_card_shape() -> None:
    exercise = CATALOGUE.exercises["roll-glutes"]
    small, large = parse(exercise_svg(exercise, size=120)), parse(exercise_svg(exercise, size=600))
    assert (small.get("width"), large.get("width")) == ("120", "600")
    assert small.get("viewBox") == large.get("viewBox")
    _, _, width, height = (float(v) for v in large.get("viewBox", "").split())
    assert width / height == pytest.approx(4 / 3, rel=0.01)


# -- the four exercises of the article are drawn as it describes them ----------------------


def body_of(slug: str) -> tuple[Pose, Body]:
    pose = pose_of(CATALOGUE.exercises[slug])
    return pose, grounded(pose)


def test_hip_flexor_stretch_half_kneels_with_the_same_side_arm_overhead() -> None:
    pose, body = body_of("hip-flexor-stretch-overhead-reach")
    back, front = pose.working_side, "left" if pose.working_side == "right" else "right"
    p = body.points
    assert gap_to_support(body, pose, f"{back}_knee") < 3, "the back knee is down"
    assert gap_to_support(body, pose, f"{front}_heel") < 3, "the front foot is flat"
    assert gap_to_support(body, pose, f"{front}_toe") < 3
    assert p[f"{front}_knee"][1] > 35, "the front knee is up, the shin standing"
    assert p[f"{back}_hand"][1] > p["head"][1] + 30, "the kneeling side's arm reaches overhead"
    assert p[f"{front}_hand"][1] < p["head"][1]


def test_elevated_hamstring_stretch_rests_a_straight_leg_on_a_box_and_hinges() -> None:
    pose, body = body_of("elevated-hamstring-stretch")
    side, other = pose.working_side, "left" if pose.working_side == "right" else "right"
    (box,) = pose.props
    assert (box.kind, box.at) == ("box", f"{side}_heel")
    assert pose.angle(f"{side}_knee") <= 10, "the raised leg is straight"
    assert body.points[f"{side}_heel"][1] > 30, "the heel is up on the box"
    assert gap_to_support(body, pose, f"{other}_heel") < 3, "the other foot stands on the floor"
    assert 20 <= pose.angle("torso") <= 60, "the trunk hinges forward"
    assert pose.angle("spine") == 0, "with a long back"


def test_elevated_hip_internal_rotation_puts_a_foot_on_a_box_and_turns_the_chest() -> None:
    pose, body = body_of("elevated-hip-internal-rotation")
    side, other = pose.working_side, "left" if pose.working_side == "right" else "right"
    (box,) = pose.props
    assert box.kind == "box"
    assert box.at.startswith(side)
    assert pose.angle(f"{side}_knee") >= 60, "the raised knee is bent"
    assert gap_to_support(body, pose, f"{other}_heel") < 3
    assert abs(pose.angle("twist")) >= 30, "the upper body is turned"
    assert [a.kind for a in pose.arrows] == ["turn"]


@pytest.mark.parametrize("slug", [s for s in SLUGS if s.startswith("roll-")])
def test_foam_roller_releases_lie_on_the_roller_with_hands_forearms_or_feet_down(slug: str) -> None:
    pose, body = body_of(slug)
    assert [p.kind for p in pose.props] == ["roller"]
    supports = [n for n in body.points if n.endswith(("_hand", "_elbow", "_toe", "_heel", "_foot"))]
    down = [n for n in supports if gap_to_support(body, pose, n) < 2]
    assert len(down) >= 2, f"{slug}: the figure is not propped on the floor ({down})"
    assert body.points["head"][1] < 90, f"{slug}: the figure should be low, on the floor"


def test_roll_glutes_sits_on_the_roller_and_roll_quads_lies_face_down() -> None:
    pose = pose_of(CATALOGUE.exercises["roll-glutes"])
    assert pose.props[0].at == "glutes"
    assert pose.angle("torso") < 0, "sitting back on the hands"
    pose = pose_of(CATALOGUE.exercises["roll-quads"])
    assert pose.props[0].at.endswith("_thigh")
    assert pose.angle("torso") > 60, "face down"
    assert math.isclose(pose.angle("roll"), 0)
