"""/tokens: a signed-in person makes, uses and revokes their own API tokens; nobody else's."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services.accounts import Accounts, cheap_hasher
from supple.web.access import SESSION_COOKIE
from supple.web.app import create_app
from tests.web.conftest import LOOPBACK

PASSWORD = "a long enough password"


def _signed_in(settings: Settings, email: str) -> TestClient:
    accounts = Accounts.open(settings, hasher=cheap_hasher())
    user = accounts.find_user(email) or accounts.add_user(email, PASSWORD)
    secret, _ = accounts.start_session(user=user, athlete=user.athlete or "")
    client = TestClient(create_app(settings), base_url="http://127.0.0.1", client=LOOPBACK, follow_redirects=False)
    client.cookies.set(SESSION_COOKIE, secret)
    client.get("/tokens")  # sets the CSRF cookie
    return client


def _form(client: TestClient, **fields: str) -> dict[str, str]:
    return {"csrf_token": client.cookies.get("supple_csrf") or ""} | fields


def test_a_token_is_shown_once_works_and_stops_when_revoked(settings: Settings) -> None:
    ana = _signed_in(settings, "ana@example.org")
    made = ana.post("/tokens", data=_form(ana, name="phone shortcut"))  # read-only unless unticked: not sent = off
    assert made.status_code == 200
    secret = re.search(r'id="new-token">([^<]+)<', made.text)
    assert secret
    token = secret.group(1)
    assert token not in ana.get("/tokens").text, "the secret is shown once"
    bearer = {"Authorization": f"Bearer {token}"}
    with TestClient(create_app(settings), base_url="http://127.0.0.1", client=LOOPBACK) as script:
        assert script.get("/api/v1/today", headers=bearer).status_code == 200
        assert script.put("/api/v1/profile", json={"minutes": 12}, headers=bearer).status_code == 200, "read-write"
        (listed,) = Accounts.open(settings).list_tokens("ana@example.org")
        assert listed.last_used_at is not None
        revoked = ana.post(f"/tokens/{listed.id}/revoke", data=_form(ana))
        assert revoked.status_code == 303
        assert script.get("/api/v1/today", headers=bearer).status_code == 401


def test_a_read_only_token_from_the_page_never_writes(settings: Settings) -> None:
    ana = _signed_in(settings, "ana@example.org")
    made = ana.post("/tokens", data=_form(ana, name="reader", read_only="yes"))
    token = re.search(r'id="new-token">([^<]+)<', made.text)
    assert token
    with TestClient(create_app(settings), base_url="http://127.0.0.1", client=LOOPBACK) as script:
        bearer = {"Authorization": f"Bearer {token.group(1)}"}
        assert script.get("/api/v1/profile", headers=bearer).status_code == 200
        assert script.put("/api/v1/profile", json={"minutes": 12}, headers=bearer).status_code == 403


def test_nobody_revokes_or_sees_another_persons_tokens(settings: Settings) -> None:
    ana = _signed_in(settings, "ana@example.org")
    ana.post("/tokens", data=_form(ana, name="ana's secret script"))
    (theirs,) = Accounts.open(settings).list_tokens("ana@example.org")
    ben = _signed_in(settings, "ben@example.org")
    assert "ana's secret script" not in ben.get("/tokens").text
    assert ben.post(f"/tokens/{theirs.id}/revoke", data=_form(ben)).status_code == 404
    assert Accounts.open(settings).list_tokens("ana@example.org")[0].revoked_at is None


def test_without_accounts_there_are_no_tokens_to_make(client: TestClient) -> None:
    answer = client.get("/tokens", headers={"accept": "text/html"})
    assert answer.status_code == 404
    assert "belong to accounts" in answer.text
