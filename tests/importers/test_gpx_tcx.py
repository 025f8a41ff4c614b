"""GPX and TCX: every real file reads as its README says, or is skipped or refused with a reason."""

from __future__ import annotations

import pytest

from supple.importers.reading import Refuse, Skip, read_activity
from supple.importers.track import Point, summarise_track
from tests.importers.files import Expected, cases, check, data

GPX = {
    "gpx/around-visnjan-with-car.gpx": Expected("other", "2020-12-18 06:15", "0:08:34", None, 2.73),
    "gpx/cerknicko-jezero.gpx": Expected("other", "2010-08-05 14:23", "1:59:50", None, 4.58),
    "gpx/gpx1.1_with_all_fields.gpx": Expected("other", "2013-01-01 12:00", "0:00:00", "0:00:00", None),
    "gpx/korita-zbevnica.gpx": Expected("other", "2010-10-03 09:36", "3:43:01", None, 14.90),
    "gpx/track_with_speed.gpx": Expected("other", "2009-03-02 14:05", "0:00:13", "0:00:13", 0.02),
    "odd/cerknicko-without-times.gpx": Expected("other", "2010-08-05 16:22", "0:00:57", None, 4.58),
    "odd/gpx1.0_with_all_fields.gpx": Expected("other", "2013-01-01 12:00", "0:00:00", "0:00:00", None),
    "odd/track-with-empty-segment.gpx": Expected("other", "2013-07-06 17:26", "0:01:16", None, 0.09),
    "odd/track-with-less-sec-time.gpx": Expected("running", "2015-12-11 14:43", "0:00:00", None, 0.0),
}
TCX = {
    "tcx/cross-country-skiing_activity_1.tcx": Expected("other", "2020-12-26 15:14", "0:40:01", "0:40:01", 5.69, 143),
    "tcx/mapmyride_biking.tcx": Expected("cycling", "2022-11-12 15:58", "0:51:51", None, 15.35),
    "tcx/sup_activity_1.tcx": Expected("other", "2022-07-16 16:08", "0:18:32", None, 1.16, 88),
}
SKIPPED = {
    "odd/route.gpx": "route",
    "gpx/gpx_with_garmin_extension.gpx": "waypoints",
    "odd/unicode_with_bom.gpx": "waypoints",
}


@pytest.mark.parametrize(("name", "expected"), cases(GPX))
def test_real_gpx_files_read_as_expected(name: str, expected: Expected) -> None:
    read = read_activity("gpx", data(name))
    assert len(read.activities) == 1
    check(read.activities[0], expected)
    assert read.activities[0].local_offset is None


@pytest.mark.parametrize(("name", "expected"), cases(TCX))
def test_real_tcx_files_read_as_expected(name: str, expected: Expected) -> None:
    read = read_activity("tcx", data(name))
    assert len(read.activities) == 1
    check(read.activities[0], expected)
    assert read.activities[0].source_sport in ("Other", "Biking")


@pytest.mark.parametrize(("name", "word"), cases(SKIPPED))
def test_gpx_without_a_track_is_skipped_with_what_it_holds(name: str, word: str) -> None:
    with pytest.raises(Skip, match=word):
        read_activity("gpx", data(name))


def test_gpx_with_an_unset_clock_is_refused() -> None:
    with pytest.raises(Refuse, match=r"clock was not set: the start reads 1901-12-13"):
        read_activity("gpx", data("odd/Mojstrovka.gpx"))


def test_gpx_type_words_and_heart_rate_are_read() -> None:
    gpx = b"""<?xml version="1.0"?>
<gpx xmlns="http://www.topografix.com/GPX/1/1" xmlns:x="http://www.garmin.com/xmlschemas/TrackPointExtension/v1">
<trk><type>Morning Hike</type><trkseg>
<trkpt lat="46.0" lon="14.0"><time>2024-03-31T06:00:00Z</time>
<extensions><x:TrackPointExtension><x:hr>100</x:hr></x:TrackPointExtension></extensions></trkpt>
<trkpt lat="46.0001" lon="14.0"><time>2024-03-31T06:00:10+02:00</time>
<extensions><x:TrackPointExtension><x:hr>110</x:hr></x:TrackPointExtension></extensions></trkpt>
</trkseg></trk></gpx>"""
    with pytest.raises(Refuse, match="no times"):
        read_activity("gpx", gpx.replace(b"<time>", b"<name>").replace(b"</time>", b"</name>"))
    # the second point's time is two hours earlier in UTC: the start is the earliest time
    activity = read_activity("gpx", gpx).activities[0]
    assert activity.sport == "hiking"
    assert activity.source_sport == "Morning Hike"
    assert activity.start.isoformat() == "2024-03-31T04:00:10+00:00"
    assert activity.avg_hr == 105


