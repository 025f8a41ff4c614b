"""Background job rows: submit, claim, report progress, finish; and the files an upload hands a job.

A job is claimed by one worker at a time: the claim is one UPDATE of a queued row (or of a
running row whose worker has been silent for ``stale_after``, i.e. died), in a transaction that
holds the write lock on SQLite and skips rows locked by another claim on PostgreSQL. Work a job
does must be safe to do twice (imports are idempotent), since a worker can die after doing part
of it, and the job then runs again from the start.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from supple.store.errors import NotFound
from supple.store.repository import Transaction, athlete_id
from supple.store.schema import athletes, job_files, jobs
from supple.store.session_rows import utc_now

#: The states a job goes through, in order (``failed`` instead of ``done`` when it could not finish).
STATES = ("queued", "running", "done", "failed")
#: Bytes per stored chunk of an uploaded file.
CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class JobRow:
    id: str
    athlete: str
    kind: str
    title: str
    params: Mapping[str, Any]
    state: str
    total: int
    done: int
    report: Any
    error: str | None
    attempts: int
    created_at: dt.datetime
    updated_at: dt.datetime

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")


_COLUMNS = (
    jobs.c.id,
    athletes.c.slug,
    jobs.c.kind,
    jobs.c.title,
    jobs.c.params,
    jobs.c.state,
    jobs.c.total,
    jobs.c.done,
    jobs.c.report,
    jobs.c.error,
    jobs.c.attempts,
    jobs.c.created_at,
    jobs.c.updated_at,
)


def _row(found: Any) -> JobRow:
    def utc(t: dt.datetime) -> dt.datetime:
        return t if t.tzinfo else t.replace(tzinfo=dt.UTC)

    return JobRow(
        id=found[0],
        athlete=found[1],
        kind=found[2],
        title=found[3],
        params=found[4],
        state=found[5],
        total=found[6],
        done=found[7],
        report=found[8],
        error=found[9],
        attempts=found[10],
        created_at=utc(found[11]),
        updated_at=utc(found[12]),
    )


class JobRows:
    """The job rows of one database (any athlete's: workers serve them all)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def submit(
        self,
        athlete: str,
        kind: str,
        *,
        title: str = "",
        params: Mapping[str, Any] | None = None,
        chunks: Iterable[bytes] = (),
        running: bool = False,
    ) -> str:
        """A new queued job (with the file ``chunks`` make, stored in order), in one transaction;
        with ``running``, already claimed by the caller (who runs it now)."""
        job_id = str(uuid.uuid4())
        now = utc_now()
        with Transaction(self.engine) as conn:
            owner = athlete_id(conn, athlete, create=True)
            conn.execute(
                jobs.insert().values(
                    id=job_id,
                    athlete_id=owner,
                    kind=kind,
                    title=title[:300],
                    params=dict(params or {}),
                    state="running" if running else "queued",
                    attempts=1 if running else 0,
                    heartbeat_at=now if running else None,
                    created_at=now,
                    updated_at=now,
                )
            )
            for seq, chunk in enumerate(_rechunk(chunks)):
                conn.execute(job_files.insert().values(job_id=job_id, seq=seq, athlete_id=owner, data=chunk))
        return job_id

    def get(self, job_id: str, *, athlete: str | None = None) -> JobRow:
        """The job; NotFound when there is none (or it is not ``athlete``'s, when given)."""
        query = sa.select(*_COLUMNS).join(athletes, athletes.c.id == jobs.c.athlete_id).where(jobs.c.id == job_id)
        if athlete is not None:
            query = query.where(athletes.c.slug == athlete)
        with self.engine.connect() as conn:
            found = conn.execute(query).first()
        if found is None:
            raise NotFound(f"no job {job_id!r}")
        return _row(found)

    def recent(self, athlete: str, *, limit: int = 20) -> list[JobRow]:
        query = (
            sa.select(*_COLUMNS)
            .join(athletes, athletes.c.id == jobs.c.athlete_id)
            .where(athletes.c.slug == athlete)
            .order_by(jobs.c.created_at.desc(), jobs.c.id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [_row(r) for r in conn.execute(query)]

    def claim(self, *, job_id: str | None = None, stale_after: float = 60.0) -> JobRow | None:
        """Take the oldest job waiting (or ``job_id``), or one whose worker has gone silent; None if none."""
        now = utc_now()
        waiting = sa.or_(
            jobs.c.state == "queued",
            sa.and_(jobs.c.state == "running", jobs.c.heartbeat_at < now - dt.timedelta(seconds=stale_after)),
        )
        pick = sa.select(jobs.c.id).where(waiting).order_by(jobs.c.created_at, jobs.c.id).limit(1)
        if job_id is not None:
            pick = pick.where(jobs.c.id == job_id)
        with Transaction(self.engine) as conn:
            if conn.dialect.name == "postgresql":
                pick = pick.with_for_update(skip_locked=True)
            chosen = conn.execute(pick).scalar()
            if chosen is None:
                return None
            conn.execute(
                jobs.update()
                .where(jobs.c.id == chosen)
                .values(state="running", attempts=jobs.c.attempts + 1, heartbeat_at=now, updated_at=now)
            )
            found = conn.execute(
                sa.select(*_COLUMNS).join(athletes, athletes.c.id == jobs.c.athlete_id).where(jobs.c.id == chosen)
            ).one()
        return _row(found)

    def progress(self, job_id: str, done: int, total: int) -> None:
        """How far the job has got; also the worker's sign of life."""
        now = utc_now()
        with Transaction(self.engine) as conn:
            conn.execute(
                jobs.update()
                .where(jobs.c.id == job_id, jobs.c.state == "running")
                .values(done=done, total=total, heartbeat_at=now, updated_at=now)
            )

    def finish(self, job_id: str, *, report: Any = None, error: str | None = None) -> None:
        """Done with ``report``, or failed with ``error``; the job's uploaded file is dropped with it."""
        now = utc_now()
        state = "failed" if error is not None else "done"
        with Transaction(self.engine) as conn:
            conn.execute(
                jobs.update()
                .where(jobs.c.id == job_id)
                .values(state=state, report=report, error=error, updated_at=now, heartbeat_at=None)
            )
            conn.execute(job_files.delete().where(job_files.c.job_id == job_id))

    def file_chunks(self, job_id: str) -> Iterator[bytes]:
        """The job's uploaded file, a chunk at a time (one read per chunk: memory stays flat)."""
        seq = 0
        while True:
            with self.engine.connect() as conn:
                chunk = conn.execute(
                    sa.select(job_files.c.data).where(job_files.c.job_id == job_id, job_files.c.seq == seq)
                ).scalar()
            if chunk is None:
                return
            yield bytes(chunk)
            seq += 1


def _rechunk(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """``chunks`` regrouped into pieces of ``CHUNK`` bytes (the last may be shorter)."""
    pending = bytearray()
    for chunk in chunks:
        pending += chunk
        while len(pending) >= CHUNK:
            yield bytes(pending[:CHUNK])
            del pending[:CHUNK]
    if pending:
        yield bytes(pending)


def athlete_of(engine: Engine, job_id: str) -> str:
    """The slug of the athlete a job belongs to."""
    with engine.connect() as conn:
        found = conn.execute(
            sa.select(athletes.c.slug).join(jobs, jobs.c.athlete_id == athletes.c.id).where(jobs.c.id == job_id)
        ).scalar()
    if found is None:
        raise NotFound(f"no job {job_id!r}")
    return str(found)
