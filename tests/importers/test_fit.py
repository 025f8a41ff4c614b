"""FIT: every real file reads as its README says (or is refused with a reason), and edge cases written by fit-tool."""

from __future__ import annotations

import datetime as dt

import pytest
from fit_tool.profile.profile_type import Sport, SubSport

from supple.importers.fit import read_fit, read_fit_full
from supple.importers.reading import Refuse, Skip, read_activity
from tests.importers.files import Expected, cases, check, data, seconds
from tests.importers.fit_files import activity_file, course_file, workout_file

FIT = {
    "fit/2013-02-06-12-11-14.fit": Expected("running", "2013-02-06 12:11", "0:43:45", "0:43:45", 4.84, 147),
    "fit/2015-10-13-08-43-15.fit": Expected("cycling", "2015-10-13 15:43", "0:27:03", "0:25:58", 11.54),
    "fit/20170518-191602-1740899583.fit": Expected("rowing", "2017-05-18 16:37", "0:28:27", "0:28:27", 0.0, 132),
    "fit/2019-02-17-062644-ELEMNT-297E-195-0.fit": Expected(
        "cycling", "2019-02-17 06:26", "6:33:15", "3:44:31", 78.94, 124
    ),
    "fit/Edge810-Vector-2013-08-16-15-35-10.fit": Expected(
        "cycling", "2013-08-16 18:05", "1:18:20", "1:18:20", 41.34, 154
    ),
    "fit/activity-small-fenix2-run.fit": Expected("running", "2015-08-15 14:45", "0:47:12", "0:47:12", 9.01),
    "fit/coros-pace-2-cycling-misaligned-fields.fit": Expected(
        "cycling", "2020-10-25 11:10", "3:31:59", "3:08:07", 32.15
    ),
    "fit/developer-types-sample.fit": Expected("running", "2017-01-17 17:06", "0:57:04", "0:57:04", 6.75),
    "fit/elemnt-bolt-no-application-id-inside-developer-data-id.fit": Expected(
        "cycling", "2017-08-21 08:18", "0:02:20", "0:02:12", 0.96
    ),
    "fit/event_timestamp.fit": Expected("swimming", "2017-06-13 13:42", "1:16:07", "1:12:51", 2.61, 142),
    "fit/garmin-edge-500-activity.fit": Expected("cycling", "2011-09-25 13:00", "3:31:31", "2:57:21", 92.62, 162),
    "fit/garmin-edge-820-bike.fit": Expected("cycling", "2017-06-12 16:10", "0:01:04", "0:01:04", 0.46, 116),
    "fit/garmin-fenix-5-bike.fit": Expected("cycling", "2017-06-12 16:09", "0:01:00", "0:01:00", 0.46, 101),
    "fit/garmin-fenix-5-run.fit": Expected("running", "2017-06-11 14:34", "0:00:56", "0:00:56", 0.16, 90),
    "fit/garmin-fenix-5-walk.fit": Expected("walking", "2017-06-11 14:32", "0:00:45", "0:00:45", 0.07, 75),
    "fit/sample-activity-indoor-trainer.fit": Expected("cycling", "2011-11-02 12:54", "0:37:41", "0:37:41", 0.0, 148),
    "fit/sample-activity.fit": Expected("cycling", "2011-06-26 21:18", "3:15:41", "2:58:19", 88.80, 166),
    "odd/null_compressed_speed_dist.fit": Expected("cycling", "2017-10-05 00:04", "0:30:07", "0:30:08", 13.40),
}
#: Files that end early or break off: what was read is kept, and the note says so.
DAMAGED = {
    "fit/strava-android-app-201.10-b1218918.fit": Expected("running", "2021-09-27 14:13", "0:59:18", "0:59:18", 11.27),
    "odd/activity-unexpected-eof.fit": Expected("running", "2012-04-09 21:22", "0:00:13", "0:00:13", 0.01),
}
#: Multisport: (sports of the legs, transitions left out; first start; total elapsed with transitions).
MULTISPORT = {
    "fit/activity-large-fenxi2-multisport.fit": (
        ["other", "running", "running", "cycling"],
        "2015-08-29 08:00",
        "6:50:17",
    ),
    "odd/sample_mulitple_header.fit": (["swimming", "cycling", "running"], "2018-05-27 07:33", "2:38:11"),
}


@pytest.mark.parametrize(("name", "expected"), cases(FIT))
def test_real_fit_files_read_as_expected(name: str, expected: Expected) -> None:
    # the full decoder gives the same summaries: tests/importers/test_fit_fast.py
    read = read_fit(data(name))
    assert len(read.activities) == 1
    assert read.note == ""
    check(read.activities[0], expected)


@pytest.mark.parametrize(("name", "expected"), cases(DAMAGED))
def test_damaged_fit_files_keep_what_was_read(name: str, expected: Expected) -> None:
    read = read_activity("fit", data(name))
    check(read.activities[0], expected)
    assert "kept what was read" in read.note


def test_truncated_fit_without_a_session_is_summed_from_its_records() -> None:
    read = read_activity("fit", data("fit/nick.fit"))
    assert "ends early (truncated)" in read.note
    assert "made from its records" in read.note
    (activity,) = read.activities
    assert activity.start > dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    assert activity.elapsed_seconds > 3600
    assert activity.distance_m is not None
    assert activity.distance_m > 10_000


