"""The account pages through the real app in-process, on SQLite and PostgreSQL: signing in and out,
the one rule (loopback included once an account exists), pairing a device, invitations, registration."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services.accounts import Accounts, LinkRefused, User, cheap_hasher
from supple.web.access import SESSION_COOKIE
from supple.web.app import create_app
from tests.web.conftest import BASE, LOOPBACK, PROBLEM

PASSWORD = "a long enough password"
#: A phone on the home network: not this machine.
PHONE = ("192.0.2.50", 5000)
IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Mobile/15E148 Safari/604.1"
LINK_WORDS = str(LinkRefused())


@dataclass
class Site:
    settings: Settings
    accounts: Accounts
    app: Any

    def client(self, *, who: tuple[str, int] = LOOPBACK, base_url: str = BASE, **extra: Any) -> TestClient:
        """A browser (it asks for HTML) at ``who``."""
        headers = {"accept": "text/html,*/*"} | extra.pop("headers", {})
        return TestClient(self.app, base_url=base_url, client=who, follow_redirects=False, headers=headers, **extra)

    def user(self, email: str, role: str = "athlete") -> User:
        return self.accounts.add_user(email, PASSWORD, role=role, name=email.split("@")[0].title())


@pytest.fixture
def site(database_url: str, tmp_path: Path) -> Site:
    settings = Settings(data_dir=tmp_path / "data", database_url_override=database_url)
    return Site(settings, Accounts.open(settings, hasher=cheap_hasher()), create_app(settings))


@pytest.fixture
def browser(site: Site) -> Iterator[TestClient]:
    with site.client() as client:
        yield client


def csrf_from(client: TestClient, page: str = "/sign-in") -> str:
    """Open a form page (as a browser would before posting it); the CSRF token it set."""
    response = client.get(page)
    assert response.status_code == 200, response.text
    token = client.cookies.get("supple_csrf")
    assert token
    return token


def sign_in(client: TestClient, email: str, password: str = PASSWORD, *, next: str = "/", **extra: Any) -> Any:
    token = client.cookies.get("supple_csrf") or csrf_from(client)
    form = {"csrf_token": token, "email": email, "password": password, "next": next} | extra
    return client.post("/sign-in", data=form)


def problem_text(response: Any) -> str:
    found = re.search(r'<p class="problem"[^>]*>(.*?)</p>', response.text, re.S)
    assert found, response.text
    return found.group(1)


def session_cookie(response: Any) -> str:
    """The Set-Cookie header that carries the session."""
    (header,) = [h for h in response.headers.get_list("set-cookie") if h.startswith(f"{SESSION_COOKIE}=")]
    return header


# -- sign-in -------------------------------------------------------------------------------------
def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(site: Site, browser: TestClient) -> None:
    site.user("ana@example.org")
    site.user("dora@example.org")
    site.accounts.disable_user("dora@example.org")
    wrong = sign_in(browser, "ana@example.org", "not the password at all")
    unknown = sign_in(browser, "nobody@example.org", PASSWORD)
    disabled = sign_in(browser, "dora@example.org", PASSWORD)
    assert wrong.status_code == unknown.status_code == disabled.status_code == 401
    assert problem_text(wrong) == problem_text(unknown) == problem_text(disabled) == "email or password not recognised."
    assert SESSION_COOKIE not in browser.cookies


@pytest.mark.parametrize(("base_url", "secure"), [("http://127.0.0.1", False), ("https://127.0.0.1", True)])
def test_the_session_cookie_is_httponly_lax_and_secure_over_https(site: Site, base_url: str, secure: bool) -> None:
    site.user("ana@example.org")
    with site.client(base_url=base_url) as client:
        response = sign_in(client, "ana@example.org")
    assert response.status_code == 303, response.text
    attributes = [part.strip().lower() for part in session_cookie(response).split(";")]
    assert "httponly" in attributes
    assert "samesite=lax" in attributes
    assert ("secure" in attributes) is secure
    assert "path=/" in attributes


def test_every_sign_in_makes_a_new_secret_and_ends_the_one_sent_along(site: Site, browser: TestClient) -> None:
    site.user("ana@example.org")
    assert sign_in(browser, "ana@example.org").status_code == 303
    first = browser.cookies[SESSION_COOKIE]
    assert site.accounts.resolve_session(first) is not None
    assert sign_in(browser, "ana@example.org").status_code == 303  # the old cookie goes along
    second = browser.cookies[SESSION_COOKIE]
    assert second != first
    assert site.accounts.resolve_session(first) is None
    assert site.accounts.resolve_session(second) is not None
    with site.client() as other:
        other.cookies.set(SESSION_COOKIE, first)
        assert other.get("/").status_code == 303


@pytest.mark.parametrize(
    ("asked", "went"),
    [
        ("/settings?tab=data", "/settings?tab=data"),
        ("//evil.com", "/"),
        ("https://evil.com", "/"),
        ("/\\evil", "/"),
        ("\\\\evil.com", "/"),
        ("", "/"),
    ],
)
def test_sign_in_goes_on_to_a_page_of_this_site_only(site: Site, browser: TestClient, asked: str, went: str) -> None:
    site.user("ana@example.org")
    response = sign_in(browser, "ana@example.org", next=asked)
    assert response.status_code == 303
    assert response.headers["location"] == went


def test_an_admin_lands_on_the_accounts_page_not_on_a_refusal(site: Site, browser: TestClient) -> None:
    """An admin has no athlete data, so the home page answers 403: signing in takes them to /admin."""
    site.user("root@example.org", role="admin")
    response = sign_in(browser, "root@example.org")
    assert response.status_code == 303
    assert response.headers["location"] == "/admin"
    assert browser.get("/admin").status_code == 200
    assert browser.get("/sign-in").headers["location"] == "/admin"
    assert browser.get("/sign-in?next=/devices").headers["location"] == "/devices"
    assert browser.get("/").status_code == 403
    assert 'href="/admin"' in browser.get("/devices").text  # the way back from their own devices page
    site.user("ana@example.org")
    assert 'href="/admin"' not in _signed_in(site, "ana@example.org").get("/devices").text


def test_the_sixth_attempt_after_five_failures_is_refused_even_with_the_right_password(
    site: Site, browser: TestClient
) -> None:
    site.user("ana@example.org")
    for _ in range(5):
        assert sign_in(browser, "ana@example.org", "a wrong password here").status_code == 401
    blocked = sign_in(browser, "ana@example.org", PASSWORD)
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0
    assert "Too many attempts" in problem_text(blocked)
    assert SESSION_COOKIE not in browser.cookies


def test_many_failures_from_one_address_block_that_address_only(site: Site, browser: TestClient) -> None:
    """Someone trying many emails from one address is slowed down; a person elsewhere is not."""
    site.user("ana@example.org")
    for number in range(20):
        assert sign_in(browser, f"guess{number}@example.org", "a wrong password here").status_code == 401
    blocked = sign_in(browser, "ana@example.org", PASSWORD)
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0
    with site.client(who=PHONE) as elsewhere:
        assert sign_in(elsewhere, "ana@example.org", PASSWORD).status_code == 303


def test_sign_in_needs_the_forms_security_token(site: Site, browser: TestClient) -> None:
    site.user("ana@example.org")
    browser.get("/sign-in")
    response = browser.post("/sign-in", data={"email": "ana@example.org", "password": PASSWORD})
    assert response.status_code == 403
    assert SESSION_COOKIE not in browser.cookies


# -- the rule ------------------------------------------------------------------------------------
def test_once_an_account_exists_loopback_needs_sign_in_too(site: Site, browser: TestClient) -> None:
    site.user("ana@example.org")
    page = browser.get("/progress?weeks=4")
    assert page.status_code == 303
    assert page.headers["location"] == "/sign-in?next=%2Fprogress%3Fweeks%3D4"
    api = browser.get("/api/v1/today")
    assert api.status_code == 401
    assert api.headers["content-type"] == PROBLEM
    assert api.headers["www-authenticate"].startswith("Bearer")


def test_before_any_account_only_this_machine_gets_in_without_pairing(site: Site, browser: TestClient) -> None:
    assert browser.get("/").status_code == 200
    assert browser.get("/api/v1/today").status_code == 200
    with site.client(who=PHONE) as phone:
        page = phone.get("/")
        assert page.status_code == 303
        assert page.headers["location"] == "/pairing-needed"
        assert phone.get("/pairing-needed").status_code == 401
        api = phone.get("/api/v1/today")
        assert api.status_code == 401
        assert api.headers["content-type"] == PROBLEM
    # Through a proxy on this machine: the request came from elsewhere, whatever the header says.
    for header in ({"x-forwarded-for": "127.0.0.1"}, {"forwarded": "for=127.0.0.1"}, {"x-real-ip": "127.0.0.1"}):
        proxied = browser.get("/", headers=header)
        assert proxied.status_code == 303, header
        assert proxied.headers["location"] == "/pairing-needed"
        assert browser.get("/api/v1/today", headers=header).status_code == 401


# -- signing out -----------------------------------------------------------------------------------
def _signed_in(site: Site, email: str) -> TestClient:
    client = site.client()
    assert sign_in(client, email).status_code == 303
    return client


def test_sign_out_ends_this_session_only(site: Site) -> None:
    site.user("ana@example.org")
    laptop, tablet = _signed_in(site, "ana@example.org"), _signed_in(site, "ana@example.org")
    token = csrf_from(laptop, "/")
    response = laptop.post("/sign-out", data={"csrf_token": token})
    assert response.status_code == 303
    assert response.headers["location"] == "/sign-in"
    assert SESSION_COOKIE not in laptop.cookies
    assert laptop.get("/").status_code == 303
    assert tablet.get("/").status_code == 200


def test_sign_out_needs_the_forms_security_token(site: Site) -> None:
    site.user("ana@example.org")
    laptop = _signed_in(site, "ana@example.org")
    assert laptop.post("/sign-out").status_code == 403
    assert laptop.post("/sign-out-everywhere", data={"csrf_token": "x" * 43}).status_code == 403
    assert laptop.get("/").status_code == 200


def test_sign_out_everywhere_ends_every_session_of_that_person_only(site: Site) -> None:
    site.user("ana@example.org")
    site.user("ben@example.org")
    laptop, tablet = _signed_in(site, "ana@example.org"), _signed_in(site, "ana@example.org")
    ben = _signed_in(site, "ben@example.org")
    token = csrf_from(laptop, "/")
    assert laptop.post("/sign-out-everywhere", data={"csrf_token": token}).status_code == 303
    assert laptop.get("/").status_code == 303
    assert tablet.get("/").status_code == 303
    assert tablet.get("/api/v1/today").status_code == 401
    assert ben.get("/").status_code == 200


# -- pairing a device --------------------------------------------------------------------------------
def _pair(site: Site, secret: str) -> tuple[TestClient, Any]:
    phone = site.client(who=PHONE, headers={"user-agent": IPHONE})
    form = phone.get(f"/pair/{secret}")
    assert form.status_code == 200
    token = phone.cookies.get("supple_csrf")
    return phone, phone.post(f"/pair/{secret}", data={"csrf_token": token})


def test_a_pairing_link_signs_a_phone_in_once(site: Site, browser: TestClient) -> None:
    secret = site.accounts.create_pairing(site.settings.athlete)
    phone, paired = _pair(site, secret)
    assert paired.status_code == 303
    assert paired.headers["location"] == "/"
    assert "httponly" in session_cookie(paired).lower()
    assert phone.get("/").status_code == 200
    assert phone.get("/api/v1/today").status_code == 200

    _, again = _pair(site, secret)
    assert again.status_code == 410
    assert LINK_WORDS in again.text
    assert SESSION_COOKIE not in again.cookies


def test_a_link_preview_does_not_use_up_a_pairing_link(site: Site) -> None:
    secret = site.accounts.create_pairing(site.settings.athlete)
    with site.client(who=("192.0.2.99", 443)) as previewer:
        assert previewer.get(f"/pair/{secret}").status_code == 200
        assert previewer.get(f"/pair/{secret}").status_code == 200
    _, paired = _pair(site, secret)
    assert paired.status_code == 303


def test_with_accounts_a_pairing_link_signs_the_phone_in_as_the_owner(site: Site) -> None:
    ana = site.user("ana@example.org")
    assert ana.athlete
    phone, paired = _pair(site, site.accounts.create_pairing(ana.athlete))
    assert paired.status_code == 303
    assert phone.get("/").status_code == 200
    (device,) = [s for s in site.accounts.list_sessions(user_id=ana.id, athlete=ana.athlete) if s.kind == "device"]
    assert device.user is not None
    assert device.user.email == "ana@example.org"
    laptop = _signed_in(site, "ana@example.org")
    assert "iPhone browser" in laptop.get("/devices").text


def test_with_accounts_a_pairing_link_for_data_no_account_owns_says_to_sign_in(site: Site) -> None:
    """`supple serve --lan` pairs the local athlete; once accounts exist and none owns it, a device
    session without a person would be refused on every request: the phone is told so at once."""
    site.user("ana@example.org")
    phone, paired = _pair(site, site.accounts.create_pairing(site.settings.athlete))
    assert paired.status_code == 403
    assert "sign in" in paired.text.lower()
    assert SESSION_COOKIE not in phone.cookies
    assert site.accounts.list_sessions(user_id=None, athlete=site.settings.athlete) == []


def test_an_expired_pairing_link_is_refused(site: Site) -> None:
    an_hour_ago = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    earlier = Accounts.open(site.settings, hasher=cheap_hasher(), clock=lambda: an_hour_ago)
    secret = earlier.create_pairing(site.settings.athlete, minutes=10)
    phone, paired = _pair(site, secret)
    assert paired.status_code == 410
    assert LINK_WORDS in paired.text
    assert phone.get("/").headers["location"] == "/pairing-needed"


def test_the_runner_sees_the_paired_phone_and_can_sign_it_out(site: Site, browser: TestClient) -> None:
    phone, paired = _pair(site, site.accounts.create_pairing(site.settings.athlete))
    assert paired.status_code == 303
    listed = browser.get("/devices")
    assert listed.status_code == 200
    assert "iPhone browser" in listed.text
    (device,) = site.accounts.list_sessions(user_id=None, athlete=site.settings.athlete)
    token = browser.cookies["supple_csrf"]
    revoked = browser.post(f"/devices/{device.session_id}/revoke", data={"csrf_token": token})
    assert revoked.status_code == 303
    assert revoked.headers["location"] == "/devices?revoked=1"
    page = phone.get("/")
    assert page.status_code == 303
    assert page.headers["location"] == "/pairing-needed"
    assert phone.get("/api/v1/today").status_code == 401


def test_a_device_cannot_sign_out_another_athletes_device(site: Site) -> None:
    phone, paired = _pair(site, site.accounts.create_pairing(site.settings.athlete))
    assert paired.status_code == 303
    other_phone, other = _pair(site, site.accounts.create_pairing("someone-else"))
    assert other.status_code == 303
    (theirs,) = site.accounts.list_sessions(user_id=None, athlete="someone-else")
    token = phone.cookies["supple_csrf"]
    refused = phone.post(f"/devices/{theirs.session_id}/revoke", data={"csrf_token": token})
    assert refused.status_code == 404
    assert other_phone.get("/api/v1/today").status_code == 200


# -- invitations and registration ---------------------------------------------------------------------
def _invite(site: Site, admin: TestClient, role: str = "athlete") -> str:
    token = csrf_from(admin, "/admin")
    made = admin.post("/admin/invitations", data={"csrf_token": token, "role": role})
    assert made.status_code == 200, made.text
    found = re.search(r'id="invitation-link">([^<]+)<', made.text)
    assert found, made.text
    link = found.group(1)
    assert link.startswith(f"{BASE}/invite/")
    assert link not in admin.get("/admin").text  # shown once
    return link.removeprefix(BASE)


def _join(site: Site, path: str, email: str) -> tuple[TestClient, Any]:
    newcomer = site.client()
    token = csrf_from(newcomer, path)
    form = {"csrf_token": token, "email": email, "name": "Cleo", "password": PASSWORD}
    return newcomer, newcomer.post(path, data=form)


def test_an_admin_invites_someone_who_joins_once(site: Site) -> None:
    site.user("root@example.org", role="admin")
    site.user("ana@example.org")
    admin = _signed_in(site, "root@example.org")
    assert _signed_in(site, "ana@example.org").get("/admin").status_code == 403
    path = _invite(site, admin)

    cleo, joined = _join(site, path, "cleo@example.org")
    assert joined.status_code == 303, joined.text
    assert joined.headers["location"] == "/settings"
    assert cleo.get("/").status_code == 200
    user = site.accounts.find_user("cleo@example.org")
    assert user is not None
    assert user.role == "athlete"
    assert user.athlete

    _, again = _join(site, path, "dan@example.org")
    assert again.status_code == 410
    assert LINK_WORDS in again.text
    assert site.accounts.find_user("dan@example.org") is None


def test_a_bad_form_leaves_the_invitation_usable(site: Site) -> None:
    site.user("root@example.org", role="admin")
    site.user("ana@example.org")
    path = _invite(site, _signed_in(site, "root@example.org"), role="admin")
    for email, words in (("ana@example.org", "no other account uses"), ("not-an-email", "an email address such as")):
        _, refused = _join(site, path, email)
        assert refused.status_code == 422
        assert words in problem_text(refused)
    newcomer, joined = _join(site, path, "second-admin@example.org")
    assert joined.status_code == 303
    assert joined.headers["location"] == "/admin"  # an admin has no athlete data: their own page
    assert newcomer.get("/admin").status_code == 200


def test_an_invitation_link_uses_the_public_address_when_one_is_set(database_url: str, tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path / "data", database_url_override=database_url, public_url="https://supple.example.org"
    )
    site = Site(settings, Accounts.open(settings, hasher=cheap_hasher()), create_app(settings))
    site.user("root@example.org", role="admin")
    admin = _signed_in(site, "root@example.org")
    made = admin.post("/admin/invitations", data={"csrf_token": csrf_from(admin, "/admin"), "role": "coach"})
    assert made.status_code == 200
    found = re.search(r'id="invitation-link">https://supple\.example\.org/invite/([\w-]+)<', made.text)
    assert found, made.text
    coach, joined = _join(site, f"/invite/{found.group(1)}", "coach@example.org")
    assert joined.status_code == 303
    user = site.accounts.find_user("coach@example.org")
    assert user is not None
    assert user.role == "coach"
    assert coach.get("/").status_code == 200  # a coach has athlete data of their own


def test_registration_is_closed_until_an_admin_opens_it(site: Site) -> None:
    site.user("root@example.org", role="admin")
    ana = site.user("ana@example.org")
    with site.client() as stranger:
        closed = stranger.get("/register")
        assert closed.status_code == 403
        assert "ask its admin for an invitation link" in closed.text
        assert 'href="/week"' not in closed.text  # no pages a stranger cannot open are offered
        form = {"csrf_token": csrf_from(stranger), "email": "x@example.org", "password": PASSWORD}
        assert stranger.post("/register", data=form).status_code == 403
    assert site.accounts.find_user("x@example.org") is None

    admin = _signed_in(site, "root@example.org")
    token = csrf_from(admin, "/admin")
    assert admin.post("/admin/registration", data={"csrf_token": token, "open": "yes"}).status_code == 303
    assert "Close registration" in admin.get("/admin").text

    _, taken = _join(site, "/register", "ana@example.org")
    assert taken.status_code == 422
    assert "no other account uses" in problem_text(taken)
    eve, joined = _join(site, "/register", "eve@example.org")
    assert joined.status_code == 303, joined.text
    user = site.accounts.find_user("eve@example.org")
    assert user is not None
    assert user.role == "athlete"
    assert user.athlete not in (None, ana.athlete, site.settings.athlete)
    download = eve.get("/settings/export")
    assert download.status_code == 200
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        document = json.loads(archive.read("supple-export.json"))
    assert document["athlete"] == user.athlete
    assert {name: rows for name, rows in document["tables"].items() if rows and name != "athletes"} == {}
