"""Exercise and screening-test pictures generated from data: a posed 2-D view of a small 3-D body, as SVG text.

Pure: builds strings from ``supple.core`` types and does no input or output.
"""

from __future__ import annotations

from supple.core.assessment import AssessmentTest
from supple.core.exercises import Exercise
from supple.core.pose import NEUTRAL
from supple.illustrate.render import ACCENT, render_svg

__all__ = ["ACCENT", "assessment_svg", "exercise_svg", "render_svg"]


def exercise_svg(exercise: Exercise, *, size: int = 360, level: int | None = None) -> str:
    """The picture of ``exercise`` at ladder ``level`` (None: the first rung's look): pose, kit, main region lit."""
    found = exercise.pose_at(level)
    pose = found if found is not None else NEUTRAL
    equipment = exercise.equipment_at(level) if level is not None else exercise.equipment
    region = exercise.main_region.replace("-", " ")
    kit = ", ".join(sorted(equipment))
    description = f"Works the {region}." + (f" Equipment: {kit}." if kit else "")
    return render_svg(
        pose,
        title=exercise.name,
        highlight=(exercise.main_region,),
        equipment=equipment,
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
