"""The athlete: profile (runs, minutes, equipment, priorities) and the state read from the log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

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


def parse_time(text: str, *, field_name: str = "run time") -> dt.time:
    try:
        hours, minutes = text.strip().split(":")
        return dt.time(int(hours), int(minutes))
    except ValueError:
        raise InvalidInput(field_name, text, "a time of day as HH:MM, e.g. 07:00") from None


def parse_run_times(days: str, times: str | None) -> tuple[tuple[str, dt.time], ...]:
    """``days`` like "mon,wed,sat"; ``times`` like "07:00" or "07:00,sat=09:30" (per-day overrides)."""
    chosen = check_weekdays(d.strip().lower() for d in days.split(",") if d.strip()) if days.strip() else ()
    default = dt.time(7, 0)
    overrides: dict[str, dt.time] = {}
    for part in (times or "").split(","):
        part = part.strip()
        if not part:
            continue
        if "=" in part:
            day, _, value = part.partition("=")
            day = day.strip().lower()
            check_weekdays([day])
            if day not in chosen:
                raise InvalidInput("run time", part, f"a time for one of the run days ({','.join(chosen) or 'none'})")
            overrides[day] = parse_time(value)
        else:
            default = parse_time(part)
    return tuple((day, overrides.get(day, default)) for day in chosen)
