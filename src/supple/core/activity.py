"""Runs and other activities: the one summary every importer ends in, and the runs a plan is built around.

An ``Activity`` is what Supple keeps of a recorded activity (a FIT, GPX or TCX file, or one part
of a multisport file): when it started (UTC, with the local offset of the place it was recorded),
what sport it was, how long it took (elapsed, and moving without pauses), how far and the mean
heart rate when the file has them. A ``PlannedRun`` is a run the runner means to do: from the
profile's run days, added by hand, or taken from a training-plan calendar.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

#: The sports an activity can have. Anything a file names that is not one of these is "other".
SPORTS = ("running", "trail_running", "treadmill", "walking", "hiking", "cycling", "swimming", "rowing", "other")
#: The sports counted as runs (the rest is kept as cross-training, never counted as a run).
RUN_SPORTS = frozenset({"running", "trail_running", "treadmill"})

#: The kinds of planned run: they decide what the plan puts around them.
RUN_KINDS = ("easy", "long", "workout", "race")
RunKind = Literal["easy", "long", "workout", "race"]
#: Where a planned run came from.
RunSource = Literal["profile", "manual", "calendar"]


@dataclass(frozen=True, slots=True)
class Activity:
    """One recorded activity, as read from a file (no database id)."""

    #: Start, timezone-aware in UTC.
    start: dt.datetime
    #: The local time's offset from UTC where it was recorded, when the file says (FIT does; GPX
    #: and TCX do not).
    local_offset: dt.timedelta | None
    #: One of ``SPORTS``.
    sport: str
    #: From first to last record, pauses included.
    elapsed_seconds: float
    #: Moving time (the timer, without pauses), when known.
    moving_seconds: float | None
    #: Metres: the device's own figure first, else summed from the coordinates. None when neither.
    distance_m: float | None
    #: Mean heart rate over the activity, when the file has heart rate.
    avg_hr: int | None = None
    #: The sport as the file names it (e.g. "fitness_equipment/indoor_rowing"), for the record.
    source_sport: str = ""

    @property
    def is_run(self) -> bool:
        return self.sport in RUN_SPORTS


@dataclass(frozen=True, slots=True)
class PlannedRun:
    """A run the runner plans to do on ``date`` (at ``at`` local time, when known)."""

    date: dt.date
    at: dt.time | None
    kind: RunKind = "easy"
    distance_m: float | None = None
    minutes: int | None = None
    source: RunSource = "profile"
    #: The calendar event's or hand-added run's title, when it has one.
    title: str = ""
