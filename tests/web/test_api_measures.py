"""/api/v1 assessments, priorities, soreness and levels, on the real app and a real SQLite store."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services import assess, levels, routines, shapes
from tests.conftest import Cli
from tests.contexts import ctx_for
from tests.web.conftest import problem as _problem

DAY = "2026-11-24"
TODAY = dt.date.today().isoformat()
SAME_SITE = {"Origin": "http://127.0.0.1"}


def _record(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post("/api/v1/assessments/results", json=body)
    assert response.status_code == 201, response.text
    found: dict[str, Any] = response.json()
    return found


# -- tests ------------------------------------------------------------------------------


def test_the_tests_are_those_of_assess_list_with_retest_dates(client: TestClient, cli: Cli) -> None:
    response = client.get("/api/v1/assessments")
    assert response.status_code == 200
    listed = response.json()
    printed = cli("assess", "list", "--json")
    assert printed.code == 0, printed.err
    assert [{k: v for k, v in t.items() if k not in ("last_date", "retest_due")} for t in listed] == printed.json()
    assert all(t["last_date"] is None and t["retest_due"] is True for t in listed), "never done: due"


def test_a_result_sets_the_last_date_and_stops_the_retest_reminder(client: TestClient) -> None:
    _record(client, test="knee-to-wall", value=9.5, side="left")
    by_slug = {t["slug"]: t for t in client.get("/api/v1/assessments").json()}
    assert by_slug["knee-to-wall"]["last_date"] == TODAY
    assert by_slug["knee-to-wall"]["retest_due"] is False
    assert by_slug["overhead-reach"]["retest_due"] is True
    assert client.get("/api/v1/assessments/knee-to-wall").json() == by_slug["knee-to-wall"]


def test_an_old_result_makes_a_retest_due(client: TestClient) -> None:
    _record(client, test="knee-to-wall", value=9.5, side="left", date="2020-01-06")
    found = client.get("/api/v1/assessments/knee-to-wall").json()
    assert found["last_date"] == "2020-01-06"
    assert found["retest_due"] is True


def test_one_test_in_full(client: TestClient, settings: Settings) -> None:
    response = client.get("/api/v1/assessments/overhead-reach")
    assert response.status_code == 200
    expected = assess.test_dict(assess.find_test(ctx_for(settings), slug="overhead-reach"))
    assert response.json() == expected | {"last_date": None, "retest_due": True}


@pytest.mark.parametrize("slug", ["knee-to-walls", "KNEE-TO-WALL", "x" * 80])
def test_an_unknown_test_is_a_404_naming_the_slug(client: TestClient, slug: str) -> None:
    body = _problem(client.get(f"/api/v1/assessments/{slug}"), 404, "slug")
    assert "knee-to-wall" in body["detail"], "the detail lists the tests there are"


# -- results ----------------------------------------------------------------------------


def test_recording_a_result_answers_201_with_its_history_row(client: TestClient, cli: Cli) -> None:
    first = _record(client, test="knee-to-wall", value=9.5, side="left", date=DAY)
    assert first == {
        "test": "knee-to-wall",
        "side": "left",
        "date": DAY,
        "value": 9.5,
        "unit": "cm",
        "real_change": None,
    }
    second = _record(client, test="knee-to-wall", value=12, side="left", date="2026-12-01")
    assert second["real_change"] is True, "2.5 cm is beyond the 1.9 cm error"
    printed = cli("assess", "history", "--json")
    assert printed.code == 0, printed.err
    assert client.get("/api/v1/assessments/results").json() == printed.json() == [second, first]


def test_a_rating_comes_back_as_a_whole_number(client: TestClient) -> None:
    row = _record(client, test="single-leg-squat", value=2, side="right")
    assert row["value"] == 2
    assert isinstance(row["value"], int)
    assert row["date"] == TODAY, "the date defaults to today"


def test_a_test_done_once_takes_no_side(client: TestClient) -> None:
    row = _record(client, test="overhead-reach", value=150, date=DAY)
    assert row["side"] is None


def test_results_can_be_filtered_by_test(client: TestClient) -> None:
    knee = _record(client, test="knee-to-wall", value=9.5, side="left", date=DAY)
    _record(client, test="overhead-reach", value=150, date=DAY)
    assert client.get("/api/v1/assessments/results", params={"test": "knee-to-wall"}).json() == [knee]
    _problem(client.get("/api/v1/assessments/results", params={"test": "knee-to-walls"}), 422, "test")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"test": "knee-to-walls"}, "test"),
        ({"test": "Knee To Wall"}, "test"),
        ({"test": "x" * 500}, "test"),
        ({"value": 31}, "value"),
        ({"value": -1}, "value"),
        ({"value": 1e308}, "value"),
        ({"value": "9.5"}, "value"),
        ({"value": True}, "value"),
        ({"value": None}, "value"),
        ({"side": None}, "side"),
        ({"side": "middle"}, "side"),
        ({"test": "overhead-reach", "value": 150}, "side"),
        ({"test": "single-leg-squat", "value": 2.5}, "value"),
        ({"date": "2026-02-30"}, "date"),
        ({"date": "24/11/2026"}, "date"),
        ({"date": "0001-01-01"}, "date"),
        ({"date": "9999-12-31"}, "date"),
        ({"date": "2026-11-24" * 1000}, "date"),
        ({"when": DAY}, "when"),
    ],
)
def test_a_bad_result_is_a_422_naming_the_field_and_stores_nothing(
    client: TestClient, body: dict[str, Any], field: str
) -> None:
    good = {"test": "knee-to-wall", "value": 9.5, "side": "left", "date": DAY}
    _problem(client.post("/api/v1/assessments/results", json=good | body), 422, field)
    assert client.get("/api/v1/assessments/results").json() == []


@pytest.mark.parametrize("number", [b"NaN", b"Infinity", b"-Infinity", b"1e999", b"1" + b"0" * 400])
def test_numbers_json_cannot_hold_are_refused(client: TestClient, number: bytes) -> None:
    content = b'{"test": "knee-to-wall", "side": "left", "value": ' + number + b"}"
    response = client.post("/api/v1/assessments/results", content=content, headers={"Content-Type": "application/json"})
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "value"
    assert client.get("/api/v1/assessments/results").json() == []


def test_a_missing_side_is_explained_without_command_line_words(client: TestClient) -> None:
    body = _problem(client.post("/api/v1/assessments/results", json={"test": "knee-to-wall", "value": 9}), 422, "side")
    assert "--side" not in body["detail"]
    assert "left or right" in body["detail"]


def test_a_cross_site_post_is_forbidden_and_stores_nothing(client: TestClient) -> None:
    good = {"test": "knee-to-wall", "value": 9.5, "side": "left"}
    refused = client.post("/api/v1/assessments/results", json=good, headers={"Origin": "https://evil.example"})
    assert refused.status_code == 403
    assert client.get("/api/v1/assessments/results").json() == []
    assert client.post("/api/v1/assessments/results", json=good, headers=SAME_SITE).status_code == 201


# -- priorities -------------------------------------------------------------------------


def test_priorities_are_empty_until_a_result_is_below_the_norm(client: TestClient, settings: Settings) -> None:
    assert client.get("/api/v1/priorities").json() == []
    _record(client, test="knee-to-wall", value=11, side="left", date=DAY)
    assert client.get("/api/v1/priorities").json() == [], "11 cm is within the usual 10-12.5 cm"
    _record(client, test="knee-to-wall", value=5, side="right", date=DAY)
    found = client.get("/api/v1/priorities").json()
    assert found[0] == {
        "region": "calves",
        "test": "knee-to-wall",
        "kind": "below-norm",
        "side": "right",
        "value": 5.0,
        "score": pytest.approx(5 / 1.9),
    }
    assert [(c["region"], c["kind"]) for c in found] == [(c.region, c.kind) for c in assess.concerns(ctx_for(settings))]
    assert ("calves", "asymmetry") in [(c["region"], c["kind"]) for c in found], "6 cm apart is beyond the error"


# -- soreness ---------------------------------------------------------------------------


def test_soreness_is_stored_and_read_back_newest_first(client: TestClient, cli: Cli) -> None:
    first = client.post("/api/v1/soreness", json={"ratings": {"calves": 3, "quads": 0}, "date": DAY})
    assert first.status_code == 201, first.text
    assert first.json() == [
        {"date": DAY, "region": "calves", "value": 3, "after_run": False},
        {"date": DAY, "region": "quads", "value": 0, "after_run": False},
    ]
    later = client.post("/api/v1/soreness", json={"ratings": {"it-band": 10}, "date": "2026-11-26", "after_run": True})
    assert later.json() == [{"date": "2026-11-26", "region": "it-band", "value": 10, "after_run": True}]
    listed = client.get("/api/v1/soreness").json()
    assert listed == later.json() + first.json()[::-1]
    assert client.get("/api/v1/soreness", params={"since": "2026-11-25"}).json() == later.json()
    printed = cli("soreness", "hamstrings=2", "--date", DAY, "--json")
    assert printed.code == 0, printed.err
    newest_first = later.json() + printed.json() + first.json()[::-1]
    assert client.get("/api/v1/soreness", params={"since": DAY}).json() == newest_first


def test_soreness_defaults_to_today(client: TestClient) -> None:
    response = client.post("/api/v1/soreness", json={"ratings": {"feet": 1}}, headers=SAME_SITE)
    assert response.status_code == 201
    assert response.json()[0]["date"] == TODAY


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"ratings": {}}, "ratings"),
        ({"ratings": None}, "ratings"),
        ({"ratings": ["calves=3"]}, "ratings"),
        ({"ratings": {"calves": 3, "quads": 11}}, "ratings.quads"),
        ({"ratings": {"calves": -1}}, "ratings.calves"),
        ({"ratings": {"calves": 10**30}}, "ratings.calves"),
        ({"ratings": {"calves": 3.5}}, "ratings.calves"),
        ({"ratings": {"calves": "3"}}, "ratings.calves"),
        ({"ratings": {"calves": True}}, "ratings.calves"),
        ({"ratings": {"elbow": 3}}, "ratings.elbow"),
        ({"ratings": {"Calves": 3}}, "ratings.Calves"),
        ({"ratings": {"calves=3": 3}}, "ratings.calves=3"),
        ({"date": "2026-13-01"}, "date"),
        ({"date": "1066-10-14"}, "date"),
        ({"after_run": "yes"}, "after_run"),
        ({"region": "calves"}, "region"),
    ],
)
def test_bad_soreness_is_a_422_naming_the_field_and_stores_nothing(
    client: TestClient, body: dict[str, Any], field: str
) -> None:
    good = {"ratings": {"calves": 3}, "date": DAY}
    _problem(client.post("/api/v1/soreness", json=good | body), 422, field)
    assert client.get("/api/v1/soreness").json() == []


@pytest.mark.parametrize("date", ["24/11/2026", "2026-11-24T08:00:00+01:00", "1899-12-31"])
def test_a_bad_date_says_what_a_date_looks_like(client: TestClient, date: str) -> None:
    body = _problem(client.post("/api/v1/soreness", json={"ratings": {"calves": 3}, "date": date}), 422, "date")
    assert repr(date) in body["detail"]
    assert "2026-11-23" in body["detail"] or "1900-01-01" in body["detail"]


def test_a_missing_ratings_object_is_refused(client: TestClient) -> None:
    _problem(client.post("/api/v1/soreness", json={"date": DAY}), 422, "ratings")
    _problem(client.post("/api/v1/soreness", content=b"[]", headers={"Content-Type": "application/json"}), 422, "body")


@pytest.mark.parametrize("since", ["yesterday", "2026-11-31", "0001-01-01", "2026-11-24T00:00"])
def test_a_bad_since_is_a_422(client: TestClient, since: str) -> None:
    _problem(client.get("/api/v1/soreness", params={"since": since}), 422, "since")


def test_cross_site_soreness_is_forbidden(client: TestClient) -> None:
    response = client.post("/api/v1/soreness", json={"ratings": {"calves": 3}}, headers={"Origin": "null"})
    assert response.status_code == 403
    assert client.get("/api/v1/soreness").json() == []


# -- levels -----------------------------------------------------------------------------


def _log_a_session(client: TestClient, settings: Settings, date: str) -> dict[str, Any]:
    """Log `today` for ``date`` with every item done well, through the API."""
    data = shapes.session_dict(routines.today(ctx_for(settings), date=dt.date.fromisoformat(date), minutes=10))
    data.pop("stop", None)
    for block in data["blocks"]:
        for item in block["items"]:
            item["result"] = {"done": True, "control": 5, "discomfort": 0}
    response = client.post("/api/v1/sessions", json=data | {"finished": True})
    assert response.status_code == 201, response.text
    logged: dict[str, Any] = response.json()
    return logged


def test_levels_are_empty_before_anything_is_done(client: TestClient) -> None:
    assert client.get("/api/v1/levels").json() == []
    assert client.get("/api/v1/levels/history").json() == []


def test_levels_and_their_history_after_a_session(client: TestClient, settings: Settings, cli: Cli) -> None:
    logged = _log_a_session(client, settings, DAY)
    done = {i["exercise"] for b in logged["blocks"] for i in b["items"]}
    found = client.get("/api/v1/levels").json()
    assert {e["exercise"] for e in found} == done
    assert found == [levels.level_dict(e) for e in levels.decisions(ctx_for(settings))]
    assert all(set(e) == {"exercise", "level", "decision", "reason"} and e["reason"] for e in found)
    printed = cli("levels", "--json")
    assert printed.code == 0, printed.err
    assert printed.json() == found

    history = client.get("/api/v1/levels/history").json()
    assert {e["exercise"] for e in history} == done
    assert all(e["session_id"] == logged["id"] and e["date"] == DAY for e in history)
    one = sorted(done)[0]
    only = client.get("/api/v1/levels/history", params={"exercise": one}).json()
    assert only
    assert all(e["exercise"] == one for e in only)


@pytest.mark.parametrize("exercise", ["clamshel", "Clamshell", "x" * 81])
def test_an_unknown_exercise_in_the_level_history_is_a_422(client: TestClient, exercise: str) -> None:
    _problem(client.get("/api/v1/levels/history", params={"exercise": exercise}), 422, "exercise")


def test_bodies_that_are_not_json_are_refused(client: TestClient) -> None:
    for path in ("/api/v1/assessments/results", "/api/v1/soreness"):
        response = client.post(path, content=b"{", headers={"Content-Type": "application/json"})
        assert response.status_code == 422
        assert json.loads(response.text)["field"] == "body"
