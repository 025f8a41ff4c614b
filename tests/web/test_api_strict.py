"""The profile body is strict like every other request body (issue #10): a JSON value of the wrong
type is a 422 problem naming the field, never coerced, and nothing is saved."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import PROBLEM, problem

WRONG_TYPES: list[tuple[str, Any]] = [
    ("minutes", True),
    ("minutes", False),
    ("minutes", "15"),
    ("minutes", 15.0),
    ("minutes", 15.5),
    ("minutes", [15]),
    ("minutes", {"value": 15}),
    ("equipment", "roller"),
    ("equipment", [1]),
    ("equipment", [True]),
    ("priorities", "calves"),
    ("complaints", [{"slug": "achilles"}]),
    ("run_times", {"mon": 700}),
    ("run_times", {"mon": True}),
    ("run_times", ["mon"]),
    ("name", 42),
    ("name", True),
    ("name", ["Sam"]),
]


@pytest.mark.parametrize(("field", "value"), WRONG_TYPES, ids=[f"{f}={v!r}" for f, v in WRONG_TYPES])
def test_a_value_of_the_wrong_type_is_a_422_naming_the_field(client: TestClient, field: str, value: Any) -> None:
    assert client.put("/api/v1/profile", json={"minutes": 12, "name": "Sam"}).status_code == 200
    before = client.get("/api/v1/profile").json()
    response = client.put("/api/v1/profile", json={field: value})
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["field"] == field or body["field"].startswith(field + "."), body  # e.g. equipment.0
    assert body["detail"].startswith(body["field"] + ":"), body
    assert client.get("/api/v1/profile").json() == before, "nothing saved"


def test_true_is_not_fifteen_minutes_and_the_others_were_already_strict(client: TestClient) -> None:
    """The audit's case: `true` and `"15"` were taken as minutes by the profile only."""
    for value in (True, "15"):
        problem(client.put("/api/v1/profile", json={"minutes": value}), 422, "minutes")
    # a session body refuses the same values (strict before this change): the same rule everywhere
    refused = client.post(
        "/api/v1/sessions",
        json={"date": "2026-11-24", "kind": "daily", "minutes": True, "blocks": []},
    )
    assert refused.status_code == 422, refused.text


@pytest.mark.parametrize(
    "body",
    [
        {"minutes": 15},
        {"minutes": None},
        {"run_times": {"mon": "07:00"}, "equipment": ["roller"], "priorities": ["calves"], "complaints": []},
        {"name": ""},
    ],
)
def test_values_of_the_right_type_are_still_taken(client: TestClient, body: dict[str, Any]) -> None:
    response = client.put("/api/v1/profile", json=body)
    assert response.status_code == 200, response.text
    for field, value in body.items():
        if value is not None:
            assert response.json()[field] == value
