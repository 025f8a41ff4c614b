"""The session player in a real browser: start from Today, do every item, reload, finish, find it in History.

The server runs its timers 50 times faster (SUPPLE_TIME_SCALE=0.02), so a 30 s hold
takes 0.6 s here. Each item is answered with its own control and discomfort, so the
stored results can be checked one by one.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from supple.core.calendar import duration_text
from tests.browser.conftest import Server, Tab, axe_violations

Shot = Callable[[Tab, str], Path]
#: Something the driver has to act on, or wait for.
ACTIONABLE = "#rating:visible, #rep-counter:visible, #summary:visible, .pl-stage-hold:visible"
ITEM_SAVED = """prev => {
  if (!document.getElementById('summary').hidden) return true;
  return document.getElementById('progress-text').textContent !== prev && document.getElementById('rating').hidden;
}"""


def answers(position: int) -> tuple[int, int]:
    """The control and discomfort given for an item: different for each, to check them one by one."""
    return 1 + position % 5, position % 11


def session_id(tab: Tab) -> int:
    return int(tab.page.url.rstrip("/").rsplit("/", 1)[1])


def stored(tab: Tab, server: Server) -> dict[str, Any]:
    reply = tab.page.request.get(f"{server.url}/api/v1/sessions/{session_id(tab)}")
    assert reply.ok
    data: dict[str, Any] = reply.json()
    return data


def items_of(session: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for block in session["blocks"] for item in block["items"]]


def results_of(session: dict[str, Any]) -> list[Any]:
    return [item["result"] for item in items_of(session)]


def page_data(tab: Tab) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(tab.page.locator("#session-data").text_content() or "{}")
    return data


def position_on_screen(tab: Tab, names: list[str]) -> int:
    text = tab.page.locator("#progress-text").inner_text()
    found = re.fullmatch(r"Item (\d+) of (\d+)", text)
    assert found, text
    position = int(found.group(1)) - 1
    assert tab.page.locator("#item-name").inner_text() == names[position]
    return position


def start_from_form(tab: Tab, server: Server, minutes: int) -> None:
    """Post the Today page's form the way its Start button does, then open the player."""
    assert tab.page.request.get(f"{server.url}/").ok  # sets the CSRF cookie, shared with the page
    token = next(c["value"] for c in tab.page.context.cookies() if c["name"] == "supple_csrf")
    form = {"kind": "daily", "minutes": str(minutes), "date": "", "csrf_token": token}
    reply = tab.page.request.post(f"{server.url}/session", form=form, max_redirects=0)
    assert reply.status == 303
    tab.page.goto(server.url + reply.headers["location"])


def do_item(tab: Tab, names: list[str], *, shoot: Shot | None = None, skip: bool = False) -> int:
    """Work through the current item's steps, answer its ratings, and wait until it is saved."""
    page = tab.page
    position = position_on_screen(tab, names)
    label = page.locator("#progress-text").inner_text()
    hold_shot = shoot is not None
    if skip:
        page.locator("#btn-skip").click()
    else:
        while True:
            page.locator(ACTIONABLE).first.wait_for()
            if page.locator("#rating").is_visible():
                break
            if hold_shot and page.locator(".pl-stage-hold").is_visible():
                page.locator("#btn-pause").click()
                assert page.locator("#btn-pause").inner_text() == "Resume"
                assert page.locator("#timer-unit").inner_text() == "paused"
                shoot(tab, "player-hold")
                assert axe_violations(page) == []
                page.locator("#btn-pause").click()
                hold_shot = False
            elif page.locator("#rep-counter").is_visible():
                page.locator("#rep-counter").click()
                page.locator("#btn-done").click()
            page.wait_for_timeout(20)
        control, discomfort = answers(position)
        page.get_by_role("group", name=re.compile("^Control")).get_by_role(
            "radio", name=str(control), exact=True
        ).check()
        page.get_by_role("group", name=re.compile("^Discomfort")).get_by_role(
            "radio", name=str(discomfort), exact=True
        ).check()
        assert page.locator(f"input[name=control][value='{control}']").is_checked()
        assert page.locator(f"input[name=discomfort][value='{discomfort}']").is_checked()
        if shoot is not None:
            shoot(tab, "player-rating")
            assert axe_violations(page) == []
        page.locator("#btn-save").click()
    page.wait_for_function(ITEM_SAVED, arg=label)
    return position


