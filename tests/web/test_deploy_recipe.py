"""docs/deploy.md, followed on this machine: PostgreSQL, the settings file, the first admin and two
athletes, `supple serve` behind a proxy (the test plays the proxy: it sends the public Host,
X-Forwarded-For and X-Forwarded-Proto as Caddy or nginx would).

Each athlete signs in and sees only their own data; cookies are Secure because the proxy says
the visitor came over HTTPS; feed links use the public address; sign-in limits see the
visitor's address, not the proxy's.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.conftest import _drop, _postgres_url
from tests.serving import serving

PUBLIC = "supple.example.org"
PASSWORD = "a club member's password"


@dataclass
class Club:
    url: str
    env: dict[str, str]


def _cli(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "supple", *args], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def club(tmp_path: Path) -> Iterator[Club]:
    url = _postgres_url()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
    env |= {
        "SUPPLE_DATA_DIR": str(tmp_path / "unused"),
        "SUPPLE_DATABASE_URL": url,
        "SUPPLE_SECRET_KEY": "s" * 48,
        "SUPPLE_PUBLIC_URL": f"https://{PUBLIC}",
    }
    password = tmp_path / "password"
    password.write_text(PASSWORD)
    _cli(env, "users", "add", "admin@example.org", "--role", "admin", "--password-file", str(password))
    for email, name in (("ana@example.org", "Ana"), ("ben@example.org", "Ben")):
        _cli(env, "users", "add", email, "--name", name, "--password-file", str(password))
    command = ["--host", "127.0.0.1", "--workers", "2", "--forwarded-allow-ips", "127.0.0.1"]
    try:
        with serving(env, *command, log=tmp_path / "serve.log") as (base, _):
            yield Club(base, env)
    finally:
        _drop(url)


def _through_proxy(club: Club, visitor: str = "203.0.113.7") -> httpx.Client:
    headers = {"Host": PUBLIC, "X-Forwarded-For": visitor, "X-Forwarded-Proto": "https", "Accept": "text/html"}
    return httpx.Client(base_url=club.url, headers=headers, timeout=60, follow_redirects=False)


def _carry(client: httpx.Client, answer: httpx.Response) -> None:
    """Send the session cookie on: httpx keeps a Secure cookie for https, and the test talks plain
    http to the app as the proxy does (the browser's side of the proxy is https)."""
    found = re.search(r"supple_session=([^;]+)", answer.headers.get("set-cookie", ""))
    assert found, answer.headers
    client.headers["Cookie"] = f"supple_session={found.group(1)}"


def _sign_in(client: httpx.Client, email: str, password: str = PASSWORD) -> httpx.Response:
    form = client.get("/sign-in")
    assert form.status_code == 200, form.text[:300]
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token
    return client.post(
        "/sign-in",
        data={"csrf_token": token.group(1), "email": email, "password": password, "next": "/settings"},
        headers={"Origin": f"https://{PUBLIC}"},
    )


@pytest.mark.postgres
def test_two_athletes_sign_in_behind_the_proxy_and_each_sees_only_their_own(club: Club) -> None:
    with _through_proxy(club) as ana, _through_proxy(club, "198.51.100.9") as ben:
        assert ana.get("/").status_code == 303, "nothing without signing in"
        signed = _sign_in(ana, "ana@example.org")
        assert signed.status_code == 303
        assert signed.headers["location"] == "/settings"
        cookie = signed.headers["set-cookie"].lower()
        assert "secure" in cookie, "the proxy said https: the cookie is Secure"
        assert "httponly" in cookie
        assert "samesite=lax" in cookie
        _carry(ana, signed)
        ben_signed = _sign_in(ben, "ben@example.org")
        assert ben_signed.status_code == 303
        _carry(ben, ben_signed)

        settings_page = ana.get("/settings")
        assert settings_page.status_code == 200
        assert '<a class="who" href="/devices">Ana</a>' in settings_page.text
        assert "Ben" not in settings_page.text
        changed = ana.put("/api/v1/profile", json={"name": "Ana Runner", "minutes": 17})
        assert changed.status_code == 200, changed.text[:300]
        assert ana.get("/api/v1/profile").json()["minutes"] == 17
        theirs = ben.get("/api/v1/profile").json()
        assert theirs["name"] != "Ana Runner"
        assert theirs["minutes"] != 17, "Ben's profile is his own"

        week = ana.get("/week")
        feed = re.search(r"https?://[^\"<\s]+/calendar/[^\"<\s]+\.ics", week.text)
        assert feed, "the Week page shows the feed address"
        assert feed.group(0).startswith(f"https://{PUBLIC}/calendar/"), feed.group(0)
        assert "127.0.0.1" not in feed.group(0)


@pytest.mark.postgres
def test_sign_in_limits_see_the_visitor_not_the_proxy(club: Club) -> None:
    with _through_proxy(club, "203.0.113.50") as attacker, _through_proxy(club, "198.51.100.20") as member:
        answers = [_sign_in(attacker, "nobody@example.org", "wrong password").status_code for _ in range(21)]
        assert answers[0] == 401
        assert answers[-1] == 429, "one address trying many accounts is slowed down"
        assert _sign_in(member, "ana@example.org").status_code == 303, "another visitor behind the same proxy is not"
