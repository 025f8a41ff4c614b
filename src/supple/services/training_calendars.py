"""Planned runs from a training-plan calendar the runner subscribed to (an iCalendar feed or file).

Subscribing fetches the calendar (``importers.calendar_feed``), reads the running events of the
next ``WINDOW_DAYS`` days (``importers.ical``) and stores the subscription with the planned runs
taken from it. Every event gets a line in the calendar's report: taken as a run, or left out
with the reason in words. A refresh fetches again and replaces the calendar's planned runs from
today on, in one transaction (refreshing twice gives the same rows); a refresh that fails keeps
the runs taken before and says why in the calendar's status. The ``calendars.refresh`` job
refreshes one athlete's calendars; ``refresh_everyone`` (the hourly timer) every athlete's.

``local`` says who may be fetched: the runner's own machine (a file, an address on this machine or
its network) for the command line and an embedded database; public web addresses only otherwise.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from supple.core.activity import PlannedRun
from supple.core.errors import MISSING, InvalidInput, NotAllowed
from supple.importers import calendar_feed
from supple.importers.ical import CalendarError, CalendarRead, read_calendar
from supple.jobs import Progress
from supple.services import jobs
from supple.services.context import Context
from supple.store.calendars import Calendar
from supple.store.errors import NotFound
from supple.store.job_rows import JobRow

#: How far ahead a calendar's events become planned runs (days from today).
WINDOW_DAYS = 56
#: The biggest calendar read.
MAX_BYTES = calendar_feed.MAX_BYTES
JOB_KIND = "calendars.refresh"
#: The hourly refresh leaves a calendar fetched more recently than this.
FRESH_FOR = dt.timedelta(minutes=30)
_LOG = logging.getLogger("supple.calendars")


@dataclass(frozen=True, slots=True)
class CalendarView:
    """A subscribed calendar: where it is, how its last fetch went, and each event's line."""

    id: int
    source: str
    name: str
    fetched_at: str | None
    status: str
    events: tuple[dict[str, Any], ...]

    @property
    def taken(self) -> list[dict[str, Any]]:
        return [e for e in self.events if e.get("taken")]

    @property
    def left_out(self) -> list[dict[str, Any]]:
        return [e for e in self.events if not e.get("taken")]

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "name": self.name,
            "fetched_at": self.fetched_at,
            "status": self.status,
            "taken": self.taken,
            "left_out": self.left_out,
        }


def _view(row: Calendar) -> CalendarView:
    events = tuple(e for e in (row.report or []) if isinstance(e, dict))
    fetched = None if row.fetched_at is None else row.fetched_at.isoformat(timespec="seconds")
    return CalendarView(row.id, row.url, row.name, fetched, row.status, events)


def _writable(ctx: Context) -> None:
    if not ctx.data.writable:
        raise NotAllowed("this access is read-only; subscribing to a calendar needs read-write access")


def _fetch(source: str, *, local: bool) -> bytes:
    if not local and calendar_feed.feed_url(source) is None:
        raise InvalidInput("calendar", source, "an http(s) or webcal address of an iCalendar feed")
    try:
        return calendar_feed.fetch_calendar(source, max_bytes=MAX_BYTES, allow_private=local)
    except calendar_feed.CalendarUnavailable as error:
        raise InvalidInput("calendar", source, f"an iCalendar feed or file that can be read ({error.reason})") from None


def _read(source: str, data: bytes, today: dt.date) -> CalendarRead:
    try:
        return read_calendar(data, start=today, days=WINDOW_DAYS)
    except CalendarError as error:
        raise InvalidInput("calendar", source, f"an iCalendar calendar ({error.reason})") from None


def _describe(run: PlannedRun) -> str:
    parts = [f"{run.kind} run"]
    if run.distance_m is not None:
        parts.append(f"{run.distance_m / 1000:g} km")
    if run.minutes is not None:
        parts.append(f"{run.minutes} min")
    if run.at is not None:
        parts.append(f"at {run.at.strftime('%H:%M')}")
    return ", ".join(parts)


def _report(read: CalendarRead) -> list[dict[str, Any]]:
    lines = [
        {"uid": uid, "summary": run.title, "date": run.date.isoformat(), "taken": True, "reason": _describe(run)}
        for uid, run in read.runs
    ]
    lines += [
        {
            "uid": s.uid,
            "summary": s.summary,
            "date": None if s.date is None else s.date.isoformat(),
            "taken": False,
            "reason": s.reason,
        }
        for s in read.skipped
    ]
    return sorted(lines, key=lambda line: (line["date"] or "", line["summary"]))


