"""The [pose] table of a user's exercise file: optional, and refused with file and field when wrong."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from supple.catalogue import CatalogueError, load_catalogue
from supple.catalogue.loader import EXERCISE_DIR
from supple.core.pose import NEUTRAL
from supple.illustrate import exercise_svg


def user_file(tmp_path: Path, builtin: str, slug: str, pose: str | None) -> Path:
    """A copy of a built-in exercise under ``slug`` with its [pose] table replaced (None: left out)."""
    text = (EXERCISE_DIR / f"{builtin}.toml").read_text(encoding="utf-8")
    text = text.replace(f'slug = "{builtin}"', f'slug = "{slug}"', 1)
    start = text.index("\n[pose]\n")
    end = text.find("\n[", start + 1)  # the table after [pose] (its [pace]) stays
    rest = text[end:] if end != -1 else ""
    text = text[:start] + "\n"
    if pose is not None:
        text += "[pose]\n" + pose.strip() + "\n"
    text += rest
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    (folder / f"{slug}.toml").write_text(text, encoding="utf-8")
    return folder


def test_a_user_file_may_leave_out_the_pose_and_gets_a_standing_figure_with_its_kit(tmp_path: Path) -> None:
    folder = user_file(tmp_path, "roll-glutes", "my-roll", None)
    exercise = load_catalogue(folder).exercises["my-roll"]
    assert exercise.pose is None
    root = ET.fromstring(exercise_svg(exercise))
    kinds = {c for e in root.iter() for c in e.get("class", "").split() if c.startswith("prop-")}
    assert kinds == {"prop-roller"}, "equipment the pose does not place is still drawn"
    assert exercise_svg(exercise) == exercise_svg(exercise)


def test_a_user_pose_is_read(tmp_path: Path) -> None:
    pose = """
working_side = "left"
camera = 20
left_hip = 90
left_knee = 90
props = [{kind = "box", at = "left_heel", height = 40, side = "left"}]
arrows = [
  {kind = "move", at = "head", direction = 0},
  {kind = "swing", at = "left_toe", around = "left_hip", sweep = -30},
]
"""
    folder = user_file(tmp_path, "elevated-hamstring-stretch", "my-stretch", pose)
    found = load_catalogue(folder).exercises["my-stretch"].pose
    assert found is not None
    assert found.angle("left_knee") == 90
    assert found.angle("right_knee") == 0
    assert (found.camera, found.working_side) == (20, "left")
    (box,) = found.props
    assert (box.kind, box.at, box.height, box.side) == ("box", "left_heel", 40, "left")
    assert [a.kind for a in found.arrows] == ["move", "swing"]


def test_the_neutral_pose_is_a_standing_figure() -> None:
    assert NEUTRAL.angle("torso") == 0
    assert NEUTRAL.props == ()


@pytest.mark.parametrize(
    ("builtin", "pose", "field", "words"),
    [
        ("clamshell", "left_knee = 200", "pose.left_knee", "out of range"),
        ("clamshell", 'left_knee = "bent"', "pose.left_knee", "a number"),
        ("clamshell", "left_knee = true", "pose.left_knee", "a number"),
        ("clamshell", "elbow = 10", "pose.elbow", "unknown field"),
        ("clamshell", "torso = -200", "pose.torso", "from -180 to 180"),
        ("clamshell", "camera = 95", "pose.camera", "from 0 to 80"),
        ("clamshell", 'working_side = "middle"', "pose.working_side", "left, right, both"),
        ("clamshell", 'props = [{kind = "box", at = "left_heel"}]', "pose.props[1].kind", "not in this exercise"),
        ("roll-glutes", 'props = [{kind = "mat", at = "glutes"}]', "pose.props[1].kind", "'mat' is not valid"),
        ("roll-glutes", 'props = [{kind = "roller", at = "nose"}]', "pose.props[1].at", "'nose' is not valid"),
        ("roll-glutes", 'props = [{kind = "roller"}]', "pose.props[1].at", "missing"),
        ("roll-glutes", 'props = [{kind = "roller", at = "glutes", height = 9}]', "pose.props[1].height", "unknown"),
        ("roll-glutes", 'props = [{kind = "roller", at = "glutes", axis = "up"}]', "pose.props[1].axis", "across"),
        ("roll-glutes", "props = []", "pose.props", "draws no roller"),
        ("roll-glutes", 'props = ["roller"]', "pose.props[1]", "expected a table"),
        (
            "elevated-hamstring-stretch",
            'props = [{kind = "box", at = "left_heel", height = 500}]',
            "pose.props[1].height",
            "5 to 100",
        ),
        ("clamshell", 'arrows = [{kind = "zigzag", at = "head"}]', "pose.arrows[1].kind", "move, turn, swing"),
        ("clamshell", 'arrows = [{kind = "move", at = "head"}]', "pose.arrows[1].direction", "missing"),
        (
            "clamshell",
            'arrows = [{kind = "turn", at = "chest", toward = "up"}]',
            "pose.arrows[1].toward",
            "left, right",
        ),
    ],
)
def test_a_malformed_pose_is_refused_naming_the_file_and_field(
    tmp_path: Path, builtin: str, pose: str, field: str, words: str
) -> None:
    folder = user_file(tmp_path, builtin, "my-exercise", pose)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    error = caught.value
    assert error.file.endswith("my-exercise.toml")
    assert error.field == field, str(error)
    assert words in str(error)


def test_a_pose_that_is_not_a_table_is_refused(tmp_path: Path) -> None:
    folder = user_file(tmp_path, "clamshell", "my-clam", None)
    path = folder / "my-clam.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('role = "strengthen"', 'role = "strengthen"\npose = 3'))
    with pytest.raises(CatalogueError, match=r"my-clam\.toml: pose: .*a table"):
        load_catalogue(folder)
