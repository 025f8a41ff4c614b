"""A week plan as iCalendar text (RFC 5545), and the words for doses and durations.

Pure: given a ``WeekPlan`` and the moment of writing, the same text comes out every time.

Times are *floating* local times (``DTSTART:20261123T065000``, no ``TZID`` and no ``Z``):
run times in a profile are wall-clock times with no zone, so a calendar app shows a primer
at 06:50 wherever its owner is, which is what a runner means. Sessions that have no time of
their own (days without a run, and the short session after a run, whose end the plan
cannot know) start at ``DEFAULT_TIME``. Each event has a stable ``UID``
made of the athlete, the date and the session's place in the day, so a subscribed calendar
updates an event in place instead of adding a copy when the plan changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from supple.core.plan import PlannedSession, WeekPlan
from supple.core.session import Session

PRODID = "-//Supple//Supple mobility plan//EN"
DEFAULT_TIME = dt.time(18, 0)
REMINDER_MINUTES = 10
LINE_OCTETS = 75
CRLF = "\r\n"


# -- words ------------------------------------------------------------------------------


def dose_text(*, sets: int, reps: int | None, hold_seconds: int | None, per_side: bool) -> str:
    """ "2 × 30 s each side", "10 reps": what to do, as a person says it."""
    amount = f"{hold_seconds} s" if hold_seconds is not None else f"{reps} reps"
    side = " each side" if per_side else ""
    times = f"{sets} × " if sets > 1 else ""
    return f"{times}{amount}{side}"


def duration_text(seconds: int) -> str:
    """ "53 s", "9 min 47 s", "10 min"."""
    minutes, rest = divmod(max(seconds, 0), 60)
    if not minutes:
        return f"{rest} s"
    return f"{minutes} min {rest:02d} s" if rest else f"{minutes} min"


# -- iCalendar text -------------------------------------------------------------------------


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, line breaks as ``\\n``."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """One content line folded so that no physical line is over 75 octets (UTF-8 kept whole)."""
    out: list[str] = []
    current = ""
    size = 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > LINE_OCTETS:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return CRLF.join(out)


def _stamp(moment: dt.datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _local(date: dt.date, time: dt.time) -> str:
    return dt.datetime.combine(date, time).strftime("%Y%m%dT%H%M%S")


def _duration(seconds: int) -> str:
    hours, rest = divmod(max(seconds, 1), 3600)
    minutes, secs = divmod(rest, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + (f"{secs}S" if secs else "")


def _summary(planned: PlannedSession, names: Mapping[str, str]) -> str:
    session = planned.session
    regions = ", ".join(names.get(b.region, b.region) for b in session.blocks)
    after = " after your run" if planned.after_run else ""
    return f"Supple {session.kind}{after}: {regions}"


def describe(session: Session, names: Mapping[str, str]) -> str:
    """The event's description: each block and its items with their doses."""
    lines = [f"{session.kind.capitalize()} · {duration_text(session.total_seconds)} of {session.minutes} min"]
    for block in session.blocks:
        lines.append("")
        lines.append(names.get(block.region, block.region))
        for item in block.items:
            dose = dose_text(sets=item.sets, reps=item.reps, hold_seconds=item.hold_seconds, per_side=item.per_side)
            lines.append(f"- {item.name} ({item.role}): {dose}")
    lines.extend(f"Note: {note}" for note in session.notes)
    return "\n".join(lines)


def _event(
    planned: PlannedSession, position: int, *, stamp: str, uid_prefix: str, names: Mapping[str, str]
) -> list[str]:
    session = planned.session
    start = planned.at or DEFAULT_TIME
    uid = f"{uid_prefix}-{session.date.isoformat()}-{position}@supple"
    summary = _summary(planned, names)
    return [
        "BEGIN:VEVENT",
        f"UID:{escape_text(uid)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{_local(session.date, start)}",
        f"DURATION:{_duration(session.total_seconds)}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(describe(session, names))}",
        f"CATEGORIES:{escape_text(session.kind)}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"TRIGGER:-PT{REMINDER_MINUTES}M",
        f"DESCRIPTION:{escape_text(summary)}",
        "END:VALARM",
        "END:VEVENT",
    ]


def week_calendar(
    plan: WeekPlan,
    *,
    stamp: dt.datetime,
    names: Mapping[str, str],
    uid_prefix: str = "local",
    name: str = "Supple mobility",
) -> str:
    """The plan as a VCALENDAR with one VEVENT per session that has any work in it.

    ``stamp`` is the moment of writing (DTSTAMP, in UTC); ``names`` are the regions' display
    names; ``uid_prefix`` keeps events of different athletes apart.
    """
    when = _stamp(stamp)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
        "X-PUBLISHED-TTL:PT12H",
    ]
    for day in plan.days:
        for position, planned in enumerate(day.sessions):
            if planned.session.blocks:
                lines.extend(_event(planned, position, stamp=when, uid_prefix=uid_prefix, names=names))
    lines.append("END:VCALENDAR")
    return _join(lines)


def _join(lines: Iterable[str]) -> str:
    return "".join(fold(line) + CRLF for line in lines)
