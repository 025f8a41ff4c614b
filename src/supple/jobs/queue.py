"""The job queue on PostgreSQL: procrastinate, with ``supple worker`` processes anywhere.

Submitting a job stores its row (``store.job_rows``) and defers one procrastinate task naming
it; a worker runs the task, which claims the row and runs it. procrastinate carries delivery,
locking between workers and the timers; our row carries what a person sees (progress, report).

A worker killed with ``kill -9`` leaves its procrastinate job "doing" for ever, so a periodic
task (``recover``, every minute) retries procrastinate jobs whose worker has stopped beating
and runs any of our rows left queued or silent. Both paths are safe to take twice: a claim
takes a row only once, and what a job does is idempotent. Procrastinate 3.10 (MIT): its API as
documented at procrastinate.readthedocs.io (App, PsycopgConnector, periodic, JobManager).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from supple.jobs import Handler
from supple.jobs.running import run_claimed, run_waiting
from supple.store.job_rows import JobRows

if TYPE_CHECKING:
    import procrastinate

QUEUE = "supple"
#: The task that runs one of our job rows.
JOB_TASK = "supple.job"
#: Seconds without a heartbeat after which a job's worker is taken as dead.
STALE_AFTER = 60.0


def conninfo(url: str) -> str:
    """A libpq connection string from a SQLAlchemy PostgreSQL URL."""
    import sqlalchemy as sa

    parsed = sa.make_url(url).set(drivername="postgresql")
    return parsed.render_as_string(hide_password=False)


def make_app(
    url: str, rows: JobRows, handler: Handler, *, timers: dict[str, Callable[[], Any]] | None = None
) -> procrastinate.App:
    """The procrastinate app for the database at ``url``: the job task, recovery, and ``timers`` (run hourly)."""
    import procrastinate

    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=conninfo(url)))

    @app.task(name=JOB_TASK, queue=QUEUE, pass_context=False)
    def run_job(job_id: str) -> None:
        job = rows.claim(job_id=job_id, stale_after=STALE_AFTER)
        if job is not None:  # else done already, or running elsewhere
            run_claimed(rows, job, handler)

    @app.periodic(cron="* * * * *", periodic_id="recover")
    @app.task(name="supple.recover", queue=QUEUE, pass_context=True)
    async def recover(context: Any, timestamp: int) -> None:
        manager = context.app.job_manager
        for stalled in await manager.get_stalled_jobs(seconds_since_heartbeat=STALE_AFTER, queue=QUEUE):
            await manager.retry_job(stalled)
        await asyncio.to_thread(run_waiting, rows, handler, stale_after=STALE_AFTER, limit=10)

    for name, work in (timers or {}).items():
        _timer(app, name, work)
    return app


def _timer(app: procrastinate.App, name: str, work: Callable[[], Any]) -> None:
    @app.periodic(cron="7 * * * *", periodic_id=name)
    @app.task(name=f"supple.timer.{name}", queue=QUEUE, pass_context=False)
    def timer(timestamp: int) -> None:
        work()


def defer(url: str, job_id: str) -> None:
    """Queue the task that runs job ``job_id`` (its row is already stored) on the database at ``url``."""
    import procrastinate

    app = procrastinate.App(connector=procrastinate.PsycopgConnector(conninfo=conninfo(url)))

    def send() -> None:
        with app.open():
            app.configure_task(JOB_TASK, queue=QUEUE).defer(job_id=job_id)

    _apart(send)


def run_worker(app: procrastinate.App, *, concurrency: int = 1, wait: bool = True) -> None:
    """Run a worker until it is stopped (Ctrl-C or SIGTERM end it gracefully); with ``wait`` False,
    until the queue is empty (for a one-off run, and tests)."""
    if wait:  # the worker process's own main thread: signals work there
        app.run_worker(queues=[QUEUE], concurrency=concurrency, wait=True, install_signal_handlers=True)
    else:
        options = {"queues": [QUEUE], "concurrency": concurrency, "wait": False, "install_signal_handlers": False}
        _apart(lambda: app.run_worker(**options))


def _apart(work: Callable[[], Any]) -> None:
    """Run ``work`` in a thread of its own: procrastinate's sync calls start an event loop
    (``asyncio.run``), which fails in a thread that already runs one (an app, a test client)."""
    failed: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:  # handed back to the caller below
            failed.append(error)

    thread = threading.Thread(target=run, name="supple-procrastinate")
    thread.start()
    thread.join()
    if failed:
        raise failed[0]
