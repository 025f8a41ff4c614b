"""/api/v1/progress and /api/v1/charts: weekly totals and SVG charts, on the real app and store."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services import charts, progress, routines, shapes
from tests.conftest import Cli
from tests.contexts import ctx_for
from tests.web.conftest import problem as _problem

TODAY = dt.date.today()
MONDAY = TODAY - dt.timedelta(days=TODAY.weekday())


def _log_today(client: TestClient, settings: Settings) -> dict[str, Any]:
    """Log today's routine with every item done, through the API."""
    data = shapes.session_dict(routines.today(ctx_for(settings), date=TODAY, minutes=10))
    data.pop("stop", None)
    for block in data["blocks"]:
        for item in block["items"]:
            item["result"] = {"done": True, "control": 4, "discomfort": 1}
    response = client.post("/api/v1/sessions", json=data | {"finished": True})
    assert response.status_code == 201, response.text
    logged: dict[str, Any] = response.json()
    return logged


# -- progress ---------------------------------------------------------------------------


def test_twelve_empty_weeks_up_to_this_one_with_the_target(client: TestClient, settings: Settings) -> None:
    response = client.get("/api/v1/progress")
    assert response.status_code == 200
    found = response.json()
    assert found["today"] == TODAY.isoformat()
    assert len(found["weeks"]) == progress.WEEKS == 12
    assert found["weeks"][-1]["start"] == MONDAY.isoformat()
    assert found["weeks"][0]["start"] == (MONDAY - dt.timedelta(weeks=11)).isoformat()
    assert all(w == {"start": w["start"], "minutes": 0, "sessions": 0, "days": 0} for w in found["weeks"])
    minutes, days = charts.weekly_target(ctx_for(settings))
    assert found["target"] == {"minutes": minutes, "days": days}
    assert [(c["slug"], c["empty"]) for c in found["charts"]] == [
        ("weekly", True),
        ("soreness", True),
        ("levels", True),
    ], "no test chart until a test has results"


def test_progress_is_what_the_cli_prints_plus_chart_addresses(client: TestClient, settings: Settings, cli: Cli) -> None:
    _log_today(client, settings)
    client.post("/api/v1/assessments/results", json={"test": "overhead-reach", "value": 150})
    found = client.get("/api/v1/progress", params={"weeks": 4}).json()
    printed = cli("progress", "--json", "--weeks", "4")
    assert printed.code == 0, printed.err
    expected = printed.json()
    assert [{k: v for k, v in c.items() if k != "url"} for c in found["charts"]] == expected["charts"]
    assert (found["weeks"], found["target"]) == (expected["weeks"], expected["target"])
    for chart in found["charts"]:
        assert chart["url"] == f"/api/v1/charts/{chart['slug']}.svg?from={found['from']}&to={found['today']}"
        assert client.get(chart["url"]).status_code == 200
    assert "assess-overhead-reach" in [c["slug"] for c in found["charts"]]


def test_a_logged_session_counts_in_this_week(client: TestClient, settings: Settings) -> None:
    logged = _log_today(client, settings)
    this_week = client.get("/api/v1/progress", params={"weeks": 1}).json()["weeks"]
    assert len(this_week) == 1
    seconds = sum(i["seconds"] for b in logged["blocks"] for i in b["items"])
    assert this_week[0] == {"start": MONDAY.isoformat(), "minutes": round(seconds / 60), "sessions": 1, "days": 1}
    totals = progress.history_progress(ctx_for(settings), today=TODAY, weeks=1).totals
    assert this_week[0]["minutes"] == totals[0].minutes


@pytest.mark.parametrize("weeks", ["0", "105", "-1", "twelve", "1e3", str(10**30)])
def test_a_bad_number_of_weeks_is_a_422(client: TestClient, weeks: str) -> None:
    _problem(client.get("/api/v1/progress", params={"weeks": weeks}), 422, "weeks")


