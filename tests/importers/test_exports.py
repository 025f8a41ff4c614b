"""Reading the hints in Strava's activities.csv and Garmin's summarised-activities JSON."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from supple.importers.exports import Hint, Hints, index_kind, read_index, strava_date

UTC = dt.UTC


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Feb 6, 2013, 12:11:14 PM", dt.datetime(2013, 2, 6, 12, 11, 14, tzinfo=UTC)),
        ("Feb 6, 2013, 12:11:14 AM", dt.datetime(2013, 2, 6, 0, 11, 14, tzinfo=UTC)),
        ("Sept 30, 2021, 7:05:09 PM", dt.datetime(2021, 9, 30, 19, 5, 9, tzinfo=UTC)),
        ("Mar 1, 2020, 18:30:00", dt.datetime(2020, 3, 1, 18, 30, tzinfo=UTC)),
        ("2020-03-01T18:30:00", dt.datetime(2020, 3, 1, 18, 30, tzinfo=UTC)),
        ("2020-03-01T20:30:00+02:00", dt.datetime(2020, 3, 1, 18, 30, tzinfo=UTC)),
        ("Feb 30, 2013, 1:00:00 PM", None),
        ("Foo 3, 2013, 1:00:00 PM", None),
        ("6. Feb. 2013, 12:11:14", None),
        ("", None),
    ],
)
def test_strava_dates(text: str, expected: dt.datetime | None) -> None:
    assert strava_date(text) == expected


def test_index_files_are_known_by_name_in_any_folder() -> None:
    assert index_kind("export_1/activities.csv") == "strava"
    assert index_kind("ACTIVITIES.CSV") == "strava"
    assert index_kind("DI_CONNECT/DI-Connect-Fitness/me@x.org_0_summarizedActivities.json") == "garmin"
    assert index_kind("activities/1.fit") is None
    assert index_kind("profile.csv") is None


def test_a_strava_index_in_a_subfolder_names_files_below_it_and_the_first_of_repeated_columns_wins() -> None:
    text = (
        "Activity ID,Activity Date,Activity Name,Activity Type,Filename,Activity Name,Filename\n"
        '1,"Feb 6, 2013, 12:11:14 PM",Morning,Run,activities/1.fit.gz,Other,wrong/1.fit\n'
        '2,"Feb 7, 2013, 1:00:00 PM",Manual,Run,,,\n'
        "3,not a date,Short row\n"
    )
    hints = read_index("export_9/activities.csv", text.encode("utf-8-sig"))
    assert hints.by_path == {
        "export_9/activities/1.fit.gz": Hint("Morning", "Run", dt.datetime(2013, 2, 6, 12, 11, 14, tzinfo=UTC)),
    }
    assert hints.find("export_9/Activities/1.FIT.gz") == hints.by_path["export_9/activities/1.fit.gz"]
    assert hints.find("activities/1.fit.gz") is None
    assert hints.find("export_9/activities/1.fit") == hints.by_path["export_9/activities/1.fit.gz"], "gunzipped since"


def test_a_strava_csv_without_a_filename_column_or_empty_gives_no_hints() -> None:
    assert read_index("activities.csv", b"Activity ID,Activity Name\n1,x\n") == Hints()
    assert read_index("activities.csv", b"") == Hints()


def test_garmin_summaries_by_activity_id() -> None:
    payload = [
        {
            "summarizedActivitiesExport": [
                {"activityId": 123456, "name": " Lunch run ", "activityType": "running", "startTimeGmt": 1.5e12},
                {"activityId": "0789", "activityType": {"typeKey": "trail_running"}, "beginTimestamp": 1500000000000},
                {"activityId": True, "name": "a bool is no id"},
                {"activityId": "abc", "name": "not digits"},
                {"name": "no id"},
                "not a dict",
            ]
        },
        {"activityId": 42, "name": "bare entry"},
        {"unexpected": []},
    ]
    hints = read_index("x_summarizedActivities.json", json.dumps(payload).encode())
    start = dt.datetime(2017, 7, 14, 2, 40, tzinfo=UTC)
    assert hints.by_id == {
        "123456": Hint("Lunch run", "running", start),
        "789": Hint("", "trail_running", start),
        "42": Hint("bare entry", "", None),
    }
    assert hints.find("UploadedFiles_0-_Part1.zip/me@x.org_00789.fit") == hints.by_id["789"]
    assert hints.find("Part2/123456_ACTIVITY.fit") == hints.by_id["123456"]
    assert hints.find("Part2/999_ACTIVITY.fit") is None


@pytest.mark.parametrize("data", [b"not json", b"{}", b"[1, 2]", b'[{"summarizedActivitiesExport": 5}]', b"\xff\xfe"])
def test_a_broken_garmin_index_gives_no_hints_instead_of_an_error(data: bytes) -> None:
    assert read_index("x_summarizedActivities.json", data) == Hints()


def test_garmin_times_out_of_range_are_dropped() -> None:
    payload = [{"summarizedActivitiesExport": [{"activityId": 1, "startTimeGmt": 1e30}]}]
    assert read_index("a_summarizedActivities.json", json.dumps(payload).encode()).by_id["1"].start is None
