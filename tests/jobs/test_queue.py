"""The PostgreSQL job queue: a deferred job is run by a real procrastinate worker, once."""

from __future__ import annotations

from supple.jobs.queue import defer, make_app, run_worker
from supple.store.engine import make_engine, migrate
from supple.store.job_rows import JobRow, JobRows


def test_a_deferred_job_runs_once_on_a_procrastinate_worker(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    migrate(engine)
    rows = JobRows(engine)
    runs: list[str] = []

    def handler(job: JobRow, progress: object) -> dict[str, int]:
        runs.append(job.id)
        return {"files": 1}

    app = make_app(postgres_url, rows, handler)
    job_id = rows.submit("sam", "echo")
    defer(postgres_url, job_id)
    defer(postgres_url, job_id)  # delivered twice (at least once): the claim runs it once
    run_worker(app, wait=False)
    assert runs == [job_id]
    assert rows.get(job_id).state == "done"
    assert rows.get(job_id).report == {"files": 1}
