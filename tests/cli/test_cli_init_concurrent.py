"""`supple init` run by several processes at once, each changing one field: every change stays.

Each command reads the saved profile, applies its own flags and saves, in one locked
transaction; before, a command could save back the values it had read before another
command's save, reverting that change. Real processes, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tests.conftest import Cli

ROUNDS = 8


def _init(cli: Cli, database_url: str, barrier: threading.Barrier, *flags: str) -> dict[str, Any]:
    command = [sys.executable, "-m", "supple", "init", "--json", *flags]
    env = cli.env | {"SUPPLE_DATABASE_URL": database_url}
    barrier.wait()
    done = subprocess.run(command, env=env, cwd=cli.cwd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    saved: dict[str, Any] = json.loads(done.stdout)
    return saved


def test_three_init_commands_at_once_keep_every_change(cli: Cli, database_url: str) -> None:
    assert cli("init", "--json", env={"SUPPLE_DATABASE_URL": database_url}).code == 0  # the first write alone
    reverted = []
    for round_no in range(ROUNDS):
        wanted = {"minutes": 10 + round_no, "name": f"Runner {round_no}", "run_times": {"tue": f"0{round_no}:30"}}
        flags = [
            ("--minutes", str(wanted["minutes"])),
            ("--name", wanted["name"]),
            ("--run-days", "tue", "--run-time", wanted["run_times"]["tue"]),
        ]
        barrier = threading.Barrier(len(flags))
        with ThreadPoolExecutor(max_workers=len(flags)) as pool:
            list(pool.map(lambda given, barrier=barrier: _init(cli, database_url, barrier, *given), flags))
        saved = cli("init", "--json", env={"SUPPLE_DATABASE_URL": database_url}).json()
        got = {field: saved[field] for field in wanted}
        if got != wanted:
            reverted.append((round_no, got))
    assert reverted == [], f"{len(reverted)} of {ROUNDS} rounds lost a change, e.g. {reverted[:3]}"
