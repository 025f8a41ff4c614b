"""/api/v1 progress and charts: minutes done week by week, and the charts as SVG images.

The totals, the target and the drawings all come from ``services.charts`` (only items marked
done count), as for `supple progress`; the routes only pick the window and name the chart.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from supple.services import charts, progress
from supple.services.context import Context
from supple.services.errors import InvalidInput
from supple.web.access import ContextDep
from supple.web.measure_schemas import ProgressOut, parse_day
from supple.web.problems import problem
from supple.web.schemas import problems

router = APIRouter(prefix="/api/v1", tags=["progress"])

WeeksQuery = Annotated[
    int, Query(ge=1, le=charts.MAX_WEEKS, description="How many weeks, this one included (1 to 104).", examples=[12])
]
SVG = "image/svg+xml"


def _date(alias: str, description: str) -> Any:
    return Query(alias=alias, description=description, json_schema_extra={"format": "date"}, examples=["2026-11-01"])


class SvgResponse(Response):
    media_type = SVG


def _range(since: str | None, until: str | None, weeks: int | None) -> tuple[dt.date, dt.date | None, int]:
    """``(last day, first day or None, weeks)`` from the query; InvalidInput naming the parameter that is wrong."""
    last = parse_day(until, field="to")
    first = None if since is None else parse_day(since, field="from")
    if first is not None and weeks is not None:
        raise InvalidInput("weeks", weeks, "either `weeks` or `from`, not both (both set the first day)")
    charts.check_range(first, last)
    return last, first, weeks or progress.WEEKS


@router.get(
    "/progress",
    response_model=ProgressOut,
    response_model_by_alias=True,
    summary="Minutes done per week, and the charts",
    description="Like `supple progress --json`: one total per week, Monday to Sunday, oldest first, counting "
    "only the items marked done on the days shown; the weekly target; and the charts there are to show. The days "
    "shown are the 12 weeks up to today's unless `weeks`, `from` or `to` say otherwise (at most ten years); "
    "`from` after `to`, a longer range, or `from` with `weeks` is a 422.",
    responses=problems(422, 503),
)
def get_progress(
    ctx: ContextDep,
    weeks: Annotated[
        int | None,
        Query(
            ge=1,
            le=charts.MAX_WEEKS,
            description="The weeks up to `to`'s, this one included (1 to 104, 12 by default).",
            examples=[12],
        ),
    ] = None,
    since: Annotated[str | None, _date("from", "The first day shown, YYYY-MM-DD (instead of `weeks`).")] = None,
    until: Annotated[str | None, _date("to", "The last day shown, YYYY-MM-DD (default: today).")] = None,
) -> Any:
    last, first, count = _range(since, until, weeks)
    found = charts.overview(ctx, today=last, since=first, weeks=count)
    query = f"?from={found.since.isoformat()}&to={found.today.isoformat()}"
    return {
        "today": found.today.isoformat(),
        "from": found.since.isoformat(),
        "charts": [charts.chart_dict(c) | {"url": f"{router.prefix}/charts/{c.slug}.svg{query}"} for c in found.charts],
        "weeks": [charts.week_dict(w) for w in found.weeks],
        "target": {"minutes": found.target_minutes, "days": found.target_days},
    }


def _chart(ctx: Context, slug: str, since: dt.date | None, until: dt.date | None, weeks: int) -> charts.Chart | None:
    """The chart called ``slug``, or None when there is none by that name."""
    if slug == "weekly":
        return charts.weekly(ctx, today=until or dt.date.today(), weeks=weeks, since=since)
    if slug == "soreness":
        return charts.soreness(ctx, since=since, until=until)
    if slug == "levels":
        return charts.levels(ctx, since=since, until=until)
    test = slug.removeprefix("assess-")
    if test == slug or not test:
        return None
    try:
        return charts.assessment(ctx, test=test, since=since, until=until)
    except InvalidInput as error:
        if error.field == "test":
            return None
        raise


@router.get(
    "/charts/{slug}.svg",
    response_class=SvgResponse,
    summary="A progress chart as an SVG image",
    description="`weekly` (minutes per week), `soreness` (ratings per region), `levels` (ladder levels) or "
    "`assess-<test>` (one test's results, e.g. `assess-knee-to-wall`). `from` and `to` limit every chart; "
    "`weekly` takes `weeks` instead of `from` too. Each chart draws changes and at most a bounded number of "
    "points, whatever the range. Never cached, so it always shows the latest log.",
    responses={
        200: {"description": "The chart as an SVG document.", "content": {SVG: {}}},
        **problems(404, 422, 503),
    },
)
def get_chart(
    ctx: ContextDep,
    slug: Annotated[str, Path(max_length=80, description="Which chart.", examples=["weekly", "assess-knee-to-wall"])],
    since: Annotated[str | None, _date("from", "The first day, YYYY-MM-DD (inclusive).")] = None,
    until: Annotated[str | None, _date("to", "The last day, YYYY-MM-DD (inclusive).")] = None,
    weeks: WeeksQuery = progress.WEEKS,
) -> Response:
    first = None if since is None else parse_day(since, field="from")
    last = None if until is None else parse_day(until, field="to")
    if first is not None and last is not None and last < first:
        raise InvalidInput("to", until, f"a day on or after `from` ({since})")
    charts.check_range(first, last)
    found = _chart(ctx, slug, first, last, weeks)
    if found is None:
        expected = "weekly, soreness, levels or assess-<test> for a test listed by GET /api/v1/assessments"
        return problem(404, "Not found", str(InvalidInput("slug", slug, expected)), field="slug")
    return SvgResponse(found.svg, headers={"Cache-Control": "no-store"})