def _status(read: CalendarRead) -> str:
    runs, left = len(read.runs), len(read.skipped)
    return f"{runs} run{'' if runs == 1 else 's'} taken, {left} event{'' if left == 1 else 's'} left out"


def _store(ctx: Context, calendar_id: int, read: CalendarRead, today: dt.date) -> None:
    end = today + dt.timedelta(days=WINDOW_DAYS - 1)
    ctx.data.replace_calendar_runs(
        calendar_id,
        start=today,
        end=end,
        runs=[(taken.uid, taken.run) for taken in read.runs],
        status=_status(read),
        report=_report(read),
        name=read.name or None,
    )


def _one(ctx: Context, calendar_id: int) -> Calendar:
    for row in ctx.data.calendars():
        if row.id == calendar_id:
            return row
    raise InvalidInput("id", calendar_id, "the id of one of your calendars (see `runs calendar list`)")


def subscribe(ctx: Context, source: str, *, today: dt.date, local: bool = False) -> CalendarView:
    """Subscribe to the calendar at ``source`` and take its running events as planned runs.

    When it cannot be fetched or read, ``InvalidInput`` names it and the reason, and nothing is written."""
    _writable(ctx)
    source = source.strip()
    if not source:
        raise InvalidInput("calendar", MISSING, "the address (http, https, webcal) or file of an iCalendar calendar")
    if len(source) > 2000:
        raise InvalidInput("calendar", source[:40] + "...", "an address of at most 2000 characters")
    read = _read(source, _fetch(source, local=local), today)
    calendar_id = ctx.data.add_calendar(source, read.name)
    try:
        _store(ctx, calendar_id, read, today)
    except BaseException:
        ctx.data.delete_calendar(calendar_id)
        raise
    return _view(_one(ctx, calendar_id))


def calendars(ctx: Context) -> list[CalendarView]:
    return [_view(row) for row in ctx.data.calendars()]


def refresh(ctx: Context, calendar_id: int, *, today: dt.date, local: bool = False) -> CalendarView:
    """Fetch the calendar again and replace its planned runs from today on; a failure keeps the old
    runs and is said in the calendar's status (the view returned shows it)."""
    _writable(ctx)
    row = _one(ctx, calendar_id)
    try:
        read = _read(row.url, _fetch(row.url, local=local), today)
    except InvalidInput as error:
        when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        ctx.data.calendar_failed(calendar_id, f"last refresh failed ({when}): {error.expected}; runs taken before kept")
        return _view(_one(ctx, calendar_id))
    _store(ctx, calendar_id, read, today)
    return _view(_one(ctx, calendar_id))


def refresh_all(ctx: Context, *, today: dt.date, local: bool = False) -> list[CalendarView]:
    """Refresh every calendar of ``ctx``'s athlete."""
    return [refresh(ctx, row.id, today=today, local=local) for row in ctx.data.calendars()]


def unsubscribe(ctx: Context, calendar_id: int) -> None:
    """Forget the calendar; the planned runs taken from it go with it."""
    _writable(ctx)
    try:
        ctx.data.delete_calendar(calendar_id)
    except NotFound:
        raise InvalidInput("id", calendar_id, "the id of one of your calendars (see `runs calendar list`)") from None


@jobs.kind(JOB_KIND)
def _refresh_job(ctx: Context, job: JobRow, progress: Progress) -> dict[str, Any]:
    rows = ctx.data.calendars()
    done = []
    for n, row in enumerate(rows):
        view = refresh(ctx, row.id, today=dt.date.today(), local=ctx.data.local_reads)
        done.append({"id": view.id, "source": view.source, "status": view.status})
        progress(n + 1, len(rows))
    return {"calendars": done}


def refresh_everyone(ctx: Context, *, today: dt.date | None = None) -> int:
    """Refresh the calendars of every athlete on ``ctx``'s database (the hourly timer); calendars refreshed.

    A calendar fetched in the last ``FRESH_FOR`` is left as it is (refreshed by hand or just added).
    One athlete's failure is logged and does not stop the others."""
    day = today or dt.date.today()
    recent = dt.datetime.now(dt.UTC) - FRESH_FOR
    count = 0
    for athlete in ctx.data.calendar_rows.subscribed_athletes():
        mine = ctx.for_athlete(athlete, jobs.JOB_ACTOR)
        try:
            for row in mine.data.calendars():
                if row.fetched_at is None or row.fetched_at < recent:
                    refresh(mine, row.id, today=day, local=mine.data.local_reads)
                    count += 1
        except Exception:
            _LOG.exception("refreshing the calendars of %s failed", athlete)
    return count
