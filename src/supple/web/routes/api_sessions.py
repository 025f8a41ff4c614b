"""/api/v1/sessions: sessions done live, started, filled in item by item and finished.

Each route is a thin call into ``services.live``; the services check every value and
raise InvalidInput (422) or NotFound (404), which the problem handlers turn into JSON.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status

from supple.services import live, logbook
from supple.services.errors import InvalidInput, NotFound
from supple.web.access import ContextDep
from supple.web.session_schemas import ItemResultIn, LoggedSessionOut, SessionCreateIn

router = APIRouter(prefix="/api/v1/sessions", tags=["sessions"])

#: Ids and positions are database integers (32-bit in PostgreSQL): anything larger cannot exist.
MAX_ID = 2_147_483_647
SessionId = Annotated[int, Path(ge=1, le=MAX_ID, description="The session's id, as returned when it was created.")]
_PROBLEMS: dict[int | str, dict[str, str]] = {
    404: {"description": "No such session (or item)."},
    422: {"description": "A value is not acceptable; `field` names it."},
}


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Start (or log) a session",
    responses={422: _PROBLEMS[422]},
)
def create_session(body: SessionCreateIn, ctx: ContextDep, response: Response) -> LoggedSessionOut:
    """Store a session object as printed by `supple today --json`.

    Items may already carry a `result`. With `finished: false` (the default) the session
    stays in progress and results arrive one by one with PATCH; with `finished: true` it
    is logged as done, like `supple log`.
    """
    stored = live.start_from_dict(ctx, data=body.today_dict(), finished=body.finished)
    response.headers["Location"] = f"/api/v1/sessions/{stored.id}"
    return LoggedSessionOut.of(stored)


#: Sessions listed unless ``limit`` says otherwise: a request's answer stays bounded however long the log.
LIST_DEFAULT = 50


@router.get("", summary="List sessions, newest first")
def list_sessions(
    ctx: ContextDep,
    limit: Annotated[
        int, Query(ge=1, le=1000, description=f"At most this many sessions ({LIST_DEFAULT} by default, 1000 at most).")
    ] = LIST_DEFAULT,
) -> list[LoggedSessionOut]:
    return [LoggedSessionOut.of(s) for s in logbook.history(ctx, limit=limit)]


@router.get("/{session_id}", summary="One session with its results", responses={404: _PROBLEMS[404]})
def get_session(session_id: SessionId, ctx: ContextDep) -> LoggedSessionOut:
    return LoggedSessionOut.of(live.get(ctx, session_id=session_id))


@router.patch(
    "/{session_id}/items/{position}",
    summary="Record one item's result",
    responses={404: _PROBLEMS[404], 422: _PROBLEMS[422]},
)
def record_item(
    session_id: SessionId,
    position: Annotated[int, Path(ge=0, le=MAX_ID, description="The item's 0-based position in the whole session.")],
    body: ItemResultIn,
    ctx: ContextDep,
) -> LoggedSessionOut:
    """Save (or replace) the result of item `position`. Sending the same result twice is harmless."""
    try:
        stored = live.record(ctx, session_id=session_id, position=position, result=body.as_dict())
    except InvalidInput as error:
        if error.field == "item":  # a position past the last item: that item does not exist
            raise NotFound(f"item {position} of session {session_id}") from None
        raise
    return LoggedSessionOut.of(stored)


@router.post("/{session_id}/finish", summary="Mark a session as finished", responses={404: _PROBLEMS[404]})
def finish_session(session_id: SessionId, ctx: ContextDep) -> LoggedSessionOut:
    """Close the session; finishing it again keeps the first finish time."""
    return LoggedSessionOut.of(live.finish(ctx, session_id=session_id))
