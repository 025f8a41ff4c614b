"""A training plan's iCalendar feed or file (RFC 5545) read into planned runs.

``read_calendar`` takes the calendar's bytes and a window (``start`` and ``days``) and gives
the running events in it as ``PlannedRun`` (source "calendar", title the event's SUMMARY),
and every other event with the reason in words it was not taken. What makes an event a run,
its kind, distance and minutes come from its words (``calendar_words``).

Times: a planned run's time is the runner's wall-clock time. An event with a ``TZID`` keeps the
local time it names; an event in UTC (``...Z``) is put into the calendar's own timezone
(``X-WR-TIMEZONE``, else its first ``VTIMEZONE``, else the ``zone`` given); a floating time is
kept as written; an all-day event is a run on that day with no time. Repeating events
(``RRULE``, ``RDATE``) are expanded within the window, less their ``EXDATE``; an instance
moved or changed (``RECURRENCE-ID``) replaces the one it stands for. A weekly 07:00 run in
Europe/Berlin stays at 07:00 across the change to or from summer time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from supple.core.activity import PlannedRun
from supple.importers import calendar_words as words

#: Events longer than this are not taken as a run's length (a block left in a calendar all day).
_LONGEST_EVENT = dt.timedelta(hours=12)
#: What a broken property or rule in one event raises; that event is left out with the reason.
_UNREADABLE = (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError)
_UTC = dt.UTC
#: Categories that name a type of calendar entry rather than a kind of run.
_EVENT_TYPES = frozenset({"workout", "workouts", "training", "plan", "planned", "note", "event"})


class CalendarError(ValueError):
    """The data is not an iCalendar calendar Supple can read; ``reason`` says why in words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class TakenRun(NamedTuple):
    #: The event's UID; for one date of a repeating event, the UID and the date (``uid#2026-11-24``).
    uid: str
    run: PlannedRun


class SkippedEvent(NamedTuple):
    uid: str
    summary: str
    date: dt.date | None
    reason: str


@dataclass(slots=True)
class CalendarRead:
    runs: list[TakenRun] = field(default_factory=list)
    skipped: list[SkippedEvent] = field(default_factory=list)
    #: The calendar's name (``X-WR-CALNAME``), when it has one.
    name: str = ""
    #: The timezone UTC times were put into, when one was known.
    zone: str | None = None


def read_calendar(data: bytes, *, start: dt.date, days: int, zone: str | None = None) -> CalendarRead:
    """The running events of ``data`` from ``start`` for ``days`` days, and the reasons for the rest.

    ``zone`` (an IANA name) is used for times in UTC when the calendar names no timezone of its own.
    Raises ``CalendarError`` when ``data`` is not iCalendar.
    """
    calendar = _parse(data)
    read = CalendarRead(name=_text(calendar.get("x-wr-calname")))
    tz = _zone(calendar, zone)
    read.zone = None if tz is None else str(tz)
    end = start + dt.timedelta(days=days)
    masters: list[tuple[int, Any]] = []
    moved: dict[str, dict[object, Any]] = {}
    for n, event in enumerate(calendar.walk("VEVENT")):
        uid, summary = _uid(event, n), _text(event.get("summary"))
        try:
            if _one(event, "dtstart") is None:
                read.skipped.append(SkippedEvent(uid, summary, None, "it has no start date"))
            elif _one(event, "recurrence-id") is not None:
                _one(event, "dtstart").dt  # noqa: B018 (read now, so that a broken date is this event's problem)
                moved.setdefault(uid, {})[_key(_one(event, "recurrence-id").dt)] = event
            else:
                masters.append((n, event))
        except _UNREADABLE as error:
            read.skipped.append(SkippedEvent(uid, summary, None, _unreadable(error)))
    for n, event in masters:
        uid = _uid(event, n)
        window = _Window(start, end, days, tz)
        try:
            runs, skipped = _event(event, uid, moved.pop(uid, {}), window)
        except _UNREADABLE as error:
            runs, skipped = [], [SkippedEvent(uid, _text(event.get("summary")), None, _unreadable(error))]
        read.runs += runs
        read.skipped += skipped
    for uid, orphans in moved.items():  # a changed date of a repeating event that is not in the calendar
        for instance in orphans.values():
            try:
                runs, skipped = _event(instance, uid, {}, _Window(start, end, days, tz), dated=True)
            except _UNREADABLE as error:
                runs, skipped = [], [SkippedEvent(uid, _text(instance.get("summary")), None, _unreadable(error))]
            read.runs += runs
            read.skipped += skipped
    read.runs.sort(key=lambda t: (t.run.date, t.run.at is None, t.run.at or dt.time.min, t.uid))
    read.skipped.sort(key=lambda s: (s.date or dt.date.min, s.uid))
    return read


