"""Jobs (long work such as an import, with its progress and report) and training-plan calendars.

The rows only: the job runner and the calendar fetching are built on top of these. Every write
is one short transaction; a job's progress is written as it goes, so another process (a web
page polling it) reads it while the job runs.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from supple.store.errors import NotFound
from supple.store.repository import Transaction, athlete_id
from supple.store.schema import calendars, jobs
from supple.store.session_rows import as_utc, utc_now

JobState = Literal["queued", "running", "done", "failed"]
JOB_STATES: tuple[JobState, ...] = ("queued", "running", "done", "failed")


@dataclass(frozen=True, slots=True)
class Job:
    id: str
    kind: str
    state: JobState
    total: int
    done: int
    report: Any
    error: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    heartbeat_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class Calendar:
    id: int
    url: str
    name: str
    created_at: dt.datetime
    fetched_at: dt.datetime | None
    status: str
    report: Any
    etag: str | None


def _job(row: Any) -> Job:
    return Job(
        id=row.id,
        kind=row.kind,
        state=row.state,
        total=row.total,
        done=row.done,
        report=row.report,
        error=row.error,
        created_at=as_utc(row.created_at),
        updated_at=as_utc(row.updated_at),
        heartbeat_at=None if row.heartbeat_at is None else as_utc(row.heartbeat_at),
    )


def _calendar(row: Any) -> Calendar:
    return Calendar(
        id=row.id,
        url=row.url,
        name=row.name,
        created_at=as_utc(row.created_at),
        fetched_at=None if row.fetched_at is None else as_utc(row.fetched_at),
        status=row.status,
        report=row.report,
        etag=row.etag,
    )


class Jobs:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- jobs ---------------------------------------------------------------------------------------
    def create_job(self, athlete: str, kind: str, *, total: int = 0, state: JobState = "queued") -> str:
        """A new job of ``kind`` for ``athlete``; its id (a UUID)."""
        job_id = str(uuid.uuid4())
        now = utc_now()
        with Transaction(self.engine) as conn:
            owner = athlete_id(conn, athlete, create=True)
            conn.execute(
                jobs.insert().values(
                    id=job_id,
                    athlete_id=owner,
                    kind=kind[:32],
                    state=state,
                    total=total,
                    done=0,
                    created_at=now,
                    updated_at=now,
                    heartbeat_at=now if state == "running" else None,
                )
            )
        return job_id

    def job_progress(self, job_id: str, *, done: int, total: int | None = None) -> None:
        """The job runs and has done ``done`` of ``total`` (kept when None); also its heartbeat."""
        now = utc_now()
        values: dict[str, Any] = {"state": "running", "done": done, "updated_at": now, "heartbeat_at": now}
        if total is not None:
            values["total"] = total
        self._update(job_id, values)

    def finish_job(self, job_id: str, *, report: Any, error: str | None = None) -> None:
        """The job ended: ``done`` with its report, or ``failed`` with ``error`` in words."""
        now = utc_now()
        state = "failed" if error is not None else "done"
        self._update(job_id, {"state": state, "report": report, "error": error, "updated_at": now, "heartbeat_at": now})

    def _update(self, job_id: str, values: dict[str, Any]) -> None:
        with Transaction(self.engine) as conn:
            if conn.execute(jobs.update().where(jobs.c.id == job_id).values(**values)).rowcount == 0:
                raise NotFound(f"job {job_id}")

    def get_job(self, athlete: str, job_id: str) -> Job:
        with self.engine.connect() as conn:
            owner = athlete_id(conn, athlete, create=False)
            row = conn.execute(sa.select(jobs).where(jobs.c.athlete_id == owner, jobs.c.id == job_id)).first()
        if row is None:
            raise NotFound(f"job {job_id}")
        return _job(row)

    def recent_jobs(self, athlete: str, *, limit: int = 20) -> list[Job]:
        """The athlete's latest jobs, newest first."""
        with self.engine.connect() as conn:
            owner = athlete_id(conn, athlete, create=False)
            query = (
                sa.select(jobs)
                .where(jobs.c.athlete_id == owner)
                .order_by(jobs.c.created_at.desc(), jobs.c.id)
                .limit(limit)
            )
            return [_job(row) for row in conn.execute(query)]

    # -- calendars ----------------------------------------------------------------------------------
    def add_calendar(self, athlete: str, url: str, name: str = "") -> int:
        with Transaction(self.engine) as conn:
            owner = athlete_id(conn, athlete, create=True)
            statement = calendars.insert().values(
                athlete_id=owner, url=url, name=name[:200], created_at=utc_now(), status="not fetched yet"
            )
            return int(conn.execute(statement.returning(calendars.c.id)).scalar_one())

    def calendars(self, athlete: str) -> list[Calendar]:
        with self.engine.connect() as conn:
            owner = athlete_id(conn, athlete, create=False)
            query = sa.select(calendars).where(calendars.c.athlete_id == owner).order_by(calendars.c.id)
            return [_calendar(row) for row in conn.execute(query)]

    def delete_calendar(self, athlete: str, calendar_id: int) -> None:
        """Delete a calendar and the planned runs taken from it."""
        with Transaction(self.engine) as conn:
            owner = athlete_id(conn, athlete, create=False)
            statement = calendars.delete().where(calendars.c.athlete_id == owner, calendars.c.id == calendar_id)
            if conn.execute(statement).rowcount == 0:
                raise NotFound(f"calendar {calendar_id}")


__all__ = ["JOB_STATES", "Calendar", "Job", "Jobs"]
