"""The runs repository on SQLite and PostgreSQL: files stored once, the same activity from two files
is one (FIT preferred), planned runs, the longest recent run, jobs and calendars, export and delete."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from supple.core.activity import Activity, PlannedRun
from supple.store import athlete_rows
from supple.store.calendars import Calendars
from supple.store.errors import NotFound
from supple.store.job_rows import JobRows
from supple.store.repository import open_store
from supple.store.runs import Runs, same_activity
from supple.store.schema import activities, activity_files

START = dt.datetime(2026, 11, 20, 6, 30, tzinfo=dt.UTC)


def _run(start: dt.datetime = START, elapsed: float = 3000.0, **changes: object) -> Activity:
    values: dict[str, object] = {
        "start": start,
        "local_offset": dt.timedelta(hours=1),
        "sport": "running",
        "elapsed_seconds": elapsed,
        "moving_seconds": elapsed - 60,
        "distance_m": 10_000.0,
        "avg_hr": 150,
        "source_sport": "running",
    }
    return Activity(**(values | changes))  # type: ignore[arg-type]


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _counts(runs: Runs) -> tuple[int, int]:
    with runs.engine.connect() as conn:
        return (
            conn.execute(sa.select(sa.func.count()).select_from(activities)).scalar_one(),
            conn.execute(sa.select(sa.func.count()).select_from(activity_files)).scalar_one(),
        )


@pytest.fixture
def runs(database_url: str) -> Runs:
    return Runs(open_store(database_url).engine)


def test_the_same_file_twice_is_stored_once(runs: Runs) -> None:
    first = runs.add_activities("amy", "a.fit", "fit", _hash("a"), [_run()])
    assert first[0][0] == "imported"
    again = runs.add_activities("amy", "copy/a.fit", "fit", _hash("a"), [_run()])
    assert again == [("duplicate", first[0][1])]
    assert _counts(runs) == (1, 1)
    assert runs.known_file("amy", _hash("a")) == [first[0][1]]
    assert runs.known_file("amy", _hash("b")) is None
    assert runs.known_file("bob", _hash("a")) is None, "another athlete's file is not theirs"


def test_stored_figures_read_back_the_same(runs: Runs) -> None:
    [(_, new_id)] = runs.add_activities("amy", "a.fit", "fit", _hash("a"), [_run()])
    stored = runs.get_activity("amy", new_id)
    assert stored.activity == _run()
    assert (stored.source, stored.format) == ("a.fit", "fit")
    with pytest.raises(NotFound):
        runs.get_activity("bob", new_id)


def test_a_gpx_of_a_stored_fit_is_a_duplicate_and_the_fit_figures_stay(runs: Runs) -> None:
    [(_, fit_id)] = runs.add_activities("amy", "a.fit", "fit", _hash("fit"), [_run()])
    gpx = _run(START + dt.timedelta(seconds=40), 3100.0, distance_m=9_800.0, local_offset=None, avg_hr=None)
    assert runs.add_activities("amy", "a.gpx", "gpx", _hash("gpx"), [gpx]) == [("duplicate", fit_id)]
    stored = runs.get_activity("amy", fit_id)
    assert (stored.format, stored.activity.distance_m, stored.source) == ("fit", 10_000.0, "a.fit")
    assert _counts(runs) == (1, 2), "one activity, both files known"


def test_a_fit_after_a_gpx_takes_over_the_figures(runs: Runs) -> None:
    gpx = _run(START - dt.timedelta(seconds=50), 2800.0, distance_m=9_700.0, local_offset=None, avg_hr=None)
    [(_, gpx_id)] = runs.add_activities("amy", "a.gpx", "gpx", _hash("gpx"), [gpx])
    assert runs.add_activities("amy", "a.fit", "fit", _hash("fit"), [_run()]) == [("duplicate", gpx_id)]
    stored = runs.get_activity("amy", gpx_id)
    assert stored.activity == _run()
    assert (stored.format, stored.source) == ("fit", "a.fit")


def test_activities_apart_in_start_or_length_are_two() -> None:
    assert same_activity(START, 3000, START + dt.timedelta(seconds=60), 3290)
    assert not same_activity(START, 3000, START + dt.timedelta(seconds=61), 3000)
    assert not same_activity(START, 3000, START, 3400), "more than 10 % and more than 120 s apart"
    assert same_activity(START, 600, START, 715), "within 120 s on a short run"


def test_a_multisport_file_stores_each_part(runs: Runs) -> None:
    parts = [_run(START, 1800, sport="swimming"), _run(START + dt.timedelta(seconds=1810), 3600, sport="cycling")]
    outcomes = runs.add_activities("amy", "tri.fit", "fit", _hash("tri"), parts)
    assert [o[0] for o in outcomes] == ["imported", "imported"]
    assert len({o[1] for o in outcomes}) == 2
    assert runs.add_activities("amy", "tri.fit", "fit", _hash("tri"), parts) == [("duplicate", o[1]) for o in outcomes]


def test_list_window_limit_and_longest_run(runs: Runs) -> None:
    for days, km, sport in ((1, 8, "running"), (10, 21, "running"), (20, 60, "cycling"), (40, 30, "running")):
        when = START - dt.timedelta(days=days)
        runs.add_activities(
            "amy", f"{days}.fit", "fit", _hash(str(days)), [_run(when, distance_m=km * 1000.0, sport=sport)]
        )
    listed = runs.activities("amy")
    assert [a.activity.start for a in listed] == sorted((a.activity.start for a in listed), reverse=True)
    assert len(runs.activities("amy", since=(START - dt.timedelta(days=15)).date())) == 2
    assert len(runs.activities("amy", until=(START - dt.timedelta(days=15)).date())) == 2
    assert len(runs.activities("amy", limit=3)) == 3
    assert runs.longest_run("amy", START.date()) == 21_000.0, "the 60 km ride is not a run; 40 days ago is too old"
    assert runs.longest_run("amy", (START - dt.timedelta(days=60)).date()) is None
    assert runs.count_activities("amy") == 4


def test_by_hand_update_delete_and_planned_runs(runs: Runs) -> None:
    manual = runs.add_manual("amy", _run(sport="treadmill", local_offset=None))
    assert runs.get_activity("amy", manual).format == "manual"
    changed = runs.update_activity("amy", manual, _run(sport="treadmill", distance_m=5_000.0, local_offset=None))
    assert changed.activity.distance_m == 5_000.0
    runs.delete_activity("amy", manual)
    with pytest.raises(NotFound):
        runs.delete_activity("amy", manual)
    first = runs.add_planned("amy", PlannedRun(dt.date(2026, 12, 1), dt.time(7), "long", 18_000.0, None, "manual"))
    runs.add_planned("amy", PlannedRun(dt.date(2026, 12, 3), None, "easy", None, 40, "manual", "Easy"))
    assert [p.run.date.day for p in runs.planned("amy")] == [1, 3]
    assert [p.id for p in runs.planned("amy", since=dt.date(2026, 12, 2))] != [first]
    assert runs.planned("amy", until=dt.date(2026, 12, 1))[0].run.at == dt.time(7)
    runs.delete_planned("amy", first)
    with pytest.raises(NotFound):
        runs.delete_planned("bob", first + 1)
    assert len(runs.planned("amy")) == 1


def test_calendars(database_url: str) -> None:
    calendars = Calendars(open_store(database_url).engine)
    calendar = calendars.add_calendar("amy", "https://example.org/plan.ics", "Plan")
    assert [c.url for c in calendars.calendars("amy")] == ["https://example.org/plan.ics"]
    assert calendars.calendars("bob") == []
    with pytest.raises(NotFound):
        calendars.delete_calendar("bob", calendar)
    calendars.delete_calendar("amy", calendar)
    assert calendars.calendars("amy") == []


def test_export_restore_and_delete_carry_the_runs(database_url: str) -> None:
    store = open_store(database_url)
    runs, jobs = Runs(store.engine), JobRows(store.engine)
    runs.add_activities("amy", "a.fit", "fit", _hash("a"), [_run()])
    runs.add_activities("amy", "a.gpx", "gpx", _hash("b"), [_run(local_offset=None)])
    runs.add_planned("amy", PlannedRun(dt.date(2026, 12, 1), dt.time(7, 15), "race", 42_195.0, None, "manual"))
    jobs.submit("amy", "runs.import", chunks=[b"a file"])
    dump = athlete_rows.dump(store.engine, "amy")
    assert len(dump["activities"]) == 1
    assert len(dump["activity_files"]) == 2
    assert dump["planned_runs"][0]["at"] == "07:15:00"
    assert "jobs" not in dump, "a job's progress is not exported"
    athlete_rows.restore(store.engine, "bob", dump)
    assert athlete_rows.dump(store.engine, "bob") == dump
    assert runs.add_activities("bob", "a.fit", "fit", _hash("a"), [_run()])[0][0] == "duplicate"
    counts = athlete_rows.delete(store.engine, "amy")
    assert (counts["activities"], counts["activity_files"], counts["planned_runs"], counts["jobs"]) == (1, 2, 1, 1)
    assert runs.activities("amy") == []
    assert len(runs.activities("bob")) == 1


WRITER = """
import datetime as dt, sys, time
from pathlib import Path
from supple.core.activity import Activity
from supple.store.repository import open_store
from supple.store.runs import Runs

url, go = sys.argv[1], Path(sys.argv[2])
runs = Runs(open_store(url).engine)
start = dt.datetime(2026, 11, 1, 6, tzinfo=dt.UTC)
print("ready", flush=True)
while not go.exists():
    time.sleep(0.001)
for n in range(30):
    run = Activity(start + dt.timedelta(days=n), None, "running", 1800.0, None, 5000.0)
    runs.add_activities("amy", f"{n}.gpx", "gpx", f"{n:064x}", [run])
"""


def test_two_processes_storing_the_same_files_store_each_once(database_url: str, tmp_path: Path) -> None:
    open_store(database_url)  # migrated before the race
    go = tmp_path / "go"
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, database_url, str(go)], stdout=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    for writer in writers:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
    go.touch()
    for writer in writers:
        assert writer.wait(timeout=120) == 0
    assert _counts(Runs(open_store(database_url).engine)) == (30, 30)
