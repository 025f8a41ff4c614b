"""Activity files for the runs tests, built from the real files in ../shared/data/activities."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import fitdecode

ACTIVITIES = Path(__file__).parents[2] / ".." / "shared" / "data" / "activities"
#: A real FIT run (fenix2, 2015-08-15 14:45Z, 47 min, 9.01 km).
FIT_RUN = ACTIVITIES / "fit" / "activity-small-fenix2-run.fit"
#: A short real GPX track (2009-03-02, 13 s).
SHORT_GPX = ACTIVITIES / "gpx" / "track_with_speed.gpx"

_SEMICIRCLE = 180 / 2**31


def gpx_of_fit(path: Path, *, creator: str = "test") -> str:
    """The track of a real FIT file's records as GPX 1.1 with type "running": the same activity from another source."""
    points = []
    with fitdecode.FitReader(path) as fit:
        for frame in fit:
            if not isinstance(frame, fitdecode.FitDataMessage) or frame.name != "record":
                continue
            values = {f.name: f.value for f in frame.fields}
            lat, lon, when = values.get("position_lat"), values.get("position_long"), values.get("timestamp")
            if lat is None or lon is None or when is None:
                continue
            stamp = when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            points.append(
                f'<trkpt lat="{lat * _SEMICIRCLE:.7f}" lon="{lon * _SEMICIRCLE:.7f}"><time>{stamp}</time></trkpt>'
            )
    assert len(points) > 100, path
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="{creator}" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
        + "\n".join(points)
        + "</trkseg></trk></gpx>\n"
    )


_TIME = re.compile(r"<time>([^<]+)</time>")


def shifted_gpx(path: Path, hours: int) -> str:
    """A real GPX file with every time moved ``hours`` later: a distinct activity with the same track."""

    def shift(match: re.Match[str]) -> str:
        when = dt.datetime.fromisoformat(match.group(1).replace("Z", "+00:00")) + dt.timedelta(hours=hours)
        return f"<time>{when.astimezone(dt.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}</time>"

    return _TIME.sub(shift, path.read_text(encoding="utf-8"))


def many_runs(folder: Path, count: int) -> Path:
    """``count`` distinct GPX activities (one a day from 2015) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    base = dt.datetime(2015, 1, 1, tzinfo=dt.UTC) - dt.datetime(2009, 3, 2, tzinfo=dt.UTC)
    start = round(base.total_seconds() / 3600)
    for n in range(count):
        (folder / f"run-{n:04d}.gpx").write_text(shifted_gpx(SHORT_GPX, start + 24 * n), encoding="utf-8")
    return folder
