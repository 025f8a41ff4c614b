"""GET /api/v1/today and /api/v1/plan: the routine for a day and the plan for a week."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from supple.services import routines, shapes, week_runs
from supple.web.access import ContextDep
from supple.web.schemas import Kind, PlanOut, TodayOut, problems

router = APIRouter(prefix="/api/v1", tags=["routines"])

DateQuery = Annotated[
    str | None,
    Query(
        description="A day as YYYY-MM-DD (default: today on the server's clock).",
        json_schema_extra={"format": "date"},
        examples=["2026-11-24"],
    ),
]


def _split(text: str | None) -> list[str] | None:
    """ "a, b" -> ["a", "b"]; "none" or "" -> []; not given stays None (as on the command line)."""
    if text is None:
        return None
    if text.strip().lower() in ("", "none"):
        return []
    return [part.strip().lower() for part in text.split(",") if part.strip()]


def _day(text: str | None, field: str) -> dt.date:
    return routines.parse_date(text, field=field) if text is not None else dt.date.today()


@router.get(
    "/today",
    response_model=TodayOut,
    summary="The routine for a day",
    description="Same as `supple today --json`: composed from the profile, with any of its values overridden.",
    responses=problems(422, 503),
)
async def get_today(
    ctx: ContextDep,
    date: DateQuery = None,
    kind: Annotated[Kind | None, Query(description="The kind of session (default: primer on run days).")] = None,
    minutes: Annotated[int | None, Query(ge=1, le=120, description="Time budget (default: the profile's).")] = None,
    equipment: Annotated[
        str | None,
        Query(
            description="Kit at hand, comma-separated from roller, ball, box, band, wall; or none "
            "(default: the profile's).",
            examples=["roller,box"],
        ),
    ] = None,
    focus: Annotated[
        str | None,
        Query(
            description="Regions to focus on, comma-separated; it-band is worked at its sources.", examples=["it-band"]
        ),
    ] = None,
) -> Any:
    def compose() -> dict[str, Any]:
        session = routines.today(
            ctx,
            date=_day(date, "date"),
            kind=kind,
            minutes=minutes,
            equipment=_split(equipment),
            focus=_split(focus) or (),
        )
        return shapes.session_dict(session)

    # On the embedded SQLite file the reads are quick local ones and composing takes well
    # under a millisecond, so it runs on the event loop (no thread hop). Any other database
    # is a network round trip: then it runs in a worker thread so the loop is never blocked.
    # The dict is sent as is; the schema is checked by the tests.
    if not ctx.data.local_reads:
        return JSONResponse(await run_in_threadpool(compose))
    return JSONResponse(compose())


@router.get(
    "/plan",
    response_model=PlanOut,
    summary="The plan for seven days",
    description="Same as `supple plan --json`: a primer before each run (and a short session after it when"
    " strength needs one), daily sessions otherwise, and each priority region's range and strength targets.",
    responses=problems(422, 503),
)
def get_plan(
    ctx: ContextDep,
    start: Annotated[
        str | None,
        Query(
            description="The first day, YYYY-MM-DD (default: today).",
            json_schema_extra={"format": "date"},
            examples=["2026-11-23"],
        ),
    ] = None,
) -> Any:
    week = routines.plan(ctx, start=_day(start, "start"))
    return shapes.plan_dict(week, week_runs.week_runs(ctx, week))
