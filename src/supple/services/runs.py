"""Runs: importing activity files, listing what was run and what is planned, runs added by hand.

An import walks the paths given (files, folders, zips, Strava and Garmin exports:
``importers.archive``), reads each activity file (``importers.reading``) and stores each file
in its own transaction (``store.runs``): a file is stored whole or not at all, so an import
killed half-way and run again ends with every activity once. Every file looked at gets a line
in the report: imported, duplicate (already there, from this file or another one), skipped
(not an activity) or refused (broken or unsafe), with the reason in words.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any, Literal

from supple.core.activity import RUN_KINDS, SPORTS, Activity, PlannedRun
from supple.core.errors import MISSING, InvalidInput, NotAllowed
from supple.core.vocabulary import parse_date
from supple.importers import archive
from supple.importers.reading import Refuse, Skip, read_activity
from supple.importers.sports import word_sport
from supple.services.context import Context
from supple.store.errors import NotFound
from supple.store.runs import StoredActivity, StoredPlannedRun

Status = Literal["imported", "duplicate", "skipped", "refused"]
STATUSES: tuple[Status, ...] = ("imported", "duplicate", "skipped", "refused")
#: Called after each file with (files done, files in all; 0 when not known beforehand).
Progress = Callable[[int, int], None]

MAX_DISTANCE_KM = 1000.0
MAX_MINUTES = 48 * 60
#: The sports a run added by hand can have.
HAND_SPORTS = ("running", "treadmill", "trail_running")


@dataclass(frozen=True, slots=True)
class FileReport:
    """What became of one file: its status, the reason in words, and the activities it is (by id)."""

    path: str
    status: Status
    reason: str = ""
    activities: tuple[int, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"path": self.path, "status": self.status, "reason": self.reason, "activities": list(self.activities)}


@dataclass(frozen=True, slots=True)
class ImportReport:
    files: tuple[FileReport, ...]

    def count(self, status: Status) -> int:
        return sum(1 for f in self.files if f.status == status)

    def as_dict(self) -> dict[str, Any]:
        return {"files": [f.as_dict() for f in self.files]}


# -- importing ----------------------------------------------------------------------------------------
def import_paths(
    ctx: Context,
    paths: Sequence[str | Path],
    *,
    progress: Progress | None = None,
    limits: archive.Limits | None = None,
) -> ImportReport:
    """Import every activity file in ``paths``; a report line per file looked at.

    A path that does not exist or cannot be read gets a refused line and the rest go on; when no
    path can be read at all, ``InvalidInput`` names them and nothing is written.
    """
    _writable(ctx)
    if not paths:
        raise InvalidInput("paths", MISSING, "one or more activity files, folders or zips")
    limits = limits or archive.Limits()
    lines: list[FileReport] = []
    readable: list[Path] = []
    total = 0
    for given in paths:
        path = Path(given)
        try:
            total += archive.count([path], limits)
        except archive.Unreadable as error:
            lines.append(FileReport(str(given), "refused", f"cannot be read: {error.reason}"))
            continue
        readable.append(path)
    if not readable:
        shown = "; ".join(f"{line.path} ({line.reason.removeprefix('cannot be read: ')})" for line in lines)
        raise InvalidInput("path", shown, "an activity file, folder or zip that exists and can be read")
    if progress is not None:
        progress(0, total)
    try:
        found = archive.walk(readable, limits)
    except archive.Unreadable as error:  # gone between the count and the walk
        raise InvalidInput("path", str(error.path), f"a path that can be read ({error.reason})") from None
    return ImportReport((*lines, *_store_all(ctx, found, progress, total)))


def import_upload(
    ctx: Context,
    name: str,
    fileobj: IO[bytes],
    *,
    progress: Progress | None = None,
    limits: archive.Limits | None = None,
) -> ImportReport:
    """Import the activity files in one uploaded file or zip called ``name`` (``fileobj`` seekable)."""
    _writable(ctx)
    found = archive.walk_upload(name, fileobj, limits or archive.Limits())  # type: ignore[arg-type]
    return ImportReport(tuple(_store_all(ctx, found, progress, 0)))


def _writable(ctx: Context) -> None:
    if not ctx.data.writable:
        raise NotAllowed("this access is read-only; importing runs needs read-write access")


def _store_all(ctx: Context, found: Iterable[archive.Found], progress: Progress | None, total: int) -> list[FileReport]:
    lines = []
    for done, one in enumerate(found, 1):
        lines.append(store_found(ctx, one))
        if progress is not None:
            progress(done, max(total, done) if total else 0)
    return lines


def store_found(ctx: Context, found: archive.Found) -> FileReport:
    """Read and store one file the walker found, in one transaction; its report line."""
    if found.data is None or found.kind is None:
        status: Status = "refused" if found.refused else "skipped"
        return FileReport(found.path, status, found.problem or "not an activity file (.fit, .gpx or .tcx)")
    digest = hashlib.sha256(found.data).hexdigest()
    known = ctx.data.known_file(digest)
    if known is not None:
        return FileReport(found.path, "duplicate", "already imported", tuple(known))
    try:
        read = read_activity(found.kind, found.data)
    except Skip as error:
        return FileReport(found.path, "skipped", str(error))
    except Refuse as error:
        return FileReport(found.path, "refused", str(error))
    except Exception as error:  # a reader's slip on one odd file must not stop the batch
        return FileReport(found.path, "refused", f"could not be read ({type(error).__name__}: {error})")
    if not read.activities:
        return FileReport(found.path, "skipped", read.note or "no recorded activity in the file")
    hinted = [_with_hint(a, found.hint) for a in read.activities]
    outcomes = ctx.data.add_activities(found.path, found.kind, digest, hinted)
    ids = tuple(activity_id for _, activity_id in outcomes)
    if any(outcome == "imported" for outcome, _ in outcomes):
        return FileReport(found.path, "imported", read.note, ids)
    return FileReport(
        found.path, "duplicate", _joined("the same activity was already imported from another file", read.note), ids
    )


def _joined(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _with_hint(activity: Activity, hint: archive.Hint | None) -> Activity:
    """An export's index names the sport when the file does not (a GPX track with no type)."""
    if hint is None or activity.sport != "other" or not hint.sport:
        return activity
    sport = word_sport(hint.sport)
    return activity if sport == "other" else replace(activity, sport=sport)


