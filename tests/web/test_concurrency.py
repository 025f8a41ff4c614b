"""32 phones saving item results at once, on the embedded SQLite, lose nothing.

The real server (`supple serve --workers 2`, two processes sharing one SQLite file) is
started in a subprocess; 32 threads, each with its own HTTP client, send their PATCH at
the same moment. Every answer must be 2xx and every result must be stored, as read
back through the API and through `supple history --json`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.serving import serving

CLIENTS = 32
EXERCISES = ("clamshell", "side-plank", "single-leg-glute-bridge", "figure-four-stretch")


@dataclass
class Served:
    url: str
    env: dict[str, str]

    def cli(self, *args: str) -> Any:
        done = subprocess.run(
            [sys.executable, "-m", "supple", *args], env=self.env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    """A fresh server and database for each test, so counts are exact."""
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")} | {"SUPPLE_DATA_DIR": str(data)}
    with serving(env, "--workers", "2", log=tmp_path / "serve.log") as (url, _):
        yield Served(url, env)


def _session(items: int, date: str) -> dict[str, Any]:
    block = {"region": "glutes", "items": [{"exercise": EXERCISES[i % len(EXERCISES)]} for i in range(items)]}
    return {"date": date, "kind": "daily", "minutes": 30, "blocks": [block]}


def _all_at_once(calls: list[Callable[[httpx.Client], httpx.Response]]) -> list[httpx.Response]:
    """Run each call in its own thread with its own client, released together by a barrier."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[httpx.Client], httpx.Response]) -> httpx.Response:
        with httpx.Client(timeout=60) as client:
            barrier.wait()
            return call(client)

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def _results(session: dict[str, Any]) -> list[Any]:
    return [item["result"] for block in session["blocks"] for item in block["items"]]


def _patch(url: str, body: dict[str, Any]) -> Callable[[httpx.Client], httpx.Response]:
    return lambda client: client.patch(url, json=body)


def test_32_clients_fill_one_long_session_at_once(served: Served) -> None:
    created = httpx.post(f"{served.url}/api/v1/sessions", json=_session(CLIENTS, "2026-11-20"), timeout=30)
    assert created.status_code == 201, created.text
    session_id = created.json()["id"]
    expected = [
        {"done": True, "level": 1, "hold_seconds": None, "control": 1 + n % 5, "discomfort": n % 11}
        for n in range(CLIENTS)
    ]
    calls = [_patch(f"{served.url}/api/v1/sessions/{session_id}/items/{n}", expected[n]) for n in range(CLIENTS)]

    replies = _all_at_once(calls)

    assert [r.status_code for r in replies if not r.is_success] == []
    stored = httpx.get(f"{served.url}/api/v1/sessions/{session_id}").json()
    assert _results(stored) == expected
    (from_cli,) = [s for s in served.cli("history", "--json") if s["id"] == session_id]
    assert _results(from_cli) == expected
    assert sum(r is not None for s in served.cli("history", "--json") for r in _results(s)) == CLIENTS


def test_32_clients_each_save_their_own_session_at_once(served: Served) -> None:
    ids = []
    for n in range(CLIENTS):
        created = httpx.post(f"{served.url}/api/v1/sessions", json=_session(2, f"2026-10-{1 + n % 28:02d}"), timeout=30)
        assert created.status_code == 201, created.text
        ids.append(created.json()["id"])
    result = {"done": True, "level": None, "hold_seconds": 30, "control": 4, "discomfort": 1}
    calls = [_patch(f"{served.url}/api/v1/sessions/{i}/items/1", result) for i in ids]
    finishes = [(lambda url: lambda client: client.post(url))(f"{served.url}/api/v1/sessions/{i}/finish") for i in ids]

    replies = _all_at_once(calls) + _all_at_once(finishes)

    assert [r.status_code for r in replies if not r.is_success] == []
    listed = {s["id"]: s for s in httpx.get(f"{served.url}/api/v1/sessions").json()}
    from_cli = {s["id"]: s for s in served.cli("history", "--json")}
    for session_id in ids:
        for source in (listed, from_cli):
            assert _results(source[session_id]) == [None, result]
            assert source[session_id]["finished_at"] is not None
    recorded = sum(r is not None for s in from_cli.values() for r in _results(s))
    assert recorded == CLIENTS, "exactly the results sent, and no others"
