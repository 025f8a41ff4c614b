"""What one request may store: at most MAX_ITEMS items in a session, bodies up to the cap (413 over it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi.testclient import TestClient

from supple.config import Settings
from supple.core.vocabulary import MAX_ITEMS
from supple.services import routines, shapes
from supple.web.security import MAX_BODY
from tests.contexts import ctx_for

DAY = dt.date(2026, 11, 24)


def _with_items(settings: Settings, count: int) -> dict[str, Any]:
    """Today's session with its first item repeated until the session holds ``count`` items."""
    session = shapes.session_dict(routines.today(ctx_for(settings), date=DAY, minutes=10))
    first = session["blocks"][0]["items"][0]
    session["blocks"] = [{"region": session["blocks"][0]["region"], "items": [first] * count}]
    return session


def test_a_session_over_the_item_cap_is_refused_and_nothing_is_stored(client: TestClient, settings: Settings) -> None:
    for finished in (False, True):
        response = client.post("/api/v1/sessions", json=_with_items(settings, MAX_ITEMS + 1) | {"finished": finished})
        assert response.status_code == 422, response.text
        problem = response.json()
        assert problem["field"] == "blocks"
        assert f"{MAX_ITEMS + 1} items" in problem["detail"]
        assert f"at most {MAX_ITEMS} items" in problem["detail"]
    assert client.get("/api/v1/sessions").json() == []


def test_a_session_at_the_item_cap_is_stored(client: TestClient, settings: Settings) -> None:
    response = client.post("/api/v1/sessions", json=_with_items(settings, MAX_ITEMS))
    assert response.status_code == 201, response.text
    stored = client.get(f"/api/v1/sessions/{response.json()['id']}").json()
    assert sum(len(block["items"]) for block in stored["blocks"]) == MAX_ITEMS
    assert stored == response.json(), "the answer to the POST is what was stored"


def test_many_empty_blocks_are_refused_too(client: TestClient, settings: Settings) -> None:
    session = _with_items(settings, 1)
    session["blocks"] += [{"region": session["blocks"][0]["region"], "items": []}] * MAX_ITEMS
    response = client.post("/api/v1/sessions", json=session)
    assert response.status_code == 422
    assert response.json()["field"] == "blocks"
    assert client.get("/api/v1/sessions").json() == []


def test_a_body_over_the_cap_is_a_413_problem_naming_the_cap(client: TestClient) -> None:
    response = client.post(
        "/api/v1/sessions", content=b" " * (MAX_BODY + 1), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["limit"] == MAX_BODY
    assert "1 MiB" in problem["detail"]
    assert client.get("/api/v1/sessions").json() == []
