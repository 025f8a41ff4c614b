"""GET and PUT /api/v1/profile: the profile of `supple init --json`, changed field by field."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from supple.catalogue import Catalogue
from supple.config import Settings
from supple.services import profile, shapes
from tests.conftest import Cli
from tests.contexts import ctx_for
from tests.web.conftest import PROBLEM
from tests.web.conftest import problem as _problem

#: A Monday and a Tuesday.
MONDAY, TUESDAY = "2026-11-23", "2026-11-24"


def test_a_new_profile_has_no_priorities_of_its_own(client: TestClient, catalogue: Catalogue) -> None:
    response = client.get("/api/v1/profile")
    assert response.status_code == 200
    assert response.json() == {
        "run_times": {},
        "minutes": 10,
        "equipment": [],
        "priorities": [],
        "complaints": [],
        "name": "",
    }
    # ... and the plan still works the catalogue's default priorities
    planned = {b["region"] for b in client.get("/api/v1/today?date=2026-11-24&kind=focus&minutes=30").json()["blocks"]}
    assert planned
    assert planned <= set(catalogue.rules.week.default_priorities)


def test_put_saves_and_get_reads_it_back(client: TestClient, settings: Settings) -> None:
    body = {
        "run_times": {"sat": "09:30", "mon": "07:00", "wed": "06:15"},
        "minutes": 12,
        "equipment": ["roller", "box"],
        "priorities": ["calves", "it-band"],
        "complaints": ["achilles"],
        "name": "Sam Runner",
    }
    put = client.put("/api/v1/profile", json=body)
    assert put.status_code == 200, put.text
    expected = {
        "run_times": {"mon": "07:00", "wed": "06:15", "sat": "09:30"},
        "minutes": 12,
        "equipment": ["box", "roller"],
        "priorities": ["calves", "it-band"],
        "complaints": ["achilles"],
        "name": "Sam Runner",
    }
    assert put.json() == expected
    assert client.get("/api/v1/profile").json() == expected
    assert shapes.profile_dict(profile.get_profile(ctx_for(settings))) == expected


def test_the_cli_sees_what_the_api_saved(client: TestClient, cli: Cli) -> None:
    saved = client.put("/api/v1/profile", json={"run_times": {"tue": "18:00"}, "equipment": ["ball"]}).json()
    printed = cli("init", "--json")  # no flags and no terminal: keeps everything and prints it
    assert printed.code == 0, printed.err
    assert printed.json() == saved


def test_the_api_sees_what_the_cli_saved(client: TestClient, cli: Cli) -> None:
    printed = cli("init", "--json", "--run-days", "mon,sat", "--run-time", "07:00,sat=09:30", "--minutes", "15")
    assert printed.code == 0, printed.err
    assert client.get("/api/v1/profile").json() == printed.json()


def test_fields_left_out_or_null_are_kept(client: TestClient) -> None:
    first = client.put("/api/v1/profile", json={"run_times": {"mon": "07:00"}, "minutes": 20, "equipment": ["wall"]})
    assert first.status_code == 200
    kept = client.put("/api/v1/profile", json={"minutes": 8, "equipment": None}).json()
    assert kept == first.json() | {"minutes": 8}
    assert client.put("/api/v1/profile", json={}).json() == kept


def test_empty_lists_clear_and_empty_run_times_mean_no_runs(client: TestClient, cli: Cli) -> None:
    client.put("/api/v1/profile", json={"run_times": {"mon": "07:00"}, "equipment": ["box"], "priorities": ["feet"]})
    cleared = client.put("/api/v1/profile", json={"run_times": {}, "equipment": [], "priorities": []}).json()
    assert cleared == {"run_times": {}, "minutes": 10, "equipment": [], "priorities": [], "complaints": [], "name": ""}
    printed = cli("init", "--json", "--run-days", "none", "--equipment", "none", "--priorities", "none")
    assert printed.json() == cleared
    assert client.get("/api/v1/today", params={"date": MONDAY}).json()["blocks"], "the default priorities are used"


def test_a_put_changes_today(client: TestClient) -> None:
    assert client.get("/api/v1/today", params={"date": MONDAY}).json()["kind"] == "daily"
    client.put("/api/v1/profile", json={"run_times": {"mon": "07:00"}, "minutes": 7})
    monday = client.get("/api/v1/today", params={"date": MONDAY}).json()
    tuesday = client.get("/api/v1/today", params={"date": TUESDAY}).json()
    assert monday["kind"] == "primer"
    assert tuesday["kind"] == "daily"
    assert tuesday["minutes"] == 7


def test_a_put_changes_the_kit_in_today(client: TestClient) -> None:
    client.put("/api/v1/profile", json={"equipment": []})
    bare = client.get("/api/v1/today", params={"date": TUESDAY, "minutes": 20}).json()
    assert not any(i["exercise"].startswith("roll-") for b in bare["blocks"] for i in b["items"])
    client.put("/api/v1/profile", json={"equipment": ["roller"]})
    kitted = client.get("/api/v1/today", params={"date": TUESDAY, "minutes": 20}).json()
    assert any(i["exercise"].startswith("roll-") for b in kitted["blocks"] for i in b["items"])


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"minutes": 0}, "minutes"),
        ({"minutes": 121}, "minutes"),
        ({"minutes": "ten"}, "minutes"),
        ({"equipment": ["roller", "rope"]}, "equipment.1"),
        ({"equipment": "roller"}, "equipment"),
        ({"run_times": {"funday": "07:00"}}, "run_times.funday"),
        ({"run_times": {"mon": "7am"}}, "run_times.mon"),
        ({"run_times": {"mon": "24:00"}}, "run_times.mon"),
        ({"run_times": ["mon"]}, "run_times"),
        ({"priorities": ["elbow"]}, "priorities.0"),
        ({"complaints": ["toothache"]}, "complaints.0"),
        ({"minute": 10}, "minute"),
    ],
)
def test_bad_values_are_422_problems_and_nothing_is_saved(client: TestClient, body: dict[str, Any], field: str) -> None:
    before = client.put("/api/v1/profile", json={"minutes": 9, "run_times": {"wed": "07:00"}}).json()
    _problem(client.put("/api/v1/profile", json={"minutes": 30} | body), 422, field)
    assert client.get("/api/v1/profile").json() == before


def test_a_body_that_is_not_an_object_is_refused(client: TestClient) -> None:
    response = client.put("/api/v1/profile", content=b"[1, 2]", headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM


def test_a_cross_site_put_is_forbidden_and_changes_nothing(client: TestClient) -> None:
    before = client.get("/api/v1/profile").json()
    response = client.put("/api/v1/profile", json={"minutes": 30}, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert response.headers["content-type"] == PROBLEM
    assert "evil.example" in response.json()["detail"]
    assert client.get("/api/v1/profile").json() == before


def test_a_same_origin_put_is_allowed(client: TestClient) -> None:
    response = client.put("/api/v1/profile", json={"minutes": 30}, headers={"Origin": "http://127.0.0.1"})
    assert response.status_code == 200
    assert response.json()["minutes"] == 30


@pytest.mark.parametrize("method", ["GET", "PUT"])
def test_a_wrong_host_is_misdirected(client: TestClient, method: str) -> None:
    response = client.request(method, "/api/v1/profile", json={"minutes": 30}, headers={"Host": "evil.example"})
    assert response.status_code == 421
    assert response.headers["content-type"] == PROBLEM
    assert client.get("/api/v1/profile").json()["minutes"] == 10


def test_the_name_is_set_kept_and_cleared_through_the_api(client: TestClient) -> None:
    assert client.put("/api/v1/profile", json={"name": " Sam  Runner "}).json()["name"] == "Sam Runner"
    assert client.put("/api/v1/profile", json={"minutes": 12}).json()["name"] == "Sam Runner"  # left out: kept
    assert client.get("/api/v1/profile").json()["name"] == "Sam Runner"
    refused = client.put("/api/v1/profile", json={"name": "x" * 61, "minutes": 20})
    body = _problem(refused, 422, "name")
    assert "at most 60 characters" in body["detail"]
    assert client.get("/api/v1/profile").json()["minutes"] == 12  # nothing saved
    assert client.put("/api/v1/profile", json={"name": ""}).json()["name"] == ""
