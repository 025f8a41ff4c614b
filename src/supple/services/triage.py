"""Triage a complaint: red-flag questions first, then the likely sources and a focus session.

Supple never diagnoses. A yes to any red flag gives no plan, only the advice to see a
clinician, in the words of the most urgent level answered (``soon``, ``same-day`` or
``emergency``). Without red flags the plan is a focus session on the regions often behind the
complaint, leaving out what the complaint must avoid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from supple.core import triage as rules
from supple.core.errors import InvalidInput
from supple.core.session import FlagReport, Session
from supple.core.triage import Complaint, RedFlag, Triage
from supple.services import redflags, routines, shapes
from supple.services.context import Context


def complaints(ctx: Context) -> list[Complaint]:
    return list(ctx.knowledge.complaints.values())


def find_complaint(ctx: Context, *, slug: str) -> Complaint:
    found = ctx.knowledge.complaints.get(slug)
    if found is None:
        known = ", ".join(ctx.knowledge.complaints)
        raise InvalidInput("complaint", slug, "one of " + known)
    return found


def questions(ctx: Context, *, complaint: str) -> list[RedFlag]:
    """The red-flag questions to ask for ``complaint``, in order."""
    knowledge = ctx.knowledge
    return [knowledge.red_flags[slug] for slug in find_complaint(ctx, slug=complaint).red_flags]


def check_red_flags(ctx: Context, *, complaint: str, red_flags: Sequence[str]) -> tuple[str, ...]:
    """The red flags answered yes, each once; InvalidInput for one that ``complaint`` does not ask."""
    return rules.check_answers(red_flags, find_complaint(ctx, slug=complaint))


def answer(ctx: Context, *, complaint: str, red_flags: Sequence[str], date: dt.date) -> tuple[Triage, Session | None]:
    """The triage of ``complaint`` given the red flags answered yes, and the focus session (None when referred).

    Each red flag answered yes is stored with its level for this complaint and stays open (no
    plan anywhere) until a clinician has cleared the runner: see ``services.redflags``. An
    unknown complaint, or a red flag the complaint does not ask, is an InvalidInput and nothing
    is stored.
    """
    knowledge = ctx.knowledge
    found = find_complaint(ctx, slug=complaint)
    result = rules.triage(found, red_flags, knowledge.red_flags, knowledge.advice)
    if result.refer:
        reports = [
            FlagReport(slug, found.slug, rules.flag_level(knowledge.red_flags[slug], found), date)
            for slug in result.red_flags
        ]
        redflags.report(ctx, reports=reports)
        return result, None
    plan = routines.today(ctx, date=date, complaint=found.slug)
    return result, plan


def questions_dict(ctx: Context, *, complaint: str) -> list[dict[str, Any]]:
    """The complaint's red-flag questions in order, each with its level for this complaint."""
    found = find_complaint(ctx, slug=complaint)
    return [
        {"slug": flag.slug, "question": flag.question, "level": level, "urgent": level != "soon"}
        for flag in questions(ctx, complaint=found.slug)
        for level in (rules.flag_level(flag, found),)
    ]


def answer_dict(result: Triage, plan: Session | None) -> dict[str, Any]:
    return {
        "complaint": result.complaint,
        "refer": result.refer,
        "level": result.level,
        "urgent": result.urgent,
        "red_flags": list(result.red_flags),
        "sources": list(result.sources),
        "explanation": result.explanation,
        "plan": None if plan is None else shapes.session_dict(plan),
    }


def triage(ctx: Context, *, complaint: str, red_flags: Sequence[str], date: dt.date) -> dict[str, Any]:
    """``{complaint, refer, level, urgent, red_flags, sources, explanation, plan}``; ``plan`` is null when referred."""
    return answer_dict(*answer(ctx, complaint=complaint, red_flags=red_flags, date=date))
