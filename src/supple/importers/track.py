"""Summing a track of points (GPX, TCX, or FIT records when a file has no session): times, distance, pace.

The moving-time rule: the time between two consecutive timed points of one segment counts as moving
when the gap is at most ``MAX_GAP_SECONDS`` (60 s) and the speed over it is at least
``MIN_MOVING_SPEED`` (0.5 m/s, a slow walk); a longer gap or a slower stretch is a pause. Gaps
between segments are pauses. When neither point has a position or a device distance, a short gap
counts as moving.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from supple.importers.reading import Refuse

MAX_GAP_SECONDS = 60.0
MIN_MOVING_SPEED = 0.5
EARTH_RADIUS_M = 6_371_008.8  # the mean radius (IUGG)


@dataclass(frozen=True, slots=True)
class Point:
    """One track point; any part may be missing."""

    time: dt.datetime | None
    lat: float | None = None
    lon: float | None = None
    #: The device's running total of metres, when the file has one (TCX, FIT).
    distance: float | None = None
    hr: int | None = None


@dataclass(frozen=True, slots=True)
class TrackFigures:
    """What a track adds up to."""

    start: dt.datetime
    end: dt.datetime
    moving_seconds: float
    #: Summed from the coordinates; None when no two points of a segment have positions.
    path_m: float | None
    #: The device's last running total, when the points carry one.
    device_m: float | None
    avg_hr: int | None

    @property
    def elapsed_seconds(self) -> float:
        return (self.end - self.start).total_seconds()

    @property
    def distance_m(self) -> float | None:
        return self.device_m if self.device_m is not None else self.path_m


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance in metres between two positions in degrees."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def _step(a: Point, b: Point) -> float | None:
    if a.distance is not None and b.distance is not None:
        return max(0.0, b.distance - a.distance)
    if a.lat is not None and a.lon is not None and b.lat is not None and b.lon is not None:
        return haversine_m(a.lat, a.lon, b.lat, b.lon)
    return None


def _path(segment: Sequence[Point]) -> float | None:
    total: float | None = None
    last: Point | None = None
    for point in segment:
        if point.lat is None or point.lon is None:
            continue
        if last is not None and last.lat is not None and last.lon is not None:
            total = (total or 0.0) + haversine_m(last.lat, last.lon, point.lat, point.lon)
        last = point
    return total


def _moving(segment: Sequence[Point]) -> float:
    moving = 0.0
    timed: Point | None = None
    since: float | None = 0.0  # metres since the last timed point; None when unknown
    previous: Point | None = None
    for point in segment:
        if previous is not None:
            step = _step(previous, point)
            since = None if since is None or step is None else since + step
        previous = point
        if point.time is None:
            continue
        if timed is not None and timed.time is not None:
            gap = (point.time - timed.time).total_seconds()
            if 0 < gap <= MAX_GAP_SECONDS and (since is None or since / gap >= MIN_MOVING_SPEED):
                moving += gap
        timed, since = point, 0.0
    return moving


def summarise_track(segments: Sequence[Sequence[Point]], what: str = "the track") -> TrackFigures:
    """Add up ``segments`` (lists of points in time order); ``Refuse`` when no point has a time."""
    times = [p.time for segment in segments for p in segment if p.time is not None]
    if not times:
        raise Refuse(f"{what} has no times; expected points with a <time> to know when the activity was")
    paths = [m for m in (_path(segment) for segment in segments) if m is not None]
    totals = [p.distance for segment in segments for p in segment if p.distance is not None]
    rates = [p.hr for segment in segments for p in segment if p.hr]
    return TrackFigures(
        start=min(times),
        end=max(times),
        moving_seconds=sum(_moving(segment) for segment in segments),
        path_m=sum(paths) if paths else None,
        device_m=max(totals) if totals else None,
        avg_hr=round(sum(rates) / len(rates)) if rates else None,
    )


def parse_xml_time(text: str | None) -> dt.datetime | None:
    """An XML Schema dateTime ("2015-12-11T15:43:13.994+01:00", "...Z") in UTC; None when absent or bad.

    A time with no zone is taken as UTC, as GPX requires.
    """
    if not text or not text.strip():
        return None
    try:
        value = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)
