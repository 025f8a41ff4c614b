"""On the web, a triage's Start opens the player on that complaint's triage session; POST /session takes
a complaint too, and refuses an unknown one with a 422 that names it and the known complaints."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from fastapi.testclient import TestClient

from supple.config import Settings
from supple.core.athlete import Profile
from supple.core.session import LoggedSession
from supple.services import live, logbook, profile, routines, triage
from tests.contexts import ctx_for

from .conftest import csrf

DAY = "2026-11-24"


def _started(settings: Settings, reply: object) -> LoggedSession:
    location = reply.headers["location"]  # type: ignore[attr-defined]
    found = re.fullmatch(r"/session/(\d+)", location)
    assert found, location
    return live.get(ctx_for(settings), session_id=int(found.group(1)))


def _clashes(settings: Settings, session: LoggedSession, complaints: set[str]) -> list[str]:
    known = ctx_for(settings).knowledge.complaints
    avoided = set().union(*(known[c].avoids for c in complaints))
    exercises = ctx_for(settings).catalogue.exercises
    return [i.item.exercise for i in session.items if avoided & exercises[i.item.exercise].involves]


@pytest.mark.parametrize("slug", ["outer-knee", "sit-bone", "hip-front"])
def test_start_after_triage_opens_the_player_on_the_triage_session(
    client: TestClient, settings: Settings, slug: str
) -> None:
    token = csrf(client)
    questions = triage.questions(ctx_for(settings), complaint=slug)
    page = client.post(f"/triage/{slug}", data={"csrf_token": token} | {f"flag-{q.slug}": "no" for q in questions})
    assert f'action="/triage/{slug}/start"' in page.text
    reply = client.post(f"/triage/{slug}/start", data={"csrf_token": token}, follow_redirects=False)
    assert reply.status_code == 303
    started = _started(settings, reply)
    expected = routines.today(ctx_for(settings), date=dt.date.today(), complaint=slug)
    assert [i.item.exercise for i in started.items] == [i.exercise for i in expected.items]
    assert started.kind == "focus"
    first_line = ctx_for(settings).knowledge.complaints[slug].first_line.exercises
    assert started.items[0].item.exercise == first_line[0]
    assert _clashes(settings, started, {slug}) == []


def test_post_session_with_a_complaint_starts_its_triage_session(client: TestClient, settings: Settings) -> None:
    profile.save_profile(ctx_for(settings), profile=Profile(equipment=frozenset({"box"})))
    form = {"date": DAY, "complaint": "shin", "csrf_token": csrf(client)}
    reply = client.post("/session", data=form, follow_redirects=False)
    assert reply.status_code == 303
    started = _started(settings, reply)
    assert started.kind == "focus"
    assert started.items[0].item.exercise == "single-leg-calf-raise"
    slugs = {i.item.exercise for i in started.items}
    assert not slugs & {"ankle-pogo-hops", "elevated-hip-internal-rotation", "ninety-ninety-hip-switch"}
    assert _clashes(settings, started, {"shin"}) == []


@pytest.mark.parametrize(
    ("fields", "names"),
    [
        ({"complaint": "knee"}, ["'knee'", "outer-knee", "sit-bone"]),
        ({"complaint": "shin", "kind": "primer"}, ["'primer'", "focus"]),
    ],
)
def test_post_session_with_an_unknown_complaint_is_a_422_that_stores_nothing(
    client: TestClient, settings: Settings, fields: dict[str, str], names: list[str]
) -> None:
    form = {"date": DAY, "csrf_token": csrf(client)} | fields
    reply = client.post("/session", data=form, follow_redirects=False)
    assert reply.status_code == 422
    page = html.unescape(reply.text)
    for name in names:
        assert name in page, name
    assert logbook.history(ctx_for(settings)) == []


def test_the_library_and_the_triage_page_say_what_is_left_out_and_why(client: TestClient, settings: Settings) -> None:
    detail = html.unescape(client.get("/library/elevated-hip-internal-rotation").text)
    assert "Left out for" in detail
    assert "Outer knee (IT band area): it involves hip turned inwards to the end of its range." in detail
    assert "Shin: it involves hip turned inwards to the end of its range." in detail
    token = csrf(client)
    questions = triage.questions(ctx_for(settings), complaint="sit-bone")
    page = client.post("/triage/sit-bone", data={"csrf_token": token} | {f"flag-{q.slug}": "no" for q in questions})
    words = html.unescape(page.text)
    assert "leaves out anything that involves deep hip bending; rolling the back of the thigh" in words
    assert "Elevated hamstring stretch" in words
