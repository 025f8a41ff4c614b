"""Is it working? Weekly figures side by side, and no relation claimed before there is data for one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services import runs, soreness, working
from supple.services.context import Context
from supple.web.app import create_app
from tests.athlete_fill import grow
from tests.web.conftest import LOOPBACK

END = dt.date(2026, 11, 29)  # a Sunday


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Ten weeks of daily use, a run every Saturday and soreness after it that falls as minutes rise."""
    found = Settings(data_dir=tmp_path_factory.mktemp("working") / "data")
    grow(found, found.athlete, days=70, end=END, every=1)
    ctx = Context.open(found, athlete=found.athlete)
    for week in range(10):
        saturday = END - dt.timedelta(days=1, weeks=week)
        runs.add_done_by_hand(ctx, saturday, "08:00", 60, 10.0 + week)
        soreness.record(
            ctx, ratings=[f"hamstrings={min(10, week)}"], date=saturday + dt.timedelta(days=1), after_run=True
        )
    return found


def test_the_weeks_side_by_side(settings: Settings) -> None:
    found = working.working(Context.open(settings, athlete=settings.athlete), today=END, weeks=12)
    assert [w.start for w in found.weeks][-1] == END - dt.timedelta(days=6)
    last = found.weeks[-1]
    assert last.runs == 1
    assert last.run_km == 10.0
    assert last.soreness_after_runs == 0.0
    assert last.minutes_done > 0
    assert last.minutes_planned == 7 * Context.open(settings, athlete=settings.athlete).data.get_profile().minutes  # type: ignore[union-attr]
    assert found.weeks[0].runs == 0  # before the runner's first week
    assert found.relation.enough
    assert found.relation.pairs == 10
    assert found.relation.rho is not None
    assert "not proof" in found.summary or "no clear relation" in found.summary


def test_too_few_weeks_say_so_and_give_no_figure(settings: Settings) -> None:
    found = working.working(Context.open(settings, athlete=settings.athlete), today=END, weeks=5)
    assert not found.relation.enough
    assert found.relation.rho is None
    assert found.summary.startswith("Not enough data yet: 5 weeks")


def test_the_page_and_the_api(settings: Settings, tmp_path: Path) -> None:
    client = TestClient(create_app(settings), base_url="http://127.0.0.1", client=LOOPBACK)
    page = client.get("/progress/working")
    assert page.status_code == 200
    assert "Is it working?" in page.text
    body = client.get("/api/v1/progress/working", params={"weeks": 6}).json()
    assert len(body["weeks"]) == 6
    assert body["relation"]["min_weeks"] == working.MIN_WEEKS
    assert set(body["weeks"][0]) == {
        "start",
        "minutes_done",
        "minutes_planned",
        "soreness_after_runs",
        "results",
        "run_km",
        "runs",
    }
    assert client.get("/api/v1/progress/working", params={"weeks": 500}).status_code == 422
