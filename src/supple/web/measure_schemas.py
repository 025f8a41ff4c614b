"""Pydantic models for the measuring side of the HTTP API: tests, soreness, levels, triage, progress.

The keys are those of the command line's `--json` output (docs/contract.md) where a command
prints one: `assess list`, `assess record`, `soreness`, `levels` and `triage`. Routes return
the plain dicts the services build, with ``response_model`` set, so each answer is checked
against these models. Input models describe the body for the OpenAPI document; the services
check every value and name the field that is wrong, so nothing half-valid is stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from supple.services import routines
from supple.services.errors import InvalidInput
from supple.web.schemas import Complaint, FlagLevel, NamedRegion, Region, Slug, SourceOut, TodayOut

#: Dates the API accepts. Far outside this window the date arithmetic of plans and re-test
#: reminders would run past the calendar's ends, and no runner records a result in year 1.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2999, 12, 31)

Side = Literal["left", "right"]
DateText = Annotated[
    str,
    StringConstraints(max_length=40),
    Field(description="A day as YYYY-MM-DD.", examples=["2026-11-24"], json_schema_extra={"format": "date"}),
]
ShortSlug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]


def parse_day(text: str | None, *, field: str) -> dt.date:
    """``text`` as a date (today when None); InvalidInput naming ``field`` for a bad or far-off one."""
    if text is None:
        return dt.date.today()
    day = routines.parse_date(text, field=field)
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InvalidInput(field, text, f"a date from {FIRST_DAY} to {LAST_DAY}")
    return day


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


# -- screening tests --------------------------------------------------------------------


class RangeOut(_Out):
    low: float
    high: float
    whole: bool = Field(description="True when only whole numbers are accepted, as for a rating.")


class NormOut(_Out):
    low: float
    high: float
    checked: Literal["primary", "secondary", "unconfirmed", "default"] = Field(
        description="How well the figure is checked: the study itself, only a secondary source, not yet confirmed, "
        "or a Supple default. The lower end (the upper one when lower is better) counts only beyond the error."
    )
    mark: str = Field(
        description='The same as a data mark: "" (primary or default), "2°" (secondary), "u" (unconfirmed).'
    )
    source: str
    about: str


class MeasurementErrorOut(_Out):
    kind: Literal["MDC", "SEM"]
    value: float = Field(description="The error in the test's unit.")
    checked: Literal["primary", "secondary", "unconfirmed", "default"]
    source: str
    about: str


class InstructionsOut(_Out):
    setup: list[str]
    steps: list[str]
    reading: list[str]


class AssessmentTestOut(_Out):
    """A screening test, as in `supple assess list --json`, with when you last did it."""

    slug: Slug
    name: str
    measures: str
    unit: str
    range: RangeOut
    per_side: bool = Field(description="True when each side is measured: `side` is then required.")
    higher_is_better: bool
    noisy: bool = Field(description="True when the test is too noisy to prove a change.")
    norm: NormOut
    error: MeasurementErrorOut
    regions: list[Region] = Field(description="Regions a poor result moves up the priorities.")
    instructions: InstructionsOut
    sources: list[SourceOut]
    last_date: dt.date | None = Field(description="The day of your latest result; null when never done.")
    retest_due: bool = Field(description="True when never done, or when the latest result is old enough to redo.")


class ResultIn(_In):
    """One test result to record."""

    model_config = ConfigDict(
        json_schema_extra={"example": {"test": "knee-to-wall", "value": 9.5, "side": "left", "date": "2026-11-24"}}
    )

    test: ShortSlug = Field(description="The test slug, from GET /api/v1/assessments.")
    value: float = Field(description="The result in the test's unit, within its `range`.")
    side: Side | None = Field(default=None, description="Required for a per-side test; refused for the others.")
    date: DateText | None = Field(default=None, description="The day of the test, YYYY-MM-DD (default: today).")


class ResultOut(_Out):
    """A result as a history row, as in `supple assess history --json`."""

    test: Slug
    side: Side | None
    date: dt.date
    value: int | float = Field(description="The result in `unit`; a whole number for a rating.")
    unit: str
    real_change: bool | None = Field(
        description="Whether it differs from the previous result of this test and side by more than the "
        "measurement error; null for a first result."
    )


class ConcernOut(_Out):
    """A region your latest results move to the front, and why."""

    region: Region
    test: Slug
    kind: Literal["below-norm", "asymmetry"]
    side: Side | None = Field(
        description="The side below the usual range, or the weaker side; null for a test done once."
    )
    value: float = Field(description="The result behind the concern, in the test's unit.")
    score: float = Field(ge=0, description="How far off, in units of the test's measurement error (larger is worse).")


# -- soreness and levels ----------------------------------------------------------------


class SorenessIn(_In):
    """Soreness ratings for one day, all stored or none."""

    model_config = ConfigDict(
        json_schema_extra={"example": {"ratings": {"calves": 3, "hamstrings": 1}, "date": "2026-11-25"}}
    )

    ratings: dict[NamedRegion, int] = Field(
        description="How sore each region is, 0 (none) to 10; at least one. `it-band` counts for its source regions."
    )
    date: DateText | None = Field(default=None, description="The day of the ratings, YYYY-MM-DD (default: today).")
    after_run: bool = Field(default=False, description="True when the soreness follows a run rather than a rest day.")


class SorenessOut(_Out):
    date: dt.date
    region: NamedRegion
    value: int = Field(ge=0, description="0 (none) to 10.")
    after_run: bool


Decision = Literal["progress", "hold", "regress"]


class LevelOut(_Out):
    """An exercise's ladder level from now on, as in `supple levels --json`."""

    exercise: Slug
    level: int = Field(ge=1)
    decision: Decision
    reason: str = Field(description="The decision in plain words, with the numbers it was made from.")


