"""Who may do what: every route × (anonymous, athlete A, athlete B, admin, A's read-only token,
A's read-write token), on SQLite and PostgreSQL.

The routes come from the app's own route table, so a route added later is walked too. B never
reads or changes A's data (another athlete's resource answers 404), a read-only token never
writes, nobody without credentials gets past the public routes.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services import assess, live, routines, run_imports, runs
from supple.services.accounts import Accounts
from supple.services.context import Context
from supple.web.access import RULES, SESSION_COOKIE, public
from supple.web.app import create_app
from tests.web.conftest import LOOPBACK
from tests.web.test_access_rules import _calls, app_routes

DAY = dt.date(2026, 12, 7)
FIT = Path(__file__).parents[2] / ".." / "shared" / "data" / "activities" / "fit" / "activity-small-fenix2-run.fit"
A_NAME = "Ana Quillfeather"
PASSWORD = "a long enough password"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
IDENTITIES = ("anonymous", "athlete-a", "athlete-b", "admin", "token-a-read", "token-a-write")


@dataclass
class World:
    settings: Settings
    app: Any
    accounts: Accounts
    athlete_a: str
    athlete_b: str
    credentials: dict[str, dict[str, Any]] = field(default_factory=dict)
    users: dict[str, Any] = field(default_factory=dict)
    ids: dict[str, str] = field(default_factory=dict)


def _seed_runs(settings: Settings, athlete: str) -> dict[str, str]:
    """A done run (imported from a real file, as a job whose row is kept) and a planned run, through the services."""
    ctx = Context.open(settings, athlete=athlete)
    job = run_imports.import_here(ctx, [str(FIT)], progress=lambda done, total: None)
    (done,) = job.report["files"][0]["activities"]
    planned = runs.add_planned(ctx, DAY + dt.timedelta(days=2), kind="long")
    return {"run_id": str(done), "planned_id": f"p{planned}", "job_id": job.id}


def _seed_athlete(settings: Settings, athlete: str, name: str) -> int:
    """A profile, a finished session, an in-progress session and a test result, through the services."""
    from supple.services import profile as profiles

    ctx = Context.open(settings, athlete=athlete)
    profiles.save_profile(ctx, profile=profiles.update_profile(ctx, profiles.get_profile(ctx), name=name))
    done = live.start(ctx, session=routines.today(ctx, date=DAY - dt.timedelta(days=1), kind="daily", minutes=8))
    live.finish(ctx, session_id=done.id)  # type: ignore[arg-type]
    started = live.start(ctx, session=routines.today(ctx, date=DAY, kind="daily", minutes=8))
    assess.record(ctx, test="knee-to-wall", value="9", side="left", date=DAY)
    return started.id  # type: ignore[return-value]


def _snapshot(settings: Settings, athlete: str) -> str:
    """Everything of ``athlete`` a request could change, as one comparable text."""
    ctx = Context.open(settings, athlete=athlete)
    data = ctx.data
    parts = {
        "profile": repr(data.get_profile()),
        "sessions": repr(data.sessions()),
        "results": repr(data.results()),
        "soreness": repr(data.soreness()),
        "levels": repr(data.level_history()),
        "flags": repr(data.red_flags(cleared=True)),
        "followups": repr(data.followups()),
        "runs": repr(data.activities()),
        "planned": repr(data.planned_runs()),
        "jobs": repr(data.recent_jobs(limit=100)),
    }
    return json.dumps(parts, sort_keys=True)


@pytest.fixture
def world(database_url: str, tmp_path: Path) -> World:
    settings = Settings(data_dir=tmp_path / "data", database_url_override=database_url)
    accounts = Accounts.open(settings)
    user_a = accounts.add_user("ana@example.org", PASSWORD, name=A_NAME)
    user_b = accounts.add_user("ben@example.org", PASSWORD, name="Ben")
    admin = accounts.add_user("admin@example.org", PASSWORD, role="admin")
    assert user_a.athlete
    assert user_b.athlete
    assert user_a.athlete != user_b.athlete
    a_session = _seed_athlete(settings, user_a.athlete, A_NAME)
    _seed_athlete(settings, user_b.athlete, "Ben")
    a_runs = _seed_runs(settings, user_a.athlete)
    app = create_app(settings)
    found = World(settings, app, accounts, user_a.athlete, user_b.athlete)
    for label, user in (("athlete-a", user_a), ("athlete-b", user_b), ("admin", admin)):
        found.users[label] = user
    read, read_token = accounts.create_token("ana@example.org", read_only=True, name="read")
    write, _ = accounts.create_token("ana@example.org", name="write")
    found.credentials["token-a-read"] = {"headers": {"Authorization": f"Bearer {read}"}}
    found.credentials["token-a-write"] = {"headers": {"Authorization": f"Bearer {write}"}}
    found.credentials["anonymous"] = {}
    _, a_device = accounts.start_session(user=user_a, athlete=user_a.athlete, kind="device", label="Ana's phone")
    feed = Context.open(settings, athlete=user_a.athlete).data.feed_token()
    found.ids = {
        "session_id": str(a_session),
        "device": str(a_device.session_id),
        "feed": feed,
        "position": "0",
        "token_id": str(read_token.id),
        **a_runs,
    }
    return found


def _path(world: World, path: str) -> str:
    """``path`` with each parameter filled with one of athlete A's resources (or a valid slug)."""
    values = {
        "session_id": world.ids["device"] if path.startswith("/devices/") else world.ids["session_id"],
        "position": world.ids["position"],
        "token": world.ids["feed"],
        "secret": "not-a-real-link",
        "token_id": world.ids["token_id"],
        "run_id": world.ids["run_id"],
        "job_id": world.ids["job_id"],
    }
    if "/exercises/" in path or path.startswith(("/library/", "/illustrations/{slug}")):
        values["slug"] = "couch-stretch"
    elif "/complaints/" in path or path.startswith("/triage/"):
        values["slug"] = "outer-knee"
    elif "/charts/" in path:
        values["slug"] = "levels"
    else:
        values["slug"] = "knee-to-wall"
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)


