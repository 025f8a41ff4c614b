"""TCX (Garmin Training Center): one activity per ``<Activity>``.

The device's lap figures come first: moving time is the sum of the laps' ``TotalTimeSeconds``, the
distance the sum of their ``DistanceMeters`` (else the last trackpoint's running total, else summed
from the positions), the heart rate the laps' ``AverageHeartRateBpm`` weighted by lap time (else the
mean of the trackpoints'). The start is the activity's ``Id`` (its start time); elapsed runs from
there to the last trackpoint. ``Sport`` "Running" is running, "Biking" cycling, "Other" other. A
file with two activities gives two. A file with only courses or workouts is skipped.
"""

from __future__ import annotations

import datetime as dt
from xml.etree.ElementTree import Element

from supple.core.activity import Activity
from supple.importers.reading import FileRead, Refuse, Skip, check_start
from supple.importers.sports import word_sport
from supple.importers.track import Point, parse_xml_time, summarise_track
from supple.importers.xmlfile import child, children, descendants, local, number, parse_xml, text


def _point(element: Element) -> Point:
    position = child(element, "Position")
    hr = number(text(child(element, "HeartRateBpm"), "Value"))
    return Point(
        time=parse_xml_time(text(element, "Time")),
        lat=number(text(position, "LatitudeDegrees")),
        lon=number(text(position, "LongitudeDegrees")),
        distance=number(text(element, "DistanceMeters")),
        hr=int(hr) if hr else None,
    )


def _lap_figures(laps: list[Element]) -> tuple[float | None, float | None, int | None]:
    """Moving seconds, metres and weighted heart rate from the laps, each None when a lap lacks it."""
    times = [number(text(lap, "TotalTimeSeconds")) for lap in laps]
    metres = [number(text(lap, "DistanceMeters")) for lap in laps]
    moving = sum(t for t in times if t is not None) if laps and None not in times else None
    distance = sum(m for m in metres if m is not None) if laps and None not in metres else None
    weighted = [
        (hr, t or 0.0)
        for lap, t in zip(laps, times, strict=True)
        if (hr := number(text(child(lap, "AverageHeartRateBpm"), "Value")))
    ]
    weight = sum(t for _, t in weighted)
    avg_hr = round(sum(hr * t for hr, t in weighted) / weight) if weight > 0 else None
    return moving, distance, avg_hr


def _activity(element: Element, number_in_file: int) -> Activity:
    what = f"activity {number_in_file} of the TCX file"
    laps = list(children(element, "Lap"))
    segments = [
        [_point(point) for point in children(track, "Trackpoint")] for lap in laps for track in children(lap, "Track")
    ]
    segments = [segment for segment in segments if segment]
    start = parse_xml_time(text(element, "Id")) or next(
        (t for lap in laps if (t := parse_xml_time(lap.get("StartTime")))), None
    )
    lap_moving, lap_distance, lap_hr = _lap_figures(laps)
    if not segments:
        if start is None or lap_moving is None:
            raise Refuse(f"{what} has no times; expected an <Id> start time with laps or trackpoints")
        return Activity(
            start=check_start(start),
            local_offset=None,
            sport=word_sport(element.get("Sport")),
            elapsed_seconds=lap_moving,
            moving_seconds=lap_moving,
            distance_m=lap_distance,
            avg_hr=lap_hr,
            source_sport=element.get("Sport") or "",
        )
    figures = summarise_track(segments, what)
    start = min(start, figures.start) if start is not None else figures.start
    end = max(figures.end, start + dt.timedelta(seconds=lap_moving or 0.0))
    return Activity(
        start=check_start(start),
        local_offset=None,
        sport=word_sport(element.get("Sport")),
        elapsed_seconds=(end - start).total_seconds(),
        moving_seconds=lap_moving if lap_moving is not None else figures.moving_seconds,
        distance_m=lap_distance if lap_distance is not None else figures.distance_m,
        avg_hr=lap_hr if lap_hr is not None else figures.avg_hr,
        source_sport=element.get("Sport") or "",
    )


def read_tcx(data: bytes) -> FileRead:
    """Read every activity of a TCX file."""
    root = parse_xml(data, "TCX")
    if local(root) != "TrainingCenterDatabase":
        raise Refuse(f"the file's root element is <{local(root)}>; expected <TrainingCenterDatabase>")
    activities = [a for block in children(root, "Activities") for a in descendants(block, "Activity")]
    if not activities:
        held = [name for name in ("Courses", "Workouts") if any(children(root, name))]
        found = " and ".join(name.lower() for name in held) or "no activity"
        raise Skip(f"not a recorded activity: the TCX file holds {found} (expected <Activities><Activity>)")
    read = tuple(_activity(element, n) for n, element in enumerate(activities, 1))
    note = f"the TCX file holds {len(read)} activities; each is kept" if len(read) > 1 else ""
    return FileRead(read, note)
