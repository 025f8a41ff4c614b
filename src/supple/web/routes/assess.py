"""GET /assess (every screening test, what is due, what the results put first) and GET/POST /assess/{slug}."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.services import assess, charts, display
from supple.services.context import Context
from supple.web import screening
from supple.web.access import ContextDep
from supple.web.pages import check_csrf, render
from supple.web.routes import assess_focus

router = APIRouter()
router.include_router(assess_focus.router)


@router.get("/assess", response_class=HTMLResponse)
def assess_page(request: Request, ctx: ContextDep) -> HTMLResponse:
    names = display.region_names(ctx)
    tests = {t.slug: t for t in assess.tests(ctx)}
    concerns = [c for c in assess.concerns(ctx) if c.test in tests]
    page = {
        "title": "Assess",
        "retests": assess.retests(ctx, today=dt.date.today()),
        "latest": screening.latest_rows(ctx),
        "concerns": [screening.concern_text(c, tests[c.test], names) for c in concerns],
        "names": names,
        **screening.WORDS,
    }
    return render(request, "assess.html", page)


def test_page(
    request: Request, ctx: Context, test: Any, values: Mapping[str, str], errors: Mapping[str, str]
) -> HTMLResponse:
    page = {
        "title": test.name,
        "names": display.region_names(ctx),
        "rows": assess.history(ctx, test=test.slug),
        "chart": charts.assessment(ctx, test=test.slug),
        "norm": screening.norm_text(test),
        "norm_checked": screening.checked_text(test.norm.checked),
        "error_checked": screening.checked_text(test.error.checked),
        "error_words": screening.error_text(test),
        "saved": request.query_params.get("saved") == "1" and not errors,
        "action": f"/assess/{test.slug}",
        **screening.form_context(test, values, errors),
        **screening.WORDS,
    }
    return render(request, "assess_test.html", page, status=422 if errors else 200)


@router.get("/assess/{slug}", response_class=HTMLResponse)
def assess_test_page(request: Request, ctx: ContextDep, slug: str) -> HTMLResponse:
    test = screening.find(ctx, slug)
    if test is None:
        return screening.missing(request, slug)
    return test_page(request, ctx, test, {}, {})


@router.post("/assess/{slug}", dependencies=[Depends(check_csrf)])
async def record_results(request: Request, ctx: ContextDep, slug: str) -> Response:
    test = screening.find(ctx, slug)
    if test is None:
        return screening.missing(request, slug)
    values, results, day, errors = screening.read_results(await request.form(), test)
    if errors:
        return test_page(request, ctx, test, values, errors)
    screening.store_results(ctx, test, results, day)
    return RedirectResponse(f"/assess/{test.slug}?saved=1#results", status_code=303)
