"""Years of data and a club: does a request cost the same on day 1,000 as on day 10? (issue #10)

A heavy runner is built through the services (tests/athlete_fill.grow: a daily session with its
ratings, soreness three times a week, screening every fortnight, next-day answers): one athlete
with 3 months and one with 3 years, in the same database, on SQLite and on PostgreSQL. Each
figure is taken for both and printed with the ratio 3 years ÷ 3 months measured in the same run.
Then `supple serve` on the 3-year runner: `/api/v1/today` against `/healthz` at 32 connections,
and the workers' peak memory under load on `/progress` (PATCH and POST under load after 3,000
sessions are benchmarks/writes.py's). Last, a club on PostgreSQL: 200 athletes with a year each
(one year's export imported 200 times, as `supple import-export` does), 100 of them with an
account and a token, 4 server processes, and wrk sending a mix of reads and writes as those
100 runners for BENCH_CLUB_SECONDS (60 by default); every acknowledged write is then counted
in the database. Needs Debian's `wrk` and PostgreSQL at SUPPLE_TEST_POSTGRES.

  python benchmarks/years.py [--quick]   (--quick: 1 year instead of 3, 20 s of club load)
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(Path(__file__).parent), str(ROOT)]

from supple.config import Settings  # noqa: E402
from web import _wrk, served  # noqa: E402

ADMIN_URL = os.environ.get("SUPPLE_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
END = dt.date(2026, 11, 24)
REPEATS = 15
PASSWORD = "a benchmark password"

#: The club: each request is one of 100 runners (their own token) doing one of: read Today (60 %),
#: read Progress (15 %), read History (5 %), start a session (20 %, a write). The 201s are counted.
CLUB = """
local tokens = {%s}
local session = [[%s]]
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) created = 0; math.randomseed(os.time() + math.floor(os.clock() * 1e6)) end
function request()
  local token = tokens[math.random(#tokens)]
  local headers = {["Authorization"] = "Bearer " .. token}
  local pick = math.random(100)
  if pick <= 60 then return wrk.format("GET", "/api/v1/today", headers) end
  if pick <= 75 then return wrk.format("GET", "/api/v1/progress", headers) end
  if pick <= 80 then return wrk.format("GET", "/api/v1/history", headers) end
  headers["Content-Type"] = "application/json"
  return wrk.format("POST", "/api/v1/sessions", headers, session)
end
function response(status, headers, body) if status == 201 then created = created + 1 end end
"""
CLUB_DONE = """
done = function(summary, latency, requests)
  local created = 0
  for _, thread in ipairs(threads) do created = created + thread:get("created") end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format('{"requests": %d, "seconds": %.3f, "p50": %.3f, "p95": %.3f, "p99": %.3f, '
    .. '"non2xx": %d, "errors": %d, "created": %d}\\n', summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1e3, latency:percentile(95) / 1e3, latency:percentile(99) / 1e3,
    summary.errors.status, errors, created))
end
"""


def _median_ms(work: Callable[[], object], repeats: int = REPEATS) -> float:
    work()  # warm
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


@contextmanager
def _database(kind: str, folder: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'supple.sqlite'}"
        return
    import sqlalchemy as sa

    name = f"supple_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield str(sa.make_url(ADMIN_URL).set(database=name))
    finally:
        from supple.store.athlete import shared_store

        shared_store.cache_clear()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def _env(folder: Path, url: str, athlete: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
    return keep | {"SUPPLE_DATA_DIR": str(folder), "SUPPLE_DATABASE_URL": url, "SUPPLE_ATHLETE": athlete}


def _in_process(settings: Settings, athlete: str, days: int) -> dict[str, float]:
    """Medians of what a runner does each day, in one process, for ``athlete``."""
    from fastapi.testclient import TestClient
    from tests.contexts import ctx_for

    from supple.core.session import ItemResult
    from supple.services import levels, logbook, report, routines
    from supple.web.app import create_app

    mine = dataclasses.replace(settings, athlete=athlete)
    figures: dict[str, float] = {}
    with TestClient(create_app(mine), base_url="http://127.0.0.1", client=("127.0.0.1", 50000)) as client:
        for path in ("/api/v1/today", "/", "/progress"):
            figures[f"GET {path}"] = _median_ms(lambda p=path: client.get(p).raise_for_status())  # type: ignore[misc]
    figures["today() in process"] = _median_ms(lambda: routines.today(ctx_for(settings, athlete), date=END))
    figures["levels (supple levels)"] = _median_ms(lambda: levels.current(ctx_for(settings, athlete)))
    day = iter(range(1, 1000))

    def log() -> None:
        ctx = ctx_for(settings, athlete)
        plan = routines.today(ctx, date=END + dt.timedelta(next(day)), kind="daily", minutes=10)
        count = sum(len(b.items) for b in plan.blocks)
        logbook.log_session(
            ctx, session=logbook.from_results(plan, [ItemResult(done=True, control=4, discomfort=2)] * count)
        )

    figures["log a session (supple log)"] = _median_ms(log)
    first = END - dt.timedelta(days=days - 1)
    with tempfile.TemporaryDirectory() as out:
        write = report.write_report
        figures["report PDF, whole range"] = _median_ms(
            lambda: write(ctx_for(settings, athlete), out=f"{out}/r.pdf", since=first, until=END, today=END), 3
        )
    return figures


def _peak_memory_mib(server_pid: int) -> float:
    """The largest peak resident size (VmHWM) among the server's worker processes."""
    peaks = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":\t", 1) for line in text.splitlines() if ":\t" in line)
        if fields.get("PPid", "").strip() == str(server_pid) and "VmHWM" in fields:
            peaks.append(int(fields["VmHWM"].split()[0]) / 1024)
    return max(peaks, default=0.0)


