"""The strength and control work issue #8 added, and where it is served first (complaints' first-line lists)."""

from __future__ import annotations

import pytest

from supple.catalogue import load_catalogue
from supple.catalogue.knowledge import load_knowledge
from supple.core.conflicts import conflicts
from supple.illustrate import exercise_svg

CATALOGUE = load_catalogue()
COMPLAINTS = load_knowledge(CATALOGUE.exercises).complaints
AVOIDS = {slug: c.avoids for slug, c in COMPLAINTS.items()}

NEW = {
    # slug: hours between sessions (48 for loaded tendon work)
    "bent-knee-soleus-raise": 48,
    "tibialis-raise": 0,
    "single-leg-balance": 0,
    "hop-and-stick": 48,
    "hip-hitch": 0,
    "step-up": 48,
    "bridge-walk-out": 48,
    "wall-sit": 0,
}

FIRST_LINE = {
    "calf": ("bent-knee-soleus-raise", "single-leg-balance"),
    "achilles": ("bent-knee-soleus-raise",),
    "heel": ("bent-knee-soleus-raise",),
    "shin": ("tibialis-raise", "bent-knee-soleus-raise", "hip-hitch", "single-leg-balance"),
    "top-of-foot": ("tibialis-raise", "single-leg-balance"),
    "outer-knee": ("hip-hitch", "step-up", "single-leg-balance"),
    "kneecap": ("step-up", "wall-sit", "hip-hitch"),
    "below-kneecap": ("wall-sit", "step-up"),
    "side-of-hip": ("hip-hitch", "step-up"),
    "sit-bone": ("bridge-walk-out",),
    "hip-front": ("hip-hitch",),
}


@pytest.mark.parametrize(("slug", "rest"), NEW.items())
def test_a_new_exercise_is_complete(slug: str, rest: int) -> None:
    exercise = CATALOGUE.exercises[slug]
    assert exercise.role == "strengthen"
    assert len(exercise.ladder) >= 3
    assert exercise.pace is not None, "the new files carry their own [pace]"
    assert exercise.pace.min_days >= 7
    assert exercise.pace.rest_hours == rest
    assert exercise.pace.source
    assert exercise.pose is not None
    assert exercise.sources
    assert f'<title id="ill-{slug}-title">' in exercise_svg(exercise)


def test_the_hamstring_eccentric_needs_no_machine_and_no_deep_hip_bend() -> None:
    walk_out = CATALOGUE.exercises["bridge-walk-out"]
    assert walk_out.equipment == frozenset()
    assert "deep-hip-flexion" not in walk_out.involves
    assert not conflicts(walk_out.involves, {"sit-bone": AVOIDS["sit-bone"]})


@pytest.mark.parametrize(("complaint", "slugs"), FIRST_LINE.items())
def test_the_new_work_is_first_line_where_it_fits(complaint: str, slugs: tuple[str, ...]) -> None:
    listed = COMPLAINTS[complaint].first_line.exercises
    for slug in slugs:
        assert slug in listed, f"{complaint} should list {slug} first-line"
        assert not conflicts(CATALOGUE.exercises[slug].involves, {complaint: AVOIDS[complaint]})


@pytest.mark.parametrize("complaint", ["outer-knee", "shin"])
def test_the_elevated_hip_internal_rotation_is_left_out_for_too_much_internal_rotation(complaint: str) -> None:
    """Through the checked rule: the exercise involves end-range internal rotation, these complaints avoid it."""
    exercise = CATALOGUE.exercises["elevated-hip-internal-rotation"]
    assert "hip-internal-rotation" in exercise.involves
    assert conflicts(exercise.involves, {complaint: AVOIDS[complaint]}) == {complaint: ("hip-internal-rotation",)}
    assert "Noehren 2014" in CATALOGUE.positions["hip-internal-rotation"].source


def test_hopping_is_left_out_wherever_impact_is_avoided() -> None:
    hop = CATALOGUE.exercises["hop-and-stick"]
    for complaint in ("achilles", "shin", "heel", "calf", "top-of-foot", "below-kneecap"):
        assert conflicts(hop.involves, {complaint: AVOIDS[complaint]}), complaint
