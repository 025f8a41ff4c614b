"""What accounts cost: one sign-in (argon2id at its default cost), and authenticated requests.

1. Sign-in: the median time of `Accounts.authenticate` with argon2-cffi's default parameters,
   against the median of what every later request pays instead (resolving a session cookie).
2. `GET /api/v1/today` under wrk on `supple serve --workers 2`, on SQLite and on PostgreSQL:
   first with no account (the runner at this machine over loopback, no credentials: the
   baseline), then, on the same database and the same athlete, with an account and its
   personal API token (`Authorization: Bearer`) and with a signed-in browser's cookie.
   Target (issue #9): authenticated at least 0.8x the unauthenticated rate.

Needs Debian's `wrk`; PostgreSQL at SUPPLE_TEST_POSTGRES (default the test server) for part 2's
second half. Run: `make bench` or `.venv/bin/python benchmarks/auth.py`.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from supple.config import Settings
from supple.services.accounts import Accounts
from web import _wrk, served

PASSWORD = "a benchmark password"
ADMIN_URL = os.environ.get("SUPPLE_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def _median_ms(call: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def sign_in_cost() -> None:
    with tempfile.TemporaryDirectory() as data:
        settings = Settings(data_dir=Path(data))
        accounts = Accounts.open(settings)
        user = accounts.add_user("bench@example.org", PASSWORD)
        secret, _ = accounts.start_session(user=user, athlete=user.athlete or "")
        accounts.authenticate("bench@example.org", PASSWORD, address="127.0.0.1")  # warm
        sign_in = _median_ms(lambda: accounts.authenticate("bench@example.org", PASSWORD, address="127.0.0.1"), 15)
        resolve = _median_ms(lambda: accounts.resolve_session(secret), 200)
        hasher = accounts.hasher
    cost = f"t={hasher.time_cost}, m={hasher.memory_cost} KiB, p={hasher.parallelism}"
    print(f"Sign-in (argon2id, argon2-cffi defaults: {cost}), SQLite, median of 15:")
    print(f"  authenticate     {sign_in:8.1f} ms")
    print(
        f"  resolve a cookie {resolve:8.2f} ms   (what each later request pays; sign-in is {sign_in / resolve:,.0f}x)"
    )


def _supple(env: dict[str, str], *args: str, stdin: str | None = None) -> str:
    done = subprocess.run([sys.executable, "-m", "supple", *args], env=env, input=stdin, capture_output=True,
                          text=True, check=True)  # fmt: skip
    return done.stdout.strip()


def _header(name: str, value: str) -> str:
    return f'wrk.headers["{name}"] = "{value}"\n'


def requests_with_and_without(label: str, env: dict[str, str], folder: Path) -> dict[str, float]:
    _supple(env, "init", "--run-days", "mon,wed,sat", "--minutes", "10", "--equipment", "roller")
    with served(env) as base:
        _wrk(f"{base}/api/v1/today", "", duration="2s")  # warm the workers up; not counted
        plain = _wrk(f"{base}/api/v1/today", "")
    password = folder / f"password-{label}"
    password.write_text(PASSWORD)
    _supple(env, "users", "add", "bench@example.org", "--athlete", "local", "--password-file", str(password))
    token = _supple(env, "tokens", "create", "bench@example.org", "--read-only", "--name", "bench")
    settings = Settings.from_env(env)
    accounts = Accounts.open(settings)
    user = accounts.find_user("bench@example.org")
    assert user is not None
    cookie, _ = accounts.start_session(user=user, athlete=user.athlete or "")
    with served(env) as base:
        _wrk(f"{base}/api/v1/today", _header("Authorization", f"Bearer {token}"), duration="2s")  # warm-up
        unauthenticated = _wrk(f"{base}/api/v1/today", "")
        bearer = _wrk(f"{base}/api/v1/today", _header("Authorization", f"Bearer {token}"))
        browser = _wrk(f"{base}/api/v1/today", _header("Cookie", f"supple_session={cookie}"))
    assert unauthenticated["non2xx"] > 0, "with an account, a request without credentials must be refused"
    rows = {"no account, no credentials (baseline)": plain, "API token (Bearer)": bearer, "browser cookie": browser}
    print(f"GET /api/v1/today, {label}, supple serve --workers 2, wrk -c32 on loopback:")
    for name, run in rows.items():
        bad = int(run["non2xx"] + run["errors"])
        print(f"  {name:<40} {run['rps']:>8,.0f} req/s  p95 {run['p95']:6.1f} ms  "
              f"{run['rps'] / plain['rps']:5.2f}x  non-2xx {bad}")  # fmt: skip
    return {name: run["rps"] / plain["rps"] for name, run in rows.items()}


def _postgres() -> str | None:
    import sqlalchemy as sa

    name = f"supple_bench_{uuid.uuid4().hex[:10]}"
    try:
        admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        admin.dispose()
    except Exception as error:
        print(f"PostgreSQL not reachable at {ADMIN_URL} ({error}); skipping that half")
        return None
    return str(sa.make_url(ADMIN_URL).set(database=name))


def _drop(url: str) -> None:
    import sqlalchemy as sa

    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{sa.make_url(url).database}" WITH (FORCE)')
    admin.dispose()


def main() -> None:
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    sign_in_cost()
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
    ratios = {}
    with tempfile.TemporaryDirectory() as data:
        folder = Path(data)
        ratios["SQLite"] = requests_with_and_without(
            "SQLite", base_env | {"SUPPLE_DATA_DIR": str(folder / "a")}, folder
        )
        url = _postgres()
        if url is not None:
            try:
                env = base_env | {"SUPPLE_DATA_DIR": str(folder / "b"), "SUPPLE_DATABASE_URL": url}
                ratios["PostgreSQL"] = requests_with_and_without("PostgreSQL", env, folder)
            finally:
                _drop(url)
    for label, found in ratios.items():
        worst = min(v for k, v in found.items() if "baseline" not in k)
        print(f"target authenticated >= 0.8x unauthenticated on {label}: "
              f"{'meets' if worst >= 0.8 else 'MISSES'} (worst {worst:.2f}x)")  # fmt: skip


if __name__ == "__main__":
    main()
