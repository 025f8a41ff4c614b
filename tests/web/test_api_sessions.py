"""/api/v1/sessions: start a session, record item results one by one, finish it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services import routines, shapes
from tests.contexts import ctx_for

DAY = dt.date(2026, 11, 24)
RESULT = {"done": True, "level": 1, "hold_seconds": 30, "control": 4, "discomfort": 2}
ITEM_KEYS = {
    "exercise",
    "name",
    "role",
    "regions",
    "sets",
    "reps",
    "hold_seconds",
    "per_side",
    "static",
    "seconds",
    "level",
    "why",
    "result",
}


def today(settings: Settings, minutes: int = 10, date: dt.date = DAY) -> dict[str, Any]:
    """A session object exactly as `supple today --json` prints it."""
    return shapes.session_dict(routines.today(ctx_for(settings), date=date, minutes=minutes))


def items(session: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for block in session["blocks"] for item in block["items"]]


@pytest.fixture
def started(client: TestClient, settings: Settings) -> dict[str, Any]:
    response = client.post("/api/v1/sessions", json=today(settings))
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def test_post_creates_an_in_progress_session_with_a_location(client: TestClient, settings: Settings) -> None:
    response = client.post("/api/v1/sessions", json=today(settings))
    assert response.status_code == 201
    body = response.json()
    assert response.headers["location"] == f"/api/v1/sessions/{body['id']}"
    assert set(body) == {
        "id", "date", "kind", "minutes", "total_seconds", "seconds_done", "logged_at", "finished_at", "blocks"
    }  # fmt: skip
    assert body["date"] == DAY.isoformat()
    assert body["finished_at"] is None
    assert body["logged_at"] is not None
    assert all(set(item) == ITEM_KEYS and item["result"] is None for item in items(body))
    assert client.get(response.headers["location"]).json() == body


def test_post_with_results_and_finished_logs_a_done_session(client: TestClient, settings: Settings) -> None:
    data = today(settings)
    first = data["blocks"][0]["items"][0]
    first["result"] = {"done": True, "control": 5, "discomfort": 0}
    response = client.post("/api/v1/sessions", json=data | {"finished": True})
    assert response.status_code == 201
    body = response.json()
    assert body["finished_at"] is not None
    assert items(body)[0]["result"] == {
        "done": True,
        "level": None,
        "hold_seconds": None,
        "control": 5,
        "discomfort": 0,
    }
    assert all(item["result"] is None for item in items(body)[1:])


def test_the_stored_session_has_the_same_keys_as_the_cli_history(
    client: TestClient, started: dict[str, Any], settings: Settings
) -> None:
    from supple.services import logbook

    (stored,) = logbook.history(ctx_for(settings))
    assert shapes.logged_session_dict(stored) == started


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "sprint"}, "kind"),
        ({"minutes": 0}, "minutes"),
        ({"minutes": "ten"}, "minutes"),
        ({"date": "24/11/2026"}, "date"),
        ({"blocks": []}, "blocks"),
        ({"blocks": [{"region": "it-band", "items": [{"exercise": "roll-glutes"}]}]}, "blocks[0].region"),
        ({"blocks": [{"region": "glutes", "items": [{"exercise": "no-such-move"}]}]}, "blocks[0].items[0].exercise"),
        (
            {"blocks": [{"region": "glutes", "items": [{"exercise": "clamshell", "sets": 0}]}]},
            "blocks[0].items[0].sets",
        ),
    ],
)
def test_bad_sessions_are_refused_naming_the_field(
    client: TestClient, settings: Settings, change: dict[str, Any], field: str
) -> None:
    response = client.post("/api/v1/sessions", json=today(settings) | change)
    assert response.status_code == 422
    problem = response.json()
    assert response.headers["content-type"] == "application/problem+json"
    assert problem["field"] == field
    assert client.get("/api/v1/sessions").json() == [], "nothing half-valid is stored"


def test_a_result_on_an_item_is_checked_too(client: TestClient, settings: Settings) -> None:
    data = today(settings)
    data["blocks"][0]["items"][0]["result"] = {"done": True, "control": 6}
    response = client.post("/api/v1/sessions", json=data)
    assert response.status_code == 422
    assert "control" in response.json()["field"]


def test_list_is_newest_first_and_limited(client: TestClient, settings: Settings) -> None:
    ids = [
        client.post("/api/v1/sessions", json=today(settings, date=DAY + dt.timedelta(days=n))).json()["id"]
        for n in range(3)
    ]
    listed = client.get("/api/v1/sessions").json()
    assert [s["id"] for s in listed] == list(reversed(ids))
    assert [s["id"] for s in client.get("/api/v1/sessions", params={"limit": 2}).json()] == [ids[2], ids[1]]
    assert client.get("/api/v1/sessions", params={"limit": 0}).status_code == 422


def test_the_list_is_bounded_unless_a_limit_asks_for_more(client: TestClient, settings: Settings) -> None:
    from supple.web.routes.api_sessions import LIST_DEFAULT

    plan = today(settings)
    for _ in range(LIST_DEFAULT + 2):
        assert client.post("/api/v1/sessions", json=plan).status_code == 201
    assert len(client.get("/api/v1/sessions").json()) == LIST_DEFAULT
    assert len(client.get("/api/v1/sessions", params={"limit": LIST_DEFAULT + 2}).json()) == LIST_DEFAULT + 2
    assert client.get("/api/v1/sessions", params={"limit": 1001}).status_code == 422


def test_an_empty_list_when_nothing_is_logged(client: TestClient) -> None:
    assert client.get("/api/v1/sessions").json() == []


def test_patch_records_one_item_and_is_idempotent(client: TestClient, started: dict[str, Any]) -> None:
    url = f"/api/v1/sessions/{started['id']}/items/1"
    result = {"done": True, "control": 4, "discomfort": 2}
    first = client.patch(url, json=result)
    second = client.patch(url, json=result)
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    recorded = [item["result"] for item in items(second.json())]
    assert recorded[1] == result | {"level": None, "hold_seconds": None}
    assert recorded[0] is None
    assert all(r is None for r in recorded[2:])


def test_patch_replaces_an_earlier_result(client: TestClient, started: dict[str, Any]) -> None:
    url = f"/api/v1/sessions/{started['id']}/items/0"
    client.patch(url, json={"done": False})
    body = client.patch(url, json={"done": True, "control": 3}).json()
    assert items(body)[0]["result"]["done"] is True
    assert items(body)[0]["result"]["control"] == 3


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"done": True, "control": 6}, "control"),
        ({"done": True, "control": 0}, "control"),
        ({"done": True, "discomfort": 11}, "discomfort"),
        ({"done": True, "discomfort": -1}, "discomfort"),
        ({"done": True, "control": "4"}, "control"),
        ({"done": True, "control": True}, "control"),
        ({"done": True, "hold_seconds": 601}, "hold_seconds"),
        ({"done": True, "level": 0}, "level"),
        ({"done": True, "level": 20}, "level"),
        ({"done": "yes"}, "done"),
        ({"control": 3}, "done"),
        ({"done": True, "mood": "great"}, "mood"),
    ],
)
def test_bad_results_are_refused_naming_the_field(
    client: TestClient, started: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    response = client.patch(f"/api/v1/sessions/{started['id']}/items/0", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["field"].endswith(field)
    assert items(client.get(f"/api/v1/sessions/{started['id']}").json())[0]["result"] is None


def test_a_result_must_be_an_object(client: TestClient, started: dict[str, Any]) -> None:
    response = client.patch(f"/api/v1/sessions/{started['id']}/items/0", json=[1, 2])
    assert response.status_code == 422


@pytest.mark.parametrize("method", ["GET", "PATCH", "FINISH"])
def test_unknown_sessions_are_404_problems(client: TestClient, method: str) -> None:
    if method == "GET":
        response = client.get("/api/v1/sessions/999")
    elif method == "PATCH":
        response = client.patch("/api/v1/sessions/999/items/0", json={"done": True})
    else:
        response = client.post("/api/v1/sessions/999/finish")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert "session 999" in response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/v1/sessions/0", "/api/v1/sessions/9223372036854775808", "/api/v1/sessions/x"])
def test_impossible_ids_are_refused_not_looked_up(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 422
    assert response.json()["field"] == "session_id"


def test_an_item_past_the_end_is_a_404(client: TestClient, started: dict[str, Any]) -> None:
    count = len(items(started))
    response = client.patch(f"/api/v1/sessions/{started['id']}/items/{count}", json={"done": True})
    assert response.status_code == 404
    assert f"item {count}" in response.json()["detail"]
    assert client.patch(f"/api/v1/sessions/{started['id']}/items/-1", json={"done": True}).status_code == 422


def test_finish_sets_the_time_once(client: TestClient, started: dict[str, Any]) -> None:
    url = f"/api/v1/sessions/{started['id']}/finish"
    first = client.post(url)
    assert first.status_code == 200
    finished_at = first.json()["finished_at"]
    assert finished_at is not None
    assert client.post(url).json()["finished_at"] == finished_at


def test_resume_position_follows_the_patches(client: TestClient, started: dict[str, Any], settings: Settings) -> None:
    from supple.services import live

    session_id = started["id"]
    assert live.resume_at(live.get(ctx_for(settings), session_id=session_id)) == 0
    for position in (0, 1):
        client.patch(f"/api/v1/sessions/{session_id}/items/{position}", json=RESULT | {"hold_seconds": None})
    assert live.resume_at(live.get(ctx_for(settings), session_id=session_id)) == 2
    client.patch(f"/api/v1/sessions/{session_id}/items/3", json={"done": False})
    assert live.resume_at(live.get(ctx_for(settings), session_id=session_id)) == 2, "the first gap, not the last"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/v1/sessions"),
        ("PATCH", "/api/v1/sessions/{id}/items/0"),
        ("POST", "/api/v1/sessions/{id}/finish"),
    ],
)
def test_cross_site_writes_are_refused(client: TestClient, started: dict[str, Any], method: str, path: str) -> None:
    url = path.format(id=started["id"])
    body = {"done": True} if method == "PATCH" else {}
    response = client.request(method, url, json=body, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    stored = client.get(f"/api/v1/sessions/{started['id']}").json()
    assert stored["finished_at"] is None
    assert items(stored)[0]["result"] is None
    assert len(client.get("/api/v1/sessions").json()) == 1


def test_same_origin_writes_from_the_player_pass(client: TestClient, started: dict[str, Any]) -> None:
    url = f"/api/v1/sessions/{started['id']}/items/0"
    response = client.patch(url, json={"done": True}, headers={"Origin": "http://127.0.0.1"})
    assert response.status_code == 200


def test_the_endpoints_are_in_the_openapi_document(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths["/api/v1/sessions"]) == {"get", "post"}
    assert "get" in paths["/api/v1/sessions/{session_id}"]
    assert "patch" in paths["/api/v1/sessions/{session_id}/items/{position}"]
    assert "post" in paths["/api/v1/sessions/{session_id}/finish"]