class LevelChangeOut(_Out):
    """One entry of the level history: a decision and the session it followed."""

    exercise: Slug
    date: dt.date = Field(description="The day of the session the decision followed.")
    level: int = Field(ge=1)
    decision: Decision
    reason: str
    session_id: int = Field(description="The session the decision followed; GET /api/v1/sessions/{session_id}.")


# -- complaints and triage --------------------------------------------------------------


class RedFlagQuestionOut(_Out):
    slug: Slug = Field(description="Send it in `red_flags` when the answer is yes.")
    question: str = Field(description="A yes/no question, in plain words.")
    level: FlagLevel = Field(description="How soon a yes to it, for this complaint, needs a clinician.")
    urgent: bool = Field(description="Kept for older clients: true when `level` is `same-day` or `emergency`.")


class ComplaintOut(_Out):
    """A complaint Supple can triage, with the red-flag questions to ask first, in order."""

    slug: Complaint
    name: str
    red_flags: list[RedFlagQuestionOut]


class TriageIn(_In):
    """A complaint and the red flags answered yes: every question must have been asked."""

    model_config = ConfigDict(
        json_schema_extra={"example": {"complaint": "outer-knee", "red_flags": [], "date": "2026-11-24"}}
    )

    complaint: Complaint
    red_flags: list[ShortSlug] = Field(
        max_length=50,
        description="The red flags answered yes (slugs from GET /api/v1/complaints/{slug}); [] when every answer "
        "was no. Required, so that the questions cannot be skipped.",
    )
    date: DateText | None = Field(default=None, description="The day for the focus session (default: today).")


