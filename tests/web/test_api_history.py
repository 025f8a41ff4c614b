"""GET /api/v1/history: logged sessions, the same JSON as `supple history --json`."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services import logbook, routines, shapes
from tests.conftest import Cli
from tests.contexts import ctx_for

PROBLEM = "application/problem+json"
DAYS = ("2026-11-20", "2026-11-22", "2026-11-22", "2026-11-24")


def _log(settings: Settings, day: str, *, control: int = 4) -> int:
    """Log the routine for ``day`` with a result on every item, as `supple log` would."""
    session = shapes.session_dict(routines.today(ctx_for(settings), date=dt.date.fromisoformat(day), minutes=6))
    for block in session["blocks"]:
        for item in block["items"]:
            item["result"] = {"done": True, "level": 1, "control": control, "discomfort": 1}
    parsed = logbook.parse_log(ctx_for(settings), json.dumps(session))
    return logbook.log_session(ctx_for(settings), session=parsed)


@pytest.fixture
def logged(settings: Settings) -> list[int]:
    return [_log(settings, day, control=n % 5 + 1) for n, day in enumerate(DAYS)]


def test_an_empty_log_is_an_empty_list(client: TestClient) -> None:
    response = client.get("/api/v1/history")
    assert response.status_code == 200
    assert response.json() == []


def test_history_is_the_services_sessions_newest_first(
    client: TestClient, settings: Settings, logged: list[int]
) -> None:
    found = client.get("/api/v1/history").json()
    assert found == [shapes.logged_session_dict(s) for s in logbook.history(ctx_for(settings))]
    assert [s["date"] for s in found] == sorted(DAYS, reverse=True)
    assert [s["id"] for s in found] == [logged[3], logged[2], logged[1], logged[0]]
    assert all(item["result"]["done"] for s in found for b in s["blocks"] for item in b["items"])
    assert all(s["finished_at"] and s["logged_at"].endswith("+00:00") for s in found)


@pytest.mark.parametrize(
    ("query", "args"),
    [
        ({}, []),
        ({"from": "2026-11-21"}, ["--from", "2026-11-21"]),
        ({"to": "2026-11-22"}, ["--to", "2026-11-22"]),
        (
            {"from": "2026-11-22", "to": "2026-11-22", "limit": "1"},
            ["--from", "2026-11-22", "--to", "2026-11-22", "--limit", "1"],
        ),
        ({"limit": "2"}, ["--limit", "2"]),
        ({"from": "2026-12-01"}, ["--from", "2026-12-01"]),
    ],
)
def test_history_is_what_the_cli_prints(
    client: TestClient, cli: Cli, logged: list[int], query: dict[str, str], args: list[str]
) -> None:
    printed = cli("history", "--json", *args)
    assert printed.code == 0, printed.err
    assert client.get("/api/v1/history", params=query).json() == printed.json()


def test_from_and_to_are_inclusive(client: TestClient, logged: list[int]) -> None:
    found = client.get("/api/v1/history", params={"from": "2026-11-22", "to": "2026-11-22"}).json()
    assert [s["id"] for s in found] == [logged[2], logged[1]]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2026-11-31"}, "from"),
        ({"from": "yesterday"}, "from"),
        ({"to": "22.11.2026"}, "to"),
        ({"limit": "0"}, "limit"),
        ({"limit": "-3"}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"limit": str(2**70)}, "limit"),
    ],
)
def test_bad_filters_are_422_problems_naming_the_parameter(
    client: TestClient, query: dict[str, str], field: str
) -> None:
    response = client.get("/api/v1/history", params=query)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["field"] == field
    assert field in body["detail"]


def test_the_openapi_document_names_the_from_parameter(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/api/v1/history"]["get"]
    assert [p["name"] for p in operation["parameters"]] == ["from", "to", "limit", "before"]
    assert operation["tags"] == ["history"]