def test_a_whole_session_on_a_phone_from_today_to_history(server: Server, phone: Tab) -> None:
    page = phone.page
    page.goto(f"{server.url}/")
    page.wait_for_load_state("networkidle")  # leave no picture half-loaded (it would count as a failed request)
    page.get_by_role("button", name="Start").click()
    page.wait_for_url(re.compile(r"/session/\d+$"))
    plan = items_of(stored(phone, server))
    names = [item["name"] for item in plan]
    total = len(names)
    assert total >= 4, "a default session has several items"
    assert page.locator("#progress-text").inner_text() == f"Item 1 of {total}"
    assert page.get_by_role("link", name=re.compile("Exit")).is_visible()
    assert not page.get_by_role("navigation", name="Main").is_visible(), "the player hides the site nav"
    assert page.locator("#cues-setup li").count() > 0
    assert axe_violations(page) == []

    while page.locator("#player").is_visible():
        position = position_on_screen(phone, names)
        do_item(phone, names, skip=position == total - 1)
        if position == 1:
            # A reload (or a dropped connection) in the middle of item 3 resumes there, answers kept.
            page.wait_for_load_state("networkidle")
            page.reload()
            assert page_data(phone)["resume_at"] == 2
            assert position_on_screen(phone, names) == 2
            kept = results_of(stored(phone, server))
            assert [r is not None for r in kept[:3]] == [True, True, False]
            assert (kept[0]["control"], kept[0]["discomfort"]) == answers(0)

    page.locator("#summary").wait_for()
    assert page.locator("#summary-text").inner_text().startswith(f"You did {total - 1} of {total} items")
    assert page.get_by_role("link", name="Back to Today").is_visible()
    assert axe_violations(page) == []

    session = stored(phone, server)
    assert session["finished_at"] is not None
    for position, (item, result) in enumerate(zip(items_of(session), results_of(session), strict=True)):
        if position == total - 1:
            assert result == {"done": False, "level": item["level"], "hold_seconds": None, "control": None,
                              "discomfort": None}  # fmt: skip
            continue
        assert result["done"] is True
        assert (result["control"], result["discomfort"]) == answers(position)
        assert result["level"] == item["level"]
        if item["hold_seconds"] is not None:
            assert 0 < result["hold_seconds"] <= item["hold_seconds"]

    history = server.cli("history", "--json")
    assert history.returncode == 0, history.stderr
    assert [s for s in json.loads(history.stdout) if s["id"] == session["id"]] == [session]
    api = page.request.get(f"{server.url}/api/v1/history")
    if api.status == 200:
        assert session["id"] in [s["id"] for s in api.json()]
    page.get_by_role("link", name="See it in History").click()
    page.wait_for_url(f"{server.url}/history")
    day = dt.date.fromisoformat(session["date"])
    content = page.locator("main").inner_text()
    assert session["date"] in content or f"{day.day} {day:%b %Y}" in content, "the session is listed by its date"
    phone.expect_clean()


def open_with_frozen_clock(tab: Tab, server: Server, blocks: list[dict[str, Any]]) -> list[str]:
    """Start a session of known items through the API and open it with the page's clock stopped.

    Time then moves only when the test says so (``page.clock.run_for``), so a screenshot
    can catch the middle of a hold and key presses land on a known step. Scripts in the
    page that wait on timers (axe, ``wait_for_function``) need ``page.clock.resume()`` first.
    """
    today = dt.date.today().isoformat()
    body = {"date": today, "kind": "daily", "minutes": 10, "blocks": blocks}
    reply = tab.page.request.post(f"{server.url}/api/v1/sessions", data=body)
    assert reply.status == 201, reply.text()
    tab.page.clock.install()
    tab.page.clock.pause_at(dt.datetime.now() + dt.timedelta(minutes=1))
    tab.page.goto(server.url + "/session/" + str(reply.json()["id"]))
    return [item["name"] for item in items_of(reply.json())]


