"""/api/v1 next-day answers over the real ASGI app: one per session, checked, the athlete's own only."""

from __future__ import annotations

import dataclasses
import datetime as dt

from fastapi.testclient import TestClient

from supple.config import Settings
from supple.core.session import ItemResult, Session
from supple.services import followups, levels, logbook, routines
from tests.contexts import ctx_for
from tests.web.conftest import problem

MONDAY = dt.date(2026, 11, 23)


_COMPOSED: dict[str, Session] = {}


def _log(settings: Settings, day: dt.date) -> int:
    """The same calf work each time (composed once, before anything was logged), logged on ``day``."""
    key = str(settings.data_dir)
    if key not in _COMPOSED:
        _COMPOSED[key] = routines.today(ctx_for(settings), date=day, focus=["calves"], minutes=6)
    session = _COMPOSED[key]
    results = [ItemResult(done=True, level=i.level, control=5, discomfort=1) for i in session.items]
    logged = dataclasses.replace(logbook.from_results(session, results), date=day)
    return logbook.log_session(ctx_for(settings), session=logged)


def test_the_waiting_session_is_answered_once_and_moves_levels(client: TestClient, settings: Settings) -> None:
    assert client.get("/api/v1/next-day", params={"date": MONDAY.isoformat()}).json()["waiting"] is False
    _log(settings, MONDAY - dt.timedelta(days=14))
    session_id = _log(settings, MONDAY)
    tuesday = (MONDAY + dt.timedelta(days=1)).isoformat()
    waiting = client.get("/api/v1/next-day", params={"date": tuesday})
    assert waiting.status_code == 200, waiting.text
    assert waiting.json() == {
        "waiting": True,
        "session_id": session_id,
        "date": MONDAY.isoformat(),
        "question": "How did yesterday's work feel?",
        "answers": ["better", "same", "worse"],
    }
    assert client.get(f"/api/v1/sessions/{session_id}/followup").json()["answer"] is None
    assert {e["decision"] for e in client.get("/api/v1/levels").json()} == {"hold"}
    for _ in range(2):  # the same answer twice changes nothing
        put = client.put(f"/api/v1/sessions/{session_id}/followup", json={"answer": "Better", "date": tuesday})
        assert put.status_code == 200, put.text
        assert put.json() == {"session_id": session_id, "answer": "better", "answers": ["better", "same", "worse"]}
    assert client.get(f"/api/v1/sessions/{session_id}/followup").json()["answer"] == "better"
    assert client.get("/api/v1/next-day", params={"date": tuesday}).json()["waiting"] is False
    found = client.get("/api/v1/levels").json()
    assert {e["decision"] for e in found} == {"progress"}, [(e["exercise"], e["reason"]) for e in found]
    # changing the answer to worse moves every exercise of that session down instead
    client.put(f"/api/v1/sessions/{session_id}/followup", json={"answer": "worse", "date": tuesday})
    found = client.get("/api/v1/levels").json()
    assert {e["decision"] for e in found} == {"regress"}
    assert all("felt worse" in e["reason"] for e in found)


def test_a_bad_answer_is_a_422_naming_the_allowed_ones_and_nothing_is_written(
    client: TestClient, settings: Settings
) -> None:
    session_id = _log(settings, MONDAY)
    before = levels.history(ctx_for(settings))
    for answer in ("fine", "", 3):
        body = problem(client.put(f"/api/v1/sessions/{session_id}/followup", json={"answer": answer}), 422, "answer")
        if answer == "fine":
            assert "better, same, worse" in body["detail"]
            assert "'fine'" in body["detail"]
    assert client.get(f"/api/v1/sessions/{session_id}/followup").json()["answer"] is None
    assert levels.history(ctx_for(settings)) == before
    problem(client.get("/api/v1/next-day", params={"date": "tuesday"}), 422, "date")


def test_another_athletes_session_is_not_found_and_untouched(client: TestClient, settings: Settings) -> None:
    other = dataclasses.replace(settings, athlete="someone-else")
    theirs = _log(other, MONDAY)
    for response in (
        client.put(f"/api/v1/sessions/{theirs}/followup", json={"answer": "same"}),
        client.get(f"/api/v1/sessions/{theirs}/followup"),
        client.put("/api/v1/sessions/999999/followup", json={"answer": "same"}),
    ):
        assert response.status_code == 404, response.text
    assert followups.answer(ctx_for(other), session_id=theirs) is None


def test_the_routes_are_in_the_openapi_document(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths["/api/v1/sessions/{session_id}/followup"]) == {"get", "put"}
    assert "get" in paths["/api/v1/next-day"]
