"""Web throughput and latency: `supple serve --workers 2` on SQLite, loaded by wrk on loopback.

Targets (issue #3): p95 under 50 ms at 32 connections; `/api/v1/today` at least a quarter of
`/healthz` throughput. Each endpoint is reported with requests per second, p50/p95/p99 and
its ratio to `/healthz` measured in the same run. Needs Debian's `wrk`.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DURATION = os.environ.get("BENCH_DURATION", "8s")
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
THREADS = 2

REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format('{"requests": %d, "seconds": %.3f, "p50": %.3f, "p95": %.3f, "p99": %.3f, '
    .. '"non2xx": %d, "errors": %d}\\n', summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1e3, latency:percentile(95) / 1e3, latency:percentile(99) / 1e3,
    summary.errors.status, errors))
end
"""
PATCH = """
wrk.method = "PATCH"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"done": true, "control": 4, "discomfort": 2}'
"""


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wrk(url: str, script: str, *, duration: str = DURATION, report: str = REPORT) -> dict[str, float]:
    """wrk's figures for ``url`` with the Lua ``script``; ``report`` is the ``done`` function that prints them."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script + report)
    command = ["wrk", "-t", str(THREADS), "-c", str(CONNECTIONS), "-d", duration, "-s", handle.name, url]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    Path(handle.name).unlink()
    line = [raw for raw in done.stdout.splitlines() if raw.startswith("{")][-1]
    result: dict[str, float] = json.loads(line)
    result["rps"] = result["requests"] / result["seconds"]
    return result


@contextmanager
def served(env: dict[str, str], *, workers: int = 2) -> Iterator[str]:
    """`supple serve --workers N` on a free loopback port with ``env``; yields its address."""
    port = _port()
    server = subprocess.Popen([sys.executable, "-m", "supple", "serve", "--port", str(port), "--workers", str(workers)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    supple = [sys.executable, "-m", "supple"]
    with tempfile.TemporaryDirectory() as data:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")} | {"SUPPLE_DATA_DIR": data}
        subprocess.run([*supple, "init", "--run-days", "mon,wed,sat", "--minutes", "10", "--equipment", "roller"],
                       env=env, check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        with served(env) as base:
            today = json.load(urllib.request.urlopen(f"{base}/api/v1/today"))
            request = urllib.request.Request(f"{base}/api/v1/sessions", data=json.dumps(today).encode(),
                                             headers={"Content-Type": "application/json"}, method="POST")  # fmt: skip
            session = json.load(urllib.request.urlopen(request))
            runs = {
                "GET /healthz": _wrk(f"{base}/healthz", ""),
                "GET /api/v1/today": _wrk(f"{base}/api/v1/today", ""),
                "GET / (Today page)": _wrk(f"{base}/", ""),
                "PATCH item result": _wrk(f"{base}/api/v1/sessions/{session['id']}/items/0", PATCH),
            }
    base_rps = runs["GET /healthz"]["rps"]
    print(f"supple serve --workers 2, SQLite, wrk -t{THREADS} -c{CONNECTIONS} -d{DURATION} on loopback:")
    print(
        f"  {'endpoint':<22} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'vs healthz':>11} {'non-2xx':>8}"
    )
    for name, run in runs.items():
        print(f"  {name:<22} {run['rps']:>9,.0f} {run['p50']:>8.1f} {run['p95']:>8.1f} {run['p99']:>8.1f} "
              f"{run['rps'] / base_rps:>10.2f}x {int(run['non2xx'] + run['errors']):>8}")  # fmt: skip
    worst = max(run["p95"] for run in runs.values())
    ratio = runs["GET /api/v1/today"]["rps"] / base_rps
    verdict = "meets" if worst < 50 else "MISSES"
    print(f"  target p95 < 50 ms at {CONNECTIONS} connections: {verdict} (worst {worst:.1f} ms)")
    print(f"  target /api/v1/today >= 0.25x /healthz: {'meets' if ratio >= 0.25 else 'MISSES'} ({ratio:.2f}x)")


if __name__ == "__main__":
    main()
