"""Two `supple serve` processes on different ports, one PostgreSQL database: a club's set-up.

A browser signed in through one server is signed in on the other (sessions live in the
database, not in a process), and 32 writers split across both lose nothing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import _drop, _postgres_url
from tests.serving import serving
from tests.web.test_concurrency import _all_at_once, _session

PASSWORD = "two servers, one database"
WRITERS = 32


@pytest.fixture
def two_servers(tmp_path: Path) -> Iterator[tuple[str, str, dict[str, str]]]:
    url = _postgres_url()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
    env |= {"SUPPLE_DATABASE_URL": url, "SUPPLE_DATA_DIR": str(tmp_path / "data")}
    password = tmp_path / "password"
    password.write_text(PASSWORD + "\n")
    made = subprocess.run(
        [sys.executable, "-m", "supple", "users", "add", "ana@example.org", "--password-file", str(password)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    try:
        with serving(env, log=tmp_path / "1.log") as (first, _), serving(env, log=tmp_path / "2.log") as (second, _):
            yield first, second, env
    finally:
        _drop(url)


def _sign_in(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60)
    form = client.get("/sign-in")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token, form.text[:300]
    answer = client.post(
        "/sign-in", data={"csrf_token": token.group(1), "email": "ana@example.org", "password": PASSWORD, "next": "/"}
    )
    assert answer.status_code == 303, answer.text[:300]
    return client


@pytest.mark.postgres
def test_a_session_made_on_one_server_works_on_the_other(two_servers: tuple[str, str, dict[str, str]]) -> None:
    first, second, _ = two_servers
    assert httpx.get(f"{second}/api/v1/today", timeout=30).status_code == 401, "accounts exist: loopback signs in too"
    browser = _sign_in(first)
    cookie = browser.cookies.get("supple_session")
    browser.close()
    assert cookie
    with httpx.Client(base_url=second, timeout=60, cookies={"supple_session": cookie}) as other:
        today = other.get("/api/v1/today")
        assert today.status_code == 200, today.text[:300]
        page = other.get("/", follow_redirects=False)
        assert page.status_code == 200


def _post(base: str, body: dict[str, Any], headers: dict[str, str]) -> Callable[[httpx.Client], httpx.Response]:
    return lambda client: client.post(f"{base}/api/v1/sessions", json=body, headers=headers)


@pytest.mark.postgres
def test_32_writers_split_across_both_servers_lose_nothing(two_servers: tuple[str, str, dict[str, str]]) -> None:
    first, second, env = two_servers
    made = subprocess.run(
        [sys.executable, "-m", "supple", "tokens", "create", "ana@example.org", "--name", "load"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    headers = {"Authorization": f"Bearer {token}"}
    bodies = [_session(2, f"2026-10-{1 + n % 28:02d}") for n in range(WRITERS)]
    calls = [_post(first if n % 2 else second, body, headers) for n, body in enumerate(bodies)]
    replies = _all_at_once(calls)
    assert [r.status_code for r in replies] == [201] * WRITERS, [r.text[:200] for r in replies if r.status_code != 201]
    ids = {r.json()["id"] for r in replies}
    assert len(ids) == WRITERS, "every writer got its own session"
    listed = httpx.get(f"{first}/api/v1/sessions?limit=100", headers=headers, timeout=30)
    assert listed.status_code == 200, listed.text[:300]
    stored = {s["id"] for s in listed.json()}
    assert ids <= stored, "every acknowledged session is stored"
