"""Triage pages: pick a complaint (/triage), answer its red-flag questions first (/triage/{slug}), then
either the advice to see a physio or doctor (no plan) or the likely sources and a focus session to start.

Supple never diagnoses: a yes to any question stops the plan (``triage.answer`` keeps the flag
open, and Today shows the stop until the runner says they have been cleared).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from supple.services import display, library, live, redflags, routines, triage
from supple.services.context import Context
from supple.services.errors import InvalidInput
from supple.web import screening
from supple.web.access import ContextDep
from supple.web.pages import check_csrf, render

router = APIRouter()

ANSWERS = ("yes", "no")


def _find(ctx: Context, slug: str) -> Any | None:
    try:
        return triage.find_complaint(ctx, slug=slug)
    except InvalidInput:
        return None


def _missing(request: Request, slug: str) -> HTMLResponse:
    return screening.missing(request, slug, what="complaint", back="/triage", back_label="See every complaint")


@router.get("/triage", response_class=HTMLResponse)
def complaints_page(request: Request, ctx: ContextDep) -> HTMLResponse:
    page = {"title": "Something hurts", "complaints": triage.complaints(ctx)}
    return render(request, "triage.html", page)


def _questions_page(
    request: Request, ctx: Context, complaint: Any, answers: Mapping[str, str], errors: Mapping[str, str]
) -> HTMLResponse:
    page = {
        "title": complaint.name,
        "complaint": complaint,
        "questions": triage.questions(ctx, complaint=complaint.slug),
        "answers": answers,
        "errors": errors,
    }
    return render(request, "triage_questions.html", page, status=422 if errors else 200)


@router.get("/triage/{slug}", response_class=HTMLResponse)
def questions_page(request: Request, ctx: ContextDep, slug: str) -> HTMLResponse:
    complaint = _find(ctx, slug)
    if complaint is None:
        return _missing(request, slug)
    return _questions_page(request, ctx, complaint, {}, {})


@router.post("/triage/{slug}", dependencies=[Depends(check_csrf)])
async def answer_questions(request: Request, ctx: ContextDep, slug: str) -> Response:
    complaint = _find(ctx, slug)
    if complaint is None:
        return _missing(request, slug)
    form = await request.form()
    questions = triage.questions(ctx, complaint=complaint.slug)
    answers = {q.slug: str(form.get(f"flag-{q.slug}") or "").strip().lower() for q in questions}
    errors: dict[str, str] = {}
    for q in questions:
        given = answers[q.slug]
        if not given:
            errors[q.slug] = f"Not answered yet: “{q.question}” Pick yes or no."
        elif given not in ANSWERS:
            errors[q.slug] = f"“{given}” will not do for “{q.question}”: expected yes or no."
    if errors:
        return _questions_page(request, ctx, complaint, answers, errors)
    said_yes = [q.slug for q in questions if answers[q.slug] == "yes"]
    result, plan = triage.answer(ctx, complaint=complaint.slug, red_flags=said_yes, date=dt.date.today())
    flags = {q.slug: q for q in questions}
    page = {
        "title": "See a physio or doctor" if result.refer else f"What may help: {complaint.name}",
        "complaint": complaint,
        "result": result,
        "plan": plan,
        "words": redflags.words(ctx, result.level) if result.level is not None else None,
        "said_yes": [flags[s] for s in result.red_flags if s in flags],
        "on_hold": () if result.refer else redflags.active(ctx),
        "avoided": library.avoided_for(ctx, complaint=complaint.slug),
        "names": display.region_names(ctx),
        "dose": display.item_dose,
        "duration": display.duration_text,
    }
    return render(request, "triage_result.html", page)


@router.post("/triage/{slug}/start", dependencies=[Depends(check_csrf)])
def start_plan(request: Request, ctx: ContextDep, slug: str) -> Response:
    """Start the complaint's triage session in the player (only while no red flag is open)."""
    complaint = _find(ctx, slug)
    if complaint is None:
        return _missing(request, slug)
    if redflags.active(ctx):
        return RedirectResponse("/", status_code=303)  # Today says why there is no plan
    try:
        plan = routines.today(ctx, date=dt.date.today(), complaint=complaint.slug)
        started = live.start(ctx, session=plan)
    except InvalidInput as error:
        page = {"title": "Could not start the session", "error": display.problem_text(error), "mode": "error"}
        return render(request, "player.html", page, status=422)
    return RedirectResponse(f"/session/{started.id}", status_code=303)
