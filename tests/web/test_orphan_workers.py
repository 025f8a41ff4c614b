"""Workers of `supple serve --workers 2` stop when their parent is killed outright.

`kill -9` of the parent gives it no chance to stop its workers; they used to go on serving
the port, with nothing left to stop them. A real server is started, its two worker
processes are found in /proc, the parent is killed with SIGKILL, and the workers must be
gone (and the port silent) soon after.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.serving import serving

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

#: Generous: a worker checks every second, then has ORPHAN_GRACE_SECONDS to finish its requests.
GONE_WITHIN_SECONDS = 30


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def _workers(pid: int) -> list[int]:
    """The uvicorn workers among ``pid``'s children (multiprocessing's spawned processes)."""
    return [child for child in _children(pid) if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()]


def _running(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _answers(url: str) -> bool:
    try:
        httpx.get(f"{url}/healthz", timeout=2)
    except httpx.HTTPError:
        return False
    return True


def test_kill_9_of_the_parent_stops_both_workers(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
    env["SUPPLE_DATA_DIR"] = str(tmp_path / "data")
    with serving(env, "--workers", "2", log=tmp_path / "serve.log") as (url, process):
        workers: list[int] = []
        for _ in range(300):  # both workers are started a moment after the first answers
            workers = _workers(process.pid)
            if len(workers) == 2:
                break
            time.sleep(0.1)
        assert len(workers) == 2, f"expected 2 workers, found {workers}"
        for _ in range(20):  # both serve requests before the parent dies
            assert httpx.get(f"{url}/healthz", timeout=10).status_code == 200

        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)

        deadline = time.monotonic() + GONE_WITHIN_SECONDS
        while any(_running(worker) for worker in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        left = [worker for worker in workers if _running(worker)]
        for worker in left:  # never leave them behind, whatever the outcome
            os.kill(worker, signal.SIGKILL)
        assert left == [], f"workers {left} still run {GONE_WITHIN_SECONDS}s after their parent was killed"
        assert not _answers(url), "the port still answers after the parent and its workers are gone"
