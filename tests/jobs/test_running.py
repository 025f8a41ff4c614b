"""Progress of a job whose total is not known beforehand (an upload's files are counted as they come)."""

from __future__ import annotations

from pathlib import Path

from supple.jobs import Progress
from supple.jobs.running import run_claimed
from supple.store.engine import make_engine, migrate
from supple.store.job_rows import JobRow, JobRows

FILES = 2000


class CountingRows(JobRows):
    """The real rows, counting the progress writes."""

    writes = 0

    def progress(self, job_id: str, done: int, total: int) -> None:
        self.writes += 1
        super().progress(job_id, done, total)


def test_an_unknown_total_is_not_a_write_per_file_and_the_last_count_is_kept(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'jobs.sqlite'}")
    migrate(engine)
    rows = CountingRows(engine)
    job_id = rows.submit("sam", "count")
    job = rows.claim(job_id=job_id)
    assert job is not None

    def handler(found: JobRow, progress: Progress) -> dict[str, int]:
        for done in range(1, FILES + 1):
            progress(done, 0)
        return {"files": FILES}

    run_claimed(rows, job, handler)
    ended = rows.get(job_id)
    assert ended.state == "done"
    assert ended.done == FILES
    assert rows.writes < FILES // 10, f"{rows.writes} progress writes for {FILES} files"
