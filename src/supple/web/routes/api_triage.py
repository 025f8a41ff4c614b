"""/api/v1 complaints, triage and red flags: the questions first, then advice or a focus session.

Supple never diagnoses. A client shows a complaint's red-flag questions, then posts the ones
answered yes; any yes gives the advice to see a clinician, and the flag stays open (no
exercises anywhere) until the runner says a clinician has cleared them.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from supple.services import redflags, triage
from supple.services.context import Context
from supple.services.errors import InvalidInput
from supple.web.access import ContextDep
from supple.web.measure_schemas import ActiveFlagOut, ClearedOut, ClearIn, ComplaintOut, TriageIn, TriageOut, parse_day
from supple.web.problems import problem
from supple.web.schemas import problems

router = APIRouter(prefix="/api/v1", tags=["triage"])


def _complaint_dict(ctx: Context, slug: str) -> dict[str, Any]:
    found = triage.find_complaint(ctx, slug=slug)
    return {
        "slug": found.slug,
        "name": found.name,
        "red_flags": triage.questions_dict(ctx, complaint=found.slug),
    }


@router.get(
    "/complaints",
    response_model=list[ComplaintOut],
    summary="List the complaints, each with its red-flag questions",
    description="Ask every question of a complaint, in the order given, before POST /api/v1/triage.",
)
def list_complaints(ctx: ContextDep) -> Any:
    return [_complaint_dict(ctx, found.slug) for found in triage.complaints(ctx)]


@router.get(
    "/complaints/{slug}",
    response_model=ComplaintOut,
    summary="One complaint and its red-flag questions",
    responses=problems(404),
)
def get_complaint(
    ctx: ContextDep,
    slug: Annotated[str, Path(max_length=80, description="The complaint slug.", examples=["outer-knee"])],
) -> Any:
    try:
        return _complaint_dict(ctx, slug)
    except InvalidInput as error:
        return problem(404, "Not found", str(InvalidInput("slug", error.value, error.expected)), field="slug")


@router.post(
    "/triage",
    response_model=TriageOut,
    summary="Triage a complaint",
    description="Same as `supple triage COMPLAINT --red-flags ... --json`. Any red flag answered yes gives no "
    "plan, only the advice of the most urgent level answered (`level`), and stops every routine until a "
    "clinician has cleared you (POST /api/v1/red-flags/clear). A red flag the complaint does not ask is a 422 "
    "naming it. Otherwise the answer has a focus session on the likely sources.",
    responses=problems(403, 422, 503),
)
def post_triage(ctx: ContextDep, body: TriageIn) -> Any:
    when = parse_day(body.date, field="date")
    try:
        result, plan = triage.answer(ctx, complaint=body.complaint, red_flags=body.red_flags, date=when)
    except InvalidInput as error:
        if error.field == "red flag":
            where = body.red_flags.index(error.value) if error.value in body.red_flags else None
            field = "red_flags" if where is None else f"red_flags.{where}"
            raise InvalidInput(field, error.value, error.expected) from None
        raise
    return triage.answer_dict(result, plan)


@router.get(
    "/red-flags",
    response_model=list[ActiveFlagOut],
    summary="Red flags still open, oldest first",
    description="While any is open, `today`, `plan` and triage give no exercises.",
    responses=problems(503),
)
def list_red_flags(ctx: ContextDep) -> Any:
    return [redflags.flag_dict(flag) for flag in redflags.active(ctx)]


@router.get(
    "/red-flags/history",
    response_model=list[ActiveFlagOut],
    summary="Every red flag ever reported, oldest first",
    description="Clearing closes a red flag but never erases it: each one is listed with its level and the day it "
    "was cleared (`cleared`, null while it is open).",
    responses=problems(503),
)
def red_flag_history(ctx: ContextDep) -> Any:
    return [redflags.flag_dict(flag) for flag in redflags.history(ctx)]


@router.post(
    "/red-flags/clear",
    response_model=ClearedOut,
    summary="Clear the open red flags",
    description="Send this once a physio or doctor has seen you and cleared you to exercise: routines start "
    "again, and the ladder levels are worked out without the flags. The body is optional.",
    responses=problems(403, 422, 503),
)
def clear_red_flags(ctx: ContextDep, body: ClearIn | None = None) -> Any:
    when = parse_day(None if body is None else body.date, field="date")
    return {"cleared": redflags.clear(ctx, date=when)}
