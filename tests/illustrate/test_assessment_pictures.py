"""Every screening test has a pose, and its picture shows the position the test is done in."""

from __future__ import annotations

import math
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from supple.catalogue import CatalogueError, load_catalogue
from supple.catalogue.knowledge import TEST_PROPS, load_knowledge, parse_test
from supple.catalogue.loader import HERE
from supple.core.assessment import AssessmentTest
from supple.core.pose import NEUTRAL, Pose
from supple.illustrate import ACCENT, assessment_svg
from supple.illustrate.pose import Body, Vec
from supple.illustrate.props import clearance
from supple.illustrate.render import grounded

NS = {"svg": "http://www.w3.org/2000/svg"}
TESTS = load_knowledge(load_catalogue().exercises).tests
SLUGS = sorted(TESTS)


def pose_of(test: AssessmentTest) -> Pose:
    assert test.pose is not None, f"{test.slug} has no [pose] table (docs/knowledge.md)"
    return test.pose


def body_of(slug: str) -> tuple[Pose, Body]:
    pose = pose_of(TESTS[slug])
    return pose, grounded(pose)


def gap(body: Body, pose: Pose, name: str) -> float:
    """How far (cm) the named body point floats above whatever is under it."""
    point, radius = body.points[name], body.radius[name]
    return point[1] - max([radius, *(clearance(prop, body, point, radius) for prop in pose.props)])


def sides(pose: Pose) -> tuple[str, str]:
    """The working side and the other one."""
    assert pose.working_side in ("left", "right"), "a per-side test poses one side"
    return pose.working_side, "left" if pose.working_side == "right" else "right"


