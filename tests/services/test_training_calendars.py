"""Subscribing to a training plan's calendar over real HTTP, on SQLite and PostgreSQL: its running events
become planned runs with a reason per event, a refresh replaces them (no duplicates, removed events gone),
a feed that breaks keeps the runs taken before, and unsubscribing removes them."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from supple.config import Settings
from supple.core.errors import InvalidInput
from supple.jobs.local import LocalWorker
from supple.services import jobs, training_calendars
from supple.store.repository import open_store
from supple.store.schema import calendars
from tests.contexts import ctx_for
from tests.services.plan_feed import WEEKS, PlanServer, next_monday, plan_feed, plan_server

__all__ = ["plan_server"]

TODAY = dt.date.today()  # the calendar job refreshes from the real today, so the feed is built from it
MONDAY = next_monday(TODAY)


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url_override=database_url)


def _planned(settings: Settings, athlete: str | None = None) -> list[tuple[str, str, str | None, float | None]]:
    stored = ctx_for(settings, athlete).data.planned_runs()
    return [(p.run.date.isoformat(), p.run.kind, p.event_uid, p.run.distance_m) for p in stored]


def _an_hour_goes_by(settings: Settings) -> None:
    """Every calendar's last fetch put back by more than an hour."""
    engine = open_store(settings.database_url).engine
    then = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1, minutes=1)
    try:
        with engine.begin() as conn:
            conn.execute(calendars.update().values(fetched_at=then))
    finally:
        engine.dispose()


def _count(settings: Settings, table: str) -> int:
    engine = open_store(settings.database_url).engine
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one())
    finally:
        engine.dispose()


def test_subscribing_takes_the_runs_and_says_why_the_rest_was_left_out(
    settings: Settings, plan_server: PlanServer
) -> None:
    url = plan_server.serve("/plan.ics", plan_feed(MONDAY))
    view = training_calendars.subscribe(ctx_for(settings), url, today=TODAY, local=True)
    assert view.name == "Half marathon plan"
    assert view.status == f"{WEEKS + 2} runs taken, 2 events left out"
    left = {line["summary"]: line for line in view.left_out}
    assert left["Bike ride 40 km"]["reason"] == "a bike ride, not a run"
    assert left["Bike ride 40 km"]["date"] == (MONDAY + dt.timedelta(days=2)).isoformat()
    assert left["Rest day"]["reason"] == "a rest day"
    taken = {line["summary"]: line for line in view.taken}
    assert taken["Long run 18 km"]["reason"] == "long run, 18 km, 120 min, at 09:00"
    assert taken["Race: city half marathon"]["date"] == (MONDAY + dt.timedelta(days=20)).isoformat()

    planned = _planned(settings)
    assert len(planned) == WEEKS + 2
    kinds = [kind for _, kind, _, _ in planned]
    assert kinds.count("easy") == WEEKS
    assert kinds.count("long") == 1
    assert kinds.count("race") == 1
    tuesdays = [date for date, kind, _, _ in planned if kind == "easy"]
    assert tuesdays == [(MONDAY + dt.timedelta(days=1 + 7 * w)).isoformat() for w in range(WEEKS)]
    stored = ctx_for(settings).data.planned_runs()
    assert {p.run.source for p in stored} == {"calendar"}
    assert {p.calendar_id for p in stored} == {view.id}
    assert next(p for p in stored if p.run.kind == "easy").run.at == dt.time(7, 0), "Berlin wall-clock time kept"

    listed = training_calendars.calendars(ctx_for(settings))
    assert [(c.id, c.source, c.status) for c in listed] == [(view.id, url, view.status)]
    assert listed[0].fetched_at is not None


def test_a_refresh_replaces_the_runs_and_twice_changes_nothing(settings: Settings, plan_server: PlanServer) -> None:
    url = plan_server.serve("/plan.ics", plan_feed(MONDAY))
    view = training_calendars.subscribe(ctx_for(settings), url, today=TODAY, local=True)
    before = _planned(settings)
    again = training_calendars.refresh(ctx_for(settings), view.id, today=TODAY, local=True)
    assert _planned(settings) == before, "refreshing an unchanged feed leaves the same runs"
    assert again.status == view.status

    # The coach moves the plan on: the long run grows, the race is dropped, two weeks fewer.
    plan_server.serve("/plan.ics", plan_feed(MONDAY, long_km=21, with_race=False, weeks=WEEKS - 2))
    changed = training_calendars.refresh(ctx_for(settings), view.id, today=TODAY, local=True)
    assert changed.status == f"{WEEKS - 1} runs taken, 2 events left out"
    after = _planned(settings)
    assert len(after) == WEEKS - 1
    assert "race" not in [kind for _, kind, _, _ in after], "the race removed from the feed is gone"
    assert [d for _, kind, _, d in after if kind == "long"] == [21000.0]
    assert len({(date, uid) for date, _, uid, _ in after}) == len(after), "no duplicates"
    training_calendars.refresh(ctx_for(settings), view.id, today=TODAY, local=True)
    assert _planned(settings) == after


