"""GET /api/v1/exercises and /api/v1/exercises/{slug}: the exercise catalogue."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from supple.services import library, shapes
from supple.services.errors import InvalidInput
from supple.web.access import ContextDep
from supple.web.problems import problem
from supple.web.schemas import ExerciseOut, NamedRegion, Role, problems

router = APIRouter(prefix="/api/v1/exercises", tags=["library"])


@router.get(
    "",
    response_model=list[ExerciseOut],
    summary="List the exercises",
    description="Same as `supple exercises --json`: sorted by main region, role and slug.",
    responses=problems(422),
)
def list_exercises(
    ctx: ContextDep,
    region: Annotated[
        NamedRegion | None,
        Query(description="Only exercises that work this region (it-band is refused, naming its sources)."),
    ] = None,
    role: Annotated[Role | None, Query(description="Only exercises with this role.")] = None,
) -> Any:
    found = library.exercises(ctx, region=region, role=role)
    return [shapes.exercise_dict(e, library.left_out(ctx, exercise=e)) for e in found]


@router.get(
    "/{slug}",
    response_model=ExerciseOut,
    summary="One exercise in full",
    description="Same as `supple explain SLUG --json`: cues, cautions, ladder and sources.",
    responses=problems(404),
)
def get_exercise(
    ctx: ContextDep,
    slug: Annotated[str, Path(description="The exercise slug.", examples=["elevated-hamstring-stretch"])],
) -> Any:
    try:
        found = library.exercise(ctx, slug=slug)
    except InvalidInput as error:
        return problem(404, "Not found", str(InvalidInput("slug", error.value, error.expected)), field="slug")
    return shapes.exercise_dict(found, library.left_out(ctx, exercise=found))
