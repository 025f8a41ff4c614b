"""Test, melt and mould, re-test: /assess/{slug}/focus in three steps, then the change it made.

1. ``/focus``: record the before value(s).
2. ``/focus/session``: a focus session for the test's regions, started in the player, which
   offers the way back to step 3 when it ends (``/session/{id}?next=...``).
3. ``/focus/retest``: record the after value(s); ``/focus/result`` shows before → after per side
   and whether each change is beyond the measurement error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.services import assess, charts, display, live, redflags, routines
from supple.services.context import Context
from supple.services.errors import InvalidInput
from supple.web import screening
from supple.web.access import ContextDep
from supple.web.pages import check_csrf, render

router = APIRouter()

STEPS = ("Test now", "Melt and mould", "Re-test")


def _latest(ctx: Context, test: Any) -> dict[str | None, Any]:
    return screening.latest_rows(ctx, test.slug).get(test.slug, {})


def _focus_session(ctx: Context, test: Any) -> Any:
    return routines.today(ctx, date=dt.date.today(), kind="focus", focus=list(test.regions))


def _page(
    request: Request,
    ctx: Context,
    test: Any,
    step: int,
    extra: Mapping[str, Any],
    *,
    status: int = 200,
) -> HTMLResponse:
    names = display.region_names(ctx)
    page = {
        "title": f"{STEPS[min(step, 3) - 1]}: {test.name}",
        "step": step,
        "steps": STEPS,
        "names": names,
        "regions": ", ".join(names.get(r, r) for r in test.regions),
        "latest": _latest(ctx, test),
        "base": f"/assess/{test.slug}/focus",
        **screening.form_context(test, {}, {}),
        **screening.WORDS,
        **extra,
    }
    return render(request, "assess_focus.html", page, status=status)


async def _record(request: Request, ctx: Context, slug: str, step: int, then: str) -> Response:
    test = screening.find(ctx, slug)
    if test is None:
        return screening.missing(request, slug)
    values, results, day, errors = screening.read_results(await request.form(), test)
    if errors:
        return _page(request, ctx, test, step, screening.form_context(test, values, errors), status=422)
    screening.store_results(ctx, test, results, day)
    return RedirectResponse(f"/assess/{test.slug}/focus/{then}", status_code=303)


@router.get("/assess/{slug}/focus", response_class=HTMLResponse)
def before_page(request: Request, ctx: ContextDep, slug: str) -> HTMLResponse:
    test = screening.find(ctx, slug)
    if test is None:
        return screening.missing(request, slug)
    return _page(request, ctx, test, 1, {})


@router.post("/assess/{slug}/focus", dependencies=[Depends(check_csrf)])
async def record_before(request: Request, ctx: ContextDep, slug: str) -> Response:
    return await _record(request, ctx, slug, 1, "session")


def _session_page(request: Request, ctx: Context, test: Any, problem: str = "") -> HTMLResponse:
    flags = redflags.active(ctx)
    session = None if flags else _focus_session(ctx, test)
    extra = {
        "session": session,
        "flags": flags,
        "problem": problem,
        "dose": display.item_dose,
        "duration": display.duration_text,
    }
    return _page(request, ctx, test, 2, extra, status=422 if problem else 200)


@router.get("/assess/{slug}/focus/session", response_class=HTMLResponse)
def session_page(request: Request, ctx: ContextDep, slug: str) -> HTMLResponse:
    test = screening.find(ctx, slug)
    if test is None:
        return screening.missing(request, slug)
    return _session_page(request, ctx, test)


@router.post("/assess/{slug}/focus/start", dependencies=[Depends(check_csrf)])
def start_focus(request: Request, ctx: ContextDep, slug: str) -> Response:
    """Store the focus session as in progress and open it in the player, which leads back to the re-test."""
    test = screening.find(ctx, slug)
    if test is None:
        return screening.missing(request, slug)
    if redflags.active(ctx):
        return RedirectResponse("/", status_code=303)  # Today says why there is no plan
    try:
        started = live.start(ctx, session=_focus_session(ctx, test))
    except InvalidInput as error:
        return _session_page(request, ctx, test, display.problem_text(error))
    return RedirectResponse(f"/session/{started.id}?next=/assess/{test.slug}/focus/retest", status_code=303)


@router.get("/assess/{slug}/focus/retest", response_class=HTMLResponse)
def retest_page(request: Request, ctx: ContextDep, slug: str) -> HTMLResponse:
    test = screening.find(ctx, slug)
    if test is None:
        return screening.missing(request, slug)
    return _page(request, ctx, test, 3, {})


@router.post("/assess/{slug}/focus/retest", dependencies=[Depends(check_csrf)])
async def record_after(request: Request, ctx: ContextDep, slug: str) -> Response:
    return await _record(request, ctx, slug, 3, "result")


@router.get("/assess/{slug}/focus/result", response_class=HTMLResponse)
def result_page(request: Request, ctx: ContextDep, slug: str) -> HTMLResponse:
    """Before → after for each side re-tested on the newest day, and whether the change is real."""
    test = screening.find(ctx, slug)
    if test is None:
        return screening.missing(request, slug)
    latest = _latest(ctx, test)
    newest = max((row.result.date for row in latest.values()), default=None)
    rows = [latest[side] for side in screening.sides_of(test) if side in latest and latest[side].result.date == newest]
    extra = {
        "rows": rows,
        "chart": charts.assessment(ctx, test=test.slug),
        "fades": assess.retest_fades(ctx),
    }
    return _page(request, ctx, test, 4, extra)
