"""What an export's own index says about its activity files: Strava's ``activities.csv`` and Garmin's
``*_summarizedActivities.json``.

The walker (``supple.importers.archive``) finds these index files next to the activity files, reads
them first and gives each activity file the :class:`Hint` its index has for it (a name, the export's
word for the sport, a start time). A hint is a convenience: a file without one is read all the same.

Layouts, as learned from the exports themselves and from projects that import them:

* Strava bulk export ("Download or delete your account", an ``export_<athlete>.zip``): ``activities.csv``
  at the root with one row per activity; the columns used here are "Activity ID", "Activity Date"
  (UTC, written like ``Feb 6, 2013, 12:11:14 PM``), "Activity Name", "Activity Type" and "Filename"
  (``activities/<n>.fit.gz``, ``.gpx``, ``.tcx.gz``...; empty for manual entries), and the files in
  ``activities/``. Column names appear more than once in that csv (e.g. "Distance"), so the first
  one wins. (Seen in hugovk/strava-tools' notes on the post-GDPR export and in importers reading
  "Filename" and "%b %d, %Y, %I:%M:%S %p" dates.)
* Garmin Connect data export (``DI_CONNECT/...``): ``DI-Connect-Fitness/<user>_<n>_summarizedActivities.json``
  holding ``[{"summarizedActivitiesExport": [{"activityId", "name", "activityType", "startTimeGmt"
  (milliseconds since 1970, UTC), "beginTimestamp", ...}]}]``, and the original uploads inside nested
  zips ``DI-Connect-Uploaded-Files/UploadedFiles_<n>_Part<k>.zip`` (older exports:
  ``DI-Connect-Fitness-Uploaded-Files``). Upload names are like ``<activityId>_ACTIVITY.fit`` or
  ``<email>_<id>.fit``; the number is not always the activity id (some are upload ids), so a file
  gets a hint only when a number in its name is a known activity id. (Seen in FitMe's Garmin export
  reader, in garmin-export parsers and in tests that build such exports.)
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Hint:
    """What an export's index says about one file (Strava's activities.csv, Garmin's summarised JSON)."""

    name: str = ""
    #: The export's own word, e.g. "Run", "Ride" (Strava) or "running", "trail_running" (Garmin).
    sport: str = ""
    #: Timezone-aware UTC when the index gives one.
    start: dt.datetime | None = None


@dataclass(slots=True)
class Hints:
    """The hints of one export: by a file's path inside it (Strava), by an activity id (Garmin)."""

    #: Lower-case path relative to the walked folder or zip (forward slashes) -> hint.
    by_path: dict[str, Hint] = field(default_factory=dict)
    #: Activity id (digits) -> hint; looked up with the numbers in a file's name.
    by_id: dict[str, Hint] = field(default_factory=dict)

    def merged(self, other: Hints) -> Hints:
        return Hints({**self.by_path, **other.by_path}, {**self.by_id, **other.by_id})

    def find(self, relative: str) -> Hint | None:
        """The hint for the file at ``relative`` (inside the export), or None."""
        key = relative.lower()
        # a file unpacked from its .gz since (or packed since) still has the name the index gives
        for candidate in (key, key.removesuffix(".gz") if key.endswith(".gz") else key + ".gz"):
            hint = self.by_path.get(candidate)
            if hint is not None:
                return hint
        if not self.by_id:
            return None
        base = relative.rsplit("/", 1)[-1]
        for number in re.findall(r"\d+", base):
            hint = self.by_id.get(number.lstrip("0") or "0")
            if hint is not None:
                return hint
        return None


STRAVA_INDEX = "activities.csv"
GARMIN_INDEX_SUFFIX = "summarizedactivities.json"


