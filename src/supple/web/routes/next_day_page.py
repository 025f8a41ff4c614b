"""POST /next-day: the one-tap answer to "how did yesterday's work feel?" from Today or the soreness page.

The question itself is drawn by ``templates/next_day.html`` wherever ``next_day`` is in the page.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from supple.services import followups
from supple.services.context import Context
from supple.services.errors import InvalidInput
from supple.web.access import ContextDep
from supple.web.pages import check_csrf

router = APIRouter()

#: Where the answer may send the runner back to (never an address taken from the form as is).
BACK = {"today": "/", "soreness": "/soreness"}


def question(ctx: Context, back: str) -> dict[str, Any]:
    """What a page adds to show the question: the waiting session (or None) and where to come back to."""
    return {"next_day": followups.waiting(ctx, today=dt.date.today()), "next_day_back": back}


@router.post("/next-day", dependencies=[Depends(check_csrf)])
async def answer_next_day(request: Request, ctx: ContextDep) -> RedirectResponse:
    form = await request.form()
    raw_id = form.get("session_id")
    try:
        session_id = int(raw_id) if isinstance(raw_id, str) else 0
    except ValueError:
        raise InvalidInput("session_id", raw_id, "the id of one of your sessions") from None
    found = followups.record(ctx, session_id=session_id, answer=form.get("answer"), today=dt.date.today())
    back = form.get("back")
    target = BACK.get(back if isinstance(back, str) else "", "/")
    return RedirectResponse(f"{target}?next_day={found}", status_code=303)
