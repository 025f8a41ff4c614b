"""/api/v1 runs: list what was run and what is planned, plan a run, import activity files, follow the import.

An import is a background job: ``POST /api/v1/runs/imports`` takes one file (a FIT, GPX or TCX
file, gzipped or not, or a zip such as a Strava or Garmin export) as the raw body or as a
multipart field ``file``, and answers 202 with the job; ``GET /api/v1/jobs/{job_id}`` says how
far it has got and, when done, holds the per-file report (the shape of
``supple runs import --json``).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from typing import IO, Annotated, Any

from fastapi import APIRouter, Header, Path, Query, Request, status
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field

from supple.services import jobs, run_imports, runs, runs_view, working
from supple.services.errors import MISSING, InvalidInput
from supple.web.access import ContextDep
from supple.web.schemas import problems

router = APIRouter(prefix="/api/v1", tags=["runs"])


class PlannedRunIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    date: str = Field(description="YYYY-MM-DD", examples=["2026-12-12"])
    time: str | None = Field(None, description="Local start time, HH:MM.", examples=["07:30"])
    kind: str = Field("easy", description="easy, long, workout or race.")
    distance_km: float | None = Field(None, gt=0, le=1000)
    minutes: int | None = Field(None, ge=1, le=48 * 60)
    title: str = Field("", max_length=200)


def _day(text: str | None, field: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(field, text, "a date as YYYY-MM-DD") from None


@router.get(
    "/runs",
    summary="Runs done and planned in a window",
    description="Same as `supple runs list --json`: done activities and planned runs, latest first.",
    responses=problems(422, 503),
)
def list_runs(
    ctx: ContextDep,
    start: Annotated[str | None, Query(alias="from", description="First day, YYYY-MM-DD.")] = None,
    end: Annotated[str | None, Query(alias="to", description="Last day, YYYY-MM-DD.")] = None,
) -> Any:
    return runs.runs_list(runs.list_runs(ctx, _day(start, "from"), _day(end, "to")))


@router.post(
    "/runs/planned",
    status_code=status.HTTP_201_CREATED,
    summary="Plan a run",
    description="Same as `supple runs add`: a run planned by hand, which the week is built around.",
    responses=problems(422, 503),
)
def plan_run(ctx: ContextDep, body: PlannedRunIn) -> Any:
    run_id = runs.add_planned(
        ctx, body.date, body.time, body.kind, distance_km=body.distance_km, minutes=body.minutes, title=body.title
    )
    return {"id": f"p{run_id}"}


@router.delete(
    "/runs/{run_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a run",
    description="A done run by its number, a planned one as p and its number (as `runs list` names them).",
    responses=problems(404, 422, 503),
)
def delete_run(ctx: ContextDep, run_id: str) -> None:
    runs_view.delete_own(ctx, run_id)


async def spooled_upload(request: Request) -> tuple[str, IO[bytes]]:
    """The uploaded file's name and bytes (spooled to disk past a few MB), from a multipart field
    ``file`` or the raw body. Memory stays flat whatever the size (the body cap is the app's)."""
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await request.form(max_files=1)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise InvalidInput("file", MISSING, "one file in the multipart field `file`")
        upload.file.seek(0)
        return upload.filename or "", upload.file
    spool = tempfile.SpooledTemporaryFile(max_size=run_imports.SPOOL_BYTES)  # noqa: SIM115 - the caller closes it
    async for piece in request.stream():
        spool.write(piece)
    spool.seek(0)
    return "", spool


@router.post(
    "/runs/imports",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Import an activity file or an export",
    description="The file as the raw body (name it in `X-Filename`) or as the multipart field `file`. "
    "Answers 202 with the job; follow it at its `Location`.",
    responses=problems(413, 422, 503),
)
async def start_import(
    request: Request,
    ctx: ContextDep,
    filename: Annotated[str | None, Header(alias="X-Filename", description="The file's name.")] = None,
) -> Any:
    name, data = await spooled_upload(request)
    with data:
        job = await run_in_threadpool(run_imports.upload, ctx, filename or name, data)
    return JSONResponse(job.as_json(), status_code=202, headers={"Location": f"/api/v1/jobs/{job.id}"})


@router.get(
    "/jobs/{job_id}",
    summary="A background job: its state, progress and report",
    responses=problems(404, 503),
)
def get_job(ctx: ContextDep, job_id: Annotated[str, Path(max_length=36)]) -> Any:
    return jobs.status(ctx, job_id).as_json()


@router.get(
    "/progress/working",
    summary="Is it working? Weekly minutes, soreness after runs, results and running, side by side",
    description="Per week: mobility minutes done and planned, mean soreness after runs, screening results and "
    "running distance; and how minutes and soreness move together (a rank correlation with its 95 % interval, "
    "only from 8 weeks with both figures on). Never a cause.",
    responses=problems(422, 503),
)
def is_it_working(
    ctx: ContextDep, weeks: Annotated[int, Query(ge=4, le=104, description="Weeks to show, up to this one.")] = 12
) -> Any:
    return working.working_dict(working.working(ctx, today=dt.date.today(), weeks=weeks))
