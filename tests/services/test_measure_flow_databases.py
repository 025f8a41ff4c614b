"""The whole measure-and-adapt flow on SQLite and on PostgreSQL, through the services and the API.

Screen, see the priorities lead the plan, log sessions, rate soreness, watch the levels,
triage with and without a red flag, then chart and report it: the same answers on both.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services import assess, charts, levels, logbook, redflags, report, routines, shapes, soreness, triage
from supple.web.app import create_app
from tests.contexts import ctx_for

DAY = dt.date(2026, 11, 24)


def _log(settings: Settings, day: dt.date) -> None:
    data = shapes.session_dict(routines.today(ctx_for(settings), date=day, kind="daily", minutes=10))
    for block in data["blocks"]:
        for item in block["items"]:
            item["result"] = {"done": True, "control": 5, "discomfort": 1}
    logbook.log_session(ctx_for(settings), session=logbook.parse_log(ctx_for(settings), json.dumps(data)))


def _flow(settings: Settings) -> dict[str, Any]:
    assess.record(ctx_for(settings), test="knee-to-wall", value="7", side="left", date=DAY - dt.timedelta(days=21))
    assess.record(ctx_for(settings), test="knee-to-wall", value="11", side="right", date=DAY - dt.timedelta(days=21))
    first = routines.today(ctx_for(settings), date=DAY - dt.timedelta(days=20))
    for days in (20, 18, 15, 13):
        _log(settings, DAY - dt.timedelta(days=days))
        soreness.record(ctx_for(settings), ratings=["calves=2"], date=DAY - dt.timedelta(days=days - 1))
    assess.record(ctx_for(settings), test="knee-to-wall", value="9.5", side="left", date=DAY - dt.timedelta(days=1))
    decided = {e.exercise: (e.decision.decision, e.decision.level) for e in levels.decisions(ctx_for(settings))}
    referred, plan = triage.answer(ctx_for(settings), complaint="achilles", red_flags=["swelling"], date=DAY)
    stopped = routines.today(ctx_for(settings), date=DAY)
    cleared = redflags.clear(ctx_for(settings), date=DAY)
    drawn = charts.progress_charts(ctx_for(settings), today=DAY)
    gathered = report.gather(ctx_for(settings), since=DAY - dt.timedelta(weeks=4), until=DAY, today=DAY)
    return {
        "first_region": first.blocks[0].region,
        "history": [assess.row_dict(r) for r in assess.history(ctx_for(settings))],
        "levels": decided,
        "referred": (referred.refer, plan is None),
        "stopped": (stopped.blocks, stopped.stop is not None and stopped.stop.red_flags),
        "cleared": cleared,
        "charts": [(c.slug, c.empty) for c in drawn],
        "report_rows": [(s.test.slug, s.side) for s in gathered.screening],
    }


def test_the_same_flow_gives_the_same_answers_on_every_database(database_url: str, tmp_path: Path) -> None:
    found = _flow(Settings(data_dir=tmp_path / "data", database_url_override=database_url))
    baseline = _flow(Settings(data_dir=tmp_path / "baseline"))
    assert found == baseline
    # And the answers are the ones the method asks for.
    assert found["first_region"] == "calves"  # 7 cm is below the usual 10 cm
    left = [r for r in found["history"] if r["side"] == "left"]
    assert [(r["value"], r["real_change"]) for r in left] == [(9.5, True), (7, None)]
    assert found["referred"] == (True, True)
    assert found["stopped"] == ((), ("swelling",))
    assert found["cleared"] == 1
    assert ("assess-knee-to-wall", False) in found["charts"]
    assert ("weekly", False) in found["charts"]
    assert ("knee-to-wall", "left") in found["report_rows"]


def test_the_api_flow_on_every_database(database_url: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url_override=database_url)
    with TestClient(create_app(settings), base_url="http://127.0.0.1", client=("127.0.0.1", 50000)) as client:
        same_site = {"Origin": "http://127.0.0.1"}
        made = client.post(
            "/api/v1/assessments/results",
            json={"test": "overhead-reach", "value": 150, "date": DAY.isoformat()},
            headers=same_site,
        )
        assert made.status_code == 201, made.text
        sore = client.post("/api/v1/soreness", json={"ratings": {"glutes": 3}}, headers=same_site)
        assert sore.status_code == 201, sore.text
        answer = client.post(
            "/api/v1/triage", json={"complaint": "shin", "red_flags": ["pain-on-hop"]}, headers=same_site
        )
        assert answer.json()["refer"] is True
        assert client.get("/api/v1/today").json()["stop"]["red_flags"] == ["pain-on-hop"]
        page = client.get("/")
        assert page.status_code == 200
        assert "A physio or doctor has cleared me" in page.text
        assert client.post("/api/v1/red-flags/clear", headers=same_site).json() == {"cleared": 1}
        assert client.get("/api/v1/today").json()["stop"] is None
        chart = client.get("/api/v1/charts/assess-overhead-reach.svg")
        assert chart.status_code == 200
        assert chart.headers["content-type"].startswith("image/svg+xml")
        assert "150" in chart.text
