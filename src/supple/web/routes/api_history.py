"""GET /api/v1/history: logged sessions with their results, newest first."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from supple.services import logbook, routines, shapes
from supple.web.access import ContextDep
from supple.web.schemas import problems
from supple.web.session_schemas import LoggedSessionOut

router = APIRouter(prefix="/api/v1", tags=["history"])


def _date(alias: str, description: str) -> Any:
    return Query(alias=alias, description=description, json_schema_extra={"format": "date"}, examples=["2026-11-01"])


@router.get(
    "/history",
    response_model=list[LoggedSessionOut],
    summary="Logged sessions, newest first",
    description="Same as `supple history --json`: newest first by date, then by the order they were logged.",
    responses=problems(422, 503),
)
def get_history(
    ctx: ContextDep,
    since: Annotated[str | None, _date("from", "The first date, YYYY-MM-DD (inclusive).")] = None,
    until: Annotated[str | None, _date("to", "The last date, YYYY-MM-DD (inclusive).")] = None,
    limit: Annotated[int | None, Query(ge=1, le=10_000, description="At most this many sessions.")] = None,
) -> Any:
    found = logbook.history(
        ctx,
        since=routines.parse_date(since, field="from") if since is not None else None,
        until=routines.parse_date(until, field="to") if until is not None else None,
        limit=limit,
    )
    return [shapes.logged_session_dict(s) for s in found]
