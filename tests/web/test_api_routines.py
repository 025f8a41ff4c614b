"""GET /api/v1/today and /api/v1/plan: the same JSON as `supple today --json` and `supple plan --json`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supple.config import Settings
from supple.core.vocabulary import KINDS
from supple.services import routines, shapes
from tests.conftest import Cli
from tests.contexts import ctx_for

#: A Tuesday: no run in the default profile, so `today` is a "daily" session.
DAY = "2026-11-24"
PROBLEM = "application/problem+json"


def _problem(response: Any, status: int, field: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["field"] == field, body
    assert field in body["detail"]
    return body


def test_today_is_the_services_session_for_the_day(client: TestClient, settings: Settings) -> None:
    response = client.get("/api/v1/today", params={"date": DAY})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    expected = shapes.session_dict(routines.today(ctx_for(settings), date=dt.date.fromisoformat(DAY)))
    assert response.json() == expected
    assert expected["kind"] == "daily"
    assert expected["blocks"]


def test_today_defaults_to_the_servers_date(client: TestClient) -> None:
    assert client.get("/api/v1/today").json()["date"] == dt.date.today().isoformat()


@pytest.mark.parametrize(
    ("query", "args"),
    [
        ({"minutes": "4", "equipment": "roller"}, ["--minutes", "4", "--equipment", "roller"]),
        ({"kind": "primer", "minutes": "6"}, ["--kind", "primer", "--minutes", "6"]),
        ({"focus": "it-band,calves", "equipment": "none"}, ["--focus", "it-band,calves", "--equipment", "none"]),
        ({"minutes": "1"}, ["--minutes", "1"]),
    ],
)
def test_today_is_what_the_cli_prints_for_the_same_options(
    client: TestClient, cli: Cli, query: dict[str, str], args: list[str]
) -> None:
    printed = cli("today", "--json", "--date", DAY, *args)
    assert printed.code == 0, printed.err
    assert client.get("/api/v1/today", params={"date": DAY, **query}).json() == printed.json()


def test_today_reads_lists_as_the_cli_does(client: TestClient) -> None:
    """Comma lists take spaces and capitals; `none` (or empty) means an empty list."""
    loose = client.get("/api/v1/today", params={"date": DAY, "equipment": " Roller , BOX ", "focus": "Calves"})
    tidy = client.get("/api/v1/today", params={"date": DAY, "equipment": "roller,box", "focus": "calves"})
    assert loose.status_code == 200
    assert loose.json() == tidy.json()
    bare = client.get("/api/v1/today", params={"date": DAY, "equipment": "none"}).json()
    empty = client.get("/api/v1/today", params={"date": DAY, "equipment": ""}).json()
    assert bare == empty
    assert all(item["exercise"].split("-")[0] != "roll" for b in bare["blocks"] for item in b["items"])


def test_a_budget_too_small_is_an_empty_session_with_a_note(client: TestClient) -> None:
    session = client.get("/api/v1/today", params={"date": DAY, "minutes": 1}).json()
    assert session["minutes"] == 1
    assert session["blocks"] == []
    assert session["notes"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"minutes": "0"}, "minutes"),
        ({"minutes": "121"}, "minutes"),
        ({"minutes": "ten"}, "minutes"),
        ({"kind": "weekly"}, "kind"),
        ({"kind": ""}, "kind"),
        ({"equipment": "roller,rope"}, "equipment"),
        ({"focus": "elbow"}, "focus"),
        ({"date": "2026-13-01"}, "date"),
        ({"date": "24/11/2026"}, "date"),
        ({"date": "2026-W48-2"}, "date"),
        ({"date": ""}, "date"),
    ],
)
def test_bad_options_are_422_problems_naming_the_parameter(
    client: TestClient, query: dict[str, str], field: str
) -> None:
    _problem(client.get("/api/v1/today", params=query), 422, field)


def test_the_problem_echoes_the_value_and_says_what_is_expected(client: TestClient) -> None:
    body = _problem(client.get("/api/v1/today", params={"equipment": "rope"}), 422, "equipment")
    assert body["title"] == "Invalid input"
    assert "'rope'" in body["detail"]
    assert "roller" in body["detail"]


def test_plan_is_what_the_cli_prints(client: TestClient, cli: Cli) -> None:
    assert cli("init", "--run-days", "mon,sat", "--run-time", "07:00,sat=09:30", "--minutes", "12").code == 0
    printed = cli("plan", "--json", "--start", "2026-11-23")
    assert printed.code == 0, printed.err
    plan = client.get("/api/v1/plan", params={"start": "2026-11-23"}).json()
    assert plan == printed.json()
    assert [day["runs"] for day in plan["days"]][:1] == [["07:00"]]
    assert plan["days"][0]["sessions"][0]["at"] == "06:50"


def test_plan_is_the_services_plan(client: TestClient, settings: Settings) -> None:
    start = dt.date(2026, 11, 23)
    expected = shapes.plan_dict(routines.plan(ctx_for(settings), start=start))
    assert client.get("/api/v1/plan", params={"start": start.isoformat()}).json() == expected


def test_plan_starts_today_by_default(client: TestClient) -> None:
    plan = client.get("/api/v1/plan").json()
    assert plan["start"] == dt.date.today().isoformat()
    assert len(plan["days"]) == 7


@pytest.mark.parametrize("start", ["2026-11-31", "tomorrow", "20261123"])
def test_a_bad_plan_start_is_named(client: TestClient, start: str) -> None:
    _problem(client.get("/api/v1/plan", params={"start": start}), 422, "start")


def test_the_openapi_document_lists_the_kinds_and_limits(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    today = document["components"]["schemas"]["TodayOut"]
    assert today["properties"]["kind"]["enum"] == list(KINDS)
    assert today["properties"]["minutes"]["minimum"] == 1
    assert today["properties"]["minutes"]["maximum"] == 120
    operation = document["paths"]["/api/v1/today"]["get"]
    assert operation["tags"] == ["routines"]
    assert {p["name"] for p in operation["parameters"]} == {"date", "kind", "minutes", "equipment", "focus"}
    assert "application/problem+json" in operation["responses"]["422"]["content"]
    assert document["paths"]["/api/v1/plan"]["get"]["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/PlanOut"
    }