def _operations(world: World) -> list[tuple[str, str, str]]:
    """(method, concrete path, rule) for every operation of the app."""
    found = []
    for path, route in app_routes(world.app):
        if not isinstance(route, APIRoute):
            continue
        rules = _calls(route.dependant) & set(RULES)
        (rule,) = rules
        for method in sorted(route.methods - {"HEAD"}):
            found.append((method, _path(world, path), rule.__name__))
    return found


def _send(world: World, client: TestClient, identity: str, method: str, path: str, csrf: str) -> Any:
    """One request as ``identity``. A person gets a fresh browser session each time: a route walked
    earlier (signing out everywhere, say) must not change what the next one is asked as."""
    creds = world.credentials.get(identity)
    if creds is None:
        user = world.users[identity]
        secret, _ = world.accounts.start_session(user=user, athlete=user.athlete or "", kind="browser")
        creds = {"cookies": {SESSION_COOKIE: secret}}
    client.cookies.clear()
    client.cookies.set("supple_csrf", csrf)
    for name, value in creds.get("cookies", {}).items():
        client.cookies.set(name, value)
    api = path.startswith("/api/")
    headers = {"accept": "application/json" if api else "text/html", "x-csrf-token": csrf}
    headers |= creds.get("headers", {})
    body: dict[str, Any] = {}
    if method in UNSAFE:
        body = {"json": {}} if api else {"data": {"csrf_token": csrf}}
    return client.request(method, path, headers=headers, follow_redirects=False, **body)


def _detail(response: Any, number: str) -> str:
    return str(response.json().get("detail", "")).replace(number, "N")


def test_the_matrix(world: World) -> None:
    operations = _operations(world)
    assert len(operations) > 60
    before_a = _snapshot(world.settings, world.athlete_a)
    failures: list[str] = []
    with TestClient(world.app, base_url="http://127.0.0.1", client=LOOPBACK) as client:
        csrf = "x" * 43
        for identity in ("anonymous", "athlete-b", "admin", "token-a-read"):
            for method, path, rule in operations:
                response = _send(world, client, identity, method, path, csrf)
                status = response.status_code
                where = f"{identity} {method} {path} -> {status}"
                if status >= 500:
                    failures.append(f"{where}: server error {response.text[:200]}")
                    continue
                if rule == public.__name__:
                    continue
                if identity == "anonymous":
                    if path.startswith("/api/"):
                        ok = status == 401 and response.headers.get("www-authenticate", "").startswith("Bearer")
                    else:
                        ok = status == 303 and response.headers["location"].startswith("/sign-in")
                    if not ok:
                        failures.append(f"{where}: expected a sign-in answer")
                elif identity == "athlete-b":
                    segments = path.split("/")
                    owned = [world.ids[k] for k in ("session_id", "run_id", "job_id") if world.ids[k] in segments]
                    theirs = bool(owned) or path.startswith(("/devices/", "/tokens/"))
                    if theirs:
                        # No enumeration: A's resource answers exactly as one that does not exist.
                        mine = owned[0] if owned else world.ids["session_id"]
                        if path.startswith(("/devices/", "/tokens/")):
                            mine = world.ids["device" if path.startswith("/devices/") else "token_id"]
                        nothing = path.replace(f"/{mine}", "/987654", 1)
                        other = _send(world, client, identity, method, nothing, csrf)
                        if status not in (404, 422) or other.status_code != status:
                            failures.append(
                                f"{where}: must answer as for one that does not exist ({other.status_code})"
                            )
                        elif path.startswith("/api/") and _detail(response, mine) != _detail(other, "987654"):
                            failures.append(f"{where}: its problem differs from a missing one's: {response.text[:160]}")
                    if A_NAME in response.text or world.ids["feed"] in response.text:
                        failures.append(f"{where}: shows athlete A's data")
                elif identity == "admin":
                    if rule == "athlete_context" and status != 403:
                        failures.append(f"{where}: an admin without athlete data gets 403 on athlete routes")
                elif identity == "token-a-read" and method in UNSAFE and rule != "public" and status != 403:
                    failures.append(f"{where}: a read-only token must never write")
        after_a = _snapshot(world.settings, world.athlete_a)
        assert after_a == before_a, "B, the admin or the read-only token changed A's data"
        # A's own credentials reach A's own resources.
        for identity in ("athlete-a", "token-a-write"):
            response = _send(world, client, identity, "GET", f"/api/v1/sessions/{world.ids['session_id']}", csrf)
            if response.status_code != 200:
                failures.append(f"{identity} cannot read their own session: {response.status_code}")
        for identity in ("athlete-a", "token-a-read"):
            for path in (f"/api/v1/jobs/{world.ids['job_id']}", f"/runs/{world.ids['run_id']}"):
                response = _send(world, client, identity, "GET", path, csrf)
                if response.status_code != 200:
                    failures.append(f"{identity} cannot read their own {path}: {response.status_code}")
        mine = _send(world, client, "token-a-read", "GET", "/api/v1/profile", csrf)
        if mine.status_code != 200 or mine.json().get("name") != A_NAME:
            failures.append(f"A's read-only token reads A's profile: {mine.status_code} {mine.text[:120]}")
    assert not failures, "\n".join(failures)
