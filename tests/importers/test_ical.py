"""Training-plan calendars read into planned runs: feeds in the styles of TrainingPeaks,
intervals.icu, Garmin Connect and Google, written here, each event checked."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supple.importers.ical import CalendarError, CalendarRead, read_calendar


def _ics(*lines: str) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode()


BERLIN_TZ = (
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Berlin",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)

# A Google calendar: a weekly Tuesday 07:00 run in Berlin across the end of summer time
# (25 October 2026), one date cut out, one moved, and a few other things in the diary.
GOOGLE = _ics(
    "BEGIN:VCALENDAR",
    "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "X-WR-CALNAME:Training",
    "X-WR-TIMEZONE:Europe/Berlin",
    *BERLIN_TZ,
    "BEGIN:VEVENT",
    "DTSTART;TZID=Europe/Berlin:20261013T070000",
    "DTEND;TZID=Europe/Berlin:20261013T074500",
    "RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20261231T225959Z",
    "EXDATE;TZID=Europe/Berlin:20261103T070000",
    "UID:tuesday-run@google.com",
    "SUMMARY:Easy run with the club",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "DTSTART;TZID=Europe/Berlin:20261111T183000",
    "DTEND;TZID=Europe/Berlin:20261111T191500",
    "RECURRENCE-ID;TZID=Europe/Berlin:20261110T070000",
    "UID:tuesday-run@google.com",
    "SUMMARY:Easy run with the club (moved)",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "DTSTART;VALUE=DATE:20261024",
    "DTEND;VALUE=DATE:20261025",
    "UID:parkrun-1@google.com",
    "SUMMARY:Parkrun",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "DTSTART;VALUE=DATE:20261028",
    "DTEND;VALUE=DATE:20261029",
    "UID:note-1@google.com",
    "SUMMARY:Mum's birthday",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "DTSTART:20261029T170000Z",
    "DTEND:20261029T180000Z",
    "UID:yoga-1@google.com",
    "SUMMARY:Yoga class",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "DTSTART;TZID=Europe/Berlin:20270301T070000",
    "UID:far-away@google.com",
    "SUMMARY:Spring marathon",
    "END:VEVENT",
    "END:VCALENDAR",
)


def _by_date(read: CalendarRead) -> dict[dt.date, list[str]]:
    out: dict[dt.date, list[str]] = {}
    for taken in read.runs:
        out.setdefault(taken.run.date, []).append(taken.uid)
    return out


def test_google_weekly_run_keeps_its_wall_time_across_the_dst_change() -> None:
    read = read_calendar(GOOGLE, start=dt.date(2026, 10, 19), days=28)
    assert read.name == "Training"
    assert read.zone == "Europe/Berlin"
    tuesdays = [t.run for t in read.runs if t.uid.startswith("tuesday-run")]
    # 20 Oct (summer time), 27 Oct (winter time), 3 Nov cut out, 10 Nov moved to 11 Nov 18:30.
    assert [(r.date, r.at) for r in tuesdays] == [
        (dt.date(2026, 10, 20), dt.time(7)),
        (dt.date(2026, 10, 27), dt.time(7)),
        (dt.date(2026, 11, 11), dt.time(18, 30)),
    ]
    assert tuesdays[0].minutes == 45
    assert tuesdays[0].kind == "easy"
    assert tuesdays[0].source == "calendar"
    assert tuesdays[0].title == "Easy run with the club"
    assert tuesdays[2].title == "Easy run with the club (moved)"
    assert len({t.uid for t in read.runs}) == len(read.runs), "each date of a repeating run has its own id"


def test_google_all_day_parkrun_and_the_events_that_are_not_runs() -> None:
    read = read_calendar(GOOGLE, start=dt.date(2026, 10, 19), days=28)
    (parkrun,) = [t.run for t in read.runs if t.uid == "parkrun-1@google.com"]
    assert (parkrun.date, parkrun.at, parkrun.kind, parkrun.distance_m) == (dt.date(2026, 10, 24), None, "race", 5000)
    reasons = {s.uid: (s.summary, s.date, s.reason) for s in read.skipped}
    assert reasons["note-1@google.com"] == (
        "Mum's birthday",
        dt.date(2026, 10, 28),
        "an all-day note without a run in its title",
    )
    assert reasons["yoga-1@google.com"][2] == "yoga or mobility, not a run"
    assert reasons["far-away@google.com"] == ("Spring marathon", dt.date(2027, 3, 1), "outside the next 28 days")


# TrainingPeaks style: all-day workouts titled by sport, plan figures in the description.
TRAININGPEAKS = _ics(
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//TrainingPeaks//Calendar//EN",
    "X-WR-CALNAME:TrainingPeaks Workouts",
    "BEGIN:VEVENT",
    "UID:tp-1001",
    "DTSTART;VALUE=DATE:20261124",
    "SUMMARY:Run: Tempo 3x10'",
    "DESCRIPTION:Workout type: Run\\nPlanned time: 1:05:00\\nPlanned distance: 12.50 km\\nWU 15', 3x10' @ threshold",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:tp-1002",
    "DTSTART;VALUE=DATE:20261125",
    "SUMMARY:Bike: Endurance 2h",
    "DESCRIPTION:Workout type: Bike\\nPlanned time: 2:00:00",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:tp-1003",
    "DTSTART;VALUE=DATE:20261126",
    "SUMMARY:Day Off",
    "DESCRIPTION:Workout type: Day Off",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:tp-1004",
    "DTSTART;VALUE=DATE:20261129",
    "SUMMARY:Run: Long run 1h45 with last 20' at marathon pace",
    "DESCRIPTION:Workout type: Run\\nPlanned distance: 22.00 km",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:tp-1005",
    "DTSTART;VALUE=DATE:20261128",
    "SUMMARY:Swim: 2500m aerobic",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:tp-1006",
    "DTSTART;VALUE=DATE:20261127",
    "SUMMARY:Strength: legs and core",
    "END:VEVENT",
    "END:VCALENDAR",
)


def test_trainingpeaks_workouts() -> None:
    read = read_calendar(TRAININGPEAKS, start=dt.date(2026, 11, 23), days=7)
    runs = {t.uid: t.run for t in read.runs}
    assert set(runs) == {"tp-1001", "tp-1004"}
    tempo, long = runs["tp-1001"], runs["tp-1004"]
    assert (tempo.kind, tempo.at, tempo.distance_m, tempo.minutes) == ("workout", None, 12500, 65)
    assert (long.kind, long.distance_m, long.minutes) == ("long", 22000, 105)
    reasons = {s.uid: s.reason for s in read.skipped}
    assert reasons == {
        "tp-1002": "a bike ride, not a run",
        "tp-1003": "a rest day",
        "tp-1005": "a swim, not a run",
        "tp-1006": "strength work, not a run",
    }


# intervals.icu style: UTC times, the sport in CATEGORIES, the plan in the description.
INTERVALS = _ics(
    "BEGIN:VCALENDAR",
    "PRODID:-//intervals.icu//EN",
    "VERSION:2.0",
    "X-WR-TIMEZONE:America/New_York",
    "BEGIN:VEVENT",
    "UID:i123@intervals.icu",
    "DTSTART:20261102T113000Z",
    "DURATION:PT50M",
    "SUMMARY:Threshold 5x5m",
    "CATEGORIES:WORKOUT,Run",
    "DESCRIPTION:Type: Run\\n- 15m easy\\n- 5x 5m Z4 / 2m Z1",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:i124@intervals.icu",
    "DTSTART:20261031T113000Z",
    "DURATION:PT40M",
    "SUMMARY:Sweet spot",
    "CATEGORIES:WORKOUT,Ride",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:i125@intervals.icu",
    "DTSTART:20261030T113000Z",
    "DURATION:PT35M",
    "SUMMARY:Easy",
    "CATEGORIES:WORKOUT,Run",
    "DESCRIPTION:Type: Run\\nTempo finish",
    "END:VEVENT",
    "END:VCALENDAR",
)


def test_intervals_icu_utc_times_land_on_the_runners_clock_either_side_of_the_dst_change() -> None:
    read = read_calendar(INTERVALS, start=dt.date(2026, 10, 26), days=14)
    runs = {t.uid: t.run for t in read.runs}
    # New York leaves summer time on 1 November 2026: 11:30 UTC is 07:30 before, 06:30 after.
    assert (runs["i125@intervals.icu"].date, runs["i125@intervals.icu"].at) == (dt.date(2026, 10, 30), dt.time(7, 30))
    assert (runs["i123@intervals.icu"].date, runs["i123@intervals.icu"].at) == (dt.date(2026, 11, 2), dt.time(6, 30))
    assert runs["i123@intervals.icu"].kind == "workout"
    assert runs["i123@intervals.icu"].minutes == 50, "the event's DURATION when the title gives no time"
    assert runs["i125@intervals.icu"].kind == "easy", "an easy run is not made a workout by its description"
    assert [(s.uid, s.reason) for s in read.skipped] == [("i124@intervals.icu", "a bike ride, not a run")]


# Garmin Connect style: a weekly long run with a COUNT, and a race with a distance in miles.
GARMIN = _ics(
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Garmin Connect//EN",
    "BEGIN:VEVENT",
    "UID:garmin-long",
    "DTSTART:20261108T083000",
    "DTEND:20261108T100000",
    "RRULE:FREQ=WEEKLY;COUNT=3",
    "SUMMARY:Running - Long Run 16k",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:garmin-race",
    "DTSTART:20261128T090000",
    "SUMMARY:Turkey Trot 6.2 mi",
    "CATEGORIES:Race",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "UID:garmin-walk",
    "DTSTART:20261110T120000",
    "SUMMARY:Walking",
    "END:VEVENT",
    "END:VCALENDAR",
)


def test_garmin_floating_times_a_count_limited_repeat_and_miles() -> None:
    read = read_calendar(GARMIN, start=dt.date(2026, 11, 1), days=60)
    longs = [t.run for t in read.runs if t.uid.startswith("garmin-long")]
    assert [r.date for r in longs] == [dt.date(2026, 11, 8), dt.date(2026, 11, 15), dt.date(2026, 11, 22)]
    assert all(r.at == dt.time(8, 30) and r.kind == "long" and r.distance_m == 16000 for r in longs)
    assert all(r.minutes == 90 for r in longs)
    (race,) = [t.run for t in read.runs if t.uid == "garmin-race"]
    assert race.kind == "race"
    assert race.distance_m == pytest.approx(9978, abs=1)
    assert [(s.uid, s.reason) for s in read.skipped] == [("garmin-walk", "a walk or hike, not a run")]


def test_a_repeat_with_nothing_in_the_window_says_so() -> None:
    read = read_calendar(GARMIN, start=dt.date(2027, 1, 1), days=7)
    reasons = {s.uid: s.reason for s in read.skipped}
    assert reasons["garmin-long"] == "a repeating event with no date in the next 7 days"
    assert reasons["garmin-race"] == "outside the next 7 days"
    assert read.runs == []


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"<!DOCTYPE html><html><body>Sign in</body></html>", "BEGIN:VCALENDAR"),
        (b"", "nothing"),
        (b"\xef\xbb\xbf  BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nthis is not a content line\r\n", "not a readable"),
    ],
)
def test_what_is_not_icalendar_is_refused_with_a_reason(data: bytes, says: str) -> None:
    with pytest.raises(CalendarError) as error:
        read_calendar(data, start=dt.date(2026, 11, 1), days=7)
    assert says in error.value.reason


def test_a_bom_and_blank_lines_before_the_calendar_are_fine() -> None:
    read = read_calendar(b"\xef\xbb\xbf\r\n" + GARMIN, start=dt.date(2026, 11, 1), days=10)
    assert [t.run.date for t in read.runs] == [dt.date(2026, 11, 8)]


def test_an_all_day_weekly_run_with_a_date_exdate_and_an_event_without_a_start() -> None:
    data = _ics(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Coach//Plan//EN",
        "BEGIN:VEVENT",
        "UID:weekly-jog",
        "DTSTART;VALUE=DATE:20261102",
        "RRULE:FREQ=WEEKLY;BYDAY=MO,TH;UNTIL=20261119",
        "EXDATE;VALUE=DATE:20261109",
        "SUMMARY:Jog 30 min",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:no-start",
        "SUMMARY:Run",
        "END:VEVENT",
        "END:VCALENDAR",
    )
    read = read_calendar(data, start=dt.date(2026, 11, 1), days=30)
    assert [(t.run.date, t.run.at, t.run.minutes) for t in read.runs] == [
        (dt.date(2026, 11, 2), None, 30),
        (dt.date(2026, 11, 5), None, 30),
        (dt.date(2026, 11, 12), None, 30),
        (dt.date(2026, 11, 16), None, 30),
        (dt.date(2026, 11, 19), None, 30),
    ]
    assert [(s.uid, s.reason) for s in read.skipped] == [("no-start", "it has no start date")]


@pytest.mark.parametrize(
    ("title", "sport", "kind", "km", "minutes"),
    [
        ("Bike intervals 4x8'", (False, "a bike ride, not a run"), None, None, None),
        ("Tempo 2 x 15 min", (True, ""), "workout", None, None),
        ("Track 6 x 1 km, 12 km in all", (True, ""), "workout", 12.0, None),
        ("10k tempo", (True, ""), "workout", 10.0, None),
        ("Half marathon race", (True, ""), "race", 21.0975, None),
        ("Marathon pace long run 1h30", (True, ""), "long", None, 90),
        ("Easy jog + strides 45 min", (True, ""), "easy", None, 45),
        ("Hill repeats 1:10 h", (True, ""), "workout", None, 70),
        ("Team meeting", None, None, None, None),
    ],
)
def test_the_words_of_an_event(
    title: str, sport: tuple[bool, str] | None, kind: str | None, km: float | None, minutes: int | None
) -> None:
    from supple.importers import calendar_words as words

    assert words.sport(title) == sport
    if kind is not None:
        assert words.kind(title) == kind
    metres = words.distance_m(title, "")
    assert (None if metres is None else round(metres / 1000, 4)) == km
    assert words.minutes(title, "") == minutes


_LINES = (
    "DTSTART:20261124T073000Z",
    "DTSTART;VALUE=DATE:20261124",
    "DTSTART;TZID=Europe/Berlin:20261124T070000",
    "DTSTART;TZID=Nowhere/Land:20261124T070000",
    "DTSTART:garbage",
    "RRULE:FREQ=WEEKLY;COUNT=3",
    "RRULE:FREQ=BOGUS",
    "RRULE:FREQ=DAILY;UNTIL=20261201",
    "RRULE:FREQ=DAILY;UNTIL=20261201T000000Z",
    "EXDATE:20261125T073000Z",
    "EXDATE;VALUE=DATE:20261125",
    "RDATE:20261126T080000Z",
    "RDATE;VALUE=PERIOD:20261127T080000Z/PT1H",
    "SUMMARY:Run 10k",
    "SUMMARY:Bike 40k",
    "SUMMARY:",
    "DURATION:PT45M",
    "DTEND:20261124T083000Z",
    "DTEND;VALUE=DATE:20261125",
    "UID:x",
    "UID:y",
    "RECURRENCE-ID:20261201T073000Z",
    "CATEGORIES:Run,WORKOUT",
    "STATUS:CANCELLED",
    "DESCRIPTION:Planned time: 1:00:00",
    "X-FOO;BAR=1:2",
)


@given(st.lists(st.lists(st.sampled_from(_LINES), min_size=1, max_size=8), min_size=1, max_size=4))
@settings(max_examples=300, deadline=None)
def test_any_mix_of_event_lines_gives_runs_in_the_window_or_a_reason(events: list[list[str]]) -> None:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN"]
    for event in events:
        lines += ["BEGIN:VEVENT", *event, "END:VEVENT"]
    lines.append("END:VCALENDAR")
    start = dt.date(2026, 11, 20)
    refused = ""
    try:
        read = read_calendar(_ics(*lines), start=start, days=30)
    except CalendarError as error:
        refused = error.reason
    if refused:
        assert refused.startswith("not a readable iCalendar calendar: ")
        return
    assert all(start <= t.run.date < start + dt.timedelta(days=30) for t in read.runs)
    assert all(t.run.source == "calendar" for t in read.runs)
    assert all(s.reason for s in read.skipped)
    assert len(read.runs) + len(read.skipped) >= 1, "every event is taken or left out with a reason"


def test_a_changed_date_without_its_series_and_an_until_given_as_a_date() -> None:
    data = _ics(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Test//EN",
        "BEGIN:VEVENT",
        "UID:lonely",
        "RECURRENCE-ID:20261201T073000Z",
        "DTSTART:20261202T073000Z",
        "SUMMARY:Long run",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:daily",
        "DTSTART:20261124T070000",
        "RRULE:FREQ=DAILY;UNTIL=20261126",
        "SUMMARY:Run",
        "END:VEVENT",
        "END:VCALENDAR",
    )
    read = read_calendar(data, start=dt.date(2026, 11, 20), days=30)
    assert [(t.uid, t.run.kind) for t in read.runs] == [
        ("daily#2026-11-24", "easy"),
        ("daily#2026-11-25", "easy"),
        ("daily#2026-11-26", "easy"),
        ("lonely#2026-12-02", "long"),
    ]
