"""Ladder rungs with their own kit and picture, and ladders cut to the runner's kit."""

from __future__ import annotations

from pathlib import Path

import pytest

from supple.catalogue import CatalogueError, load_catalogue
from supple.catalogue.loader import EXERCISE_DIR

CATALOGUE = load_catalogue()
BANDED = [e for e in CATALOGUE.exercises.values() if any(r.equipment - e.equipment for r in e.ladder)]


def test_the_clamshell_side_lying_abduction_and_calf_raise_have_a_load_step() -> None:
    for slug in ("clamshell", "side-lying-hip-abduction"):
        ladder = CATALOGUE.exercises[slug].ladder
        assert any("band" in r.equipment for r in ladder), slug
        assert "band" not in ladder[0].equipment, f"{slug}: the first rung needs no band"
    calf = CATALOGUE.exercises["single-leg-calf-raise"].ladder
    assert any("backpack" in r.label.lower() for r in calf)


@pytest.mark.parametrize("exercise", BANDED, ids=[e.slug for e in BANDED])
def test_without_the_kit_the_ladder_stops_below_the_first_rung_that_needs_it(exercise) -> None:  # type: ignore[no-untyped-def]
    cut = exercise.for_kit(exercise.equipment)
    first = next(r.level for r in exercise.ladder if r.equipment - exercise.equipment)
    assert len(cut.ladder) == first - 1
    assert all(not (r.equipment - exercise.equipment) for r in cut.ladder)
    assert cut.level_for(len(exercise.ladder)) == exercise.ladder[first - 2], "a high level is clamped to the kit"
    whole = exercise.for_kit(exercise.equipment | frozenset().union(*(r.equipment for r in exercise.ladder)))
    assert whole.ladder == exercise.ladder


@pytest.mark.parametrize("exercise", BANDED, ids=[e.slug for e in BANDED])
def test_a_rung_with_kit_is_pictured_with_it(exercise) -> None:  # type: ignore[no-untyped-def]
    for rung in exercise.ladder:
        if rung.equipment:
            assert rung.pose is not None
            assert rung.equipment <= {p.kind for p in rung.pose.props}
            assert exercise.equipment_at(rung.level) == exercise.equipment | rung.equipment


def _clam(tmp_path: Path, old: str, new: str) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    text = (EXERCISE_DIR / "clamshell.toml").read_text().replace('slug = "clamshell"', 'slug = "my-clam"')
    assert old in text
    (folder / "my-clam.toml").write_text(text.replace(old, new, 1))
    return folder


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        (
            'equipment = ["band"]\npose = {props = [{kind = "band", at = "right_knee", to = "left_knee"}]}',
            'equipment = ["band"]',
            "ladder[4].pose",
            "draws none",
        ),
        ('equipment = ["band"]\n', 'equipment = ["kettlebell"]\n', "ladder[4].equipment", "kettlebell"),
        ('to = "left_knee"', 'to = "left_elbowz"', "ladder[4].pose.props[1].to", "left_elbowz"),
        ('equipment = ["band"]\npose', "pose", "ladder[4].pose.props[1].kind", "not in this exercise's equipment"),
    ],
)
def test_a_wrong_rung_is_refused_naming_the_field(tmp_path: Path, old: str, new: str, field: str, words: str) -> None:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(_clam(tmp_path, old, new))
    assert caught.value.field == field, str(caught.value)
    assert words in str(caught.value)
