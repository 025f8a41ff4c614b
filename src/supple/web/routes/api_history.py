"""GET /api/v1/history: logged sessions with their results, newest first."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Response

from supple.services import logbook, routines, shapes
from supple.web.access import ContextDep
from supple.web.schemas import problems
from supple.web.session_schemas import LoggedSessionOut

router = APIRouter(prefix="/api/v1", tags=["history"])


def _date(alias: str, description: str) -> Any:
    return Query(alias=alias, description=description, json_schema_extra={"format": "date"}, examples=["2026-11-01"])


#: Sessions a page holds unless ``limit`` says otherwise, and the most it may ask for.
PAGE = 50
MAX_PAGE = 500


@router.get(
    "/history",
    response_model=list[LoggedSessionOut],
    summary="Logged sessions, newest first, a page at a time",
    description="Same as `supple history --json`: newest first by date, then by the order they were logged, "
    f"{PAGE} at a time unless `limit` says otherwise (at most {MAX_PAGE}; more is a 422). When there may be more, "
    'a `Link: <...>; rel="next"` header gives the next page: the same query with `before` set to the id of the '
    "last session returned.",
    responses=problems(422, 503),
)
def get_history(
    ctx: ContextDep,
    response: Response,
    since: Annotated[str | None, _date("from", "The first date, YYYY-MM-DD (inclusive).")] = None,
    until: Annotated[str | None, _date("to", "The last date, YYYY-MM-DD (inclusive).")] = None,
    limit: Annotated[
        int,
        Query(ge=1, le=MAX_PAGE, description=f"At most this many sessions ({PAGE} by default, {MAX_PAGE} at most)."),
    ] = PAGE,
    before: Annotated[
        int | None,
        Query(ge=1, le=2**62, description="Start after this session (its id): the last one of the page before."),
    ] = None,
) -> Any:
    found = logbook.history(
        ctx,
        since=routines.parse_date(since, field="from") if since is not None else None,
        until=routines.parse_date(until, field="to") if until is not None else None,
        limit=limit,
        before=before,
    )
    if len(found) == limit and found[-1].id is not None:
        query = {"from": since, "to": until, "limit": limit, "before": found[-1].id}
        shown = urlencode({k: v for k, v in query.items() if v is not None})
        response.headers["Link"] = f'<{router.prefix}/history?{shown}>; rel="next"'
    return [shapes.logged_session_dict(s) for s in found]