SCREENS_SESSION = [
    {"region": "hip-flexors", "items": [{"exercise": "hip-flexor-stretch-overhead-reach", "sets": 1}]},
    {"region": "glutes", "items": [{"exercise": "clamshell", "sets": 1}]},
]


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_screens_mid_hold_rating_and_summary(
    server: Server, request: pytest.FixtureRequest, size: str, shot: Shot
) -> None:
    tab: Tab = request.getfixturevalue(size)
    page = tab.page
    names = open_with_frozen_clock(tab, server, SCREENS_SESSION)
    assert page.locator("#step-label").inner_text() == "Get into position, left side first"
    page.clock.run_for(200 + 300)  # 10 s to get ready, then half of the 30 s hold (at 50 times speed)
    assert page.locator("#step-side").inner_text() == "Left side"
    assert page.locator("#step-label").inner_text() == "Set 1 of 1 · hold"
    assert 10 <= int(page.locator("#timer-number").inner_text()) <= 20
    assert re.fullmatch(
        r"(Left side\. Hold for 30 seconds|\d+ seconds left)\.?", page.locator("#announcer").inner_text()
    )
    shot(tab, "player-hold")
    # axe needs the page's timers: pause the player, then let the page's clock run in real time again.
    page.locator("#btn-pause").click()
    page.clock.resume()
    assert axe_violations(page) == []
    page.locator("#btn-pause").click()

    page.locator("#rating").wait_for()  # the rest of the hold, the side switch, the right side
    control = page.get_by_role("group", name=re.compile("^Control"))
    control.get_by_role("radio", name="4", exact=True).check()
    page.get_by_role("group", name=re.compile("^Discomfort")).get_by_role("radio", name="2", exact=True).check()
    shot(tab, "player-rating")
    assert axe_violations(page) == []
    page.locator("#btn-save").click()

    page.locator("#progress-text", has_text="Item 2 of 2").wait_for()
    assert page.locator("#item-name").inner_text() == names[1]
    page.locator("#rep-counter").wait_for()
    for _ in range(3):
        page.locator("#rep-counter").click()
    assert page.locator("#rep-count").inner_text() == "3"
    page.locator("#btn-done").click()  # the left side's reps are done
    page.locator("#step-side", has_text="Right side").wait_for()  # after the side switch
    page.locator("#rep-counter").wait_for()
    page.locator("#btn-done").click()
    page.get_by_role("group", name=re.compile("^Control")).get_by_role("radio", name="5", exact=True).check()
    page.locator("#btn-save").click()
    page.locator("#summary").wait_for()
    stored = stored_by_id(tab, server, int(page.url.rsplit("/", 1)[1]))
    # the time done the API, History and the CLI show (core/time_done.py): both items in full here
    assert stored["seconds_done"] == sum(i["seconds"] for b in stored["blocks"] for i in b["items"])
    summary = f"You did 2 of 2 items: {duration_text(stored['seconds_done'])} of work."
    assert page.locator("#summary-text").inner_text() == summary
    shot(tab, "player-summary")
    assert axe_violations(page) == []
    results = results_of(stored)
    assert results[0] == {"done": True, "level": 1, "hold_seconds": 30, "control": 4, "discomfort": 2}
    assert results[1] == {"done": True, "level": 1, "hold_seconds": None, "control": 5, "discomfort": None}
    tab.expect_clean()