def index_kind(name: str) -> str | None:
    """ "strava" or "garmin" when a file of this name (any folder) is an export's index, else None."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].lower()
    if base == STRAVA_INDEX:
        return "strava"
    if base.endswith(GARMIN_INDEX_SUFFIX):
        return "garmin"
    return None


def read_index(name: str, data: bytes) -> Hints:
    """The hints in one index file, found at ``name`` (relative to the export's root, forward slashes).

    A broken or unexpected index gives no hints rather than an error: the files are read anyway.
    """
    kind = index_kind(name)
    text = data.decode("utf-8-sig", errors="replace")
    if kind == "strava":
        folder = name.rsplit("/", 1)[0] + "/" if "/" in name else ""
        return Hints(by_path=_strava(text, folder))
    if kind == "garmin":
        return Hints(by_id=_garmin(text))
    return Hints()


def _strava(text: str, folder: str) -> dict[str, Hint]:
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if header is None:
        return {}
    column = _first_columns(header)
    if "Filename" not in column:
        return {}
    found: dict[str, Hint] = {}
    for row in rows:
        filename = _cell(row, column.get("Filename")).replace("\\", "/").strip("/")
        if not filename:
            continue
        hint = Hint(
            name=_cell(row, column.get("Activity Name")),
            sport=_cell(row, column.get("Activity Type")),
            start=strava_date(_cell(row, column.get("Activity Date"))),
        )
        found[(folder + filename).lower()] = hint
    return found


def _first_columns(header: Iterable[str]) -> dict[str, int]:
    column: dict[str, int] = {}
    for index, title in enumerate(header):
        column.setdefault(title.strip(), index)
    return column


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}
_STRAVA_DATE = re.compile(
    r"^(?P<month>[A-Za-z]{3})[A-Za-z]*\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4}),?\s+"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2}):(?P<second>\d{2})\s*(?P<half>[AaPp][Mm])?$"
)


def strava_date(text: str) -> dt.datetime | None:
    """Strava's "Activity Date" (UTC, ``Feb 6, 2013, 12:11:14 PM``; ISO also taken), or None."""
    text = text.strip()
    match = _STRAVA_DATE.match(text)
    if match is None:
        try:
            parsed = dt.datetime.fromisoformat(text)
        except ValueError:
            return None
        return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed.astimezone(dt.UTC)
    month = _MONTHS.get(match["month"].lower())
    hour = int(match["hour"])
    if match["half"]:
        hour = hour % 12 + (12 if match["half"].lower() == "pm" else 0)
    try:
        return dt.datetime(
            int(match["year"]), month or 0, int(match["day"]), hour, int(match["minute"]), int(match["second"]),
            tzinfo=dt.UTC,
        )  # fmt: skip
    except ValueError:
        return None


def _garmin(text: str) -> dict[str, Hint]:
    try:
        payload = json.loads(text)
    except ValueError:
        return {}
    found: dict[str, Hint] = {}
    for entry in _garmin_entries(payload):
        activity_id = entry.get("activityId")
        if isinstance(activity_id, bool) or not isinstance(activity_id, int | str):
            continue
        key = str(activity_id).strip().lstrip("0") or "0"
        if not key.isdigit():
            continue
        name = entry.get("name")
        found[key] = Hint(
            name=name.strip() if isinstance(name, str) else "",
            sport=_garmin_sport(entry.get("activityType")),
            start=_from_milliseconds(entry.get("startTimeGmt", entry.get("beginTimestamp"))),
        )
    return found


def _garmin_entries(payload: object) -> list[Mapping[str, object]]:
    """The activity summaries: ``[{"summarizedActivitiesExport": [...]}]``; a bare list is taken too."""
    blocks = payload if isinstance(payload, list) else [payload]
    entries: list[Mapping[str, object]] = []
    for block in blocks:
        if isinstance(block, dict) and isinstance(block.get("summarizedActivitiesExport"), list):
            entries.extend(item for item in block["summarizedActivitiesExport"] if isinstance(item, dict))
        elif isinstance(block, dict) and "activityId" in block:
            entries.append(block)
    return entries


def _garmin_sport(value: object) -> str:
    if isinstance(value, dict):
        value = value.get("typeKey", "")
    return value.strip() if isinstance(value, str) else ""


def _from_milliseconds(value: object) -> dt.datetime | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return dt.datetime.fromtimestamp(value / 1000, tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None