class TriageOut(_Out):
    """As printed by `supple triage COMPLAINT --json`."""

    complaint: Complaint
    refer: bool = Field(description="True when a red flag was answered yes: see a physio or doctor; no plan then.")
    level: FlagLevel | None = Field(
        description="The most urgent level among the red flags answered yes; null when none was."
    )
    urgent: bool = Field(description="Kept for older clients: true when `level` is `same-day` or `emergency`.")
    red_flags: list[Slug] = Field(description="The red flags answered yes.")
    sources: list[Region] = Field(description="The regions often behind the complaint.")
    explanation: str = Field(
        description="The reasoning, or why you are referred (the level's advice first, said once). Never a diagnosis."
    )
    plan: TodayOut | None = Field(
        description="A focus session on the source regions (empty, with `stop`, while a red flag is open); "
        "null when referred."
    )


class ActiveFlagOut(_Out):
    """A red flag answered yes: while not cleared, routines stop until a clinician has seen you."""

    slug: Slug
    name: str = Field(description="A few words for the sign.")
    question: str
    level: FlagLevel = Field(description="How soon it needs a clinician, for the complaint it was answered with.")
    urgent: bool = Field(description="Kept for older clients: true when `level` is `same-day` or `emergency`.")
    complaint: Slug | None = Field(description="The complaint being triaged when it was answered yes, if any.")
    date: dt.date = Field(description="The day it was answered yes.")
    cleared: dt.date | None = Field(description="The day you said a clinician had cleared you; null while it is open.")


class ClearIn(_In):
    date: DateText | None = Field(default=None, description="The day a clinician saw you (default: today).")


class ClearedOut(_Out):
    cleared: int = Field(ge=0, description="How many red flags were cleared.")


# -- progress ---------------------------------------------------------------------------


class WeekTotalOut(_Out):
    start: dt.date = Field(description="The Monday the week starts on.")
    minutes: int = Field(ge=0, description="Minutes of the items marked done that week.")
    sessions: int = Field(ge=0, description="Sessions logged that week, finished or not.")
    days: int = Field(ge=0, le=7, description="Days with any minutes done.")


class TargetOut(_Out):
    minutes: int = Field(
        ge=0,
        description="Minutes a week to aim for: the weekly minimum for each priority region, "
        "times the number of priority regions.",
    )
    days: int = Field(ge=1, le=7, description="Aim to work on at least this many days a week.")


class ChartOut(_Out):
    slug: str = Field(description="`weekly`, `soreness`, `levels` or `assess-<test>`.")
    title: str
    empty: bool = Field(description="True when there is nothing to draw yet.")
    url: str = Field(description="Where to get the chart as an SVG image.", examples=["/api/v1/charts/weekly.svg"])


class ProgressOut(_Out):
    """As printed by `supple progress --json`, with the day it was worked out for and each chart's address."""

    today: dt.date = Field(description="The last day shown (`to`, today by default).")
    since: dt.date = Field(alias="from", description="The first day shown: only days from here to `today` count.")
    charts: list[ChartOut] = Field(
        description="Weekly minutes, soreness and levels, then one chart per screening test with results."
    )
    weeks: list[WeekTotalOut] = Field(description="Oldest first; the last is the week holding `today`.")
    target: TargetOut


# -- the next-day answer ------------------------------------------------------------------


class FollowupIn(_In):
    """How the session's work felt the next day."""

    model_config = ConfigDict(json_schema_extra={"example": {"answer": "same"}})

    answer: str = Field(max_length=40, description="`better`, `same` or `worse` (capitals ignored).", examples=["same"])
    date: DateText | None = Field(default=None, description="The day the answer is given, YYYY-MM-DD (default: today).")


class FollowupOut(_Out):
    session_id: int
    answer: Literal["better", "same", "worse"] | None = Field(description="Null until the answer is given.")
    answers: list[str] = Field(description="The allowed answers.")


class NextDayOut(_Out):
    waiting: bool = Field(description="True when a recent session has no next-day answer yet.")
    session_id: int | None
    date: dt.date | None = Field(description="The day of the session the question is about.")
    question: str | None = Field(description='The question in words, e.g. "How did yesterday\'s work feel?"')
    answers: list[str] = Field(description="The allowed answers.")