@pytest.mark.parametrize(("name", "expected"), cases(MULTISPORT))
def test_multisport_fit_gives_one_activity_per_leg(name: str, expected: tuple[list[str], str, str]) -> None:
    sports, start, total = expected
    read = read_activity("fit", data(name))
    assert [a.sport for a in read.activities] == sports
    assert "transition" not in [a.source_sport for a in read.activities]
    assert read.activities[0].start.strftime("%Y-%m-%d %H:%M") == start
    # the README's total adds up every session; the transitions left out take a few minutes
    legs = sum(a.elapsed_seconds for a in read.activities)
    assert seconds(total) - 15 * 60 <= legs < seconds(total)
    assert len({a.local_offset for a in read.activities}) == 1


def test_chained_fit_files_are_read_whole() -> None:
    # three FIT files one after the other: the legs come from the first, the file is read to its end
    read = read_activity("fit", data("odd/sample_mulitple_header.fit"))
    assert read.note == ""
    assert read.activities[0].source_sport == "swimming/open_water"
    assert read.activities[0].local_offset == dt.timedelta(hours=2)


def test_fit_with_an_unset_clock_is_refused() -> None:
    with pytest.raises(Refuse, match=r"clock was not set: the start reads 1990-07-18 06:44 UTC; expected a real date"):
        read_activity("fit", data("fit/compressed-speed-distance.fit"))


def test_a_run_across_a_dst_change_gets_the_offset_it_ended_in() -> None:
    # 2024-03-31 00:30 UTC is 01:30 CET (+01:00); the run ends at 01:30 UTC, 03:30 CEST (+02:00)
    start = dt.datetime(2024, 3, 31, 0, 30, tzinfo=dt.UTC)
    fit = activity_file(
        start, elapsed=3600, timer=3540, metres=10_000, local_offset_at_end=dt.timedelta(hours=2), avg_hr=151
    )
    for reader in (read_fit, read_fit_full):
        (activity,) = reader(fit).activities
        assert activity.local_offset == dt.timedelta(hours=2)
        assert activity.start == start
        assert (activity.elapsed_seconds, activity.moving_seconds, activity.distance_m) == (3600, 3540, 10_000)
        assert activity.avg_hr == 151


def test_fit_sports_are_normalised_and_their_words_kept() -> None:
    start = dt.datetime(2024, 6, 1, 7, tzinfo=dt.UTC)
    kinds = [
        (Sport.RUNNING, SubSport.TRAIL, "trail_running", "running/trail"),
        (Sport.RUNNING, SubSport.TREADMILL, "treadmill", "running/treadmill"),
        (Sport.FITNESS_EQUIPMENT, SubSport.INDOOR_ROWING, "rowing", "fitness_equipment/indoor_rowing"),
        (Sport.HIKING, SubSport.GENERIC, "hiking", "hiking"),
        (Sport.TRAINING, SubSport.STRENGTH_TRAINING, "other", "training/strength_training"),
    ]
    for sport, sub_sport, ours, words in kinds:
        fit = activity_file(start, elapsed=600, timer=600, metres=0.0, sport=sport, sub_sport=sub_sport)
        (activity,) = read_fit(fit).activities
        assert (activity.sport, activity.source_sport) == (ours, words)
        assert activity.distance_m == 0.0
        assert activity.local_offset is None


def test_fit_from_1989_is_refused() -> None:
    fit = activity_file(dt.datetime(1989, 12, 31, 0, 10, tzinfo=dt.UTC), elapsed=60, timer=60, metres=100)
    with pytest.raises(Refuse, match="clock was not set: the start reads 1989-12-31"):
        read_fit(fit)


@pytest.mark.parametrize(("write", "kind"), [(course_file, "course"), (workout_file, "workout")])
def test_fit_course_or_workout_is_skipped(write: object, kind: str) -> None:
    fit = write(dt.datetime(2024, 6, 1, tzinfo=dt.UTC))  # type: ignore[operator]
    with pytest.raises(Skip, match=f"not a recorded activity: the FIT file is a {kind} file"):
        read_fit(fit)


@pytest.mark.parametrize(
    ("fit", "reason"),
    [
        (b"", "0 bytes long"),
        (b"not a fit file at all", "does not start with a FIT header"),
        (data("fit/garmin-fenix-5-run.fit")[:40], "no activity could be read"),
    ],
    ids=["empty", "not-fit", "header-only"],
)
def test_broken_fit_is_refused_with_a_reason(fit: bytes, reason: str) -> None:
    with pytest.raises(Refuse, match=reason):
        read_fit(fit)


def test_a_session_without_a_sport_takes_the_sport_messages() -> None:
    start = dt.datetime(2024, 6, 1, 7, tzinfo=dt.UTC)
    fit = activity_file(start, elapsed=900, timer=900, metres=1500, sport=None, sport_message=Sport.SWIMMING)
    (activity,) = read_fit(fit).activities
    assert (activity.sport, activity.source_sport) == ("swimming", "swimming")
    assert read_fit(fit) == read_fit_full(fit)


def test_sessions_without_start_times_are_refused_with_a_reason() -> None:
    fit = activity_file(dt.datetime(2024, 6, 1, 7, tzinfo=dt.UTC), elapsed=60, timer=60, metres=10, session_times=False)
    with pytest.raises(Refuse, match="sessions have no start time; expected a start_time or a timestamp"):
        read_fit(fit)
