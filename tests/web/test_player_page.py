"""The player pages: POST /session starts a session, GET /session/{id} renders it to resume."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services import live, logbook
from tests.contexts import ctx_for

from .conftest import csrf

DAY = "2026-11-24"


def start(client: TestClient, **fields: str) -> Any:
    form = {"kind": "daily", "minutes": "10", "date": DAY, "csrf_token": csrf(client)} | fields
    return client.post("/session", data=form, follow_redirects=False)


def page_data(page: str) -> dict[str, Any]:
    """The JSON block the server renders for player.js."""
    found = re.search(r'<script type="application/json" id="session-data">(.*?)</script>', page, re.S)
    assert found, "the page carries the session as JSON"
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_post_session_starts_one_and_redirects_to_the_player(client: TestClient, settings: Settings) -> None:
    response = start(client)
    assert response.status_code == 303
    location = response.headers["location"]
    assert re.fullmatch(r"/session/\d+", location)
    stored = live.get(ctx_for(settings), session_id=int(location.rsplit("/", 1)[1]))
    assert stored.date == dt.date(2026, 11, 24)
    assert stored.kind == "daily"
    assert stored.minutes == 10
    assert stored.finished_at is None
    assert all(item.result is None for item in stored.items)


def test_blank_fields_use_the_profile_and_today(client: TestClient, settings: Settings) -> None:
    response = start(client, kind="", minutes="", date="")
    assert response.status_code == 303
    stored = live.get(ctx_for(settings), session_id=int(response.headers["location"].rsplit("/", 1)[1]))
    assert stored.date == dt.date.today()


@pytest.mark.parametrize("token", [None, "", "not-the-cookie"])
def test_post_session_needs_the_csrf_token(client: TestClient, settings: Settings, token: str | None) -> None:
    csrf(client)
    form = {"kind": "daily", "minutes": "10", "date": DAY}
    if token is not None:
        form["csrf_token"] = token
    response = client.post("/session", data=form, follow_redirects=False)
    assert response.status_code == 403
    assert logbook.history(ctx_for(settings)) == []


def test_post_session_from_another_site_is_refused(client: TestClient) -> None:
    token = csrf(client)
    form = {"kind": "daily", "minutes": "10", "date": DAY, "csrf_token": token}
    response = client.post("/session", data=form, headers={"Origin": "https://evil.example"}, follow_redirects=False)
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("fields", "named"),
    [
        ({"minutes": "0"}, "minutes"),
        ({"minutes": "ten"}, "minutes"),
        ({"minutes": "500"}, "minutes"),
        ({"kind": "sprint"}, "kind"),
        ({"date": "tomorrow"}, "date"),
        ({"minutes": "1"}, "session"),
    ],
)
def test_bad_values_rerender_a_friendly_page(client: TestClient, fields: dict[str, str], named: str) -> None:
    response = start(client, **fields)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("text/html")
    page = html.unescape(response.text)
    assert "Could not start the session" in page
    assert named in page
    assert "Nothing was saved" in page
    assert 'href="/"' in page


def test_the_player_renders_the_session_and_resume_position(client: TestClient, settings: Settings) -> None:
    location = start(client).headers["location"]
    session_id = int(location.rsplit("/", 1)[1])
    for position in (0, 1):
        client.patch(f"/api/v1/sessions/{session_id}/items/{position}", json={"done": True, "control": 4})
    response = client.get(location)
    assert response.status_code == 200
    data = page_data(response.text)
    assert data["resume_at"] == 2
    assert data["session"]["id"] == session_id
    assert data["time_scale"] == settings.time_scale
    assert set(data["timing"]) == {"position", "switch", "rest"}
    third = data["items"][2]
    assert [i["position"] for i in data["items"]] == list(range(len(data["items"])))
    assert [i["result"] is not None for i in data["items"][:3]] == [True, True, False]
    assert all(third["cues"][part] for part in ("setup", "movement", "avoid"))
    page = html.unescape(response.text)
    assert f'<h1 id="item-name" tabindex="-1">{third["name"]}</h1>' in page, "the resume item is rendered"
    assert f'src="/illustrations/{third["exercise"]}.svg?level={third["level"]}"' in page, "the runner's level"
    assert third["cues"]["setup"][0] in page
    assert f"Item 3 of {len(data['items'])}" in page
    assert '<script src="/static/player.js" defer></script>' in page


def test_the_player_has_no_inline_script_and_hides_the_nav(client: TestClient) -> None:
    page = client.get(start(client).headers["location"]).text
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
    for attributes, body in scripts:
        assert 'type="application/json"' in attributes or not body.strip(), "no inline JavaScript (CSP)"
    assert 'aria-label="Main"' not in page, "no site navigation in the full-screen player"
    assert ">&#x2715; Exit</a>" in page or "Exit</a>" in page
    for control in ("btn-pause", "btn-back", "btn-skip", "btn-done"):
        assert f'id="{control}"' in page
    assert page.count('name="control"') == 5
    assert page.count('name="discomfort"') == 11


def test_the_time_scale_setting_reaches_the_page(tmp_path: Any) -> None:
    from supple.web.app import create_app

    fast = Settings(data_dir=tmp_path / "data", time_scale=0.02)
    with TestClient(create_app(fast), base_url="http://127.0.0.1", client=("127.0.0.1", 50000)) as client:
        page = client.get(start(client).headers["location"]).text
    assert page_data(page)["time_scale"] == 0.02


def test_a_complete_session_renders_the_summary(client: TestClient, settings: Settings) -> None:
    location = start(client).headers["location"]
    session_id = int(location.rsplit("/", 1)[1])
    count = len(live.get(ctx_for(settings), session_id=session_id).items)
    for position in range(count):
        client.patch(f"/api/v1/sessions/{session_id}/items/{position}", json={"done": position > 0})
    client.post(f"/api/v1/sessions/{session_id}/finish")
    page = client.get(location).text
    assert page_data(page)["resume_at"] is None
    assert f"You did {count - 1} of {count} items" in page
    assert re.search(r'<section id="summary"[^>]*>', page).group(0).find("hidden") == -1  # type: ignore[union-attr]
    assert re.search(r'<section id="player"[^>]*hidden', page)


@pytest.mark.parametrize("path", ["/session/999", "/session/0", "/session/-1", "/session/9223372036854775808"])
def test_an_unknown_session_is_a_friendly_404(client: TestClient, path: str) -> None:
    response = client.get(path, headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "start one from Today" in response.text