def stored_by_id(tab: Tab, server: Server, number: int) -> dict[str, Any]:
    data: dict[str, Any] = tab.page.request.get(f"{server.url}/api/v1/sessions/{number}").json()
    return data


def test_keys_pause_go_back_skip_and_finish_a_step(server: Server, desktop: Tab) -> None:
    page = desktop.page
    open_with_frozen_clock(desktop, server, SCREENS_SESSION)
    page.locator("#item-name").click()  # focus on the page, not on a button
    page.keyboard.press("p")
    assert page.locator("#btn-pause").inner_text() == "Resume"
    assert page.locator("#btn-pause").get_attribute("aria-pressed") == "true"
    page.clock.run_for(5_000)
    assert page.locator("#step-label").inner_text().startswith("Get into position"), "paused: the clock stands still"
    page.keyboard.press("d")  # the get-ready countdown ends at once; the pause lasts until Resume
    assert page.locator("#step-label").inner_text() == "Set 1 of 1 · hold"
    assert page.locator("#btn-pause").inner_text() == "Resume"
    page.keyboard.press("b")
    assert page.locator("#step-label").inner_text().startswith("Get into position")
    page.keyboard.press("Space")
    assert page.locator("#btn-pause").inner_text() == "Pause"
    page.clock.run_for(300)
    assert page.locator("#step-label").inner_text() == "Set 1 of 1 · hold"
    page.keyboard.press("s")
    page.locator("#progress-text", has_text="Item 2 of 2").wait_for()
    second = items_of(stored_by_id(desktop, server, int(page.url.rsplit("/", 1)[1])))[1]
    picture = f"/illustrations/{second['exercise']}.svg?level={second['level']}"
    assert page.locator("#item-img").get_attribute("src") == picture, "the picture shows the runner's level"
    assert results_of(stored_by_id(desktop, server, int(page.url.rsplit("/", 1)[1])))[0] == {
        "done": False,
        "level": 1,
        "hold_seconds": None,
        "control": None,
        "discomfort": None,
    }
    desktop.expect_clean()


def test_an_answer_is_kept_and_sent_again_when_the_server_cannot_be_reached(server: Server, phone: Tab) -> None:
    start_from_form(phone, server, minutes=5)
    page = phone.page
    names = [item["name"] for item in items_of(stored(phone, server))]

    def refuse(route: Any) -> None:
        if route.request.method == "PATCH":
            route.fulfill(status=503, content_type="application/problem+json", body='{"status": 503}')
        else:
            route.continue_()

    page.route("**/api/v1/sessions/*/items/*", refuse)
    page.locator("#btn-skip").click()
    page.locator("#save-box").wait_for()
    assert "Not saved yet" in page.locator("#save-message").inner_text()
    assert page.locator("#save-state").inner_text() == "Not saved yet"
    assert position_on_screen(phone, names) == 0, "the player waits until the answer is saved"
    assert "supple-pending-" in page.evaluate("() => Object.keys(localStorage).join(' ')")

    page.wait_for_load_state("networkidle")
    page.reload()  # the answer lives on in this browser, and is sent again on the next visit
    page.locator("#save-box").wait_for()
    assert results_of(stored(phone, server))[0] is None
    page.unroute("**/api/v1/sessions/*/items/*")
    page.get_by_role("button", name="Try again now").click()
    page.wait_for_function("() => document.getElementById('progress-text').textContent.startsWith('Item 2')")
    assert results_of(stored(phone, server))[0] == {
        "done": False,
        "level": items_of(stored(phone, server))[0]["level"],
        "hold_seconds": None,
        "control": None,
        "discomfort": None,
    }
    assert page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('supple-pending-'))") == []
    assert not page.locator("#save-box").is_visible()
    # The refusals were planned: the browser logs each 503 (and a retry cut short by the reload).
    planned = re.compile(r"status of 503|/items/0 net::ERR_ABORTED")
    phone.errors[:] = [e for e in phone.errors if not planned.search(e)]
    phone.expect_clean()
