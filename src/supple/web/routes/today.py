"""GET /: today's routine; kind and minutes change in place (htmx swaps #today) or by a plain GET."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from supple.services import display, routines
from supple.services.errors import InvalidInput
from supple.web.deps import SettingsDep
from supple.web.pages import render, without_bad_values

router = APIRouter()


def is_fragment(request: Request) -> bool:
    """An htmx swap wants only the page's changing part; a history restore wants the whole page."""
    return request.headers.get("hx-request") == "true" and request.headers.get("hx-history-restore-request") is None


@router.get("/", response_class=HTMLResponse)
async def today_page(
    request: Request,
    settings: SettingsDep,
    kind: str | None = None,
    minutes: str | None = None,
    date: str | None = None,
) -> HTMLResponse:
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
        lambda: routines.today(settings=settings, date=day, kind=wanted["kind"], minutes=wanted["minutes"]),
        wanted,
        errors,
    )
    page = {
        "title": "Today",
        "session": session,
        "day": day,
        "is_today": day == dt.date.today(),
        "errors": errors,
        "kind_value": session.kind,
        "minutes_value": session.minutes if "minutes" not in errors else minutes,
        "kinds": display.kinds(),
        "names": display.region_names(settings),
        "dose": display.item_dose,
        "duration": display.duration_text,
        "label": display.label,
        "min_minutes": display.MIN_MINUTES,
        "max_minutes": display.MAX_MINUTES,
    }
    if is_fragment(request):
        response = render(request, "today_routine.html", page)
    else:
        response = render(request, "today.html", page, status=422 if errors else 200)
    response.headers["Vary"] = "HX-Request"
    return response
