"""The one-tap next-day question on Today, in a real browser on a phone.

The session it asks about is logged for yesterday and answered by the test, so Today shows
no question to the other browser tests afterwards.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.request

from tests.browser.conftest import Server, Tab, axe_violations

YESTERDAY = (dt.date.today() - dt.timedelta(days=1)).isoformat()


def test_yesterdays_session_is_answered_with_one_tap_on_today(server: Server, phone: Tab) -> None:
    made = server.cli("today", "--json", "--date", YESTERDAY, "--kind", "daily", "--minutes", "6")
    assert made.returncode == 0, made.stderr
    session = json.loads(made.stdout)
    for block in session["blocks"]:
        for item in block["items"]:
            item["result"] = {"done": True, "control": 4, "discomfort": 1}
    logged = server.cli("log", "--file", "-", "--json", input=json.dumps(session))
    assert logged.returncode == 0, logged.stderr
    session_id = json.loads(logged.stdout)["id"]

    page = phone.page
    response = page.goto(f"{server.url}/")
    assert response is not None
    assert response.status == 200
    question = page.locator("form.next-day")
    assert question.locator(".next-day-title").inner_text() == "How did yesterday's work feel?"
    button = question.get_by_role("button", name="Same", exact=True)
    box = button.bounding_box()
    assert box is not None
    assert box["height"] >= 44, "a large target for one tap"
    assert axe_violations(page) == []
    with page.expect_navigation():
        button.tap()
    assert page.url.endswith("/?next_day=same")
    assert "Noted: the day after felt same." in page.locator("main").inner_text()
    assert page.locator("form.next-day").count() == 0, "asked once"
    with urllib.request.urlopen(f"{server.url}/api/v1/sessions/{session_id}/followup") as stored:
        assert json.load(stored)["answer"] == "same"
    phone.expect_clean()
