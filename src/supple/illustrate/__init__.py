"""Exercise pictures generated from data: a posed 2-D view of a small 3-D body, as SVG text.

Pure: builds strings from ``supple.core`` types and does no input or output.
"""

from __future__ import annotations

from supple.core.exercises import Exercise
from supple.core.pose import NEUTRAL
from supple.illustrate.render import ACCENT, render_svg

__all__ = ["ACCENT", "exercise_svg", "render_svg"]


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
