"""GET /week (the plan around the runs), /week.ics (a download) and /calendar/{token}.ics (a private feed).

The feed's token is renewed by POST /calendar/new-link (a form with the CSRF token), which
ends the old address.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.services import calendar, display, routines, week_runs
from supple.services.errors import InvalidInput
from supple.web.access import ContextDep, Public
from supple.web.deps import SettingsDep, feed_context
from supple.web.pages import check_csrf, render

router = APIRouter()

ICS = "text/calendar; charset=utf-8"


def _feed_url(request: Request, token: str) -> str:
    """The feed's address as the calendar app will fetch it: the configured public address, else the
    address this request came in on (a phone paired over the LAN gets the LAN address, not loopback)."""
    public = request.app.state.settings.public_url
    base = f"{public}/" if public else str(request.base_url)
    return f"{base}calendar/{token}.ics"


@router.get("/week", response_class=HTMLResponse)
def week_page(request: Request, ctx: ContextDep, start: str | None = None) -> HTMLResponse:
    first = dt.date.today()
    error = None
    if start and start.strip():
        try:
            first = routines.parse_date(start, field="start")
        except InvalidInput as bad:
            error = display.problem_text(bad)
    plan = routines.plan(ctx, start=first)
    target_minutes, target_days = display.week_target(ctx)
    page = {
        "title": "Week",
        "plan": plan,
        "runs": week_runs.week_runs(ctx, plan),
        "run_words": week_runs.run_words,
        "error": error,
        "today": dt.date.today(),
        "names": display.region_names(ctx),
        "label": display.label,
        "duration": display.duration_text,
        "target_minutes": target_minutes,
        "target_days": target_days,
        "strength_days": ctx.catalogue.rules.week.min_strength_days,
        "feed_url": _feed_url(request, calendar.feed_token(ctx)),
        "renewed": request.query_params.get("renewed") == "1",
    }
    return render(request, "week.html", page, status=422 if error else 200)


@router.get("/week.ics")
def week_download(ctx: ContextDep, start: str | None = None) -> Response:
    first = routines.parse_date(start, field="start") if start else dt.date.today()
    text = calendar.week_ics(ctx, start=first)
    disposition = f'attachment; filename="supple-week-{first.isoformat()}.ics"'
    return Response(text, media_type=ICS, headers={"Content-Disposition": disposition})


@router.get("/calendar/{token}.ics", dependencies=[Public])
def calendar_feed(settings: SettingsDep, token: str) -> Response:
    owner = feed_context(settings, token)
    text = None if owner is None else calendar.feed_ics(owner, today=dt.date.today())
    if text is None:
        raise HTTPException(404, "There is no calendar at this address; copy the current link from the Week page.")
    headers = {"Content-Disposition": 'inline; filename="supple.ics"', "Cache-Control": "private, no-cache"}
    return Response(text, media_type=ICS, headers=headers)


@router.post("/calendar/new-link", dependencies=[Depends(check_csrf)])
def renew_feed(ctx: ContextDep) -> RedirectResponse:
    calendar.feed_token(ctx, new=True)
    return RedirectResponse("/week?renewed=1#calendar", status_code=303)
