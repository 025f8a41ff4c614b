"""Strava-like and Garmin-like exports built in a test from the real activity files in ../shared.

The layouts follow the real exports (see ``supple.importers.exports``): Strava's ``activities.csv`` with
its repeated column names and ``activities/<n>.<kind>[.gz]``; Garmin's ``DI_CONNECT`` folders with a
summarised-activities JSON and the uploads inside nested ``UploadedFiles_*.zip``.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

ACTIVITIES = Path(__file__).parents[2] / ".." / "shared" / "data" / "activities"


def real(relative: str) -> bytes:
    return (ACTIVITIES / relative).read_bytes()


@dataclass(frozen=True)
class Expected:
    """What the walker must find at one path inside the export."""

    data: bytes
    kind: str
    name: str = ""
    sport: str = ""
    start: dt.datetime | None = None


# Strava: (activity id, original file, how it is stored in activities/, name, type, date as Strava writes it)
STRAVA_ROWS = [
    ("8101", "fit/activity-small-fenix2-run.fit", "8101.fit.gz", "Evening run", "Run", "Aug 15, 2015, 2:45:00 PM"),
    ("8102", "fit/garmin-edge-500-activity.fit", "8102.fit", "Long ride", "Ride", "Sep 25, 2011, 1:00:00 PM"),
    ("8103", "gpx/cerknicko-jezero.gpx", "8103.gpx.gz", "Lake walk, \"lake\"", "Walk", "Aug 5, 2010, 2:23:00 PM"),
    ("8104", "tcx/sup_activity_1.tcx", "8104.tcx", "Paddle", "StandUpPaddling", "Jul 16, 2022, 4:08:00 PM"),
    ("8105", "gpx/korita-zbevnica.gpx", "8105.gpx", "Hike", "Hike", "Oct 3, 2010, 9:36:01 AM"),
    ("8106", "tcx/mapmyride_biking.tcx", "8106.tcx.gz", "Commute", "Ride", "Nov 12, 2022, 3:58:00 PM"),
]  # fmt: skip


def strava_export(into: Path, *, zipped: bool = True) -> tuple[Path, dict[str, Expected]]:
    """A Strava bulk export (``export_1234.zip``, or that unpacked into a folder) and what is in it."""
    header = [
        "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description", "Elapsed Time",
        "Distance", "Max Heart Rate", "Relative Effort", "Commute", "Activity Private Note", "Activity Gear",
        "Filename", "Athlete Weight", "Bike Weight", "Elapsed Time", "Moving Time", "Distance",
    ]  # fmt: skip
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(header)
    members: dict[str, bytes] = {}
    expected: dict[str, Expected] = {}
    for activity_id, source, stored, name, sport, date in STRAVA_ROWS:
        data = real(source)
        members[f"activities/{stored}"] = gzip.compress(data) if stored.endswith(".gz") else data
        writer.writerow([activity_id, date, name, sport, "", "1", "1", "", "", "false", "", "", f"activities/{stored}"])
        start = dt.datetime.strptime(date, "%b %d, %Y, %I:%M:%S %p").replace(tzinfo=dt.UTC)
        expected[f"activities/{stored}"] = Expected(data, stored.split(".")[1], name, sport, start)
    writer.writerow(["8199", "Jan 1, 2020, 7:00:00 AM", "Manual entry", "Run", *[""] * 9])  # no file
    members["activities.csv"] = table.getvalue().encode()
    members["profile.csv"] = b"Athlete ID,Email\n1234,a@b.c\n"
    members["media/photo.jpg"] = b"\xff\xd8\xff\xe0 not really a photo"
    if zipped:
        archive = into / "export_1234.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
            for name, data in members.items():
                bundle.writestr(name, data)
        return archive, expected
    folder = into / "export_1234"
    for name, data in members.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder, expected


GARMIN_UPLOADS = {
    # nested zip -> {upload name: (original file, activity id or None when the number is an upload id)}
    "UploadedFiles_0-_Part1.zip": {
        "9001001_ACTIVITY.fit": ("fit/garmin-fenix-5-run.fit", 9001001),
        "runner@example.com_9001002.fit": ("fit/garmin-fenix-5-walk.fit", 9001002),
        "runner@example.com_555.tcx": ("tcx/cross-country-skiing_activity_1.tcx", None),
    },
    "UploadedFiles_0-_Part2.zip": {
        "9001004_ACTIVITY.fit": ("fit/developer-types-sample.fit", 9001004),
        "runner@example.com_9001005.gpx": ("gpx/track_with_speed.gpx", 9001005),
    },
}


def garmin_export(into: Path, nested: int = zipfile.ZIP_DEFLATED) -> tuple[Path, dict[str, Expected]]:
    """A Garmin Connect data export zip (uploads in nested zips, themselves stored or compressed as
    ``nested`` says) and what is in it."""
    summaries = []
    expected: dict[str, Expected] = {}
    archive = into / "garmin_export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for part, uploads in GARMIN_UPLOADS.items():
            inner_zip = io.BytesIO()
            with zipfile.ZipFile(inner_zip, "w", zipfile.ZIP_DEFLATED) as inner:
                for upload, (source, activity_id) in uploads.items():
                    data = real(source)
                    inner.writestr(upload, data)
                    path = f"DI_CONNECT/DI-Connect-Uploaded-Files/{part}/{upload}"
                    kind = upload.rsplit(".", 1)[1]
                    if activity_id is None:
                        expected[path] = Expected(data, kind)
                        continue
                    start_ms = 1_500_000_000_000 + activity_id % 1000 * 60_000
                    summaries.append(
                        {"activityId": activity_id, "name": f"Garmin {activity_id}", "activityType": "running",
                         "startTimeGmt": start_ms, "beginTimestamp": start_ms, "duration": 60000.0}
                    )  # fmt: skip
                    start = dt.datetime.fromtimestamp(start_ms / 1000, tz=dt.UTC)
                    expected[path] = Expected(data, kind, f"Garmin {activity_id}", "running", start)
            bundle.writestr(f"DI_CONNECT/DI-Connect-Uploaded-Files/{part}", inner_zip.getvalue(), compress_type=nested)
        payload = json.dumps([{"summarizedActivitiesExport": summaries}])
        bundle.writestr("DI_CONNECT/DI-Connect-Fitness/runner@example.com_0_summarizedActivities.json", payload)
        bundle.writestr("DI_CONNECT/DI-Connect-User/user_profile.json", json.dumps({"firstName": "R"}))
        bundle.writestr("DI_CONNECT/DI-Connect-Wellness/", b"")  # a folder entry
    return archive, expected
