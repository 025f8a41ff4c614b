"""The Week page's links open exactly the routine the plan counted, the session after a run included."""

from __future__ import annotations

import datetime as dt
import html as markup
import re

from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services import profile as profiles
from supple.services import routines
from tests.contexts import ctx_for

START = "2026-11-23"


def _daily_runner(settings: Settings, minutes: int) -> None:
    current = profiles.get_profile(ctx_for(settings))
    profile = profiles.update_profile(
        ctx_for(settings),
        current,
        run_days="mon,tue,wed,thu,fri,sat,sun",
        run_time="07:00",
        minutes=minutes,
        priorities=["hip-flexors", "hamstrings", "calves"],
    )
    profiles.save_profile(ctx_for(settings), profile=profile)


def test_every_link_on_the_week_page_opens_the_session_the_plan_counted(client: TestClient, settings: Settings) -> None:
    _daily_runner(settings, minutes=14)
    page = client.get(f"/week?start={START}").text
    links = [markup.unescape(h) for h in re.findall(r'class="day-link" href="([^"]+)"', page)]
    plan = client.get("/api/v1/plan", params={"start": START}).json()
    sessions = [s for day in plan["days"] for s in day["sessions"]]
    assert len(links) == len(sessions) > 7, "a daily runner with 14 minutes gets sessions after some runs"
    assert any(s["after_run"] for s in sessions)
    assert "after the run" in page
    for link, planned in zip(links, sessions, strict=True):
        query = dict(part.split("=", 1) for part in link.split("?", 1)[1].split("&"))
        opened = client.get("/api/v1/today", params=query).json()
        assert opened == {k: v for k, v in planned.items() if k not in ("at", "after_run")}, link
        html = markup.unescape(client.get(link).text)
        at = html.index('id="routine-title"')
        for item in (item for block in planned["blocks"] for item in block["items"]):
            at = html.index(item["name"], at)  # the page shows the planned items, in order


def test_the_today_page_on_a_run_day_links_the_session_after_the_run(client: TestClient, settings: Settings) -> None:
    _daily_runner(settings, minutes=14)
    day = dt.date(2026, 11, 23)
    planned = routines.day_plan(ctx_for(settings), date=day).sessions
    after = [p for p in planned if p.after_run]
    if not after:  # this weekday has no session after the run: find one that has
        day = next(
            d
            for d in (day + dt.timedelta(days=n) for n in range(7))
            if any(p.after_run for p in routines.day_plan(ctx_for(settings), date=d).sessions)
        )
        after = [p for p in routines.day_plan(ctx_for(settings), date=day).sessions if p.after_run]
    html = client.get("/", params={"date": day.isoformat()}).text
    assert "Planned for this day:" in html
    assert "(shown)" in html
    session = after[0].session
    assert f"/?date={day.isoformat()}&amp;kind=daily&amp;minutes={session.minutes}" in html
    assert "After the run: daily" in html


def test_a_primer_asked_for_too_long_gets_the_cap_everywhere(client: TestClient, settings: Settings) -> None:
    body = client.get("/api/v1/today", params={"date": START, "kind": "primer", "minutes": 30}).json()
    assert body["minutes"] == 10
    assert any("kept to 10 min" in note for note in body["notes"])
    page = client.get("/", params={"date": START, "kind": "primer", "minutes": "30"}).text
    assert "of 10 min" in page