# -- listing ------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RunsInWindow:
    """Activities done (newest first) and runs planned (by date) in a window."""

    done: tuple[StoredActivity, ...]
    planned: tuple[StoredPlannedRun, ...]


def list_runs(ctx: Context, since: dt.date | None = None, until: dt.date | None = None) -> RunsInWindow:
    if since is not None and until is not None and since > until:
        raise InvalidInput("from", since.isoformat(), f"a date on or before --to {until.isoformat()}")
    done = ctx.data.activities(since=since, until=until)
    return RunsInWindow(tuple(done), tuple(ctx.data.planned_runs(since=since, until=until)))


def offset_text(offset: dt.timedelta | None) -> str | None:
    """+02:00, -05:30; None when not known."""
    if offset is None:
        return None
    minutes = round(offset.total_seconds() / 60)
    sign = "-" if minutes < 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{rest:02d}"


def activity_dict(stored: StoredActivity) -> dict[str, Any]:
    """A done activity in the ``supple runs list --json`` shape."""
    a = stored.activity
    local = a.start + (a.local_offset or dt.timedelta())
    return {
        "id": stored.id,
        "start": a.start.astimezone(dt.UTC).isoformat(),
        "local_offset": offset_text(a.local_offset),
        "date": local.date().isoformat(),
        "sport": a.sport,
        "elapsed_seconds": a.elapsed_seconds,
        "moving_seconds": a.moving_seconds,
        "distance_m": a.distance_m,
        "avg_hr": a.avg_hr,
        "source": stored.source,
        "format": stored.format,
        "planned": False,
    }


def planned_dict(stored: StoredPlannedRun) -> dict[str, Any]:
    """A planned run in the ``supple runs list --json`` shape: its id is ``p`` and a number."""
    run = stored.run
    return {
        "id": f"p{stored.id}",
        "start": None,
        "local_offset": None,
        "date": run.date.isoformat(),
        "at": None if run.at is None else run.at.strftime("%H:%M"),
        "sport": "running",
        "kind": run.kind,
        "title": run.title,
        "elapsed_seconds": None if run.minutes is None else run.minutes * 60.0,
        "moving_seconds": None,
        "distance_m": run.distance_m,
        "avg_hr": None,
        "source": run.source,
        "planned": True,
    }


def runs_list(found: RunsInWindow) -> list[dict[str, Any]]:
    """Done and planned runs in one list, latest first (a planned run by its date and time)."""
    rows = [*(activity_dict(a) for a in found.done), *(planned_dict(p) for p in found.planned)]

    def when(row: dict[str, Any]) -> str:
        return row["start"] or f"{row['date']}T{row.get('at') or '00:00'}"

    return sorted(rows, key=when, reverse=True)


# -- by hand ------------------------------------------------------------------------------------------
def parse_time(text: str, *, field: str = "time") -> dt.time:
    expected = "a time of day as HH:MM, e.g. 07:30"
    try:
        found = dt.time.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise InvalidInput(field, text, expected) from None
    if len(text.strip()) != 5:
        raise InvalidInput(field, text, expected)
    return found


