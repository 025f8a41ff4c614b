"""Job rows on both backends: one claim per job, progress, reports, uploaded files kept in order."""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter

import pytest
import sqlalchemy as sa

from supple.jobs.local import LocalWorker
from supple.jobs.running import run_waiting
from supple.store.engine import make_engine, migrate
from supple.store.errors import NotFound
from supple.store.job_rows import CHUNK, JobRow, JobRows
from supple.store.schema import job_files, jobs
from supple.store.session_rows import utc_now


@pytest.fixture
def rows(database_url: str) -> JobRows:
    engine = make_engine(database_url)
    migrate(engine)
    return JobRows(engine)


def test_a_job_goes_from_queued_to_done_with_its_report(rows: JobRows) -> None:
    job_id = rows.submit("sam", "echo", title="export.zip", params={"n": 3})
    assert rows.get(job_id).state == "queued"
    seen: list[tuple[int, int]] = []

    def handler(job: JobRow, progress: object) -> dict[str, object]:
        assert job.params == {"n": 3}
        assert job.state == "running"
        assert callable(progress)
        for done in range(1, 4):
            progress(done, 3)
            seen.append((done, 3))
        return {"files": job.params["n"]}

    assert run_waiting(rows, handler) == 1
    done = rows.get(job_id, athlete="sam")
    assert (done.state, done.report, done.done, done.total, done.attempts) == ("done", {"files": 3}, 3, 3, 1)
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert run_waiting(rows, handler) == 0  # nothing left


def test_a_failing_job_keeps_its_error(rows: JobRows) -> None:
    job_id = rows.submit("sam", "boom")

    def handler(job: JobRow, progress: object) -> None:
        raise ValueError("the file export.zip is not a zip archive")

    run_waiting(rows, handler)
    failed = rows.get(job_id)
    assert failed.state == "failed"
    assert failed.error == "the file export.zip is not a zip archive"


def test_another_athletes_job_is_not_found(rows: JobRows) -> None:
    job_id = rows.submit("sam", "echo")
    rows.submit("alex", "echo")
    with pytest.raises(NotFound):
        rows.get(job_id, athlete="alex")
    assert [j.id for j in rows.recent("sam")] == [job_id]


def test_an_uploaded_file_comes_back_whole_and_is_dropped_when_done(rows: JobRows) -> None:
    data = bytes(range(256)) * (CHUNK // 256 * 2 + 7)  # two full chunks and a bit, sent in odd pieces
    pieces = [data[i : i + 300_001] for i in range(0, len(data), 300_001)]
    job_id = rows.submit("sam", "upload", chunks=pieces)
    assert b"".join(rows.file_chunks(job_id)) == data
    assert [len(c) for c in rows.file_chunks(job_id)][:2] == [CHUNK, CHUNK]
    rows.finish(job_id, report={})
    with rows.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(job_files)).scalar() == 0


def test_a_silent_running_job_is_taken_over_but_a_live_one_is_not(rows: JobRows) -> None:
    job_id = rows.submit("sam", "echo")
    first = rows.claim()
    assert first is not None
    assert first.id == job_id
    assert rows.claim(stale_after=60) is None  # its worker is alive (heartbeat just now)
    with rows.engine.begin() as conn:  # the worker died two minutes ago
        conn.execute(jobs.update().values(heartbeat_at=utc_now() - dt.timedelta(minutes=2)))
    again = rows.claim(stale_after=60)
    assert again is not None
    assert (again.id, again.attempts) == (job_id, 2)


def test_many_claimers_take_each_job_exactly_once(rows: JobRows) -> None:
    ids = [rows.submit("sam", "echo", params={"i": i}) for i in range(40)]
    taken: list[str] = []
    lock = threading.Lock()

    def claimer() -> None:
        while (job := rows.claim()) is not None:
            with lock:
                taken.append(job.id)
            rows.finish(job.id, report={})

    threads = [threading.Thread(target=claimer) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert Counter(taken) == Counter(ids)


def test_the_local_worker_runs_a_submitted_job_when_woken(rows: JobRows) -> None:
    finished = threading.Event()

    def handler(job: JobRow, progress: object) -> str:
        finished.set()
        return "ok"

    worker = LocalWorker(rows, handler, poll=60)
    worker.start()
    try:
        job_id = rows.submit("sam", "echo")
        worker.wake()
        assert finished.wait(60)
    finally:
        worker.stop()
    assert rows.get(job_id).report == "ok"
