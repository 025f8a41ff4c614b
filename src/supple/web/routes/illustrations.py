"""GET /illustrations/<slug>.svg and /illustrations/assessments/<slug>.svg: pictures drawn from pose data."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from supple.services import assess_pictures, library
from supple.services.errors import InvalidInput
from supple.web.access import ContextDep
from supple.web.problems import problem

router = APIRouter()

SVG = "image/svg+xml"
CACHE = "public, max-age=3600"


@router.get("/illustrations/{slug}.svg", response_class=Response)
def illustration(slug: str, ctx: ContextDep, level: int | None = None) -> Response:
    """The picture at the runner's ``level`` (``?level=N``, as the player and library pages ask); none: level 1."""
    try:
        picture = library.illustration(ctx, slug=slug, level=level)
    except InvalidInput as error:
        if error.field == "level":
            return problem(422, "Invalid level", str(error), field=error.field)
        return problem(404, "Not found", f"no illustration: {error}", field=error.field)
    return Response(picture, media_type=SVG, headers={"Cache-Control": CACHE})


@router.get("/illustrations/assessments/{slug}.svg", response_class=Response)
def assessment_illustration(slug: str, ctx: ContextDep) -> Response:
    try:
        picture = assess_pictures.illustration(ctx, slug=slug)
    except InvalidInput as error:
        return problem(404, "Not found", f"no illustration: {error}", field=error.field)
    return Response(picture, media_type=SVG, headers={"Cache-Control": CACHE})
