"""Running long work in the background: imports now, calendar refreshes on a timer.

The job rows (state, progress, report) live in the store (``store.job_rows``); this package
runs them. On the embedded SQLite default a thread in the app's own process does
(``jobs.local``: nothing to start). On PostgreSQL the queue is procrastinate's
(``jobs.queue``) and ``supple worker`` processes, any number on any machine, run the jobs.
What a job of each kind does is given by the services as a ``Handler``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from supple.store.job_rows import JobRow

#: Says how far a job has got: (files done, files in all).
Progress = Callable[[int, int], None]
#: Does one job and returns its report (stored with it); raises to fail it.
Handler = Callable[[JobRow, Progress], Any]
