"""The athlete: profile (runs, minutes, equipment, priorities) and the state read from the log."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from supple.core.activity import PlannedRun
from supple.core.errors import InvalidInput
from supple.core.session import FlagReport, HistoryEntry
from supple.core.vocabulary import WEEKDAYS, check_weekdays


@dataclass(frozen=True, slots=True)
class Profile:
    run_times: tuple[tuple[str, dt.time], ...] = ()
    minutes: int = 10
    equipment: frozenset[str] = frozenset()
    priorities: tuple[str, ...] = ()
    complaints: frozenset[str] = frozenset()
    #: What the runner wants to be called (on the report); empty until they set it.
    name: str = ""

    def run_time_on(self, date: dt.date) -> dt.time | None:
        weekday = WEEKDAYS[date.weekday()]
        for day, time in self.run_times:
            if day == weekday:
                return time
        return None


@dataclass(frozen=True, slots=True)
class AthleteState:
    """What the composer needs to know about an athlete, read from the store."""

    profile: Profile | None
    history: tuple[HistoryEntry, ...] = ()
    levels: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    #: Red flags answered yes and not yet cleared: while any is open there is no plan.
    red_flags: tuple[FlagReport, ...] = ()
    #: Runs planned by hand or from a calendar, in the calendar weeks a plan from the state's day
    #: can touch (``PLANNED_WEEKS`` from that day's Monday).
    planned: tuple[PlannedRun, ...] = ()


#: Calendar weeks of planned runs a state holds: a week's plan from any day spans two.
PLANNED_WEEKS = 2


def planned_window(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of planned runs the state for ``day`` holds."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=7 * PLANNED_WEEKS - 1)


_CLOCK = re.compile(r"^(?P<hours>\d{1,2})(?:[:.h](?P<minutes>\d{2}))?\s*(?P<half>am|pm|a\.m\.|p\.m\.)?$")


def parse_time(text: str, *, field_name: str = "run time") -> dt.time:
    """A time of day: "07:00", "7:00", "7.30", "7am", "7:30 pm" or "19:30"."""
    found = _CLOCK.match(text.strip().lower())
    expected = "a time of day such as 07:00, 7:30 or 7am"
    if found is None or (found["minutes"] is None and found["half"] is None):
        raise InvalidInput(field_name, text, expected)
    hours, minutes, half = int(found["hours"]), int(found["minutes"] or 0), found["half"]
    if half is not None:
        if not 1 <= hours <= 12:
            raise InvalidInput(field_name, text, expected)
        hours = hours % 12 + (12 if half.startswith("p") else 0)
    try:
        return dt.time(hours, minutes)
    except ValueError:
        raise InvalidInput(field_name, text, expected) from None


def parse_run_times(days: str, times: str | None) -> tuple[tuple[str, dt.time], ...]:
    """``days`` like "mon,wed,sat"; ``times`` like "07:00" or "07:00,sat=09:30" (per-day overrides)."""
    chosen = check_weekdays(d for d in re.split(r"[,\s]+", days) if d) if days.strip() else ()
    default = dt.time(7, 0)
    overrides: dict[str, dt.time] = {}
    for part in (times or "").split(","):
        part = part.strip()
        if not part:
            continue
        if "=" in part:
            day, _, value = part.partition("=")
            day = check_weekdays([day])[0]
            if day not in chosen:
                raise InvalidInput("run time", part, f"a time for one of the run days ({','.join(chosen) or 'none'})")
            overrides[day] = parse_time(value)
        else:
            default = parse_time(part)
    return tuple((day, overrides.get(day, default)) for day in chosen)


#: The longest display name kept (it heads the report).
MAX_NAME = 60


def check_name(name: str) -> str:
    """A display name with its spaces tidied; "" clears it. InvalidInput for one too long or with control characters."""
    import unicodedata

    tidy = " ".join(name.split())
    if any(unicodedata.category(c).startswith("C") for c in tidy):
        raise InvalidInput("name", name, "a name without control characters, e.g. Sam Runner")
    if len(tidy) > MAX_NAME:
        raise InvalidInput("name", name, f"a name of at most {MAX_NAME} characters")
    return tidy