def minus(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def classes(element: ET.Element) -> set[str]:
    return set(element.get("class", "").split())


# -- every test -------------------------------------------------------------------------------


def test_there_are_eight_tests() -> None:
    assert len(SLUGS) == 8


@pytest.mark.parametrize("slug", SLUGS)
def test_every_test_has_a_pose(slug: str) -> None:
    assert TESTS[slug].pose is not None, f"{slug}.toml needs a [pose] table (docs/knowledge.md)"


@pytest.mark.parametrize("slug", SLUGS)
def test_the_picture_is_valid_svg_named_after_the_test(slug: str) -> None:
    test = TESTS[slug]
    root = ET.fromstring(assessment_svg(test))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("role") == "img"
    title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
    assert title is not None
    assert desc is not None
    assert title.text == test.name
    assert title.get("id") == f"ill-test-{slug}-title"
    assert (desc.text or "").startswith(test.measures)
    assert root.get("aria-labelledby") == f"ill-test-{slug}-title ill-test-{slug}-desc"


@pytest.mark.parametrize("slug", SLUGS)
def test_the_main_region_and_only_it_is_lit(slug: str) -> None:
    test = TESTS[slug]
    root = ET.fromstring(assessment_svg(test))
    main = test.regions[0]
    lit = [e for e in root.iter() if f"region-{main}" in classes(e)]
    assert lit, f"{slug}: nothing drawn for {main}"
    assert all(e.get("stroke") == ACCENT for e in lit)
    assert {c for e in root.iter() for c in classes(e) if c.startswith("region-")} == {f"region-{main}"}


@pytest.mark.parametrize("slug", SLUGS)
def test_the_props_placed_are_drawn_and_nothing_else(slug: str) -> None:
    pose = pose_of(TESTS[slug])
    root = ET.fromstring(assessment_svg(TESTS[slug]))
    drawn = {c.removeprefix("prop-") for e in root.iter() for c in classes(e) if c.startswith("prop-")}
    assert drawn == {prop.kind for prop in pose.props}
    assert drawn <= set(TEST_PROPS)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_figure_rests_on_the_floor_or_its_props(slug: str) -> None:
    pose, body = body_of(slug)
    gaps = [
        point[1] - max([radius, *(clearance(prop, body, point, radius) for prop in pose.props)])
        for point, radius in body.samples()
    ]
    assert min(gaps) == pytest.approx(0, abs=0.01), f"{slug}: the figure floats or sinks ({min(gaps):.1f} cm)"


@pytest.mark.parametrize("slug", SLUGS)
def test_the_picture_is_deterministic_and_sized(slug: str) -> None:
    test = TESTS[slug]
    assert assessment_svg(test) == assessment_svg(test)
    assert ET.fromstring(assessment_svg(test, size=200)).get("width") == "200"


def test_a_test_without_a_pose_is_a_figure_standing_at_ease() -> None:
    test = replace(TESTS["knee-to-wall"], pose=None)
    assert assessment_svg(test) == assessment_svg(replace(test, pose=NEUTRAL))
    root = ET.fromstring(assessment_svg(test))
    assert not [e for e in root.iter() if "prop" in classes(e)]


# -- each test is drawn as its instructions describe it ----------------------------------------


def test_knee_to_wall_bends_the_front_knee_past_the_toes_to_the_wall_with_the_heel_down() -> None:
    pose, body = body_of("knee-to-wall")
    front, back = sides(pose)
    p = body.points
    (wall,) = pose.props
    assert (wall.kind, wall.at, wall.side) == ("wall", f"{front}_knee", "right"), "the knee touches the wall"
    assert p[f"{front}_knee"][0] > p[f"{front}_toe"][0] + 5, "the knee is ahead of the toes"
    assert gap(body, pose, f"{front}_heel") < 1, "the whole front heel is down"
    assert gap(body, pose, f"{front}_toe") < 1
    assert p[f"{back}_heel"][0] < p[f"{front}_heel"][0], "the other foot is behind"
    assert p["head"][1] > 140, "standing"


def test_active_straight_leg_raise_lifts_one_straight_leg_while_lying_on_the_back() -> None:
    pose, body = body_of("active-straight-leg-raise")
    raised, down = sides(pose)
    p = body.points
    assert pose.angle("torso") == -90, "lying on the back"
    assert abs(p["head"][1] - p["pelvis"][1]) < 15, "the trunk lies flat"
    assert pose.angle(f"{raised}_knee") == 0, "the raised knee is straight"
    rise = minus(p[f"{raised}_knee"], p[f"{raised}_hip"])
    assert math.degrees(math.atan2(rise[1], abs(rise[0]))) > 45, "the leg is well up from the floor"
    assert gap(body, pose, f"{down}_heel") < 3, "the other leg stays on the floor"


@pytest.mark.parametrize(("slug", "outwards"), [("hip-internal-rotation", True), ("hip-external-rotation", False)])
def test_hip_rotation_lies_face_down_with_the_shin_fallen_out_or_in(slug: str, outwards: bool) -> None:
    pose, body = body_of(slug)
    side, other = sides(pose)
    p = body.points
    assert pose.angle("torso") == 90, "face down"
    assert pose.angle(f"{side}_knee") == 90, "the knee is bent to a right angle"
    assert gap(body, pose, "pelvis") < 5, "the pelvis is on the floor"
    assert pose.angle(f"{other}_knee") == 0, "the other leg lies on the floor"
    assert p[f"{other}_knee"][1] < 15, "the other leg lies on the floor"
    shin = minus(p[f"{side}_ankle"], p[f"{side}_knee"])
    assert shin[1] > 25, "the shin points up"
    away = minus(p[f"{side}_hip"], p[f"{other}_hip"])  # from the other hip towards this one: outwards
    outward = dot(shin, away) / math.hypot(*away)
    if outwards:
        assert outward > 10, "internal rotation: the foot falls outwards, away from the other leg"
    else:
        assert outward < -10, "external rotation: the foot falls inwards, across the other leg"
    assert (pose.angle(f"{side}_hip_turn") < 0) is outwards


def test_thoracic_rotation_sits_back_on_the_heels_and_turns_the_raised_elbow_up() -> None:
    pose, body = body_of("thoracic-rotation")
    side, other = sides(pose)
    p = body.points
    assert abs(pose.angle("twist")) >= 45, "the chest is turned"
    assert [a.kind for a in pose.arrows] == ["turn"]
    assert pose.angle(f"{side}_hip") >= 110, "sat back towards the heels"
    assert pose.angle(f"{side}_knee") >= 120, "sat back towards the heels"
    assert gap(body, pose, f"{side}_knee") < 3, "kneeling"
    assert gap(body, pose, f"{other}_knee") < 3, "kneeling"
    assert gap(body, pose, f"{other}_elbow") < 3, "forearm on the floor"
    assert gap(body, pose, f"{other}_wrist") < 4, "forearm on the floor"
    assert p[f"{side}_elbow"][1] > p[f"{side}_shoulder"][1] + 15, "the raised elbow points up"
    assert math.dist(p[f"{side}_hand"], p["head"]) < 30, "the hand is at the head"


def test_overhead_reach_stands_with_the_back_to_a_wall_and_both_arms_overhead() -> None:
    pose, body = body_of("overhead-reach")
    p = body.points
    (wall,) = pose.props
    assert (wall.kind, wall.side) == ("wall", "left"), "the wall is behind the figure, which faces right"
    assert wall.at in ("glutes", "upper_back")
    for side in ("left", "right"):
        assert p[f"{side}_hand"][1] > p["head"][1] + 30, "both arms reach overhead"
        assert pose.angle(f"{side}_elbow") == 0, "with straight elbows"
        assert gap(body, pose, f"{side}_heel") < 1, "standing"
    assert pose.working_side == "both"


def test_modified_thomas_lies_back_on_a_table_hugging_one_knee_with_the_other_leg_hanging() -> None:
    pose, body = body_of("modified-thomas")
    hanging, hugged = sides(pose)
    p = body.points
    (table,) = pose.props
    assert table.kind == "box"
    assert (table.height or 0) >= 60, "a table, not a step"
    assert pose.angle("torso") == -90, "lying back"
    assert gap(body, pose, "upper_back") < 5, "the trunk lies on the table"
    assert gap(body, pose, "pelvis") < 5, "the trunk lies on the table"
    assert pose.angle(f"{hugged}_hip") >= 110, "the other knee is hugged to the chest"
    assert math.dist(p[f"{hugged}_hand"], p[f"{hugged}_knee"]) < 20, "held by the hands"
    thigh = minus(p[f"{hanging}_knee"], p[f"{hanging}_hip"])
    assert abs(math.degrees(math.atan2(thigh[1], thigh[0]))) < 15, "the hanging thigh is about level"
    assert p[f"{hanging}_ankle"][1] < p[f"{hanging}_knee"][1] - 30, "the lower leg hangs down"
    assert gap(body, pose, f"{hanging}_heel") > 10, "the hanging foot is off the floor"


def test_single_leg_squat_stands_on_one_bent_leg_with_the_other_foot_off_the_floor() -> None:
    pose, body = body_of("single-leg-squat")
    stance, free = sides(pose)
    p = body.points
    assert gap(body, pose, f"{stance}_heel") < 1, "the foot is flat"
    assert gap(body, pose, f"{stance}_toe") < 1, "the foot is flat"
    assert gap(body, pose, f"{free}_heel") > 10, "one foot is off the floor"
    assert gap(body, pose, f"{free}_toe") > 10, "one foot is off the floor"
    assert pose.angle(f"{stance}_knee") >= 45, "the standing knee is bent"
    assert p[f"{stance}_knee"][0] > p[f"{stance}_ankle"][0], "the knee travels forwards over the foot"


# -- the [pose] table of a test file is checked like an exercise's --------------------------------


def data_of(slug: str) -> dict[str, Any]:
    with (HERE / "assessments" / f"{slug}.toml").open("rb") as handle:
        return tomllib.load(handle)


def test_a_test_without_a_pose_table_loads_with_none() -> None:
    data = data_of("knee-to-wall")
    del data["pose"]
    assert parse_test(Path("knee-to-wall.toml"), data).pose is None


def test_a_wall_and_a_box_are_accepted_as_props() -> None:
    data = data_of("single-leg-squat")
    data["pose"]["props"] = [{"kind": "box", "at": "left_foot", "height": 30}, {"kind": "wall", "at": "right_hand"}]
    pose = pose_of(parse_test(Path("single-leg-squat.toml"), data))
    assert [prop.kind for prop in pose.props] == ["box", "wall"]


def test_a_prop_a_test_does_not_use_is_refused_naming_the_field() -> None:
    data = data_of("knee-to-wall")
    data["pose"]["props"] = [{"kind": "roller", "at": "right_calf"}]
    with pytest.raises(CatalogueError) as caught:
        parse_test(Path("knee-to-wall.toml"), data)
    assert caught.value.field == "pose.props[1].kind"
    assert "'roller'" in caught.value.problem
    assert "wall" in caught.value.problem


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"left_knee": 200}, "pose.left_knee"),
        ({"elbows": 10}, "pose.elbows"),
        ({"props": [{"kind": "wall", "at": "nowhere"}]}, "pose.props[1].at"),
        ({"props": [{"kind": "wall", "at": "right_knee", "height": 40}]}, "pose.props[1].height"),
    ],
)
def test_a_bad_pose_names_the_file_and_the_field(change: dict[str, Any], field: str) -> None:
    data = data_of("knee-to-wall")
    data["pose"] |= change
    with pytest.raises(CatalogueError) as caught:
        parse_test(Path("knee-to-wall.toml"), data)
    assert caught.value.field == field
    assert caught.value.file == "knee-to-wall.toml"
