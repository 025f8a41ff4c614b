"""GET /history: a heat map of the last weeks, minutes per week, and every session with its results."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from supple.services import display, progress
from supple.services.errors import InvalidInput
from supple.web.access import ContextDep
from supple.web.pages import render

router = APIRouter()


#: Sessions listed per page, and items listed per session: a session stored with more shows the
#: first ``ITEMS`` and says how many more there are, so no page grows without bound.
PAGE = 50
ITEMS = 500
#: The highest page number accepted in the query string.
MAX_PAGE = 10_000


def _page_number(text: str | None) -> int:
    """``page`` from the query string: a whole number from 1 (blank means 1); InvalidInput otherwise."""
    if not text:
        return 1
    if not text.isdigit() or not 1 <= int(text) <= MAX_PAGE:
        raise InvalidInput("page", text, f"a whole number from 1 to {MAX_PAGE}")
    return int(text)


@router.get("/history", response_class=HTMLResponse)
def history_page(
    request: Request, ctx: ContextDep, page: Annotated[str | None, Query(max_length=20)] = None
) -> HTMLResponse:
    found = progress.history_progress(ctx, today=dt.date.today())
    pages = max(1, -(-len(found.sessions) // PAGE))
    try:
        number = _page_number(page)
        if number > pages:
            raise InvalidInput("page", page, f"a page from 1 to {pages}")
    except InvalidInput as error:
        return render(request, "history_refused.html", {"title": "History", "problem": str(error)}, status=422)
    shown = found.sessions[(number - 1) * PAGE : number * PAGE]
    context = {
        "title": "History",
        "progress": found,
        "shown": shown,
        "page": number,
        "page_size": PAGE,
        "pages": pages,
        "item_cap": ITEMS,
        "legend": progress.LEGEND,
        "names": display.region_names(ctx),
        "label": display.label,
        "dose": display.item_dose,
        "duration": display.duration_text,
        "weekdays": display.weekdays(),
        "target_days": display.week_target(ctx)[1],
    }
    return render(request, "history.html", context)
