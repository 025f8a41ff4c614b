"""Cold start of `supple today --json`, against a bare `python -c pass` in the same run.

Target (issue #2): median at most 200 ms on the 2-core reference machine. Each command
runs in a fresh process; the database is prepared first (profile and two weeks of logged
sessions) so the figure is what a runner sees day to day, not the one-off creation.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = int(os.environ.get("BENCH_RUNS", "31"))
TARGET_MS = 200.0


def _median_ms(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9)]


def main() -> None:
    supple = shutil.which("supple", path=str(Path(sys.executable).parent)) or "supple"
    with tempfile.TemporaryDirectory() as data:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")} | {"SUPPLE_DATA_DIR": data}
        subprocess.run([supple, "init", "--run-days", "mon,wed,sat", "--minutes", "10"], env=env, check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        for day in range(1, 15):
            date = f"2026-11-{day:02d}"
            today = subprocess.run(
                [supple, "today", "--json", "--date", date], env=env, check=True, capture_output=True
            )
            session = json.loads(today.stdout)
            for block in session["blocks"]:
                for item in block["items"]:
                    item["result"] = {"done": True, "control": 4, "discomfort": 2}
            subprocess.run([supple, "log", "--file", "-"], input=json.dumps(session).encode(), env=env, check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip
        bare, bare_p90 = _median_ms([sys.executable, "-c", "pass"], env)
        today_ms, today_p90 = _median_ms([supple, "today", "--json"], env)
        help_ms, _ = _median_ms([supple, "--version"], env)
    print(f"cold start over {RUNS} runs each (median / p90):")
    print(f"  python -c pass          {bare:7.1f} ms / {bare_p90:7.1f} ms")
    print(f"  supple --version        {help_ms:7.1f} ms")
    print(f"  supple today --json     {today_ms:7.1f} ms / {today_p90:7.1f} ms")
    print(f"  ratio today / bare      {today_ms / bare:7.1f} x")
    verdict = "meets" if today_ms <= TARGET_MS else "MISSES"
    print(f"  target <= {TARGET_MS:.0f} ms: {verdict}")


if __name__ == "__main__":
    main()
