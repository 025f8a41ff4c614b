"""GET /library (filter by region, role and kit; htmx swaps the results) and GET /library/{slug}."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from supple.services import display, library
from supple.services.errors import InvalidInput, NotWorked
from supple.web.access import ContextDep
from supple.web.pages import render, without_bad_values
from supple.web.routes.today import is_fragment

router = APIRouter()


def _blank(value: str | None) -> str | None:
    return value.strip().lower() if value and value.strip() else None


@router.get("/library", response_class=HTMLResponse)
def library_page(
    request: Request,
    ctx: ContextDep,
    region: str | None = None,
    role: str | None = None,
    equipment: str | None = None,
) -> HTMLResponse:
    wanted: dict[str, Any] = {"region": _blank(region), "role": _blank(role), "equipment": _blank(equipment)}
    errors: dict[str, str] = {}
    found = without_bad_values(  # a filter that will not do is reported and dropped; the others still apply
        lambda: display.filter_library(ctx, region=wanted["region"], role=wanted["role"], kit=wanted["equipment"]),
        wanted,
        errors,
    )
    page = {
        "title": "Library",
        "exercises": found,
        "wanted": wanted,
        "errors": errors,
        "filtered": any(wanted.values()),
        "regions": display.regions(ctx),
        "roles": display.roles(),
        "kit": display.equipment(with_none=True),
        "names": display.region_names(ctx),
        "label": display.label,
        "dose": display.exercise_dose,
        "levels": library.current_levels(ctx),
    }
    if is_fragment(request):
        response = render(request, "library_list.html", page)
    else:
        response = render(request, "library.html", page, status=422 if errors else 200)
    response.headers["Vary"] = "HX-Request"
    return response


@router.get("/library/{slug}", response_class=HTMLResponse)
def exercise_page(request: Request, ctx: ContextDep, slug: str) -> HTMLResponse:
    try:
        found = library.exercise(ctx, slug=slug)
    except NotWorked as error:  # e.g. roll-it-band: say why it is left out, and offer the sources' exercises
        close = [library.exercise(ctx, slug=s) for s in error.instead]
        missing = {"title": "Exercise not found", "missing": slug, "close": close, "reason": error.reason}
        return render(request, "library_detail.html", missing, status=404)
    except InvalidInput:
        close = display.similar_exercises(ctx, slug=slug)
        missing = {"title": "Exercise not found", "missing": slug, "close": close}
        return render(request, "library_detail.html", missing, status=404)
    page: dict[str, Any] = {
        "title": found.name,
        "exercise": found,
        "left_out": library.left_out(ctx, exercise=found),
        "names": display.region_names(ctx),
        "label": display.label,
        "dose": display.exercise_dose(found),
        "level": library.current_levels(ctx).get(found.slug),
    }
    return render(request, "library_detail.html", page)
