"""/api/v1 complaints, triage and red flags, on the real app and a real SQLite store."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services import routines, shapes, triage
from tests.conftest import Cli
from tests.contexts import ctx_for
from tests.triage_table import HEADINGS, TABLE, highest
from tests.web.conftest import problem as _problem

DAY = "2026-11-24"
TODAY = dt.date.today().isoformat()
EVIL = {"Origin": "https://evil.example"}


def _triage(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post("/api/v1/triage", json=body)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


# -- complaints -------------------------------------------------------------------------


def test_every_complaint_with_its_questions_in_order(client: TestClient, settings: Settings) -> None:
    response = client.get("/api/v1/complaints")
    assert response.status_code == 200
    listed = response.json()
    assert [c["slug"] for c in listed] == [c.slug for c in triage.complaints(ctx_for(settings))]
    for complaint in listed:
        asked = triage.questions(ctx_for(settings), complaint=complaint["slug"])
        assert [(f["slug"], f["question"]) for f in complaint["red_flags"]] == [(f.slug, f.question) for f in asked]
        assert complaint["name"]
        assert client.get(f"/api/v1/complaints/{complaint['slug']}").json() == complaint


@pytest.mark.parametrize("complaint", list(TABLE))
def test_every_question_carries_its_level_for_the_complaint(client: TestClient, complaint: str) -> None:
    found = client.get(f"/api/v1/complaints/{complaint}").json()["red_flags"]
    assert [(f["slug"], f["level"]) for f in found] == list(TABLE[complaint])
    assert [f["urgent"] for f in found] == [level != "soon" for _, level in TABLE[complaint]]


@pytest.mark.parametrize("complaint", list(TABLE))
def test_each_yes_stops_today_with_its_level_and_words_and_the_history_keeps_it(
    client: TestClient, complaint: str
) -> None:
    for flag, level in TABLE[complaint]:
        found = _triage(client, complaint=complaint, red_flags=[flag], date=DAY)
        assert (found["refer"], found["level"], found["urgent"]) == (True, level, level != "soon"), flag
        stop = client.get("/api/v1/today", params={"date": DAY}).json()["stop"]
        assert (stop["level"], stop["urgent"], stop["heading"]) == (level, level != "soon", HEADINGS[level]), flag
        assert found["explanation"].split(". ")[0] == stop["advice"].split(". ")[0], "the same level words"
        assert client.get("/api/v1/plan", params={"start": DAY}).json()["stop"]["level"] == level
        assert [f["level"] for f in client.get("/api/v1/red-flags").json()] == [level]
        assert client.post("/api/v1/red-flags/clear", json={"date": DAY}).json() == {"cleared": 1}
    history = client.get("/api/v1/red-flags/history").json()
    assert [(f["slug"], f["level"], f["cleared"]) for f in history] == [(f, lv, DAY) for f, lv in TABLE[complaint]]


def test_the_highest_open_level_is_the_stops_level(client: TestClient) -> None:
    _triage(client, complaint="kneecap", red_flags=["swelling"], date=DAY)
    assert client.get("/api/v1/today", params={"date": DAY}).json()["stop"]["level"] == "soon"
    _triage(client, complaint="shin", red_flags=["acute-compartment", "night-pain"], date=DAY)
    stop = client.get("/api/v1/today", params={"date": DAY}).json()["stop"]
    assert (stop["level"], stop["heading"]) == ("emergency", HEADINGS["emergency"])
    assert stop["red_flags"] == ["swelling", "acute-compartment", "night-pain"]
    assert highest("shin") == "emergency"


def test_a_flag_can_be_urgent_for_one_complaint_only(client: TestClient) -> None:
    def urgent(complaint: str) -> dict[str, bool]:
        return {f["slug"]: f["urgent"] for f in client.get(f"/api/v1/complaints/{complaint}").json()["red_flags"]}

    assert urgent("hip-front")["night-pain"] is True, "night pain at the front of the hip may be bone stress"
    assert urgent("outer-knee")["night-pain"] is False
    assert urgent("low-back")["saddle-numbness"] is True


@pytest.mark.parametrize("slug", ["knee", "Outer-Knee", "x" * 80])
def test_an_unknown_complaint_is_a_404_naming_the_slug(client: TestClient, slug: str) -> None:
    body = _problem(client.get(f"/api/v1/complaints/{slug}"), 404, "slug")
    assert "outer-knee" in body["detail"]


# -- triage -----------------------------------------------------------------------------


def test_no_red_flags_gives_the_sources_and_a_focus_session(client: TestClient, cli: Cli) -> None:
    found = _triage(client, complaint="outer-knee", red_flags=[], date=DAY)
    printed = cli("triage", "outer-knee", "--red-flags", "none", "--date", DAY, "--json")
    assert printed.code == 0, printed.err
    assert found == printed.json()
    assert found["refer"] is False
    assert found["red_flags"] == []
    assert found["plan"]["kind"] == "focus"
    assert found["plan"]["date"] == DAY
    assert found["plan"]["blocks"], "a plan with exercises"
    assert {b["region"] for b in found["plan"]["blocks"]} <= set(found["sources"])
    assert client.get("/api/v1/red-flags").json() == [], "a no to every question opens nothing"


def test_the_focus_session_is_for_today_by_default(client: TestClient) -> None:
    assert _triage(client, complaint="achilles", red_flags=[])["plan"]["date"] == TODAY


def test_a_red_flag_refers_and_stops_every_routine_until_cleared(client: TestClient, cli: Cli) -> None:
    found = _triage(client, complaint="outer-knee", red_flags=["swelling"], date=DAY)
    assert found["refer"] is True
    assert found["plan"] is None
    assert found["red_flags"] == ["swelling"]
    assert "physio or doctor" in found["explanation"]

    open_flags = client.get("/api/v1/red-flags").json()
    assert [(f["slug"], f["complaint"], f["date"]) for f in open_flags] == [("swelling", "outer-knee", DAY)]
    assert open_flags[0]["question"]
    assert open_flags[0]["name"]
    today = client.get("/api/v1/today", params={"date": DAY}).json()
    assert today["blocks"] == []
    assert today["stop"]["red_flags"] == ["swelling"]

    later = _triage(client, complaint="achilles", red_flags=[], date=DAY)
    assert later["refer"] is False
    assert later["plan"]["blocks"] == [], "no exercises while a red flag is open"
    assert later["plan"]["stop"]["red_flags"] == ["swelling"]

    cleared = client.post("/api/v1/red-flags/clear")
    assert cleared.status_code == 200
    assert cleared.json() == {"cleared": 1}
    assert client.get("/api/v1/red-flags").json() == []
    assert client.get("/api/v1/today", params={"date": DAY}).json()["blocks"]
    assert client.post("/api/v1/red-flags/clear", json={"date": DAY}).json() == {"cleared": 0}


def test_a_red_flag_moves_levels_down_and_the_all_clear_keeps_them_one_easier(
    client: TestClient, settings: Settings
) -> None:
    data = shapes.session_dict(routines.today(ctx_for(settings), date=dt.date.fromisoformat(DAY), minutes=10))
    data.pop("stop", None)
    for block in data["blocks"]:
        for item in block["items"]:
            item["result"] = {"done": True, "control": 5, "discomfort": 0}
    assert client.post("/api/v1/sessions", json=data | {"finished": True}).status_code == 201
    before = client.get("/api/v1/levels").json()
    assert before
    assert all(e["decision"] != "regress" for e in before)

    _triage(client, complaint="kneecap", red_flags=["locking-giving-way"], date=DAY)
    flagged = client.get("/api/v1/levels").json()
    assert [e["decision"] for e in flagged] == ["regress"] * len(before)
    assert client.get("/api/v1/levels/history").json()[-1]["decision"] == "regress"

    assert client.post("/api/v1/red-flags/clear").json() == {"cleared": 1}
    after = client.get("/api/v1/levels").json()
    assert [(e["exercise"], e["level"], e["decision"]) for e in after] == [
        (e["exercise"], e["level"], "regress") for e in flagged
    ]
    assert all("once a physio or doctor has cleared you" in e["reason"] for e in after)
    assert [e["reason"] for e in after] == [e["reason"] for e in flagged], "one wording for the episode"


def test_an_urgent_flag_is_urgent_in_the_answer_and_while_open(client: TestClient) -> None:
    found = _triage(client, complaint="hip-front", red_flags=["night-pain", "night-pain"], date=DAY)
    assert (found["level"], found["urgent"]) == ("same-day", True)
    assert found["red_flags"] == ["night-pain"]
    assert [(f["level"], f["urgent"], f["cleared"]) for f in client.get("/api/v1/red-flags").json()] == [
        ("same-day", True, None)
    ]


def test_clearing_takes_the_day_a_clinician_saw_you(client: TestClient) -> None:
    _triage(client, complaint="shin", red_flags=["pain-on-hop", "night-pain"], date=DAY)
    response = client.post(
        "/api/v1/red-flags/clear", json={"date": "2026-11-30"}, headers={"Origin": "http://127.0.0.1"}
    )
    assert response.json() == {"cleared": 2}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"red_flags": None}, "red_flags"),
        ({"red_flags": "none"}, "red_flags"),
        ({"red_flags": ["swelling", "broken-leg"]}, "red_flags.1"),
        ({"red_flags": ["Swelling"]}, "red_flags.0"),
        # A real red flag that outer-knee does not ask: refused, so an answer cannot skip the questions.
        ({"red_flags": ["swelling", "saddle-numbness"]}, "red_flags.1"),
        ({"red_flags": ["night-pain"] * 51}, "red_flags"),
        ({"complaint": "knee"}, "complaint"),
        ({"complaint": None}, "complaint"),
        ({"date": "2026-11-31"}, "date"),
        ({"date": "0001-01-01"}, "date"),
        ({"date": 20261124}, "date"),
        ({"answers": []}, "answers"),
    ],
)
def test_a_bad_triage_is_a_422_naming_the_field_and_opens_no_flag(
    client: TestClient, body: dict[str, Any], field: str
) -> None:
    good = {"complaint": "outer-knee", "red_flags": ["swelling"], "date": DAY}
    _problem(client.post("/api/v1/triage", json=good | body), 422, field)
    assert client.get("/api/v1/red-flags").json() == []
    assert client.get("/api/v1/red-flags/history").json() == [], "nothing was stored"


def test_the_questions_cannot_be_skipped(client: TestClient) -> None:
    body = _problem(client.post("/api/v1/triage", json={"complaint": "outer-knee"}), 422, "red_flags")
    assert "required" in body["detail"].lower()


def test_a_bad_clearing_date_clears_nothing(client: TestClient) -> None:
    _triage(client, complaint="outer-knee", red_flags=["limp"], date=DAY)
    _problem(client.post("/api/v1/red-flags/clear", json={"date": "tomorrow"}), 422, "date")
    _problem(client.post("/api/v1/red-flags/clear", json={"when": DAY}), 422, "when")
    assert len(client.get("/api/v1/red-flags").json()) == 1


def test_cross_site_writes_are_forbidden(client: TestClient) -> None:
    refused = client.post("/api/v1/triage", json={"complaint": "heel", "red_flags": ["numbness"]}, headers=EVIL)
    assert refused.status_code == 403
    assert client.get("/api/v1/red-flags").json() == []
    _triage(client, complaint="heel", red_flags=["numbness"], date=DAY)
    assert client.post("/api/v1/red-flags/clear", headers=EVIL).status_code == 403
    assert len(client.get("/api/v1/red-flags").json()) == 1
