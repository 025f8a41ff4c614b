"""Pydantic models of the HTTP API: the JSON contract (docs/contract.md), typed for OpenAPI.

The keys and meanings are exactly those of `supple today --json` and friends, built by
``supple.services.shapes``; these models only describe and check them. Routes return the
plain dicts from ``shapes`` with ``response_model`` set, so each response is validated and
serialised in one pass by pydantic's core.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from supple.web.problems import PROBLEM

# The vocabulary of the domain, spelled out so the OpenAPI schema lists every value.
# tests/web/test_api_library.py checks these against supple.core.vocabulary.
Kind = Literal["primer", "daily", "recovery", "focus"]
Role = Literal["melt", "mould", "strengthen", "prime"]
Region = Literal[
    "feet",
    "calves",
    "quads",
    "hamstrings",
    "adductors",
    "hip-flexors",
    "glutes",
    "hip-rotators",
    "thoracic-spine",
    "trunk",
]
#: A region a person may name: the target regions plus `it-band`, worked at its sources.
NamedRegion = Literal[Region, "it-band"]
Equipment = Literal["roller", "ball", "box", "band", "wall"]
Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
Complaint = Literal[
    "outer-knee", "kneecap", "achilles", "heel", "shin", "sit-bone", "low-back", "hip-front", "calf", "side-of-hip",
    "below-kneecap", "top-of-foot",
]  # fmt: skip
#: How soon a red flag needs a clinician (core.vocabulary.FLAG_LEVELS).
FlagLevel = Literal["soon", "same-day", "emergency"]

Minutes = Annotated[int, Field(ge=1, le=120, description="A time budget in whole minutes, 1 to 120.")]
TimeOfDay = Annotated[
    str,
    StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$"),
    Field(description="A time of day, HH:MM on the 24-hour clock.", examples=["07:00"]),
]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class _Out(BaseModel):
    model_config = ConfigDict(frozen=True)


# -- sessions ---------------------------------------------------------------------------


class ItemOut(_Out):
    """One exercise in a session, with its dose. Held (`hold_seconds`) or counted (`reps`)."""

    exercise: Slug = Field(description="The exercise slug; GET /api/v1/exercises/{slug} shows it in full.")
    name: str
    role: Role
    regions: list[Region] = Field(min_length=1, description="Every region worked; the first is the main one.")
    sets: int = Field(ge=1)
    reps: int | None = Field(ge=1, description="Repetitions per set (per side when per_side), or null for a hold.")
    hold_seconds: int | None = Field(ge=1, description="Seconds per hold (per side when per_side), or null.")
    per_side: bool
    static: bool
    seconds: int = Field(ge=0, description="Working time of this item, with side switches and rests.")
    level: int = Field(ge=1, description="The rung of the progression ladder this dose comes from.")
    why: str


class BlockOut(_Out):
    """The items for one region, release (`melt`) first."""

    region: Region
    why: str
    items: list[ItemOut]


class StopOut(_Out):
    """Why there is no routine: red flags reported in triage and not yet cleared by a clinician."""

    red_flags: list[Slug] = Field(min_length=1, description="The open red flags (GET /api/v1/red-flags).")
    level: FlagLevel = Field(
        description="The most urgent level among them: `emergency` (get emergency care now), `same-day` (see a "
        "doctor today, do not run) or `soon` (see a physio or doctor within days, do not run on it)."
    )
    urgent: bool = Field(description="Kept for older clients: true when `level` is `same-day` or `emergency`.")
    since: dt.date = Field(description="The day the first of them was reported.")
    heading: str = Field(description='The level\'s heading, e.g. "Get emergency care now".')
    advice: str = Field(description="What to do: the level's advice first, then what was reported.")


class TodayOut(_Out):
    """A session, as printed by `supple today --json`."""

    date: dt.date
    kind: Kind
    minutes: Minutes
    total_seconds: int = Field(ge=0, description="Planned length; never more than minutes × 60.")
    blocks: list[BlockOut] = Field(description="One block per region; empty when nothing fits (see notes) or stopped.")
    notes: list[str]
    stop: StopOut | None = Field(description="Set (and no blocks) while a red flag is open; null otherwise.")


class PlannedSessionOut(TodayOut):
    """A session in the week plan, with when to start it."""

    at: TimeOfDay | None = Field(description="When to start (a primer ends as the run begins); null if no set time.")
    after_run: bool = Field(description="A short session after the day's run (strength when no day is free of runs).")


class RunWarningOut(_Out):
    """Beside a planned run much longer than the longest run of the past 30 days (Frandsen 2025)."""

    text: str = Field(description="The warning in words, with its figures and source.")
    planned_km: float
    longest_km: float = Field(description="The longest run done in the `window_days` days before.")
    percent_longer: int
    rate_ratio: float = Field(description="The injury rate ratio the study found for runs this much longer.")
    window_days: int
    source: str


class PlannedRunOut(_Out):
    date: dt.date
    at: TimeOfDay | None = Field(description="Local start time, when known.")
    kind: Literal["easy", "long", "workout", "race"]
    distance_m: float | None
    minutes: int | None
    title: str
    source: Literal["profile", "manual", "calendar"] = Field(
        description="Your profile's run days, a run added by hand, or your training calendar."
    )
    warning: RunWarningOut | None


class DoneRunOut(_Out):
    id: int
    start: str = Field(description="UTC, ISO 8601.")
    local_offset: str | None
    sport: str
    elapsed_seconds: float
    moving_seconds: float | None
    distance_m: float | None
    avg_hr: int | None


class DayOut(_Out):
    date: dt.date
    runs: list[TimeOfDay] = Field(description="Run start times that day (empty on days without a run).")
    planned_runs: list[PlannedRunOut] = Field(description="The day's runs as the plan counts them, with any warning.")
    done_runs: list[DoneRunOut] = Field(description="Activities recorded that day (local day).")
    sessions: list[PlannedSessionOut]
    notes: list[str] = Field(description="Why the day looks as it does (e.g. no strength before a race).")


class CoverageOut(_Out):
    minutes: float = Field(ge=0, description="Minutes of work in range (mould items only), one decimal.")
    days: int = Field(ge=0, le=7, description="On how many days the region gets work in range.")
    strength_days: int = Field(ge=0, le=7, description="On how many days the region gets strength work.")
    priority: bool = Field(description="Whether it is a priority region (the targets are for those).")
    range_met: bool = Field(description="Minutes and days of work in range reach the weekly target (or no target).")
    strength_met: bool = Field(description="Strength days reach the weekly target (or no target).")


class PlanOut(_Out):
    """Seven days from `start`, and the work each region gets, as printed by `supple plan --json`."""

    start: dt.date
    days: list[DayOut] = Field(min_length=7, max_length=7)
    coverage: dict[Region, CoverageOut] = Field(description="Keyed by region; priority regions first.")
    unmet: list[Region] = Field(description="Priority regions that miss the weekly range target (minutes, days).")
    unmet_strength: list[Region] = Field(description="Priority regions that miss the weekly strength target (days).")
    meets_targets: bool = Field(description="True when every priority region meets both targets (false when stopped).")
    notes: list[str]
    stop: StopOut | None = Field(description="Set (and no sessions) while a red flag is open; null otherwise.")


# -- the catalogue ----------------------------------------------------------------------


class DoseOut(_Out):
    sets: int = Field(ge=1)
    reps: int | None = Field(ge=1)
    hold_seconds: int | None = Field(ge=1)
    per_side: bool
    seconds_per_rep: int = Field(ge=1, description="Seconds one repetition takes, used for timing.")


class CuesOut(_Out):
    setup: list[str]
    movement: list[str]
    avoid: list[str]


class LadderLevelOut(_Out):
    level: int = Field(ge=1)
    label: str
    variable: str = Field(description="What is measured, the same on every rung.")
    unit: str
    target: float
    hold_seconds: int | None = Field(description="The hold on this rung; null unless the rung changes the dose.")
    reps: int | None = Field(description="The reps on this rung; null unless the rung changes the dose.")


class SourceOut(_Out):
    cite: str
    about: str


class LeftOutOut(_Out):
    """A complaint the exercise is never served for while it is active, and why."""

    complaint: Slug = Field(description="The complaint's slug, as in the profile's `complaints`.")
    positions: list[Slug] = Field(
        min_length=1, description="What the exercise involves that the complaint avoids (positions.toml slugs)."
    )


class ExerciseOut(_Out):
    """One exercise in full, as printed by `supple explain SLUG --json`."""

    slug: Slug
    name: str
    role: Role
    regions: list[Region] = Field(min_length=1)
    equipment: list[Equipment] = Field(description="Kit needed; empty for none.")
    dose: DoseOut
    static: bool
    primer: bool = Field(description="Whether it suits a pre-run primer.")
    why: str
    rationale: str
    cues: CuesOut
    cautions: list[str]
    involves: list[Slug] = Field(description="The positions and loads it puts the body through (positions.toml).")
    left_out_for: list[LeftOutOut] = Field(description="Complaints it is left out for, derived from `involves`.")
    ladder: list[LadderLevelOut]
    sources: list[SourceOut]
    author: str
    licence: str


# -- the profile ------------------------------------------------------------------------


class ProfileOut(_Out):
    """The athlete's profile, as printed by `supple init --json`."""

    run_times: dict[Weekday, TimeOfDay] = Field(
        description="Run days and the usual start time on each.", examples=[{"mon": "07:00", "sat": "09:30"}]
    )
    minutes: Minutes
    equipment: list[Equipment]
    priorities: list[NamedRegion] = Field(description="Regions to work, best first.")
    complaints: list[Complaint]
    name: str = Field(description="The name the report shows; empty until set.", examples=["Sam Runner"])