# -- charts -----------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["weekly", "soreness", "levels", "assess-knee-to-wall", "assess-overhead-reach"])
def test_every_chart_is_an_uncached_svg_even_with_no_data(client: TestClient, slug: str) -> None:
    response = client.get(f"/api/v1/charts/{slug}.svg")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert response.headers["cache-control"] == "no-store"
    assert "<svg" in response.text


def test_charts_show_what_was_recorded(client: TestClient, settings: Settings) -> None:
    empty = client.get("/api/v1/charts/weekly.svg").text
    _log_today(client, settings)
    assert client.get("/api/v1/charts/weekly.svg").text != empty, "not served from a cache"
    client.post("/api/v1/assessments/results", json={"test": "knee-to-wall", "value": 9.5, "side": "left"})
    client.post("/api/v1/assessments/results", json={"test": "knee-to-wall", "value": 11.0, "side": "right"})
    client.post("/api/v1/soreness", json={"ratings": {"calves": 3}})
    params = {"from": (TODAY - dt.timedelta(days=30)).isoformat(), "to": TODAY.isoformat()}
    for slug in ("assess-knee-to-wall", "soreness", "levels"):
        response = client.get(f"/api/v1/charts/{slug}.svg", params=params)
        assert response.status_code == 200, (slug, response.text)
        assert "<svg" in response.text
    assert client.get("/api/v1/charts/weekly.svg", params={"weeks": 4}).status_code == 200


@pytest.mark.parametrize(
    "slug", ["monthly", "assess-", "assess-knee-to-walls", "knee-to-wall", "Weekly", "assess-ASSESS", "x" * 80]
)
def test_an_unknown_chart_is_a_404_naming_the_slug(client: TestClient, slug: str) -> None:
    _problem(client.get(f"/api/v1/charts/{slug}.svg"), 404, "slug")


def test_a_chart_needs_the_svg_suffix(client: TestClient) -> None:
    assert client.get("/api/v1/charts/weekly").status_code == 404
    assert client.get("/api/v1/charts/weekly.png").status_code == 404


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "last-week"}, "from"),
        ({"to": "2026-02-29"}, "to"),
        ({"from": "0001-01-01"}, "from"),
        ({"to": "9999-12-31"}, "to"),
        ({"from": "2026-12-01", "to": "2026-11-30"}, "to"),
        ({"weeks": "0"}, "weeks"),
        ({"weeks": "1000"}, "weeks"),
    ],
)
def test_a_bad_window_is_a_422(client: TestClient, params: dict[str, str], field: str) -> None:
    _problem(client.get("/api/v1/charts/soreness.svg", params=params), 422, field)


def test_progress_reads_the_days_asked_for(client: TestClient, settings: Settings) -> None:
    _log_today(client, settings)
    default = client.get("/api/v1/progress").json()
    assert default["from"] == (MONDAY - dt.timedelta(weeks=11)).isoformat()
    assert default["today"] == TODAY.isoformat()
    before = TODAY - dt.timedelta(days=1)
    past = client.get("/api/v1/progress", params={"from": (TODAY - dt.timedelta(days=30)).isoformat(), "to": before})
    assert past.status_code == 200, past.text
    assert past.json()["from"] == (TODAY - dt.timedelta(days=30)).isoformat()
    assert sum(w["sessions"] for w in past.json()["weeks"]) == 0, "today's session is after the range"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"from": "2026-11-30", "to": "2026-11-01"}, "to"),
        ({"from": "2001-01-01", "to": "2026-11-01"}, "from"),
        ({"from": "2026-02-30"}, "from"),
        ({"to": "yesterday"}, "to"),
        ({"from": "2026-11-01", "weeks": 4}, "weeks"),
    ],
)
def test_a_bad_range_is_a_422_naming_the_parameter(client: TestClient, params: dict[str, Any], field: str) -> None:
    body = _problem(client.get("/api/v1/progress", params=params), 422, field)
    assert body["detail"]


def test_the_range_parameters_are_documented(client: TestClient) -> None:
    names = {p["name"] for p in client.get("/openapi.json").json()["paths"]["/api/v1/progress"]["get"]["parameters"]}
    assert {"weeks", "from", "to"} <= names
