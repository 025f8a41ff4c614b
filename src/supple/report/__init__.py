"""Printable documents: a progress report to hand to a physio, and a one-page routine handout.

This layer only lays out what it is given. The services gather the data into the plain
dataclasses below; ``report.html`` turns them into a self-contained HTML page (charts and
pictures inline as SVG, no links to fetch), and ``report.pdf`` turns that HTML into PDF.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from supple.core import assessment
from supple.core.assessment import AssessmentResult, AssessmentTest

__all__ = [
    "Figure",
    "Flag",
    "Handout",
    "HandoutBlock",
    "HandoutItem",
    "LevelRow",
    "Report",
    "Screening",
    "SessionsSummary",
    "SorenessRegion",
    "SorenessSummary",
]


@dataclass(frozen=True, slots=True)
class Figure:
    """A chart, drawn elsewhere: its SVG text, and whether it had any data to show."""

    slug: str
    title: str
    svg: str
    empty: bool


@dataclass(frozen=True, slots=True)
class Screening:
    """One test and side over the period: the first and the latest result, and how many there were."""

    test: AssessmentTest
    side: str | None
    first: AssessmentResult
    latest: AssessmentResult
    count: int
    #: The latest result was taken on the same day as the one before it: a re-test straight after a session.
    retested: bool = False

    @property
    def change(self) -> float | None:
        """Latest minus first; None with a single result."""
        return None if self.count < 2 else self.latest.value - self.first.value

    @property
    def real(self) -> bool | None:
        """Whether the change is beyond the measurement error; None with a single result."""
        if self.count < 2:
            return None
        return assessment.real_change(self.first.value, self.latest.value, self.test)

    @property
    def below_norm(self) -> bool:
        """True only when the latest result is past the usual range's edge by more than the error."""
        return self.test.below_usual(self.latest.value)


@dataclass(frozen=True, slots=True)
class LevelRow:
    """An exercise's current rung on its ladder, and the decision that put it there."""

    slug: str
    name: str
    level: int
    rungs: int
    #: The rung in words, e.g. "Box at about your knee height (box height: 100 % of knee height)"; "" without a ladder.
    rung: str
    decision: str
    reason: str
    date: dt.date


@dataclass(frozen=True, slots=True)
class SessionsSummary:
    sessions: int
    minutes: int
    active_days: int
    #: Length of the period in weeks (days / 7).
    weeks: float
    #: The weekly target: this many minutes of work in all, on at least this many days.
    target_minutes: int
    target_days: int
    #: Minutes a day the athlete planned for (their profile).
    daily_minutes: int

    @property
    def days_per_week(self) -> float:
        return round(self.active_days / self.weeks, 1) if self.weeks else 0.0

    @property
    def sessions_per_week(self) -> float:
        return round(self.sessions / self.weeks, 1) if self.weeks else 0.0

    @property
    def minutes_per_week(self) -> float:
        return round(self.minutes / self.weeks, 1) if self.weeks else 0.0

    @property
    def meets_target(self) -> bool:
        return self.days_per_week >= self.target_days and self.minutes_per_week >= self.target_minutes


@dataclass(frozen=True, slots=True)
class SorenessRegion:
    region: str
    name: str
    count: int
    mean: float
    highest: int
    latest: int
    latest_date: dt.date


@dataclass(frozen=True, slots=True)
class SorenessSummary:
    readings: int
    days: int
    after_run: int
    regions: tuple[SorenessRegion, ...]
    scale_high: int

    @property
    def highest(self) -> SorenessRegion | None:
        return max(self.regions, key=lambda r: (r.highest, r.latest_date), default=None)


@dataclass(frozen=True, slots=True)
class Flag:
    """A red flag answered yes in triage: still open, or cleared by a clinician on ``cleared``."""

    name: str
    question: str
    #: ``soon`` | ``same-day`` | ``emergency``.
    level: str
    #: The level in a few words, e.g. "same day".
    level_label: str
    #: What the level asks of the runner, e.g. "See a doctor today".
    level_heading: str
    #: The complaint it was reported with, in words ("Shin"); None when reported on its own.
    complaint: str | None
    date: dt.date
    #: The day the runner said a clinician had cleared them; None while it is open.
    cleared: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Report:
    athlete: str
    since: dt.date
    until: dt.date
    generated: dt.date
    screening: tuple[Screening, ...]
    #: One chart per test with results in the period, in catalogue order.
    assessment_charts: tuple[Figure, ...]
    levels: tuple[LevelRow, ...]
    #: The ladder chart in parts of a few exercises each, so each prints at full size.
    levels_charts: tuple[Figure, ...]
    sessions: SessionsSummary
    weekly_chart: Figure | None
    soreness: SorenessSummary
    soreness_chart: Figure | None
    #: Every red flag open at some time in the period, and every one open now, oldest first.
    flags: tuple[Flag, ...]
    #: Every test whose results appear, for the methods note (norm, error and their sources).
    tests: tuple[AssessmentTest, ...]
    #: Progression thresholds named in the methods note: sessions, control, discomfort up/down.
    progress_sessions: int
    progress_control: int
    progress_discomfort: int
    regress_discomfort: int
    #: Said beside a same-day re-test: such a gain fades within about 30 minutes (catalogue/rules.toml).
    retest_note: str = ""


@dataclass(frozen=True, slots=True)
class HandoutItem:
    name: str
    role: str
    dose: str
    #: One or two short lines on how to do it.
    cues: tuple[str, ...]
    #: The exercise picture as SVG text.
    svg: str
    #: The ladder rung in words, "" when the exercise has no ladder.
    rung: str


@dataclass(frozen=True, slots=True)
class HandoutBlock:
    #: The region's display name.
    region: str
    items: tuple[HandoutItem, ...]


@dataclass(frozen=True, slots=True)
class Handout:
    athlete: str
    date: dt.date
    kind: str
    #: The kind in words, e.g. "Primer (before a run)".
    kind_label: str
    minutes: int
    total_seconds: int
    blocks: tuple[HandoutBlock, ...]
    notes: tuple[str, ...]
    #: Why there are no exercises while a red flag is open; "" otherwise.
    stop: str = ""
    #: The heading of the highest open level, e.g. "Get emergency care now"; "" without a flag.
    stop_heading: str = ""
    #: ``soon`` | ``same-day`` | ``emergency`` while a red flag is open; "" otherwise.
    stop_level: str = ""

    @property
    def item_count(self) -> int:
        return sum(len(b.items) for b in self.blocks)