def test_runs_added_by_hand_and_other_calendars_are_left_alone(settings: Settings, plan_server: PlanServer) -> None:
    from supple.services import runs

    first = plan_server.serve("/a.ics", plan_feed(MONDAY))
    second = plan_server.serve("/b.ics", plan_feed(MONDAY, with_race=False, weeks=1))
    a = training_calendars.subscribe(ctx_for(settings), first, today=TODAY, local=True)
    b = training_calendars.subscribe(ctx_for(settings), second, today=TODAY, local=True)
    runs.add_planned(ctx_for(settings), MONDAY + dt.timedelta(days=3), kind="easy", distance_km=5.0)
    plan_server.serve("/a.ics", plan_feed(MONDAY, weeks=1, with_race=False))
    training_calendars.refresh(ctx_for(settings), a.id, today=TODAY, local=True)
    stored = ctx_for(settings).data.planned_runs()
    assert sum(1 for p in stored if p.calendar_id == a.id) == 2
    assert sum(1 for p in stored if p.calendar_id == b.id) == 2
    assert sum(1 for p in stored if p.run.source == "manual") == 1

    training_calendars.unsubscribe(ctx_for(settings), a.id)
    stored = ctx_for(settings).data.planned_runs()
    assert {p.calendar_id for p in stored} == {b.id, None}
    assert [c.id for c in training_calendars.calendars(ctx_for(settings))] == [b.id]
    with pytest.raises(InvalidInput, match="calendars"):
        training_calendars.unsubscribe(ctx_for(settings), a.id)


@pytest.mark.parametrize(
    ("page", "said"),
    [
        ((404, "text/plain", b"gone"), "the server answered 404"),
        ((200, "text/html", b"<html><body>Please sign in</body></html>"), "an HTML page"),
        ((200, "text/calendar", b"BEGIN:VCALENDAR\r\n" + b"X" * (3 * 1024 * 1024)), "too big"),
        ((200, "text/calendar", b"BEGIN:VCALENDAR\r\nthis is not : really\r\n\x00\x01"), "iCalendar"),
    ],
)
def test_a_feed_that_cannot_be_used_is_refused_and_nothing_is_written(
    settings: Settings, plan_server: PlanServer, page: tuple[int, str, bytes], said: str
) -> None:
    url = plan_server.url("/bad.ics")
    plan_server.pages["/bad.ics"] = page
    with pytest.raises(InvalidInput) as refused:
        training_calendars.subscribe(ctx_for(settings), url, today=TODAY, local=True)
    assert url in str(refused.value)
    assert said in str(refused.value)
    assert _count(settings, "calendars") == 0
    assert _count(settings, "planned_runs") == 0


@pytest.mark.parametrize(
    ("page", "said"),
    [
        ((404, "text/plain", b"gone"), "404"),
        ((200, "text/html", b"<html>maintenance</html>"), "HTML"),
        ((200, "text/calendar", b"BEGIN:VCALENDAR\r\n" + b"X" * (3 * 1024 * 1024)), "too big"),
    ],
)
def test_a_refresh_that_fails_keeps_the_runs_and_says_why(
    settings: Settings, plan_server: PlanServer, page: tuple[int, str, bytes], said: str
) -> None:
    url = plan_server.serve("/plan.ics", plan_feed(MONDAY))
    view = training_calendars.subscribe(ctx_for(settings), url, today=TODAY, local=True)
    before = _planned(settings)
    plan_server.pages["/plan.ics"] = page
    failed = training_calendars.refresh(ctx_for(settings), view.id, today=TODAY, local=True)
    assert failed.status.startswith("last refresh failed")
    assert said in failed.status
    assert "runs taken before kept" in failed.status
    assert _planned(settings) == before
    assert [line["summary"] for line in failed.left_out] == [line["summary"] for line in view.left_out]


def test_the_web_may_not_fetch_files_or_this_machine(
    settings: Settings, plan_server: PlanServer, tmp_path: Path
) -> None:
    url = plan_server.serve("/plan.ics", plan_feed(MONDAY))
    with pytest.raises(InvalidInput, match="refused"):
        training_calendars.subscribe(ctx_for(settings), url, today=TODAY)
    path = tmp_path / "plan.ics"
    path.write_bytes(plan_feed(MONDAY))
    with pytest.raises(InvalidInput, match="http"):
        training_calendars.subscribe(ctx_for(settings), str(path), today=TODAY)
    assert plan_server.hits == [], "nothing was fetched"
    assert _count(settings, "calendars") == 0
    local = training_calendars.subscribe(ctx_for(settings), str(path), today=TODAY, local=True)
    assert len(local.taken) == WEEKS + 2, "the command line may read a file"


def test_a_read_only_access_cannot_subscribe(settings: Settings, plan_server: PlanServer) -> None:
    from supple.core.errors import NotAllowed

    url = plan_server.serve("/plan.ics", plan_feed(MONDAY))
    with pytest.raises(NotAllowed):
        training_calendars.subscribe(ctx_for(settings, writable=False), url, today=TODAY, local=True)
    assert plan_server.hits == []