@dataclass(frozen=True, slots=True)
class _Window:
    start: dt.date
    end: dt.date
    days: int
    tz: dt.tzinfo | None


def _event(
    event: Any, uid: str, replaced: dict[object, Any], window: _Window, *, dated: bool = False
) -> tuple[list[TakenRun], list[SkippedEvent]]:
    """The runs and the left-out dates of one event (all its dates, when it repeats)."""
    read = CalendarRead()
    first = _one(event, "dtstart").dt
    repeats = _one(event, "rrule") is not None or _one(event, "rdate") is not None
    instances = _instances(event, window.start, window.end) if repeats else [first]
    chosen = [(replaced.pop(_key(when), event), when) for when in instances]
    chosen += [(e, _one(e, "dtstart").dt) for e in replaced.values()]  # moved here from elsewhere
    kept = False
    for instance, when in chosen:
        if instance is not event:
            when = _one(instance, "dtstart").dt
        day, at = _local(when, window.tz)
        if not window.start <= day < window.end:
            continue
        kept = True
        _take(read, f"{uid}#{day.isoformat()}" if repeats or dated else uid, instance, day, at, when)
    if not kept:
        reason = f"outside the next {window.days} days"
        if repeats:
            reason = f"a repeating event with no date in the next {window.days} days"
        read.skipped.append(SkippedEvent(uid, _text(event.get("summary")), _local(first, window.tz)[0], reason))
    return read.runs, read.skipped


def _one(event: Any, name: str) -> Any:
    """A property that should appear once (the first, when a calendar repeats it)."""
    value = event.get(name)
    return value[0] if isinstance(value, list) and value else value


def _unreadable(error: Exception) -> str:
    return f"its dates could not be read ({str(error).splitlines()[0][:120] if str(error) else type(error).__name__})"


def _parse(data: bytes) -> Any:
    from icalendar import Calendar

    head = data.lstrip(b"\xef\xbb\xbf").lstrip()[:15]
    if head.upper() != b"BEGIN:VCALENDAR":
        shown = head.decode("utf-8", "replace") or "nothing"
        raise CalendarError(f"not an iCalendar calendar: it should begin with BEGIN:VCALENDAR, not {shown!r}")
    try:
        return Calendar.from_ical(data)
    except (ValueError, KeyError, IndexError, TypeError) as error:
        raise CalendarError(f"not a readable iCalendar calendar: {error}") from None


def _take(read: CalendarRead, uid: str, event: Any, day: dt.date, at: dt.time | None, when: object) -> None:
    summary = _text(event.get("summary"))
    description = _text(event.get("description"))
    categories = " ".join(_categories(event))
    if _text(event.get("status")).upper() == "CANCELLED":
        read.skipped.append(SkippedEvent(uid, summary, day, "cancelled in the calendar"))
        return
    decided = words.sport(summary) or words.sport(categories) or words.sport(description)
    if decided is None:
        reason = "no running word in its title, categories or description"
        if at is None:
            reason = "an all-day note without a run in its title"
        read.skipped.append(SkippedEvent(uid, summary, day, reason))
        return
    is_run, reason = decided
    if not is_run:
        read.skipped.append(SkippedEvent(uid, summary, day, reason))
        return
    # intervals.icu files every planned session under the category WORKOUT: a type of event, not a kind of run.
    kinds = " ".join(c for c in _categories(event) if c.strip().lower() not in _EVENT_TYPES)
    kind = words.kind(f"{summary} {kinds}")
    if kind == "easy" and not words.says_easy(summary):
        kind = words.kind(description)
    minutes = words.minutes(summary, description) or _length(event, when)
    run = PlannedRun(
        date=day,
        at=at,
        kind=kind,
        distance_m=words.distance_m(summary, description),
        minutes=minutes,
        source="calendar",
        title=summary,
    )
    read.runs.append(TakenRun(uid, run))


