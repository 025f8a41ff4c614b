"""The Content-Security-Policy in a real browser: every page loads with no violation, and the
player and htmx still work under it.

A violation is caught twice: Chromium logs it as a console error (the Tab fixture records
those) and a listener for `securitypolicyviolation`, installed before any page script runs,
keeps each one in `sessionStorage` so violations on a page left by a navigation are kept too.
This module runs its own `supple serve` so the data it sets up touches no other test.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.browser.conftest import Server, Tab, axe_violations
from tests.browser.test_player import do_item, items_of, results_of
from tests.serving import serving

TODAY = dt.date.today()
WATCH = """
document.addEventListener('securitypolicyviolation', (event) => {
  const seen = JSON.parse(sessionStorage.getItem('csp-violations') || '[]');
  seen.push(`${location.pathname}: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`
            + ` (${event.sourceFile || ''}:${event.lineNumber || ''} ${event.sample || ''})`);
  sessionStorage.setItem('csp-violations', JSON.stringify(seen));
});
"""
PAGES = [
    ("today", "/"),
    ("week", "/week"),
    ("library", "/library"),
    ("exercise", "/library/hip-flexor-stretch-overhead-reach"),
    ("history", "/history"),
    ("settings", "/settings"),
    ("assess", "/assess"),
    ("assess-test", "/assess/knee-to-wall"),
    ("assess-focus", "/assess/knee-to-wall/focus"),
    ("triage", "/triage"),
    ("triage-questions", "/triage/outer-knee"),
    ("soreness", "/soreness"),
    ("progress", "/progress"),
    ("api-docs", "/api/docs"),
    ("not-found", "/no-such-page"),
]


def _ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server of this module's own, with sessions, soreness and results in the past (so History,
    Progress and the next-day question have something to draw)."""
    data = tmp_path_factory.mktemp("csp") / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
    env |= {"SUPPLE_DATA_DIR": str(data), "SUPPLE_TIME_SCALE": "0.02"}
    log = tmp_path_factory.getbasetemp() / "serve-csp.log"
    with serving(env, log=log) as (url, process):
        running = Server(url, data, process, env)
        _fill(running)
        yield running


def _cli(server: Server, *args: str, input: str | None = None) -> str:
    done = server.cli(*args, input=input)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _fill(server: Server) -> None:
    for days, left, right in ((40, 7, 10), (5, 9.5, 11)):
        _cli(server, "assess", "record", "knee-to-wall", str(left), "--side", "left", "--date", _ago(days))
        _cli(server, "assess", "record", "knee-to-wall", str(right), "--side", "right", "--date", _ago(days))
    for days in (20, 9, 1):  # the one of yesterday brings the next-day question to Today
        session = json.loads(_cli(server, "today", "--json", "--date", _ago(days), "--kind", "daily", "--minutes", "6"))
        for block in session["blocks"]:
            for item in block["items"]:
                item["result"] = {"done": True, "control": 4, "discomfort": 1}
        _cli(server, "log", "--file", "-", input=json.dumps(session))
        _cli(server, "soreness", f"calves={days % 4}", "--date", _ago(days))


@pytest.fixture
def watched(desktop: Tab) -> Tab:
    desktop.page.add_init_script(WATCH)
    return desktop


def violations(tab: Tab) -> list[str]:
    found: list[str] = tab.page.evaluate("() => JSON.parse(sessionStorage.getItem('csp-violations') || '[]')")
    return found


def _load(tab: Tab, url: str) -> Any:
    response = tab.page.goto(url)
    assert response is not None
    tab.page.wait_for_load_state("networkidle")
    return response


def test_the_watch_catches_a_violation(server: Server, watched: Tab) -> None:
    """The detector itself: a style attribute added by a script is refused and reported."""
    _load(watched, f"{server.url}/settings")
    watched.page.evaluate("() => document.body.insertAdjacentHTML('beforeend', '<b style=\"color: red\">x</b>')")
    watched.page.wait_for_function("() => sessionStorage.getItem('csp-violations') !== null")
    assert any("style-src-attr" in line for line in violations(watched))
    assert any("Content Security Policy" in line for line in watched.errors), watched.errors


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_each_page_loads_with_no_policy_violation(server: Server, watched: Tab, name: str, path: str) -> None:
    response = _load(watched, f"{server.url}{path}")
    assert response.headers["content-security-policy"].startswith("default-src 'self'")
    assert response.status == (404 if name == "not-found" else 200)
    if name == "not-found":  # the browser logs the 404 of the page itself; that one is expected
        watched.errors[:] = [e for e in watched.errors if "404" not in e]
    if name == "history":
        assert watched.page.locator(".bar-row rect.bar").count() > 0, "the weekly bars are drawn"
        widths = watched.page.locator(".bar-row rect.bar").evaluate_all("bars => bars.map(b => b.getBBox().width)")
        assert max(widths) > 0
    assert axe_violations(watched.page) == []
    assert violations(watched) == []
    watched.expect_clean()


def test_htmx_swaps_in_place_under_the_policy(server: Server, watched: Tab) -> None:
    page = watched.page
    _load(watched, f"{server.url}/library")
    page.evaluate("() => { window.samePage = true; }")
    everything = page.locator(".exercise").count()
    with page.expect_response(lambda r: "region=hamstrings" in r.url):
        page.select_option("#region", "hamstrings")
    page.wait_for_function("() => location.search.includes('region=hamstrings')")
    assert 0 < page.locator(".exercise").count() < everything
    assert page.evaluate("() => window.samePage") is True, "htmx swapped the list; no page load"
    with page.expect_response(lambda r: "kind=" in r.url):
        page.goto(f"{server.url}/")
        page.evaluate("() => { window.samePage = true; }")
        page.select_option("#kind", "recovery")
    page.wait_for_function("() => location.search.includes('kind=recovery')")
    assert page.evaluate("() => window.samePage") is True
    assert violations(watched) == []
    watched.expect_clean()


def test_the_next_day_question_and_the_player_work_under_the_policy(server: Server, watched: Tab) -> None:
    page = watched.page
    _load(watched, f"{server.url}/")
    question = page.locator("form.next-day")
    assert question.count() == 1, "yesterday's session is asked about"
    with page.expect_navigation():
        question.get_by_role("button", name="Same", exact=True).click()
    assert page.url.endswith("/?next_day=same")

    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Start").click()
    page.wait_for_url(re.compile(r"/session/\d+$"))
    page.wait_for_load_state("networkidle")
    session_id = page.url.rsplit("/", 1)[1]
    names = [item["name"] for item in items_of(page.request.get(f"{server.url}/api/v1/sessions/{session_id}").json())]
    assert page.locator("#progress-text").inner_text() == f"Item 1 of {len(names)}"
    do_item(watched, names)
    assert page.locator("#progress-text").inner_text() == f"Item 2 of {len(names)}"
    stored = page.request.get(f"{server.url}/api/v1/sessions/{session_id}").json()
    assert results_of(stored)[0]["done"] is True, "the first item's answer reached the server"
    assert violations(watched) == []
    watched.expect_clean()


def test_the_page_script_data_block_is_not_executed(server: Server, watched: Tab) -> None:
    """The player's session data sits in a JSON block (not script); the policy lets it be read."""
    _load(watched, f"{server.url}/")
    watched.page.get_by_role("button", name="Start").click()
    watched.page.wait_for_url(re.compile(r"/session/\d+$"))
    data = watched.page.evaluate("() => JSON.parse(document.getElementById('session-data').textContent)")
    assert data
    assert violations(watched) == []
    watched.expect_clean()