def _served_figures(folder: Path, url: str, athlete: str) -> dict[str, Any]:
    env = _env(folder, url, athlete)
    out: dict[str, Any] = {}
    with served(env) as base:
        out["healthz"] = _wrk(f"{base}/healthz", "")
        out["today"] = _wrk(f"{base}/api/v1/today", "")
        out["progress"] = _wrk(f"{base}/progress", "")
        out["peak MiB"] = _peak_memory_mib(_server_pid(base))
    return out


def _server_pid(base: str) -> int:
    port = base.rsplit(":", 1)[1]
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            words = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if b"serve" in words and port.encode() in words:
            return int(cmdline.parent.name)
    return 0


def _analyze(url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()


def _verdict(ok: bool) -> str:
    return "meets" if ok else "MISSES"


def heavy(kind: str, years: int) -> None:
    from tests.athlete_fill import grow

    days_long, days_short = 365 * years + years // 4, 92
    with tempfile.TemporaryDirectory() as data, _database(kind, Path(data)) as url:
        folder = Path(data)
        settings = Settings(data_dir=folder, database_url_override=url)
        start = time.perf_counter()
        grow(settings, "months", days=days_short, end=END)
        short_build = time.perf_counter() - start
        start = time.perf_counter()
        sessions = grow(settings, "years", days=days_long, end=END)
        long_build = time.perf_counter() - start
        short = _in_process(settings, "months", days_short)
        long = _in_process(settings, "years", days_long)
        print(f"\n{kind}: a runner at 3 months and at {years} year(s) ({sessions} sessions), medians in one process")
        print(f"  building through services: 3 months {short_build:.1f} s, {years} year(s) {long_build:.1f} s "
              f"(target < 20 s for 3 years: {_verdict(long_build * 3 / years < 20)})")  # fmt: skip
        print(f"  {'figure':<30} {'3 months':>10} {f'{years} years':>10} {'ratio':>7}  target")
        for name, ms in short.items():
            ratio = long[name] / ms
            target = "< 2 s" if name.startswith("report") else "<= 1.5x"
            ok = long[name] < 2000 if name.startswith("report") else ratio <= 1.5
            print(f"  {name:<30} {ms:8.1f}ms {long[name]:8.1f}ms {ratio:6.2f}x  {target}: {_verdict(ok)}")
        served_figures = _served_figures(folder, url, "years")
    h, t = served_figures["healthz"], served_figures["today"]
    print(f"  supple serve --workers 2 on the {years}-year runner, wrk -c32 on loopback:")
    print(f"    /api/v1/today {t['rps']:,.0f} req/s vs /healthz {h['rps']:,.0f}: {t['rps'] / h['rps']:.2f}x "
          f"(target >= 0.25x: {_verdict(t['rps'] / h['rps'] >= 0.25)})")  # fmt: skip
    g, peak = served_figures["progress"], served_figures["peak MiB"]
    print(f"    /progress {g['rps']:,.0f} req/s, p95 {g['p95']:.1f} ms; worker peak memory "
          f"{peak:.0f} MiB (target < 150 MiB: {_verdict(peak < 150)})")  # fmt: skip
    errors = sum(int(r["non2xx"] + r["errors"]) for r in (h, t, g))
    print(f"    non-2xx or errors over all runs: {errors}")


def club(seconds: int, athletes: int = 200, accounts: int = 100) -> None:
    from tests.athlete_fill import grow
    from tests.contexts import ctx_for

    from supple.services import data as data_service
    from supple.services.accounts import Accounts

    with tempfile.TemporaryDirectory() as data, _database("postgresql", Path(data)) as url:
        folder = Path(data)
        with tempfile.TemporaryDirectory() as other:
            source = Settings(data_dir=Path(other))
            grow(source, "source", days=365, end=END)
            year = data_service.export_zip(ctx_for(source, "source"))
        settings = Settings(data_dir=folder, database_url_override=url)
        start = time.perf_counter()
        for n in range(athletes):
            data_service.import_zip(ctx_for(settings, f"runner-{n:03d}"), year)
        built = time.perf_counter() - start
        _analyze(url)  # what autovacuum does to a table that grew: the planner's figures, brought up to date
        from supple.services.accounts import cheap_hasher

        club_accounts = Accounts.open(settings, hasher=cheap_hasher())
        tokens = []
        for n in range(accounts):
            club_accounts.add_user(f"runner{n}@club.example", PASSWORD, athlete=f"runner-{n:03d}")
            tokens.append(club_accounts.create_token(f"runner{n}@club.example", name="bench")[0])
        before = sum(ctx_for(settings, f"runner-{n:03d}").data.count_sessions() for n in range(athletes))
        from supple.services import routines, shapes

        plan = json.dumps(shapes.session_dict(routines.today(ctx_for(settings, "runner-000"), date=END)))
        env = _env(folder, url, "runner-000")
        script = CLUB % (", ".join(f'"{t}"' for t in tokens), plan)
        with served(env, workers=4) as base:
            run = _wrk(f"{base}/api/v1/today", script, duration=f"{seconds}s", report=CLUB_DONE)
        after = sum(ctx_for(settings, f"runner-{n:03d}").data.count_sessions() for n in range(athletes))
    stored = after - before
    lost = max(0, run["created"] - stored)  # acknowledged but not in the database
    in_flight = max(0, stored - run["created"])  # stored, but the load stopped before wrk read the answer
    print(f"\nclub on PostgreSQL: {athletes} athletes x 1 year (imported in {built:.0f} s), {accounts} with a token,")
    mix = "60 % Today, 15 % Progress, 5 % History, 20 % new session"
    print(f"  supple serve --workers 4, wrk -c32 for {seconds} s: {mix}")
    print(f"  {run['rps']:,.0f} req/s, p50 {run['p50']:.1f} ms, p95 {run['p95']:.1f} ms, p99 {run['p99']:.1f} ms "
          f"(target p95 < 100 ms: {_verdict(run['p95'] < 100)})")  # fmt: skip
    print(f"  errors {int(run['errors'] + run['non2xx'])} (target 0); writes acknowledged {run['created']:,}, "
          f"stored {stored:,} ({in_flight} still in flight when the load stopped), lost {lost} (target 0)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 year instead of 3 and 20 s of club load")
    parser.add_argument("--only", choices=("sqlite", "postgresql", "club"), help="run one part")
    args = parser.parse_args()
    years = 1 if args.quick else 3
    seconds = 20 if args.quick else int(os.environ.get("BENCH_CLUB_SECONDS", "60"))
    for kind in ("sqlite", "postgresql"):
        if args.only in (None, kind):
            heavy(kind, years)
    if args.only in (None, "club"):
        club(seconds)


if __name__ == "__main__":
    main()