def test_tcx_with_two_activities_gives_two() -> None:
    def one(sport: str, start: str) -> str:
        return (
            f'<Activity Sport="{sport}"><Id>{start}</Id><Lap StartTime="{start}">'
            "<TotalTimeSeconds>600</TotalTimeSeconds>"
            "<DistanceMeters>2000</DistanceMeters><AverageHeartRateBpm><Value>150</Value></AverageHeartRateBpm>"
            "</Lap></Activity>"
        )

    tcx = (
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>'
        + one("Running", "2024-05-01T07:00:00Z")
        + one("Biking", "2024-05-01T18:00:00Z")
        + "</Activities></TrainingCenterDatabase>"
    ).encode()
    read = read_activity("tcx", tcx)
    assert [a.sport for a in read.activities] == ["running", "cycling"]
    assert [a.distance_m for a in read.activities] == [2000.0, 2000.0]
    assert [a.avg_hr for a in read.activities] == [150, 150]
    assert "2 activities" in read.note


def test_tcx_course_is_skipped() -> None:
    tcx = (
        b'<TrainingCenterDatabase xmlns="x"><Courses><Course><Name>Loop</Name></Course></Courses>'
        b"</TrainingCenterDatabase>"
    )
    with pytest.raises(Skip, match="courses"):
        read_activity("tcx", tcx)


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<gpx><trk><name>&lol2;</name></trk></gpx>"""
EXTERNAL = b"""<?xml version="1.0"?>
<!DOCTYPE gpx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<gpx><trk><name>&secret;</name></trk></gpx>"""
DOCTYPE_ONLY = b"""<?xml version="1.0"?>
<!DOCTYPE gpx SYSTEM "http://example.com/gpx.dtd">
<gpx><trk/></gpx>"""


@pytest.mark.parametrize("kind", ["gpx", "tcx"])
@pytest.mark.parametrize("xml", [BOMB, EXTERNAL, DOCTYPE_ONLY], ids=["entity-expansion", "external-entity", "doctype"])
def test_xml_with_a_doctype_or_entities_is_refused(kind: str, xml: bytes) -> None:
    with pytest.raises(Refuse, match=r"refused for safety.*expected plain"):
        read_activity(kind, xml)


@pytest.mark.parametrize("kind", ["gpx", "tcx"])
def test_broken_xml_is_refused_with_a_reason(kind: str) -> None:
    with pytest.raises(Refuse, match="not well-formed XML"):
        read_activity(kind, data("gpx/track_with_speed.gpx")[:300])


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(Refuse, match=r"unknown kind of activity file 'kml'; expected one of fit, gpx, tcx"):
        read_activity("kml", b"")


def test_moving_time_leaves_out_slow_stretches_and_long_gaps() -> None:
    import datetime as dt

    t0 = dt.datetime(2024, 1, 1, 8, tzinfo=dt.UTC)

    def at(seconds: int, metres: float) -> Point:
        return Point(t0 + dt.timedelta(seconds=seconds), distance=metres)

    # 30 s at 3 m/s (moving), 30 s standing (pause), a 120 s gap (pause), 10 s at 3 m/s (moving)
    track = [at(0, 0), at(30, 90), at(60, 90), at(180, 500), at(190, 530)]
    figures = summarise_track([track])
    assert figures.moving_seconds == 40
    assert figures.elapsed_seconds == 190
    assert figures.distance_m == 530


def test_xml_in_an_unknown_encoding_is_refused() -> None:
    gpx = b'<?xml version="1.0" encoding="U0F-8"?>' + data("gpx/track_with_speed.gpx")
    assert b"U0F-8" in gpx
    with pytest.raises(Refuse, match=r"text encoding cannot be read \(unknown encoding: U0F-8\)"):
        read_activity("gpx", gpx)