def _distance(distance_km: float | None) -> float | None:
    if distance_km is None:
        return None
    if not 0 < distance_km <= MAX_DISTANCE_KM:
        raise InvalidInput("distance", distance_km, f"kilometres, more than 0 and at most {MAX_DISTANCE_KM:g}")
    return distance_km * 1000.0


def _minutes(minutes: int | None) -> int | None:
    if minutes is not None and not 1 <= minutes <= MAX_MINUTES:
        raise InvalidInput("minutes", minutes, f"a whole number of minutes from 1 to {MAX_MINUTES}")
    return minutes


def add_planned(
    ctx: Context,
    date: dt.date | str,
    at: dt.time | str | None = None,
    kind: str = "easy",
    distance_km: float | None = None,
    minutes: int | None = None,
    title: str = "",
) -> int:
    """Plan a run on ``date`` (at ``at`` local time); its id. Everything is checked before anything is written."""
    day = parse_date(date) if isinstance(date, str) else date
    when = parse_time(at) if isinstance(at, str) else at
    if kind not in RUN_KINDS:
        raise InvalidInput("kind", kind, "one of " + ", ".join(RUN_KINDS))
    if len(title) > 200:
        raise InvalidInput("title", title[:20] + "...", "at most 200 characters")
    run = PlannedRun(day, when, kind, _distance(distance_km), _minutes(minutes), "manual", title)  # type: ignore[arg-type]
    return ctx.data.add_planned_run(run)


def add_done_by_hand(
    ctx: Context,
    date: dt.date | str,
    at: dt.time | str,
    minutes: int,
    distance_km: float | None = None,
    *,
    sport: str = "running",
    offset: dt.timedelta | None = None,
    avg_hr: int | None = None,
) -> int:
    """Record a run done without a file (a treadmill run, say) at local ``date`` ``at`` (UTC ``offset``)."""
    day = parse_date(date) if isinstance(date, str) else date
    when = parse_time(at) if isinstance(at, str) else at
    if _minutes(minutes) is None:
        raise InvalidInput("minutes", MISSING, f"how long the run took, 1 to {MAX_MINUTES} minutes")
    if sport not in HAND_SPORTS:
        raise InvalidInput("sport", sport, "one of " + ", ".join(HAND_SPORTS))
    if avg_hr is not None and not 25 <= avg_hr <= 250:
        raise InvalidInput("avg_hr", avg_hr, "beats per minute from 25 to 250")
    local = dt.datetime.combine(day, when)
    start = (local - (offset or dt.timedelta())).replace(tzinfo=dt.UTC)
    activity = Activity(start, offset, sport, minutes * 60.0, minutes * 60.0, _distance(distance_km), avg_hr, "manual")
    return ctx.data.add_manual_activity(activity)


def edit_activity(
    ctx: Context,
    activity_id: int,
    *,
    sport: str | None = None,
    distance_km: float | None = None,
    minutes: int | None = None,
) -> StoredActivity:
    """Correct an activity by hand: its sport, distance or elapsed time."""
    if sport is not None and sport not in SPORTS:
        raise InvalidInput("sport", sport, "one of " + ", ".join(SPORTS))
    stored = _activity(ctx, activity_id)
    changes: dict[str, Any] = {}
    if sport is not None:
        changes["sport"] = sport
    if distance_km is not None:
        changes["distance_m"] = _distance(distance_km)
    if _minutes(minutes) is not None:
        changes["elapsed_seconds"] = minutes * 60.0  # type: ignore[operator]
    return ctx.data.update_activity(activity_id, replace(stored.activity, **changes))


def _activity(ctx: Context, activity_id: int) -> StoredActivity:
    try:
        return ctx.data.get_activity(activity_id)
    except NotFound:
        raise InvalidInput("id", activity_id, "the id of one of your runs, as the runs list shows it") from None


def delete_run(ctx: Context, ident: str) -> str:
    """Delete a done activity (``12``) or a planned run (``p3``), as ``runs list`` names them; what was deleted."""
    text = ident.strip().lower()
    planned = text.startswith("p")
    number = text[1:] if planned else text
    if not number.isdigit() or len(number) > 12:
        raise InvalidInput("id", ident, "a run's id as the runs list shows it: a number, or p and a number")
    try:
        if planned:
            ctx.data.delete_planned_run(int(number))
            return f"planned run p{number}"
        ctx.data.delete_activity(int(number))
        return f"run {number}"
    except NotFound:
        raise InvalidInput("id", ident, "the id of one of your runs, as the runs list shows it") from None


__all__ = [
    "STATUSES",
    "FileReport",
    "ImportReport",
    "RunsInWindow",
    "activity_dict",
    "add_done_by_hand",
    "add_planned",
    "delete_run",
    "edit_activity",
    "import_paths",
    "import_upload",
    "list_runs",
    "planned_dict",
    "runs_list",
]
