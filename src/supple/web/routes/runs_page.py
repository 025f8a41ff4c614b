"""/runs: the weeks' running, runs done and planned, importing files and exports, planning a run."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.services import display, jobs, run_imports, runs, runs_view
from supple.services.errors import InvalidInput
from supple.web.access import ContextDep
from supple.web.pages import check_csrf, render

router = APIRouter()

#: Files one upload form may carry (each becomes its own import).
MAX_FILES = 20


def _page(request: Request, ctx: Any, errors: dict[str, str], values: dict[str, str]) -> HTMLResponse:
    view = runs_view.page(ctx, today=dt.date.today())
    page = {
        "title": "Runs",
        "view": view,
        "errors": errors,
        "values": {"date": dt.date.today().isoformat(), "time": "07:00", "kind": "easy"} | values,
        "kinds": ("easy", "long", "workout", "race"),
        "max_upload_mb": run_imports.MAX_UPLOAD // 2**20,
    }
    return render(request, "runs.html", page, status=422 if errors else 200)


@router.get("/runs", response_class=HTMLResponse)
def runs_home(request: Request, ctx: ContextDep) -> HTMLResponse:
    return _page(request, ctx, {}, {})


@router.post("/runs/upload", dependencies=[Depends(check_csrf)])
async def upload(request: Request, ctx: ContextDep) -> Response:
    form = await request.form(max_files=MAX_FILES)
    files = [f for f in form.getlist("file") if not isinstance(f, str) and f.filename]
    if not files:
        return _page(request, ctx, {"file": "Choose a file first: a .fit, .gpx or .tcx file, or a zip."}, {})
    try:
        for found in files:
            assert not isinstance(found, str)
            found.file.seek(0)
            await run_in_threadpool(run_imports.upload, ctx, found.filename or "", found.file)
    except InvalidInput as error:
        return _page(request, ctx, {"file": display.problem_text(error)}, {})
    return RedirectResponse("/runs#imports", status_code=303)


@router.get("/runs/jobs/{job_id}", response_class=HTMLResponse)
def import_line(request: Request, ctx: ContextDep, job_id: Annotated[str, Path(max_length=36)]) -> HTMLResponse:
    """One import's line, polled by the page while it runs."""
    return render(request, "runs_job.html", {"job": jobs.status(ctx, job_id)})


@router.post("/runs/planned", dependencies=[Depends(check_csrf)])
async def plan_run(request: Request, ctx: ContextDep) -> Response:
    form = await request.form()
    values = {k: str(form.get(k) or "").strip() for k in ("date", "time", "kind", "distance", "minutes", "title")}
    try:
        distance = float(values["distance"]) if values["distance"] else None
    except ValueError:
        return _page(request, ctx, {"distance": "Distance in kilometres, e.g. 12 or 12.5."}, values)
    if values["minutes"] and not values["minutes"].isdigit():
        return _page(request, ctx, {"minutes": "Minutes as a whole number, e.g. 45."}, values)
    try:
        await run_in_threadpool(
            runs.add_planned,
            ctx,
            values["date"],
            values["time"] or None,
            values["kind"] or "easy",
            distance_km=distance,
            minutes=int(values["minutes"]) if values["minutes"] else None,
            title=values["title"],
        )
    except InvalidInput as error:
        field = error.field if error.field in values else "form"
        return _page(request, ctx, {field: display.problem_text(error)}, values)
    return RedirectResponse("/runs#planned", status_code=303)


@router.post("/runs/{run_id}/delete", dependencies=[Depends(check_csrf)])
def delete_run(ctx: ContextDep, run_id: Annotated[str, Path(max_length=14)]) -> Response:
    runs_view.delete_own(ctx, run_id)
    return RedirectResponse("/runs", status_code=303)


@router.get("/runs/{run_id}", response_class=HTMLResponse)
def run_detail(request: Request, ctx: ContextDep, run_id: Annotated[int, Path(ge=1, le=2**62)]) -> HTMLResponse:
    run = runs_view.run_page(ctx, run_id)
    return render(request, "run.html", {"title": f"Run of {run.date.isoformat()}", "run": run})
