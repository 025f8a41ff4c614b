"""GET /history: a heat map of the last weeks, minutes per week, and every session with its results."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from supple.services import display, progress
from supple.web.access import ContextDep
from supple.web.pages import render

router = APIRouter()


@router.get("/history", response_class=HTMLResponse)
def history_page(request: Request, ctx: ContextDep) -> HTMLResponse:
    found = progress.history_progress(ctx, today=dt.date.today())
    page = {
        "title": "History",
        "progress": found,
        "legend": progress.LEGEND,
        "names": display.region_names(ctx),
        "label": display.label,
        "dose": display.item_dose,
        "duration": display.duration_text,
        "weekdays": display.weekdays(),
        "target_days": display.week_target(ctx)[1],
    }
    return render(request, "history.html", page)
