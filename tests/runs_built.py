"""Real activity files moved in time, so each copy is a distinct activity (Runs page and big-import tests)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

ACTIVITIES = Path(__file__).parents[1] / ".." / "shared" / "data" / "activities"
#: A real run recorded as a GPX track (514 points with times).
RUN_GPX = ACTIVITIES / "gpx" / "korita-zbevnica.gpx"
RUN_FIT = ACTIVITIES / "fit" / "activity-small-fenix2-run.fit"
_TIME = re.compile(rb"<time>([^<]+)</time>")


def shifted_gpx(start: dt.datetime, source: Path = RUN_GPX) -> bytes:
    """``source`` with every time moved by the same amount, so that its first point is at ``start``, and
    its tracks marked as runs (``<type>running</type>``)."""
    data = re.sub(rb"<type>[^<]*</type>", b"", source.read_bytes())
    data = data.replace(b"<trk>", b"<trk><type>running</type>")
    times = [dt.datetime.fromisoformat(m.group(1).decode().replace("Z", "+00:00")) for m in _TIME.finditer(data)]
    first = min(times)
    shift = start - first

    def move(match: re.Match[bytes]) -> bytes:
        moved = dt.datetime.fromisoformat(match.group(1).decode().replace("Z", "+00:00")) + shift
        return b"<time>" + moved.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ").encode() + b"</time>"

    return _TIME.sub(move, data)


def many_runs_zip(into: Path, count: int, *, first: dt.datetime) -> Path:
    """A Strava-like export of ``count`` GPX runs a day apart (``activities/<n>.gpx``, no CSV), as a zip."""
    archive = into / f"export_{count}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as bundle:
        for n in range(count):
            bundle.writestr(f"activities/{1000 + n}.gpx", shifted_gpx(first + dt.timedelta(days=n)))
    return archive


def zip_of(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in files.items():
            bundle.writestr(name, data)
    return out.getvalue()
