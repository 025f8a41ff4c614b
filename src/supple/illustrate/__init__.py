"""Exercise and screening-test pictures generated from data: a posed 2-D view of a small 3-D body, as SVG text.

Pure: builds strings from ``supple.core`` types and does no input or output.
"""

from __future__ import annotations

from supple.core.assessment import AssessmentTest
from supple.core.exercises import Exercise
from supple.core.pose import NEUTRAL
from supple.illustrate.render import ACCENT, render_svg

__all__ = ["ACCENT", "assessment_svg", "exercise_svg", "render_svg"]


def exercise_svg(exercise: Exercise, *, size: int = 360) -> str:
    """The picture of ``exercise``: its pose (or a standing figure), equipment, main region lit."""
    pose = exercise.pose if exercise.pose is not None else NEUTRAL
    region = exercise.main_region.replace("-", " ")
    kit = ", ".join(sorted(exercise.equipment))
    description = f"Works the {region}." + (f" Equipment: {kit}." if kit else "")
    return render_svg(
        pose,
        title=exercise.name,
        highlight=(exercise.main_region,),
        equipment=exercise.equipment,
        size=size,
        uid=f"ill-{exercise.slug}",
        description=description,
    )


def assessment_svg(test: AssessmentTest, *, size: int = 360) -> str:
    """The picture of a screening test: the position it is done in (or a standing figure), its main region lit."""
    pose = test.pose if test.pose is not None else NEUTRAL
    placed = frozenset(prop.kind for prop in pose.props)
    kit = ", ".join(sorted(placed))
    return render_svg(
        pose,
        title=test.name,
        highlight=test.regions[:1],
        equipment=placed,
        size=size,
        uid=f"ill-test-{test.slug}",
        description=test.measures + (f" Props: {kit}." if kit else ""),
    )
