"""GET /: today's routine; kind and minutes change in place (htmx swaps #today) or by a plain GET.

While a red flag is open there is no routine, only the advice to get seen and the button to say a
physio or doctor has cleared you (POST /red-flags/clear). A small reminder links to Assess when a
screening test is due.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse

from supple.services import display, redflags, routines
from supple.services.context import Context
from supple.services.errors import InvalidInput
from supple.web import screening
from supple.web.access import ContextDep
from supple.web.pages import check_csrf, render, without_bad_values
from supple.web.routes.next_day_page import question

router = APIRouter()


def is_fragment(request: Request) -> bool:
    """An htmx swap wants only the page's changing part; a history restore wants the whole page."""
    return request.headers.get("hx-request") == "true" and request.headers.get("hx-history-restore-request") is None


@router.get("/", response_class=HTMLResponse)
async def today_page(
    request: Request,
    ctx: ContextDep,
    kind: str | None = None,
    minutes: str | None = None,
    date: str | None = None,
) -> HTMLResponse:
    # On the embedded SQLite file every read is a quick local one and runs on the event loop;
    # any other database is a network round trip, so the page is built in a worker thread.
    if not ctx.data.local_reads:
        return await run_in_threadpool(_today_page, request, ctx, kind, minutes, date)
    return _today_page(request, ctx, kind, minutes, date)


def _today_page(
    request: Request, ctx: Context, kind: str | None, minutes: str | None, date: str | None
) -> HTMLResponse:
    flags = redflags.active(ctx)
    if flags:
        return stop_page(request, ctx, flags)
    errors: dict[str, str] = {}
    day = dt.date.today()
    if date:
        try:
            day = routines.parse_date(date)
        except InvalidInput as error:
            errors["date"] = display.problem_text(error)
    wanted: dict[str, Any] = {"kind": kind.strip().lower() if kind and kind.strip() else None, "minutes": None}
    if minutes and minutes.strip():
        try:
            wanted["minutes"] = int(minutes)
        except ValueError:
            errors["minutes"] = f"“{minutes}” will not do: expected a whole number of minutes, e.g. 10."
    session = without_bad_values(
        lambda: routines.today(ctx, date=day, kind=wanted["kind"], minutes=wanted["minutes"]),
        wanted,
        errors,
    )
    page = {
        "title": "Today",
        "session": session,
        # The day's sessions as the week plan counted them (a primer and the session after the run).
        "planned": routines.day_plan(ctx, date=day).sessions if session.stop is None else (),
        "day": day,
        "is_today": day == dt.date.today(),
        "errors": errors,
        "kind_value": session.kind,
        "minutes_value": session.minutes if "minutes" not in errors else minutes,
        "kinds": display.kinds(),
        "names": display.region_names(ctx),
        "dose": display.item_dose,
        "duration": display.duration_text,
        "label": display.label,
        "min_minutes": display.MIN_MINUTES,
        "max_minutes": display.MAX_MINUTES,
    }
    if is_fragment(request):
        response = render(request, "today_routine.html", page)
    else:
        page["reminder"] = screening.reminder(ctx, dt.date.today())
        page["cleared"] = request.query_params.get("cleared") == "1"
        page |= question(ctx, "today")
        page["next_day_saved"] = _saved(request)
        response = render(request, "today.html", page, status=422 if errors else 200)
    response.headers["Vary"] = "HX-Request"
    return response


def _saved(request: Request) -> str | None:
    """The answer just given (from the redirect after it), if it is one of the allowed ones."""
    value = request.query_params.get("next_day")
    return value if value in ("better", "same", "worse") else None


def stop_page(request: Request, ctx: Context, flags: tuple[redflags.ActiveFlag, ...]) -> HTMLResponse:
    """Today while a red flag is open: stop, get seen as fast as the highest open level says, and the way back."""
    today = dt.date.today()
    level = redflags.highest(flags)
    page = {
        "title": "Today",
        "flags": flags,
        "level": level,
        "words": redflags.words(ctx, level),
        "labels": {f.level: redflags.words(ctx, f.level).label for f in flags},
        "day": today,
        "is_today": True,
        "label": display.label,
    }
    name = "today_stop.html" if is_fragment(request) else "today.html"
    response = render(request, name, page)
    response.headers["Vary"] = "HX-Request"
    return response


@router.post("/red-flags/clear", dependencies=[Depends(check_csrf)])
def clear_red_flags(ctx: ContextDep) -> RedirectResponse:
    """A physio or doctor has cleared the runner: close every open red flag and go back to Today."""
    redflags.clear(ctx, date=dt.date.today())
    return RedirectResponse("/?cleared=1", status_code=303)
