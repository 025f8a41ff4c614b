"""/api/v1 next-day answers: "how did yesterday's work feel?" for a session, and which one is waiting.

Thin calls into ``services.followups``: the service checks the answer (422 naming the allowed
ones) and that the session is the athlete's (404) before anything is stored.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from supple.services import followups
from supple.web.access import ContextDep
from supple.web.measure_schemas import FollowupIn, FollowupOut, NextDayOut, parse_day
from supple.web.schemas import problems

router = APIRouter(prefix="/api/v1", tags=["measures"])

MAX_ID = 2_147_483_647
SessionId = Annotated[int, Path(ge=1, le=MAX_ID, description="The session's id.")]
_DAY = Query(
    description="The day the question is asked, YYYY-MM-DD (default: today).",
    json_schema_extra={"format": "date"},
    examples=["2026-11-25"],
)


@router.put(
    "/sessions/{session_id}/followup",
    response_model=FollowupOut,
    summary="Say how a session's work felt the next day",
    description="One tap: `better`, `same` or `worse`. Giving it again replaces the answer. A level goes up "
    "only once this is known and no worse; `worse` moves the session's exercises down one level. "
    "Same as `supple go --yesterday ANSWER` for the session that is waiting.",
    responses=problems(403, 404, 422, 503),
)
def put_followup(ctx: ContextDep, session_id: SessionId, body: FollowupIn) -> Any:
    when = parse_day(body.date, field="date")
    found = followups.record(ctx, session_id=session_id, answer=body.answer, today=when)
    return followups.followup_dict(session_id, found)


@router.get(
    "/sessions/{session_id}/followup",
    response_model=FollowupOut,
    summary="How a session's work felt the next day",
    description="`answer` is null until it is given.",
    responses=problems(404, 422, 503),
)
def get_followup(ctx: ContextDep, session_id: SessionId) -> Any:
    return followups.followup_dict(session_id, followups.answer(ctx, session_id=session_id))


@router.get(
    "/next-day",
    response_model=NextDayOut,
    summary="The session waiting for its next-day answer",
    description="The latest session done in the last few days before `date` whose next-day answer is not "
    "known yet, with the question to ask; `waiting` is false when there is none.",
    responses=problems(422, 503),
)
def next_day(ctx: ContextDep, date: Annotated[str | None, _DAY] = None) -> Any:
    return followups.waiting_dict(followups.waiting(ctx, today=parse_day(date, field="date")))