def _instances(event: Any, start: dt.date, end: dt.date) -> list[object]:
    """The event's start values (date or datetime) near the window, less its EXDATEs."""
    # python-dateutil (a dependency of icalendar) ships no type hints.
    from dateutil.rrule import rrulestr  # type: ignore[import-untyped]

    first = _one(event, "dtstart").dt
    # A little either side, so that a time put into another zone cannot slip out unseen.
    low, high = dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time())
    low, high = low - dt.timedelta(days=2), high + dt.timedelta(days=2)
    aware = isinstance(first, dt.datetime) and first.tzinfo is not None
    base = first if isinstance(first, dt.datetime) else dt.datetime.combine(first, dt.time())
    if aware:
        low, high = low.replace(tzinfo=base.tzinfo), high.replace(tzinfo=base.tzinfo)
    found: list[dt.datetime] = []
    for recur in _listed(event.get("rrule")):
        text = recur.to_ical().decode()
        parts = [p for p in text.split(";") if not p.upper().startswith("UNTIL=")]
        rule = rrulestr(";".join(parts), dtstart=base)
        until = recur.get("UNTIL")
        if until:
            last = until[0]
            if not isinstance(last, dt.datetime):  # a date: that whole day is still in
                last = dt.datetime.combine(last, dt.time(23, 59, 59))
            rule = rule.replace(until=_like(last, base))
        found += rule.between(low, high, inc=True)
    for values in _listed(event.get("rdate")):
        for listed in values.dts:
            moment = listed.dt[0] if isinstance(listed.dt, tuple) else listed.dt
            found.append(_like(moment, base))
    found.append(base)
    gone = {_key(v.dt) for values in _listed(event.get("exdate")) for v in values.dts}
    out: list[object] = []
    seen: set[object] = set()
    for moment in sorted(set(found), key=lambda m: m.astimezone(_UTC) if aware else m):
        value: object = moment if isinstance(first, dt.datetime) else moment.date()
        key = _key(value)
        if key not in gone and key not in seen:
            seen.add(key)
            out.append(value)
    return out


def _like(value: object, base: dt.datetime) -> dt.datetime:
    """``value`` (a date or datetime) as a datetime comparable with ``base`` (aware or naive alike)."""
    moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())  # type: ignore[arg-type]
    if base.tzinfo is not None:
        return moment.astimezone(base.tzinfo) if moment.tzinfo is not None else moment.replace(tzinfo=base.tzinfo)
    return moment.replace(tzinfo=None) if moment.tzinfo is None else moment.astimezone(_UTC).replace(tzinfo=None)


def _key(value: object) -> object:
    """A value to match an instance with its EXDATE or RECURRENCE-ID: the instant for aware times."""
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(_UTC)
    return value


def _local(value: object, tz: dt.tzinfo | None) -> tuple[dt.date, dt.time | None]:
    """The runner's date and wall-clock time of a start value (no time for an all-day event)."""
    if not isinstance(value, dt.datetime):
        return value, None  # type: ignore[return-value]
    moment = value
    if moment.tzinfo is not None and tz is not None and _is_utc(moment):
        moment = moment.astimezone(tz)
    return moment.date(), moment.time().replace(second=0, microsecond=0, tzinfo=None)


def _is_utc(moment: dt.datetime) -> bool:
    return moment.tzinfo is _UTC or str(moment.tzinfo).upper() in {"UTC", "Z", "ETC/UTC", "GMT"}


def _length(event: Any, when: object) -> int | None:
    """Minutes from DTEND or DURATION of a timed event, when sensible."""
    if not isinstance(when, dt.datetime):
        return None
    length: dt.timedelta | None = None
    if _one(event, "duration") is not None:
        length = _one(event, "duration").dt
    elif _one(event, "dtend") is not None:
        first, last = _one(event, "dtstart").dt, _one(event, "dtend").dt
        if isinstance(first, dt.datetime) and isinstance(last, dt.datetime):
            length = last - first
    if length is None or not dt.timedelta(0) < length <= _LONGEST_EVENT:
        return None
    return round(length.total_seconds() / 60)


def _zone(calendar: Any, given: str | None) -> dt.tzinfo | None:
    names = [_text(calendar.get("x-wr-timezone"))]
    names += [_text(tz.get("tzid")) for tz in calendar.walk("VTIMEZONE")]
    names.append(given or "")
    for name in names:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return None


def _uid(event: Any, n: int) -> str:
    return _text(event.get("uid")) or f"event-{n + 1}"


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _categories(event: Any) -> list[str]:
    out: list[str] = []
    for value in _listed(event.get("categories")):
        out += [str(c) for c in getattr(value, "cats", [value])]
    return out


def _listed(value: object) -> Iterable[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
