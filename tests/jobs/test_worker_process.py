"""A real `supple worker` process killed with SIGKILL in the middle of a big import, and another one finishing it."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from supple.config import Settings
from supple.services import jobs, run_imports
from tests.contexts import ctx_for
from tests.runs_built import many_runs_zip, shifted_gpx, zip_of

FILES = 400
#: Generous: the second worker takes the job over once the first has been silent for about a minute,
#: at its recovery timer (every minute).
TAKEOVER = 300.0


@contextmanager
def worker_process(env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("ab") as out:
        process = subprocess.Popen([sys.executable, "-m", "supple", "worker"], env=env, stdout=out, stderr=out)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _job(settings: Settings, job_id: str) -> jobs.JobView:
    return jobs.status(ctx_for(settings), job_id)


def test_a_killed_worker_s_import_is_finished_by_another_exactly_once(postgres_url: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url_override=postgres_url)
    archive = many_runs_zip(tmp_path, FILES, first=dt.datetime(2024, 1, 1, 6, tzinfo=dt.UTC))
    with archive.open("rb") as data:
        job = run_imports.upload(ctx_for(settings), archive.name, data)
    assert _job(settings, job.id).state == "queued"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
    env |= {"SUPPLE_DATABASE_URL": postgres_url, "SUPPLE_DATA_DIR": str(tmp_path / "data")}
    log = tmp_path / "workers.log"

    with worker_process(env, log) as first:
        give_up = time.monotonic() + 120
        while (seen := _job(settings, job.id)).done == 0:
            assert first.poll() is None, log.read_text()
            assert time.monotonic() < give_up, f"the first worker made no progress: {seen}\n{log.read_text()}"
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        first.wait()
    killed_at = _job(settings, job.id)
    assert killed_at.state == "running", f"the kill came too late to test a takeover: {killed_at}"
    assert 0 < killed_at.done < FILES
    stored_before = len(ctx_for(settings).data.activities())
    assert stored_before < FILES

    with worker_process(env, log) as second:
        give_up = time.monotonic() + TAKEOVER
        while not (seen := _job(settings, job.id)).finished:
            assert second.poll() is None, log.read_text()
            assert time.monotonic() < give_up, f"no worker took the job over: {seen}\n{log.read_text()}"
            time.sleep(0.5)
    assert seen.state == "done", seen.error
    files = seen.report["files"]
    assert len(files) == FILES
    assert {f["path"].rsplit("/", 1)[-1] for f in files} == {f"{1000 + n}.gpx" for n in range(FILES)}
    counts = seen.report["counts"]
    assert counts["imported"] + counts["duplicate"] == FILES, counts
    assert counts["duplicate"] == stored_before, "what the killed worker stored is found again, not stored twice"
    stored = ctx_for(settings).data.activities()
    assert len(stored) == FILES
    assert len({a.activity.start for a in stored}) == FILES, "each activity once"


def test_on_sqlite_worker_once_runs_what_waits_and_a_killed_worker_s_job_is_taken_over(
    tmp_path: Path, cli: Any
) -> None:
    settings = Settings(data_dir=tmp_path / "data")
    ctx = ctx_for(settings)
    first_day = dt.datetime(2023, 5, 1, 6, tzinfo=dt.UTC)
    small = zip_of({f"activities/{n}.gpx": shifted_gpx(first_day + dt.timedelta(days=n)) for n in range(3)})
    # Stored as the web app stores an upload, without starting this process's own job thread.
    waiting = ctx.data.submit_job(run_imports.KIND, title="small.zip", params={"name": "small.zip"}, chunks=[small])
    ran = cli("worker", "--once")
    assert ran.code == 0, ran.err
    assert "Ran 1 waiting job." in ran.out
    done = _job(settings, waiting)
    assert done.state == "done"
    assert done.report["counts"]["imported"] == 3

    archive = many_runs_zip(tmp_path, FILES, first=dt.datetime(2024, 1, 1, 6, tzinfo=dt.UTC))
    big = ctx.data.submit_job(
        run_imports.KIND, title=archive.name, params={"name": archive.name}, chunks=[archive.read_bytes()]
    )
    log = tmp_path / "workers.log"
    with worker_process(cli.env, log) as first:
        give_up = time.monotonic() + 120
        while (seen := _job(settings, big)).done == 0:
            assert first.poll() is None, log.read_text()
            assert time.monotonic() < give_up, f"the first worker made no progress: {seen}\n{log.read_text()}"
            time.sleep(0.05)
        first.send_signal(signal.SIGKILL)
        first.wait()
    assert _job(settings, big).state == "running"
    stored_before = len(ctx_for(settings).data.activities()) - 3
    with worker_process(cli.env, log) as second:
        give_up = time.monotonic() + TAKEOVER
        while not (seen := _job(settings, big)).finished:
            assert second.poll() is None, log.read_text()
            assert time.monotonic() < give_up, f"no worker took the job over: {seen}\n{log.read_text()}"
            time.sleep(0.5)
    assert seen.state == "done", seen.error
    assert len(seen.report["files"]) == FILES
    assert seen.report["counts"]["duplicate"] == stored_before
    assert seen.report["counts"]["imported"] + stored_before == FILES
    assert len(ctx_for(settings).data.activities()) == FILES + 3
