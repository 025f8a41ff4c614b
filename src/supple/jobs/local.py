"""One thread in this process runs the jobs of an embedded SQLite database: nothing to start.

The thread wakes when a job is submitted here (``wake``) and otherwise looks for work every
``poll`` seconds, so a job submitted by another process on the same file (a second
``supple serve`` worker, a command) is run too. A job left running by a process that died is
taken over once its heartbeat is older than ``stale_after``. ``every_hour``, when given, is
called an hour after the thread starts and then every hour (refreshing calendars, say).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from supple.jobs import Handler
from supple.jobs.running import run_waiting
from supple.store.job_rows import JobRows


class LocalWorker:
    def __init__(
        self,
        rows: JobRows,
        handler: Handler,
        *,
        poll: float = 2.0,
        stale_after: float = 60.0,
        every_hour: Callable[[], Any] | None = None,
        hour: float = 3600.0,
    ) -> None:
        self.rows = rows
        self.every_hour = every_hour
        self.hour = hour
        self._next_hourly = time.monotonic() + hour
        self.handler = handler
        self.poll = poll
        self.stale_after = stale_after
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="supple-jobs", daemon=True)
            self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                run_waiting(self.rows, self.handler, stale_after=self.stale_after)
            except Exception:  # a database hiccup must not end the thread: say so, and the next round retries
                logging.getLogger("supple.jobs").exception("running background jobs failed; trying again")
            self._hourly()
            self._wake.wait(self.poll)
            self._wake.clear()

    def _hourly(self) -> None:
        if self.every_hour is None or time.monotonic() < self._next_hourly:
            return
        self._next_hourly = time.monotonic() + self.hour
        try:
            self.every_hour()
        except Exception:  # the next hour tries again
            logging.getLogger("supple.jobs").exception("the hourly work failed; trying again in an hour")
