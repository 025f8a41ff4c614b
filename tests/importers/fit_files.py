"""FIT files for edge cases, written with fit-tool (BSD-3) at test time, never by hand."""

from __future__ import annotations

import datetime as dt

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.activity_message import ActivityMessage
from fit_tool.profile.messages.course_message import CourseMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.messages.sport_message import SportMessage
from fit_tool.profile.messages.workout_message import WorkoutMessage
from fit_tool.profile.profile_type import FileType, Manufacturer, Sport, SubSport

FIT_EPOCH = dt.datetime(1989, 12, 31, tzinfo=dt.UTC)


def _ms(moment: dt.datetime) -> int:
    """fit-tool takes times as milliseconds since 1970."""
    return round(moment.timestamp() * 1000)


def _file_id(kind: FileType, moment: dt.datetime) -> FileIdMessage:
    message = FileIdMessage()
    message.type = kind
    message.manufacturer = Manufacturer.DEVELOPMENT.value
    message.product = 0
    message.serial_number = 0x12345678
    message.time_created = _ms(moment)
    return message


def activity_file(
    start: dt.datetime,
    *,
    elapsed: float,
    timer: float,
    metres: float,
    sport: Sport | None = Sport.RUNNING,
    sub_sport: SubSport = SubSport.GENERIC,
    local_offset_at_end: dt.timedelta | None = None,
    avg_hr: int | None = None,
    records: int = 5,
    sport_message: Sport | None = None,
    session_times: bool = True,
) -> bytes:
    """An activity: file id, a few records, one session and an activity message."""
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    builder.add(_file_id(FileType.ACTIVITY, start))
    if sport_message is not None:
        named = SportMessage()
        named.sport = sport_message
        builder.add(named)
    for n in range(records):
        record = RecordMessage()
        record.timestamp = _ms(start + dt.timedelta(seconds=elapsed * n / max(1, records - 1)))
        record.distance = metres * n / max(1, records - 1)
        builder.add(record)
    end = start + dt.timedelta(seconds=elapsed)
    session = SessionMessage()
    if session_times:
        session.timestamp = _ms(end)
        session.start_time = _ms(start)
    session.total_elapsed_time = elapsed
    session.total_timer_time = timer
    session.total_distance = metres
    if sport is not None:
        session.sport = sport
    session.sub_sport = sub_sport
    if avg_hr is not None:
        session.avg_heart_rate = avg_hr
    builder.add(session)
    activity = ActivityMessage()
    activity.timestamp = _ms(end)
    activity.total_timer_time = timer
    activity.num_sessions = 1
    if local_offset_at_end is not None:
        # local_timestamp is FIT seconds (since 1989-12-31) of the local time
        activity.local_timestamp = round((end + local_offset_at_end - FIT_EPOCH).total_seconds())
    builder.add(activity)
    return builder.build().to_bytes()


def course_file(start: dt.datetime) -> bytes:
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    builder.add(_file_id(FileType.COURSE, start))
    course = CourseMessage()
    course.course_name = "Park loop"
    course.sport = Sport.RUNNING
    builder.add(course)
    for n in range(3):
        record = RecordMessage()
        record.timestamp = _ms(start + dt.timedelta(seconds=60 * n))
        record.distance = 200.0 * n
        builder.add(record)
    return builder.build().to_bytes()


def workout_file(created: dt.datetime) -> bytes:
    """A planned workout (no session, no records)."""
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    builder.add(_file_id(FileType.WORKOUT, created))
    workout = WorkoutMessage()
    workout.workout_name = "Tempo"
    workout.sport = Sport.RUNNING
    workout.num_valid_steps = 0
    builder.add(workout)
    return builder.build().to_bytes()