class ProfileIn(BaseModel):
    """Any subset of the profile; a field left out (or null) keeps its current value.

    Strict like every other request body: ``true`` or ``"15"`` is not a number of minutes."""

    model_config = ConfigDict(extra="forbid", strict=True)

    run_times: dict[Weekday, TimeOfDay] | None = Field(
        default=None,
        description="Every run day with its start time; {} for no runs.",
        examples=[{"mon": "07:00", "wed": "07:00", "sat": "09:30"}],
    )
    minutes: Minutes | None = None
    equipment: list[Equipment] | None = Field(default=None, description="Kit you own; [] for none.")
    priorities: list[NamedRegion] | None = Field(
        default=None, description="Regions to work, best first; [] for the defaults."
    )
    complaints: list[Complaint] | None = Field(default=None, description="Complaints that switch exercises off.")
    name: str | None = Field(
        default=None,
        max_length=200,
        description='The name the report shows, at most 60 characters once spaces are tidied; "" clears it.',
        examples=["Sam Runner"],
    )


# -- errors -----------------------------------------------------------------------------


class ProblemOut(BaseModel):
    """An error as problem details (RFC 9457), served as application/problem+json."""

    type: str = Field(description="Always about:blank: the status says what kind of problem it is.")
    title: str
    status: int = Field(ge=400, le=599)
    detail: str = Field(description="What was wrong, echoing the value and saying what is expected.")
    field: str | None = Field(default=None, description="The parameter or body field that was wrong, when one was.")
    errors: list[dict[str, Any]] | None = Field(default=None, description="Every validation error, for a 422.")


_PROBLEM_SCHEMA = ProblemOut.model_json_schema()
_WHY = {
    401: "No valid credentials: send `Authorization: Bearer TOKEN` (a personal API token) or sign in.",
    403: "Refused: a read-only token asked to change data, or a state-changing request from another site.",
    404: "Nothing has that name or number.",
    413: "The body is larger than this path takes; `limit` gives the cap in bytes.",
    422: "A parameter or body field is not valid; `field` names it.",
    503: "The database cannot be used.",
}


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for the given error statuses, each a problem+json document."""
    return {s: {"description": _WHY[s], "content": {PROBLEM: {"schema": _PROBLEM_SCHEMA}}} for s in statuses}