def test_the_refresh_job_and_the_hourly_refresh_of_everyone(settings: Settings, plan_server: PlanServer) -> None:
    amy = plan_server.serve("/amy.ics", plan_feed(MONDAY))
    bo = plan_server.serve("/bo.ics", plan_feed(MONDAY, weeks=1))
    training_calendars.subscribe(ctx_for(settings, "amy"), amy, today=TODAY, local=True)
    training_calendars.subscribe(ctx_for(settings, "bo"), bo, today=TODAY, local=True)
    plan_server.serve("/amy.ics", plan_feed(MONDAY, with_race=False))
    plan_server.serve("/bo.ics", plan_feed(MONDAY, weeks=2))

    seen: list[tuple[int, int]] = []
    job = jobs.run_here(
        ctx_for(settings, "amy"), training_calendars.JOB_KIND, progress=lambda d, t: seen.append((d, t))
    )
    assert job.state == "done"
    assert seen[-1] == (1, 1)
    local = settings.database_url.startswith("sqlite")
    if local:  # an embedded database is the runner's own machine: 127.0.0.1 may be fetched
        assert job.report["calendars"][0]["status"] == f"{WEEKS + 1} runs taken, 2 events left out"
        assert len(_planned(settings, "amy")) == WEEKS + 1
    else:  # a server fetches public addresses only: the refresh fails and the runs stay
        assert "refused" in job.report["calendars"][0]["status"]
        assert len(_planned(settings, "amy")) == WEEKS + 2
    assert len(_planned(settings, "bo")) == 3, "another athlete's job does not touch bo"

    process = ctx_for(settings, "-", writable=False)
    assert training_calendars.refresh_everyone(process, today=TODAY) == 0, "all were fetched minutes ago"
    assert len(_planned(settings, "bo")) == 3
    _an_hour_goes_by(settings)
    assert training_calendars.refresh_everyone(process, today=TODAY) == 2
    assert len(_planned(settings, "bo")) == (4 if local else 3)


def test_the_local_worker_calls_its_hourly_work_every_hour_from_its_start(settings: Settings) -> None:
    called = threading.Event()
    calls: list[int] = []

    def hourly() -> None:
        calls.append(1)
        if len(calls) == 2:
            called.set()

    ctx = ctx_for(settings)
    idle = LocalWorker(jobs.rows(ctx), jobs.handler(ctx), poll=0.01, every_hour=hourly)
    idle.start()
    try:
        for _ in range(5):
            idle.wake()
            threading.Event().wait(0.02)
    finally:
        idle.stop()
    assert calls == [], "not before the first hour is up"
    quick = LocalWorker(jobs.rows(ctx), jobs.handler(ctx), poll=0.01, every_hour=hourly, hour=0.05)
    quick.start()
    try:
        assert called.wait(60), "called each (short) hour"
    finally:
        quick.stop()


@pytest.mark.postgres
def test_a_postgresql_worker_refreshes_the_calendars_every_hour(
    postgres_url: str, tmp_path: Path, plan_server: PlanServer
) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url_override=postgres_url)
    url = plan_server.serve("/plan.ics", plan_feed(MONDAY))
    view = training_calendars.subscribe(ctx_for(settings), url, today=TODAY, local=True)
    _an_hour_goes_by(settings)
    app = jobs.worker_app(ctx_for(settings, "-", writable=False))
    assert ("supple.timer.calendars", "calendars") in app.periodic_registry.periodic_tasks
    app.tasks["supple.timer.calendars"].func(timestamp=0)  # what the worker runs at 7 past every hour
    (after,) = training_calendars.calendars(ctx_for(settings))
    # a server fetches public addresses only: this calendar on 127.0.0.1 is refused, its runs kept
    assert after.id == view.id
    assert "refused" in after.status
    assert len(_planned(settings)) == WEEKS + 2


def test_a_submitted_refresh_job_runs_in_the_background(settings: Settings, plan_server: PlanServer) -> None:
    url = plan_server.serve("/plan.ics", plan_feed(MONDAY))
    training_calendars.subscribe(ctx_for(settings), url, today=TODAY, local=True)
    plan_server.serve("/plan.ics", plan_feed(MONDAY, weeks=1))
    process = ctx_for(settings, "-", writable=False)
    try:
        submitted = jobs.submit(ctx_for(settings), training_calendars.JOB_KIND, title="Refresh calendars")
        if settings.database_url.startswith("sqlite"):  # this process's job thread runs it
            job = jobs.status(ctx_for(settings), submitted.id)
            for _ in range(3000):
                if job.finished:
                    break
                threading.Event().wait(0.1)
                job = jobs.status(ctx_for(settings), submitted.id)
        else:  # a procrastinate worker runs it
            jobs.worker(process, once=True)
            job = jobs.status(ctx_for(settings), submitted.id)
    finally:
        jobs.stop_local()
    assert job.state == "done", job.error
    (line,) = job.report["calendars"]
    if settings.database_url.startswith("sqlite"):
        assert line["status"] == "3 runs taken, 2 events left out"
        assert len(_planned(settings)) == 3
    else:
        assert "refused" in line["status"]
        assert len(_planned(settings)) == WEEKS + 2
