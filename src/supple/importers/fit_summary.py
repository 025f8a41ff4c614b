"""What a FIT file says about its activities, and the summaries made from it.

Both FIT readers (the fast one in ``fit_fast`` and the full decoder in ``fit``) fill the same
``FitFacts`` with the raw values of the few messages a summary needs, so that one function,
``summarise``, turns either into ``Activity`` summaries, and the two can be compared.

FIT profile facts used (Garmin's FIT SDK profile, as carried by fitdecode's ``profile`` module): times
count seconds from 1989-12-31 00:00 UTC and values below 0x10000000 are relative to the device's
power-up; session (message 18) fields 253 timestamp, 2 start_time, 7 total_elapsed_time and 8
total_timer_time (ms), 9 total_distance (cm), 5 sport, 6 sub_sport, 16 avg_heart_rate; activity
(34) fields 253 timestamp and 5 local_timestamp; file_id (0) field 0 type (4 = activity); sport
(12) fields 0 sport, 1 sub_sport; record (20) fields 253 timestamp, 5 distance (cm), 3 heart_rate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from supple.core.activity import Activity
from supple.importers.reading import FileRead, Refuse, Skip, check_start
from supple.importers.sports import fit_source_sport, fit_sport
from supple.importers.track import Point, summarise_track

FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.UTC)
FILE_ACTIVITY = 4
SPORT_TRANSITION = 3
#: The session fields a summary uses: FIT field number -> name.
SESSION_FIELDS = {
    253: "timestamp",
    2: "start_time",
    7: "total_elapsed_time",
    8: "total_timer_time",
    9: "total_distance",
    5: "sport",
    6: "sub_sport",
    16: "avg_heart_rate",
}
ACTIVITY_FIELDS = {253: "timestamp", 5: "local_timestamp"}
SPORT_FIELDS = {0: "sport", 1: "sub_sport"}
RECORD_FIELDS = {253: "timestamp", 5: "distance", 3: "heart_rate"}
MESG_FILE_ID, MESG_SPORT, MESG_SESSION, MESG_RECORD, MESG_ACTIVITY = 0, 12, 18, 20, 34

Raw = dict[str, int | None]


@dataclass
class FitFacts:
    """The raw values read, in file order (all parts of a chained file together)."""

    file_types: list[int | None] = field(default_factory=list)
    sessions: list[Raw] = field(default_factory=list)
    activity: Raw | None = None
    sport: Raw | None = None
    #: (timestamp, distance, heart rate) of each record; only the full decoder fills these.
    records: list[tuple[int | None, int | None, int | None]] = field(default_factory=list)
    #: Set when the file is damaged or ends early: what went wrong, in words.
    damage: str = ""


def fit_time(raw: int) -> dt.datetime:
    return FIT_EPOCH + dt.timedelta(seconds=raw)


def _names(kind: str) -> dict[int, str]:
    from fitdecode import profile  # the FIT profile's enum names (sport, sub_sport, file)

    enum: dict[int, str] = profile.FIELD_TYPES[kind].enum
    return enum


def _name(kind: str, raw: int | None) -> str | None:
    return None if raw is None else _names(kind).get(raw, str(raw))


def _offset(activity: Raw | None) -> dt.timedelta | None:
    """Local time minus UTC from the activity message, as at its end; None when absent or absurd."""
    if activity is None:
        return None
    local, utc = activity.get("local_timestamp"), activity.get("timestamp")
    if local is None or utc is None:
        return None
    seconds = local - utc
    return dt.timedelta(seconds=seconds) if abs(seconds) <= 14 * 3600 else None


def _session(raw: Raw, offset: dt.timedelta | None, fallback_sport: Raw | None) -> Activity | None:
    """The session's activity; None when it has neither a start time nor an end and a duration."""
    elapsed_ms, timer_ms, start, end = (
        raw.get("total_elapsed_time"),
        raw.get("total_timer_time"),
        raw.get("start_time"),
        raw.get("timestamp"),
    )
    elapsed = elapsed_ms / 1000 if elapsed_ms is not None else None
    if start is None and end is not None and elapsed is not None:
        start = end - round(elapsed)
    if start is None:
        return None
    if elapsed is None:
        elapsed = float(end - start) if end is not None and end >= start else 0.0
    if raw.get("sport") is None and fallback_sport is not None:  # the sport message names it instead
        raw = {**raw, "sport": fallback_sport.get("sport"), "sub_sport": fallback_sport.get("sub_sport")}
    sport, sub_sport = _name("sport", raw.get("sport")), _name("sub_sport", raw.get("sub_sport"))
    distance, hr = raw.get("total_distance"), raw.get("avg_heart_rate")
    return Activity(
        start=check_start(fit_time(start)),
        local_offset=offset,
        sport=fit_sport(sport, sub_sport),
        elapsed_seconds=elapsed,
        moving_seconds=timer_ms / 1000 if timer_ms is not None else None,
        distance_m=distance / 100 if distance is not None else None,
        avg_hr=hr or None,
        source_sport=fit_source_sport(sport, sub_sport),
    )


def _from_records(facts: FitFacts) -> Activity:
    points = [
        Point(fit_time(t), distance=d / 100 if d is not None else None, hr=hr)
        for t, d, hr in facts.records
        if t is not None
    ]
    figures = summarise_track([points], "the FIT file")
    sport = facts.sport or {}
    sport_name, sub_name = _name("sport", sport.get("sport")), _name("sub_sport", sport.get("sub_sport"))
    return Activity(
        start=check_start(figures.start),
        local_offset=_offset(facts.activity),
        sport=fit_sport(sport_name, sub_name),
        elapsed_seconds=figures.elapsed_seconds,
        moving_seconds=figures.moving_seconds,
        distance_m=figures.device_m,
        avg_hr=figures.avg_hr,
        source_sport=fit_source_sport(sport_name, sub_name) if facts.sport else "",
    )


def summarise(facts: FitFacts) -> FileRead:
    """The activities ``facts`` describe; ``Skip`` for files that are not activities, ``Refuse`` for no times."""
    types = [t for t in facts.file_types if t is not None]
    if not facts.sessions and types and FILE_ACTIVITY not in types:
        names = ", ".join(dict.fromkeys(_name("file", t) or "unknown" for t in types))
        raise Skip(f"not a recorded activity: the FIT file is a {names} file")
    note = f"{facts.damage}; kept what was read" if facts.damage else ""
    if facts.sessions:
        offset = _offset(facts.activity)
        legs = [raw for raw in facts.sessions if raw.get("sport") != SPORT_TRANSITION]
        if not legs:
            raise Skip("the FIT file holds only transitions between sports, no activity")
        read = [_session(raw, offset, facts.sport) for raw in legs]
        kept = tuple(activity for activity in read if activity is not None)
        if not kept:
            raise Refuse("the FIT file's sessions have no start time; expected a start_time or a timestamp")
        if len(kept) < len(read):
            missing = len(read) - len(kept)
            note = "; ".join(filter(None, [note, f"{missing} session(s) with no start time left out"]))
        return FileRead(kept, note)
    if not any(t is not None for t, _, _ in facts.records):
        why = facts.damage or "it has no session and no timed records"
        raise Refuse(f"no activity could be read from the FIT file ({why}); expected a session or timed records")
    note = note or "the file has no session summary; the summary was made from its records"
    if facts.damage:
        note += "; the summary was made from its records"
    return FileRead((_from_records(facts),), note)
