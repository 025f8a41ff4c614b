"""Background jobs as a runner sees them: submit work, watch its progress, read its report.

What each kind of job does is registered here (``KINDS``): a function of the job's context
(the athlete the job belongs to), the job and a progress callback, returning the report. On
SQLite the jobs run in a thread of the process that submits them (started on first use, and
it also picks up jobs a stopped process left behind); on PostgreSQL ``supple worker``
processes run them (``worker``), and submitting defers a procrastinate task.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from supple.jobs import Handler, Progress
from supple.jobs.local import LocalWorker
from supple.jobs.running import PROGRESS_EVERY, run_waiting
from supple.services.context import Actor, Context
from supple.store.athlete import shared_jobs
from supple.store.job_rows import JobRow, JobRows

#: Who a background job acts as (for the athlete it was submitted for).
JOB_ACTOR = Actor(name="background job", via="job")

Work = Callable[[Context, JobRow, Progress], Any]
#: What each kind of job does; services register theirs at import (see ``kind``).
KINDS: dict[str, Work] = {}
#: The modules that register kinds, imported before a job runs.
_REGISTERING = ("supple.services.run_imports", "supple.services.training_calendars")


def kind(name: str) -> Callable[[Work], Work]:
    """Register ``name``'s work (a decorator)."""

    def register(work: Work) -> Work:
        KINDS[name] = work
        return work

    return register


@dataclass(frozen=True, slots=True)
class JobView:
    """A job as the runner sees it."""

    id: str
    kind: str
    title: str
    state: str
    done: int
    total: int
    report: Any
    error: str | None
    created_at: str
    updated_at: str

    @property
    def finished(self) -> bool:
        return self.state in ("done", "failed")

    @property
    def percent(self) -> int | None:
        return None if self.total <= 0 else min(100, round(100 * self.done / self.total))

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "state": self.state,
            "done": self.done,
            "total": self.total,
            "percent": self.percent,
            "report": self.report,
            "error": self.error,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
        }


def _view(job: JobRow) -> JobView:
    return JobView(
        id=job.id,
        kind=job.kind,
        title=job.title,
        state=job.state,
        done=job.done,
        total=job.total,
        report=job.report,
        error=job.error,
        created_at=job.created_at.isoformat(),
        updated_at=job.updated_at.isoformat(),
    )


def rows(ctx: Context) -> JobRows:
    return shared_jobs(ctx.data.url)


def handler(ctx: Context) -> Handler:
    """Runs any job of the database ``ctx`` is on, in the context of the job's own athlete."""
    import importlib

    for module in _REGISTERING:
        importlib.import_module(module)

    def handle(job: JobRow, progress: Progress) -> Any:
        work = KINDS.get(job.kind)
        if work is None:
            raise ValueError(f"this version of Supple does not know jobs of kind {job.kind!r}")
        return work(ctx.for_athlete(job.athlete, JOB_ACTOR), job, progress)

    return handle


def submit(
    ctx: Context, job_kind: str, *, title: str = "", params: dict[str, Any] | None = None, chunks: Iterable[bytes] = ()
) -> JobView:
    """Queue a job for ``ctx``'s athlete (with an uploaded file's ``chunks``); it starts at once where it can."""
    job_id = ctx.data.submit_job(job_kind, title=title, params=params, chunks=chunks)
    if ctx.data.local_reads:
        _local_worker(ctx).wake()
    else:
        from supple.jobs.queue import defer

        defer(ctx.data.url, job_id)
    return _view(ctx.data.job(job_id))


def run_here(
    ctx: Context, job_kind: str, *, title: str = "", params: dict[str, Any] | None = None, progress: Progress
) -> JobView:
    """A job for ``ctx``'s athlete run in this process now (a command the runner waits for), its row kept
    like any other's. A failure is stored with the job and raised to the caller as well."""
    job_id = ctx.data.submit_job(job_kind, title=title, params=params, running=True)
    job_rows = rows(ctx)
    job = job_rows.get(job_id)
    last = 0.0
    seen = (0, 0)

    def tell(done: int, total: int) -> None:
        nonlocal last, seen
        seen = (done, total)
        progress(done, total)
        now = time.monotonic()
        if now - last >= PROGRESS_EVERY:  # the row's progress is also the sign of life
            last = now
            job_rows.progress(job_id, done, total)

    try:
        report = handler(ctx)(job, tell)
    except Exception as error:
        job_rows.finish(job_id, error=str(error) or type(error).__name__)
        raise
    job_rows.progress(job_id, *seen)
    job_rows.finish(job_id, report=report)
    return _view(ctx.data.job(job_id))


def status(ctx: Context, job_id: str) -> JobView:
    """One of ``ctx``'s athlete's jobs; NotFound for any other (another athlete's is not told apart)."""
    return _view(ctx.data.job(job_id))


def recent(ctx: Context, *, limit: int = 20) -> list[JobView]:
    return [_view(j) for j in ctx.data.recent_jobs(limit=limit)]


_LOCAL: dict[str, LocalWorker] = {}
_LOCAL_LOCK = threading.Lock()


def _local_worker(ctx: Context) -> LocalWorker:
    """The one job thread of this process for ``ctx``'s SQLite database (started on first use)."""
    with _LOCAL_LOCK:
        worker = _LOCAL.get(ctx.data.url)
        if worker is None:
            worker = LocalWorker(rows(ctx), handler(ctx), every_hour=_hourly(ctx))
            worker.start()
            _LOCAL[ctx.data.url] = worker
        return worker


def start_local(ctx: Context) -> None:
    """Start this process's job thread on a SQLite database (it runs what is waiting); nothing on PostgreSQL.

    ``ctx`` only carries the database and catalogue: each job runs in its own athlete's context."""
    if ctx.data.local_reads:
        _local_worker(ctx)


def stop_local() -> None:
    with _LOCAL_LOCK:
        workers = list(_LOCAL.values())
        _LOCAL.clear()
    for worker in workers:
        worker.stop()


def _hourly(ctx: Context) -> Callable[[], Any]:
    """What runs every hour on ``ctx``'s database: every athlete's training-plan calendars refreshed."""

    def every_hour() -> Any:
        from supple.services.training_calendars import refresh_everyone

        return refresh_everyone(ctx)

    return every_hour


def worker(ctx: Context, *, once: bool = False, concurrency: int = 1) -> int:
    """Run jobs until stopped (``once``: until none is waiting). On SQLite in this process; on
    PostgreSQL as a procrastinate worker, any number of them. Returns how many ran (SQLite ``once``)."""
    if ctx.data.local_reads:
        if once:
            return run_waiting(rows(ctx), handler(ctx))
        worker = LocalWorker(rows(ctx), handler(ctx), every_hour=_hourly(ctx))
        worker.start()
        threading.Event().wait()  # until Ctrl-C
        return 0
    from supple.jobs.queue import run_worker

    run_worker(worker_app(ctx), concurrency=concurrency, wait=not once)
    return 0


def worker_app(ctx: Context) -> Any:
    """The procrastinate app a PostgreSQL worker runs: the jobs, and the hourly timer (calendars)."""
    from supple.jobs.queue import make_app

    return make_app(ctx.data.url, rows(ctx), handler(ctx), timers={"calendars": _hourly(ctx)})
