"""/api/v1 assessments, priorities, soreness and levels: what the runner measures, and what it changes.

Each route is a thin call into ``services.assess``, ``services.soreness`` or ``services.levels``.
The services check every value before anything is stored; the routes only rename a field
where the body spells it differently from the command line (``ratings.calves`` rather than
``soreness for calves``), so each problem names the body field to fix.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, status

from supple.services import assess, levels, library, soreness
from supple.services.context import Context
from supple.services.errors import InvalidInput
from supple.web.access import ContextDep
from supple.web.measure_schemas import (
    AssessmentTestOut,
    ConcernOut,
    LevelChangeOut,
    LevelOut,
    ResultIn,
    ResultOut,
    ShortSlug,
    SorenessIn,
    SorenessOut,
    parse_day,
)
from supple.web.problems import problem
from supple.web.schemas import problems

router = APIRouter(prefix="/api/v1", tags=["measures"])

_SINCE = Query(
    description="The first day, YYYY-MM-DD (inclusive); no lower bound when left out.",
    json_schema_extra={"format": "date"},
    examples=["2026-11-01"],
)


def _tests(ctx: Context) -> list[dict[str, Any]]:
    """Every test as `assess list --json` shows it, with the day of its latest result and whether to redo it."""
    return [
        assess.test_dict(test) | {"last_date": None if last is None else last.isoformat(), "retest_due": due}
        for test, last, due in assess.retests(ctx, today=dt.date.today())
    ]


@router.get(
    "/assessments",
    response_model=list[AssessmentTestOut],
    summary="List the screening tests",
    description="Same as `supple assess list --json`, plus `last_date` and `retest_due` for each test.",
    responses=problems(503),
)
def list_assessments(ctx: ContextDep) -> Any:
    return _tests(ctx)


@router.get(
    "/assessments/results",
    response_model=list[ResultOut],
    summary="Your test results, newest first",
    description="Same as `supple assess history --json`: each row says whether it is a real change "
    "from the previous result of the same test and side.",
    responses=problems(422, 503),
)
def list_results(
    ctx: ContextDep,
    test: Annotated[ShortSlug | None, Query(description="Only this test.", examples=["knee-to-wall"])] = None,
) -> Any:
    return [assess.row_dict(row) for row in assess.history(ctx, test=test)]


@router.post(
    "/assessments/results",
    status_code=status.HTTP_201_CREATED,
    response_model=ResultOut,
    summary="Record a test result",
    description="Same as `supple assess record --json`. The test, value, side and date are all checked "
    "before the result is stored.",
    responses=problems(403, 422, 503),
)
def record_result(ctx: ContextDep, body: ResultIn) -> Any:
    when = parse_day(body.date, field="date")
    row = assess.record(ctx, test=body.test, value=body.value, side=body.side, date=when)
    return assess.row_dict(row)


@router.get(
    "/assessments/{slug}",
    response_model=AssessmentTestOut,
    summary="One screening test",
    description="How to do the test, its norm and measurement error, and when you last did it.",
    responses=problems(404, 503),
)
def get_assessment(
    ctx: ContextDep,
    slug: Annotated[str, Path(max_length=80, description="The test slug.", examples=["knee-to-wall"])],
) -> Any:
    try:
        assess.find_test(ctx, slug=slug)
    except InvalidInput as error:
        return problem(404, "Not found", str(InvalidInput("slug", error.value, error.expected)), field="slug")
    return next(test for test in _tests(ctx) if test["slug"] == slug)


@router.get(
    "/priorities",
    response_model=list[ConcernOut],
    summary="Regions your latest test results put first",
    description="Below the usual range by more than the measurement error first (the furthest off first), then "
    "uneven sides. `today` and `plan` work these regions before your usual priorities. Empty until you record a "
    "result.",
    responses=problems(503),
)
def list_priorities(ctx: ContextDep) -> Any:
    return [
        {"region": c.region, "test": c.test, "kind": c.kind, "side": c.side, "value": c.value, "score": c.score}
        for c in assess.concerns(ctx)
    ]


@router.post(
    "/soreness",
    status_code=status.HTTP_201_CREATED,
    response_model=list[SorenessOut],
    summary="Record soreness ratings",
    description="Same as `supple soreness REGION=N ... --json`: every rating is checked, then all are stored "
    "together and the ladder decisions are brought up to date.",
    responses=problems(403, 422, 503),
)
def record_soreness(ctx: ContextDep, body: SorenessIn) -> Any:
    when = parse_day(body.date, field="date")
    pairs = [f"{region}={value}" for region, value in body.ratings.items()]
    try:
        stored = soreness.record(ctx, ratings=pairs, date=when, after_run=body.after_run)
    except InvalidInput as error:
        prefix = "soreness for "
        field = f"ratings.{error.field.removeprefix(prefix)}" if error.field.startswith(prefix) else "ratings"
        expected = "at least one region with a rating" if error.field == "soreness" else error.expected
        raise InvalidInput(field, error.value, expected) from None
    return [soreness.reading_dict(r) for r in stored]


@router.get(
    "/soreness",
    response_model=list[SorenessOut],
    summary="Your soreness ratings, newest first",
    responses=problems(422, 503),
)
def list_soreness(ctx: ContextDep, since: Annotated[str | None, _SINCE] = None) -> Any:
    first = None if since is None else parse_day(since, field="since")
    found = soreness.readings(ctx, since=first)
    return [soreness.reading_dict(r) for r in reversed(found)]


@router.get(
    "/levels",
    response_model=list[LevelOut],
    summary="The ladder level of each exercise you have done",
    description="Same as `supple levels --json`: move up, stay or move down, with the reason.",
    responses=problems(503),
)
def list_levels(ctx: ContextDep) -> Any:
    return [levels.level_dict(entry) for entry in levels.current(ctx)]


@router.get(
    "/levels/history",
    response_model=list[LevelChangeOut],
    summary="Every level decision, oldest first",
    description="Each time a session or a soreness rating changes a decision it is added here; "
    "routines dose each exercise from its latest entry.",
    responses=problems(422, 503),
)
def level_history(
    ctx: ContextDep,
    exercise: Annotated[ShortSlug | None, Query(description="Only this exercise.", examples=["clamshell"])] = None,
) -> Any:
    if exercise is not None:
        library.exercise(ctx, slug=exercise)
    return [
        {
            "exercise": c.exercise,
            "date": c.date.isoformat(),
            "level": c.level,
            "decision": c.decision,
            "reason": c.reason,
            "session_id": c.session_id,
        }
        for c in levels.history(ctx, exercise=exercise)
    ]
