"""Running one claimed job: progress as it goes, its report or its error at the end."""

from __future__ import annotations

import time

from supple.jobs import Handler, Progress
from supple.store.job_rows import JobRow, JobRows

#: Progress is written at most this often (and always at the end): a write per file of a
#: 2,000-file import would cost more than the import.
PROGRESS_EVERY = 0.5


def run_claimed(rows: JobRows, job: JobRow, handler: Handler) -> None:
    """Run ``job`` (already claimed) with ``handler`` and store how it ended."""
    last = 0.0
    seen: tuple[int, int] | None = None
    written: tuple[int, int] | None = None

    def progress(done: int, total: int) -> None:
        # A total of 0 means "not known" (an upload's files are counted as they come): then only
        # the clock decides, else every file would be a write.
        nonlocal last, seen, written
        seen = (done, total)
        now = time.monotonic()
        if now - last >= PROGRESS_EVERY or 0 < total <= done:
            last = now
            written = seen
            rows.progress(job.id, done, total)

    report_progress: Progress = progress
    try:
        report = handler(job, report_progress)
    except Exception as error:  # a job's failure is stored and shown, never lost
        rows.finish(job.id, error=f"{type(error).__name__}: {error}" if not str(error) else str(error))
        return
    if seen is not None and seen != written:  # the last count, held back by the clock
        rows.progress(job.id, *seen)
    rows.finish(job.id, report=report)


def run_waiting(rows: JobRows, handler: Handler, *, stale_after: float = 60.0, limit: int | None = None) -> int:
    """Claim and run jobs until none is waiting (or ``limit`` ran); how many ran."""
    ran = 0
    while limit is None or ran < limit:
        job = rows.claim(stale_after=stale_after)
        if job is None:
            break
        run_claimed(rows, job, handler)
        ran += 1
    return ran
