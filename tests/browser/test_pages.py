"""The pages in a real browser, at phone and desktop sizes: clean, accessible, and working in place."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import Server, Tab, axe_violations

PAGES = [
    ("today", "/"),
    ("week", "/week"),
    ("library", "/library"),
    ("exercise", "/library/hip-flexor-stretch-overhead-reach"),
    ("history", "/history"),
    ("settings", "/settings"),
]


@pytest.fixture(scope="module")
def logged(server: Server) -> None:
    """A few finished sessions in past weeks (one item skipped), so History has something to show."""
    today = dt.date.today()
    for days_ago in (40, 33, 31, 26, 19, 17, 16):
        date = (today - dt.timedelta(days=days_ago)).isoformat()
        made = server.cli("today", "--json", "--date", date, "--kind", "daily", "--minutes", "8")
        assert made.returncode == 0, made.stderr
        session = json.loads(made.stdout)
        for b, block in enumerate(session["blocks"]):
            for i, item in enumerate(block["items"]):
                skipped = b == 0 and i == 0 and days_ago % 2 == 0
                item["result"] = {"done": not skipped, "control": 4, "discomfort": 1}
        done = server.cli("log", "--file", "-", input=json.dumps(session))
        assert done.returncode == 0, done.stderr


@pytest.fixture(params=["phone", "desktop"])
def tab(request: pytest.FixtureRequest) -> Tab:
    found: Tab = request.getfixturevalue(request.param)
    return found


@pytest.fixture
def profile_kept(server: Server) -> Iterator[dict[str, Any]]:
    """The profile as it was (the server is shared); put back after the test."""
    before = server.cli("init", "--json", input="")
    assert before.returncode == 0, before.stderr
    saved: dict[str, Any] = json.loads(before.stdout)
    yield saved
    runs = saved["run_times"]
    server.cli(
        "init",
        "--run-days",
        ",".join(runs) or "none",
        "--run-time",
        ",".join(f"{day}={time}" for day, time in runs.items()) or "07:00",
        "--minutes",
        str(saved["minutes"]),
        "--equipment",
        ",".join(saved["equipment"]) or "none",
        "--priorities",
        ",".join(saved["priorities"]) or "none",
        "--complaints",
        ",".join(saved["complaints"]) or "none",
        input="",
    )


def _load(tab: Tab, url: str) -> None:
    response = tab.page.goto(url)
    assert response is not None
    assert response.status == 200, f"{url}: {response.status}"
    # Scroll through so that lazily loaded pictures load (and fail loudly if they cannot).
    tab.page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    tab.page.wait_for_load_state("networkidle")
    tab.page.evaluate("() => window.scrollTo(0, 0)")


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_each_page_is_clean_and_accessible(
    server: Server, logged: None, tab: Tab, shot: Callable[[Tab, str], Path], name: str, path: str
) -> None:
    _load(tab, f"{server.url}{path}")
    shot(tab, name)
    assert tab.page.locator("h1").count() == 1
    assert axe_violations(tab.page) == []
    width = tab.page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= tab.page.viewport_size["width"], f"{name} scrolls sideways ({width} px)"
    tab.expect_clean()


def test_today_changes_kind_and_minutes_in_place(server: Server, phone: Tab, shot: Callable[[Tab, str], Path]) -> None:
    page = phone.page
    _load(phone, f"{server.url}/")
    page.evaluate("() => { window.samePage = true; }")
    with page.expect_response(lambda r: "kind=recovery" in r.url):
        page.select_option("#kind", "recovery")
    page.wait_for_function("() => location.search.includes('kind=recovery')")
    assert page.locator("#routine-title").inner_text().startswith("Recovery")
    assert page.locator("form.start input[name=kind]").input_value() == "recovery"
    minutes = int(page.locator("#minutes").input_value())
    with page.expect_response(lambda r: f"minutes={minutes + 1}" in r.url):
        page.click("#minutes-more")
    page.wait_for_function(f"() => location.search.includes('minutes={minutes + 1}')")
    assert f"of {minutes + 1} min" in page.locator("#routine-title").inner_text()
    assert page.locator("form.start input[name=minutes]").input_value() == str(minutes + 1)
    assert page.evaluate("() => window.samePage") is True, "the page was swapped in place, not reloaded"
    assert page.locator("#live-status").inner_text().startswith("Recovery")
    assert axe_violations(page) == []
    shot(phone, "today-changed")
    phone.expect_clean()


def test_today_reports_a_bad_value_inline(server: Server, phone: Tab) -> None:
    response = phone.page.goto(f"{server.url}/?minutes=500")
    assert response is not None
    assert response.status == 422
    assert "expected a whole number from 1 to 120" in phone.page.locator("#minutes-error").inner_text()
    assert phone.page.locator("#minutes").get_attribute("aria-invalid") == "true"
    assert phone.page.locator("form.start button").is_visible()
    assert axe_violations(phone.page) == []


def test_library_filters_in_place(server: Server, desktop: Tab, shot: Callable[[Tab, str], Path]) -> None:
    page = desktop.page
    _load(desktop, f"{server.url}/library")
    page.evaluate("() => { window.samePage = true; }")
    everything = page.locator(".exercise").count()
    with page.expect_response(lambda r: "region=hamstrings" in r.url):
        page.select_option("#region", "hamstrings")
    page.wait_for_function("() => location.search.includes('region=hamstrings')")
    hamstrings = page.locator(".exercise").count()
    assert 0 < hamstrings < everything
    with page.expect_response(lambda r: "role=melt" in r.url):
        page.select_option("#role", "melt")
    page.wait_for_function("() => location.search.includes('role=melt')")
    names = page.locator(".exercise-name").all_inner_texts()
    assert names
    assert all(page.locator(".exercise .role").nth(i).inner_text().lower() == "melt" for i in range(len(names)))
    assert page.evaluate("() => window.samePage") is True
    assert axe_violations(page) == []
    shot(desktop, "library-filtered")
    desktop.expect_clean()


def test_saving_settings_changes_today(
    server: Server, phone: Tab, profile_kept: dict[str, Any], shot: Callable[[Tab, str], Path]
) -> None:
    page = phone.page
    _load(phone, f"{server.url}/settings")
    page.fill("#minutes", "6")
    page.check("#run-sat")
    page.fill("#time-sat", "09:30")
    page.check("#priority-it-band")
    with page.expect_navigation():
        page.click("form.settings button[type=submit]")
    assert page.url.endswith("/settings?saved=1")
    assert page.get_by_role("status").filter(has_text="Saved").is_visible()
    assert page.locator("#minutes").input_value() == "6"
    assert page.locator("#run-sat").is_checked()
    shot(phone, "settings-saved")
    _load(phone, f"{server.url}/")
    assert "of 6 min" in page.locator("#routine-title").inner_text()
    assert "IT band" in page.locator(".note").first.inner_text()
    phone.expect_clean()


def test_settings_errors_are_shown_next_to_the_field(server: Server, phone: Tab, profile_kept: dict[str, Any]) -> None:
    page = phone.page
    _load(phone, f"{server.url}/settings")
    page.fill("#minutes", "0")
    with page.expect_navigation():
        page.click("form.settings button[type=submit]")
    assert "expected a whole number from 1 to 120" in page.locator("#minutes-error").inner_text()
    assert page.locator("#minutes").get_attribute("aria-invalid") == "true"
    assert axe_violations(page) == []
    assert json.loads(server.cli("init", "--json", input="").stdout)["minutes"] == profile_kept["minutes"]


def test_week_feed_link_can_be_renewed(server: Server, desktop: Tab) -> None:
    page = desktop.page
    _load(desktop, f"{server.url}/week")
    old = page.locator("#feed-url").input_value()
    assert old.startswith(f"{server.url}/calendar/")
    assert page.request.get(old).headers["content-type"].startswith("text/calendar")
    with page.expect_navigation():
        page.get_by_role("button", name="Make a new address").click()
    new = page.locator("#feed-url").input_value()
    assert new != old
    assert page.request.get(old).status == 404
    assert page.request.get(new).status == 200
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page.get_by_role("button", name="Copy").click()
    page.wait_for_function("() => document.getElementById('copy-status').textContent.startsWith('Copied')")
    assert page.evaluate("() => navigator.clipboard.readText()") == new
    desktop.expect_clean()
