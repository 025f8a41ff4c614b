"""GPX 1.0 and 1.1: one activity per file, from all its tracks.

GPX has no device figures: the distance is summed from the coordinates, the moving time follows the
rule in ``supple.importers.track``, the heart rate is the mean of Garmin's ``gpxtpx:hr`` extension.
The sport comes from the first track's ``<type>`` (words such as "run", "ride", "hike"); a missing or
unknown type gives "other", since a GPX track may as well be a drive. A file with routes or
waypoints but no track points is skipped; a track whose points carry no times is refused.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from supple.core.activity import Activity
from supple.importers.reading import FileRead, Refuse, Skip, check_start
from supple.importers.sports import word_sport
from supple.importers.track import Point, parse_xml_time, summarise_track
from supple.importers.xmlfile import children, descendants, local, number, parse_xml, text


def _point(element: Element) -> Point:
    hr = None
    for node in descendants(element, "hr"):
        value = number((node.text or "").strip())
        hr = int(value) if value else None
    return Point(
        time=parse_xml_time(text(element, "time")),
        lat=number(element.get("lat")),
        lon=number(element.get("lon")),
        hr=hr,
    )


def read_gpx(data: bytes) -> FileRead:
    """Read a GPX file's tracks as one activity."""
    root = parse_xml(data, "GPX")
    if local(root) != "gpx":
        raise Refuse(f"the file's root element is <{local(root)}>; expected <gpx>")
    tracks = list(children(root, "trk"))
    segments = [
        [_point(point) for point in children(segment, "trkpt")]
        for track in tracks
        for segment in children(track, "trkseg")
    ]
    segments = [segment for segment in segments if segment]
    if not segments:
        found = "a route" if any(children(root, "rte")) else "waypoints" if any(children(root, "wpt")) else "nothing"
        raise Skip(f"no recorded track: the GPX file holds {found}, not a track of points (<trk><trkpt>)")
    figures = summarise_track(segments, "the GPX track")
    kind = next((value for track in tracks if (value := text(track, "type"))), None)
    activity = Activity(
        start=check_start(figures.start),
        local_offset=None,
        sport=word_sport(kind),
        elapsed_seconds=figures.elapsed_seconds,
        moving_seconds=figures.moving_seconds,
        distance_m=figures.path_m,
        avg_hr=figures.avg_hr,
        source_sport=kind or "",
    )
    return FileRead((activity,))
