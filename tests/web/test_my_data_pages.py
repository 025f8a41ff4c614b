"""Download my data and Delete my data, through the real app in-process, on SQLite and PostgreSQL:
two athletes with realistic data, one asks; the other's rows are counted before and after."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services.accounts import Accounts, User, cheap_hasher
from supple.store import athlete_rows
from supple.store.athlete import shared_store
from supple.store.schema import api_tokens, athletes, auth_sessions, one_time_links, users
from supple.web.access import SESSION_COOKIE
from supple.web.app import create_app
from tests.athlete_fill import fill
from tests.web.conftest import BASE, LOOPBACK

PASSWORD = "a long enough password"


@dataclass
class Two:
    settings: Settings
    accounts: Accounts
    engine: sa.Engine
    amy: User
    bob: User
    app: Any


@pytest.fixture
def two(database_url: str, tmp_path: Path) -> Two:
    """Amy and Bob, each an account owning a month of realistic data, each with a token and a session."""
    settings = Settings(data_dir=tmp_path / "data", database_url_override=database_url)
    accounts = Accounts.open(settings, hasher=cheap_hasher())
    fill(settings, "amy")
    fill(settings, "bob")
    amy = accounts.add_user("amy@example.org", PASSWORD, athlete="amy", name="Amy")
    bob = accounts.add_user("bob@example.org", PASSWORD, athlete="bob", name="Bob")
    for email in ("amy@example.org", "bob@example.org"):
        accounts.create_token(email, name="script")
    accounts.start_session(user=bob, athlete="bob", kind="device", label="Bob's phone")
    for slug in ("amy", "bob"):
        accounts.start_session(user=None, athlete=slug, kind="device", label="paired before accounts")
        accounts.create_pairing(slug)
    return Two(settings, accounts, shared_store(database_url).engine, amy, bob, create_app(settings))


@pytest.fixture
def amy(two: Two) -> Iterator[TestClient]:
    """Amy's browser, signed in through the sign-in page."""
    with TestClient(
        two.app, base_url=BASE, client=LOOPBACK, follow_redirects=False, headers={"accept": "text/html,*/*"}
    ) as client:
        client.get("/sign-in")
        form = {"csrf_token": client.cookies["supple_csrf"], "email": "amy@example.org", "password": PASSWORD}
        assert client.post("/sign-in", data=form).status_code == 303
        yield client


def counts(engine: sa.Engine, slug: str) -> dict[str, int]:
    """Rows of ``slug`` per table (plain SQL through athlete_id), and its account's rows."""
    out: dict[str, int] = {}
    with engine.connect() as conn:
        owner = conn.execute(sa.select(athletes.c.id).where(athletes.c.slug == slug)).scalar()
        out["athletes"] = 0 if owner is None else 1
        for table in athlete_rows.athlete_tables():
            query = sa.select(sa.func.count()).select_from(table).where(table.c.athlete_id == owner)
            out[table.name] = int(conn.execute(query).scalar_one())
    return out


def athlete_id(engine: sa.Engine, slug: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(athletes.c.id).where(athletes.c.slug == slug)).scalar_one())


def account_rows(engine: sa.Engine, user: User, owner: int) -> dict[str, int]:
    """The account's rows, and the rows that name its athlete (``owner``) outside the athlete's tables:
    a device paired before the account existed, a pairing link not used yet."""
    with engine.connect() as conn:

        def count(table: sa.Table, where: Any) -> int:
            return int(conn.execute(sa.select(sa.func.count()).select_from(table).where(where)).scalar_one())

        return {
            "users": count(users, users.c.id == user.id),
            "auth_sessions": count(auth_sessions, auth_sessions.c.user_id == user.id),
            "api_tokens": count(api_tokens, api_tokens.c.user_id == user.id),
            "athlete's auth_sessions": count(auth_sessions, auth_sessions.c.athlete_id == owner),
            "athlete's links": count(one_time_links, one_time_links.c.athlete_id == owner),
        }


def _csrf(client: TestClient) -> str:
    assert client.get("/settings/delete").status_code == 200
    return client.cookies["supple_csrf"]


# -- download ------------------------------------------------------------------------------------------
def test_the_download_holds_my_rows_and_nobody_elses(two: Two, amy: TestClient) -> None:
    response = amy.get("/settings/export")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert 'filename="supple-amy-' in disposition
    assert response.headers["cache-control"] == "no-store"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert "README.txt" in archive.namelist()
        document = json.loads(archive.read("supple-export.json"))
    assert document["athlete"] == "amy"
    tables = document["tables"]
    assert tables == json.loads(json.dumps(athlete_rows.dump(two.engine, "amy")))
    # The level state is worked out again on import, not exported (athlete_rows.DERIVED_TABLES).
    mine = {name: n for name, n in counts(two.engine, "amy").items() if name not in athlete_rows.DERIVED_TABLES}
    assert {name: len(rows) for name, rows in tables.items()} == mine
    assert all(mine.values()), mine  # the fill reaches every table, so an empty one would show
    text = json.dumps(tables)
    assert "bob" not in text.lower()
    assert tables != json.loads(json.dumps(athlete_rows.dump(two.engine, "bob")))


