"""GET/POST /soreness: the next-day check-in, 0-10 per region; only the regions given a number are stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.services import display, routines, runs_view, soreness
from supple.services.context import Context
from supple.services.errors import InvalidInput
from supple.web.access import ContextDep
from supple.web.pages import check_csrf, render
from supple.web.routes.next_day_page import question

router = APIRouter()

SCALE = range(0, 11)


def _page(request: Request, ctx: Context, values: Mapping[str, Any], errors: Mapping[str, str]) -> HTMLResponse:
    run = runs_view.run_to_ask_about(ctx, today=dt.date.today())
    page = {
        "run": run,
        "title": "Soreness check-in",
        "regions": display.regions(ctx),
        "scale": SCALE,
        "values": {"date": dt.date.today().isoformat(), "ratings": {}, "after_run": run is not None} | dict(values),
        "errors": errors,
        "today": dt.date.today().isoformat(),
    } | question(ctx, "soreness")
    saved = request.query_params.get("next_day")
    page["next_day_saved"] = saved if saved in ("better", "same", "worse") else None
    return render(request, "soreness.html", page, status=422 if errors else 200)


@router.get("/soreness", response_class=HTMLResponse)
def checkin_page(request: Request, ctx: ContextDep) -> HTMLResponse:
    return _page(request, ctx, {}, {})


@router.post("/soreness", dependencies=[Depends(check_csrf)])
async def save_checkin(request: Request, ctx: ContextDep) -> Response:
    form = await request.form()
    regions = [choice.value for choice in display.regions(ctx)]
    ratings = {r: str(form.get(f"sore-{r}") or "").strip() for r in regions}
    ratings = {r: value for r, value in ratings.items() if value}
    date_text = str(form.get("date") or "").strip()
    after_run = bool(form.get("after_run"))
    values = {"date": date_text, "ratings": ratings, "after_run": after_run}
    errors: dict[str, str] = {}
    day = dt.date.today()
    try:
        day = routines.parse_date(date_text) if date_text else day
    except InvalidInput as error:
        errors["date"] = display.problem_text(error)
    if not ratings:
        errors["form"] = "Nothing to save: tap a number from 0 (none) to 10 (worst) for at least one region."
    if errors:
        return _page(request, ctx, values, errors)
    try:
        saved = soreness.record(
            ctx,
            ratings=[f"{r}={value}" for r, value in ratings.items()],
            date=day,
            after_run=after_run,
        )
    except InvalidInput as error:
        region = error.field.removeprefix("soreness for ")
        errors[region if region in ratings else "form"] = display.problem_text(error)
        return _page(request, ctx, values, errors)
    query = [("date", day.isoformat())] + [("r", f"{r.region}={r.value}") for r in saved]
    if after_run:
        query.append(("after_run", "1"))
    return RedirectResponse(f"/soreness/saved?{urlencode(query)}", status_code=303)


@router.get("/soreness/saved", response_class=HTMLResponse)
def saved_page(request: Request, ctx: ContextDep) -> HTMLResponse:
    """What was just saved (read from the address the form sent you to), with the way on to Progress."""
    params = request.query_params
    try:
        day = routines.parse_date(params.get("date") or "")
        ratings = soreness.parse_ratings(ctx, params.getlist("r"))
    except InvalidInput:
        day, ratings = None, []
    names = display.region_names(ctx)
    page = {
        "title": "Soreness saved",
        "day": day,
        "ratings": [(names.get(r, r), value) for r, value in ratings],
        "after_run": params.get("after_run") == "1",
    }
    return render(request, "soreness_saved.html", page)
