"""The full-screen session player: POST /session starts one, GET /session/{id} plays it.

The page carries everything the player needs as JSON (the stored session, where to
resume, the cues and the timings); static/player.js runs the timers and saves each
item's result through the sessions API as soon as it is entered.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.services import display, library, live, routines, shapes
from supple.services.context import Context
from supple.services.errors import InvalidInput, NotFound
from supple.web.access import ContextDep
from supple.web.pages import check_csrf, render

router = APIRouter()

MAX_ID = 2_147_483_647  # the largest id the database can hold
#: Where a session may send you when it ends (?next=): only this site's own Assess pages.
NEXT_PAGE = re.compile(r"/assess/[a-z0-9-]+(/[a-z0-9-]+)*")

ROLE_WORDS = {
    "melt": "Melt · release",
    "mould": "Mould · new range",
    "strengthen": "Strengthen",
    "prime": "Prime · drill",
}


def _number(form: Any, name: str) -> int | None:
    text = str(form.get(name) or "").strip()
    if not text:
        return None
    if not text.isdigit():
        raise InvalidInput(name, text, "a whole number")
    return int(text)


@router.post("/session", dependencies=[Depends(check_csrf)])
async def start_session(request: Request, ctx: ContextDep) -> Response:
    """Compose today's routine from the form's kind, minutes and date, store it, and open the player.

    With a ``complaint`` it is that complaint's triage session (its first-line work first).
    """
    form = await request.form()
    try:
        date_text = str(form.get("date") or "").strip()
        kind = str(form.get("kind") or "").strip().lower() or None
        complaint = str(form.get("complaint") or "").strip().lower() or None
        session = routines.today(
            ctx,
            date=routines.parse_date(date_text) if date_text else dt.date.today(),
            kind=kind,
            minutes=_number(form, "minutes"),
            complaint=complaint,
        )
        started = live.start(ctx, session=session)
    except InvalidInput as error:
        page = {"title": "Could not start the session", "error": error, "mode": "error"}
        return render(request, "player.html", page, status=422)
    return RedirectResponse(f"/session/{started.id}", status_code=303)


def _exercise_info(ctx: Context, slug: str, level: int) -> dict[str, Any]:
    """Cues, tempo and the ladder rung for one exercise; empty cues if it left the catalogue."""
    try:
        exercise = library.exercise(ctx, slug=slug)
        found = shapes.exercise_dict(exercise, library.left_out(ctx, exercise=exercise))
    except InvalidInput:
        return {"cues": {"setup": [], "movement": [], "avoid": []}, "seconds_per_rep": 3, "rung": None}
    rungs = [r for r in found["ladder"] if r["level"] == level]
    rung = rungs[0] if rungs else None
    return {
        "cues": found["cues"],
        "seconds_per_rep": found["dose"]["seconds_per_rep"],
        "rung": None if rung is None else {"label": rung["label"], "of": len(found["ladder"])},
    }


def player_data(ctx: Context, session: Any) -> dict[str, Any]:
    """The JSON the page hands to player.js."""
    stored = shapes.logged_session_dict(session)
    catalogue = ctx.catalogue
    items: list[dict[str, Any]] = []
    for block in stored["blocks"]:
        region = {
            "region": block["region"],
            "region_name": catalogue.region_names.get(block["region"], block["region"]),
        }
        for item in block["items"]:
            extra = _exercise_info(ctx, item["exercise"], item["level"])
            items.append(item | extra | region | {"position": len(items)})
    timing = catalogue.rules.timing
    return {
        "session": stored,
        "items": items,
        "resume_at": live.resume_at(session),
        "time_scale": ctx.time_scale,
        "timing": {
            "position": timing.transition_seconds,
            "switch": timing.side_switch_seconds,
            "rest": timing.rest_between_sets_seconds,
        },
        "roles": ROLE_WORDS,
    }


def summary_text(items: list[dict[str, Any]], seconds_done: int) -> str:
    """What the summary screen says (player.js words it the same way, with the finished session's figure)."""
    done = [i for i in items if i["result"] and i["result"]["done"]]
    return f"You did {len(done)} of {len(items)} items: {display.duration_text(seconds_done)} of work."


def dose_text(item: dict[str, Any]) -> str:
    sets = f"{item['sets']} sets" if item["sets"] > 1 else "1 set"
    work = f"{item['hold_seconds']} s hold" if item["hold_seconds"] is not None else f"{item['reps']} reps"
    return f"{sets} × {work}" + (" each side" if item["per_side"] else "")


@router.get("/session/{session_id}", response_class=HTMLResponse)
def play_session(
    request: Request,
    session_id: Annotated[int, Path(description="The session's id")],
    ctx: ContextDep,
    next_page: Annotated[str | None, Query(alias="next", description="An /assess/ page to go on to")] = None,
) -> Response:
    try:
        if not 1 <= session_id <= MAX_ID:
            raise NotFound(f"session {session_id}")
        session = live.get(ctx, session_id=session_id)
    except NotFound:
        raise HTTPException(404, f"There is no session {session_id}; start one from Today.") from None
    data = player_data(ctx, session)
    position = data["resume_at"]
    current = data["items"][position if position is not None else -1]
    return render(
        request,
        "player.html",
        {
            "title": f"Session {session_id}",
            "mode": "play",
            "data": data,
            "current": current,
            "dose": dose_text(current),
            "done": position is None,
            "summary": summary_text(data["items"], data["session"]["seconds_done"]),
            "next_page": next_page if next_page and NEXT_PAGE.fullmatch(next_page) else None,
        },
    )
