"""Writes under load: PATCH an item result and POST a live session, on SQLite and PostgreSQL.

`supple serve --workers 2` is loaded by wrk with 32 connections on loopback, after the
athlete already has ``BENCH_SESSIONS`` (default 3,000) sessions in progress, stored through
the services. Targets (issue #10): PATCH p95 under 50 ms; POST a live session p95 under
100 ms, however many sessions are already stored. `/healthz` is measured in the same run:
on a busy machine the ratio to it says more than the milliseconds. Needs Debian's `wrk`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from auth import _drop, _postgres
from web import CONNECTIONS, DURATION, PATCH, THREADS, _wrk, served

SESSIONS = int(os.environ.get("BENCH_SESSIONS", "3000"))

SEED = """
import json, sys
from supple.config import Settings
from supple.services import live
from supple.services.context import Context

ctx = Context.open(Settings.from_env(), athlete=Settings.from_env().athlete)
today = json.loads(sys.stdin.read())
for _ in range(int(sys.argv[1])):
    live.start_from_dict(ctx, data=today, finished=False)
"""


def _post(body: str) -> str:
    escaped = body.replace("\\", "\\\\").replace("'", "\\'")
    return f"""
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{escaped}'
"""


def run(label: str, env: dict[str, str]) -> dict[str, dict[str, float]]:
    supple = [sys.executable, "-m", "supple"]
    subprocess.run([*supple, "init", "--run-days", "mon,wed,sat", "--minutes", "10", "--equipment", "roller"],
                   env=env, check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    today = subprocess.run([*supple, "today", "--json"], env=env, check=True, capture_output=True, text=True).stdout
    subprocess.run([sys.executable, "-c", SEED, str(SESSIONS)], env=env, input=today, text=True, check=True)
    with served(env) as base:
        request = urllib.request.Request(f"{base}/api/v1/sessions", data=today.encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")  # fmt: skip
        session = json.load(urllib.request.urlopen(request))
        runs = {
            "GET /healthz": _wrk(f"{base}/healthz", ""),
            "PATCH item result": _wrk(f"{base}/api/v1/sessions/{session['id']}/items/0", PATCH),
            "POST live session": _wrk(f"{base}/api/v1/sessions", _post(json.dumps(json.loads(today)))),
        }
    print(f"{label}: supple serve --workers 2, {SESSIONS:,} sessions stored first, "
          f"wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION} on loopback:")  # fmt: skip
    print(f"  {'request':<20} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'vs healthz':>11} {'non-2xx':>8}")
    healthz = runs["GET /healthz"]["rps"]
    for name, found in runs.items():
        print(f"  {name:<20} {found['rps']:>9,.0f} {found['p50']:>8.1f} {found['p95']:>8.1f} {found['p99']:>8.1f} "
              f"{found['rps'] / healthz:>10.2f}x {int(found['non2xx'] + found['errors']):>8}")  # fmt: skip
    patch, post = runs["PATCH item result"]["p95"], runs["POST live session"]["p95"]
    print(f"  target PATCH p95 < 50 ms: {'meets' if patch < 50 else 'MISSES'} ({patch:.1f} ms)")
    print(f"  target POST p95 < 100 ms: {'meets' if post < 100 else 'MISSES'} ({post:.1f} ms)")
    return runs


def main() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
    with tempfile.TemporaryDirectory() as data:
        folder = Path(data)
        run("SQLite", base_env | {"SUPPLE_DATA_DIR": str(folder / "a")})
        url = _postgres()
        if url is not None:
            try:
                run("PostgreSQL", base_env | {"SUPPLE_DATA_DIR": str(folder / "b"), "SUPPLE_DATABASE_URL": url})
            finally:
                _drop(url)


if __name__ == "__main__":
    main()
