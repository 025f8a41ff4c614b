"""Progress and the report on a heavy runner: 3 years of daily sessions, seeded through the services.

    python benchmarks/progress_window.py seed DIR [DAYS]  # build the athlete in DIR (3 years: a few minutes)
    python benchmarks/progress_window.py measure DIR # time /progress (default window and all 3 years) and the report

``measure`` prints the median time and size of ``GET /progress`` in process (the real app over
ASGI) and of the whole-range PDF report, so the same seeded folder can be measured by two
versions of the code and the figures compared.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from supple.config import Settings
from supple.services import assess, logbook, report, routines, shapes, soreness
from supple.services.context import Context

TODAY = dt.date.today()
DAYS = 3 * 365 + 1
REPEATS = 5


def _ctx(settings: Settings) -> Context:
    return Context.open(settings, athlete=settings.athlete)


def seed(folder: str, days: int = DAYS) -> None:
    settings = Settings.from_env({"SUPPLE_DATA_DIR": folder})
    start = time.perf_counter()
    first = TODAY - dt.timedelta(days=days - 1)
    for n in range(days):
        date = first + dt.timedelta(days=n)
        data = shapes.session_dict(routines.today(_ctx(settings), date=date, kind="daily", minutes=10))
        for index, block in enumerate(data["blocks"]):
            for item in block["items"]:
                item["result"] = {"done": True, "control": 3 + (n + index) % 3, "discomfort": (n // 7) % 4}
        logbook.log_session(_ctx(settings), session=logbook.parse_log(_ctx(settings), json.dumps(data)))
        if n % 7 in (1, 4):
            soreness.record(_ctx(settings), ratings=[f"calves={n % 5}", f"hamstrings={(n // 3) % 6}"], date=date)
        if n % 13 == 0:
            for side, value in (("left", 8 + (n % 40) / 10), ("right", 9 + (n % 30) / 10)):
                assess.record(_ctx(settings), test="knee-to-wall", value=value, side=side, date=date)
        if n % 400 == 0:
            print(f"  day {n}: {time.perf_counter() - start:.0f} s", flush=True)
    print(f"seeded {days} days in {time.perf_counter() - start:.0f} s")


def _median(work: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        begun = time.perf_counter()
        work()
        times.append((time.perf_counter() - begun) * 1000)
    return statistics.median(times)


def measure(folder: str) -> None:
    from fastapi.testclient import TestClient

    from supple.web.app import create_app

    settings = Settings.from_env({"SUPPLE_DATA_DIR": folder})
    first = TODAY - dt.timedelta(days=DAYS - 1)
    with TestClient(create_app(settings), base_url="http://127.0.0.1", client=("127.0.0.1", 50000)) as client:
        for label, url in (
            ("/progress (default window)", "/progress"),
            ("/progress (all 3 years)", f"/progress?from={first}&to={TODAY}"),
        ):
            response = client.get(url)
            assert response.status_code == 200, response.text[:300]
            ms = _median(lambda url=url: client.get(url))
            print(f"  {label:<32} {ms:8.1f} ms  {len(response.content) / 1024:8.1f} KB")
    with tempfile.TemporaryDirectory() as out:
        target = str(Path(out) / "r.pdf")
        report.write_report(_ctx(settings), out=target, since=first, until=TODAY, today=TODAY)
        ms = _median(lambda: report.write_report(_ctx(settings), out=target, since=first, until=TODAY, today=TODAY))
        print(f"  {'report, all 3 years (PDF)':<32} {ms:8.1f} ms  {Path(target).stat().st_size / 1024:8.1f} KB")


if __name__ == "__main__":
    if sys.argv[1] == "seed":
        seed(sys.argv[2], *(int(a) for a in sys.argv[3:4]))
    else:
        measure(sys.argv[2])