def test_a_read_only_token_may_download_but_not_delete(two: Two) -> None:
    secret, _ = two.accounts.create_token("amy@example.org", read_only=True, name="read")
    before = counts(two.engine, "amy")
    with TestClient(two.app, base_url=BASE, client=LOOPBACK, follow_redirects=False) as script:
        script.headers["authorization"] = f"Bearer {secret}"
        download = script.get("/settings/export")
        assert download.status_code == 200
        assert download.headers["content-type"] == "application/zip"
        script.cookies.set("supple_csrf", "x" * 43)
        refused = script.post("/settings/delete", data={"csrf_token": "x" * 43, "confirm": "delete"})
        assert refused.status_code == 403
    assert counts(two.engine, "amy") == before
    assert two.accounts.find_user("amy@example.org") is not None


# -- delete --------------------------------------------------------------------------------------------
def test_nothing_is_deleted_without_typing_the_word(two: Two, amy: TestClient) -> None:
    owner = athlete_id(two.engine, "amy")
    before = counts(two.engine, "amy"), account_rows(two.engine, two.amy, owner)
    token = _csrf(amy)
    for typed in ("", "yes", "delete everything"):
        response = amy.post("/settings/delete", data={"csrf_token": token, "confirm": typed})
        assert response.status_code == 422
        assert "Nothing was deleted" in response.text
    assert amy.post("/settings/delete", data={"confirm": "delete"}).status_code == 403  # no CSRF token
    assert (counts(two.engine, "amy"), account_rows(two.engine, two.amy, owner)) == before
    assert amy.get("/").status_code == 200


def test_delete_removes_every_row_of_mine_and_my_account_and_nothing_of_bobs(two: Two, amy: TestClient) -> None:
    token_secret, _ = two.accounts.create_token("amy@example.org", name="second")
    cookie = amy.cookies[SESSION_COOKIE]
    amy_id, bob_id = athlete_id(two.engine, "amy"), athlete_id(two.engine, "bob")

    def bobs() -> tuple[Any, ...]:
        return (
            counts(two.engine, "bob"),
            account_rows(two.engine, two.bob, bob_id),
            athlete_rows.dump(two.engine, "bob"),
        )

    bob_before = bobs()
    # Every table holds some of amy's rows (so deleting them shows), but job_files: an uploaded
    # file lives only until its job has run (tests/store/test_runs_store.py deletes one).
    assert all(n for name, n in counts(two.engine, "amy").items() if name != "job_files")
    assert account_rows(two.engine, two.amy, amy_id) == {
        "users": 1,
        "auth_sessions": 1,
        "api_tokens": 2,
        "athlete's auth_sessions": 2,
        "athlete's links": 1,
    }

    response = amy.post("/settings/delete", data={"csrf_token": _csrf(amy), "confirm": " Delete "})
    assert response.status_code == 303, response.text
    assert response.headers["location"] == "/sign-in"
    assert SESSION_COOKIE not in amy.cookies

    left = counts(two.engine, "amy")
    assert {name: n for name, n in left.items() if n} == {}
    assert set(left) == {"athletes"} | {t.name for t in athlete_rows.athlete_tables()}
    assert set(account_rows(two.engine, two.amy, amy_id).values()) == {0}
    assert two.accounts.find_user("amy@example.org") is None
    assert bobs() == bob_before

    with TestClient(two.app, base_url=BASE, client=LOOPBACK, follow_redirects=False) as stranger:
        stranger.cookies.set(SESSION_COOKIE, cookie)
        page = stranger.get("/", headers={"accept": "text/html"})
        assert page.status_code == 303
        assert page.headers["location"].startswith("/sign-in")
        assert stranger.get("/api/v1/today").status_code == 401
        stranger.cookies.clear()
        api = stranger.get("/api/v1/today", headers={"authorization": f"Bearer {token_secret}"})
        assert api.status_code == 401


def test_the_runner_at_this_machine_deletes_the_local_data_and_its_paired_phones(
    database_url: str, tmp_path: Path
) -> None:
    """No accounts: the local runner on loopback deletes; the local athlete's rows and paired devices go."""
    settings = Settings(data_dir=tmp_path / "data", database_url_override=database_url)
    fill(settings, settings.athlete)
    fill(settings, "bob")
    accounts = Accounts.open(settings, hasher=cheap_hasher())
    phone_secret, _ = accounts.start_session(user=None, athlete=settings.athlete, kind="device", label="phone")
    engine = shared_store(database_url).engine
    bob_before = athlete_rows.dump(engine, "bob")
    with TestClient(
        create_app(settings), base_url=BASE, client=LOOPBACK, follow_redirects=False, headers={"accept": "text/html"}
    ) as runner:
        page = runner.get("/settings/delete")
        assert page.status_code == 200
        assert "and your account" not in page.text  # there is no account to delete here
        response = runner.post(
            "/settings/delete", data={"csrf_token": runner.cookies["supple_csrf"], "confirm": "delete"}
        )
        assert response.status_code == 303
        assert response.headers["location"] == "/?deleted=1"
        assert {name: n for name, n in counts(engine, settings.athlete).items() if n} == {}
        assert accounts.resolve_session(phone_secret) is None
        assert athlete_rows.dump(engine, "bob") == bob_before
        assert runner.get("/").status_code == 200  # a fresh start, as on a new machine
