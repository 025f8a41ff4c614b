"""The soreness check-in asks about a run recorded yesterday or today, and ticks "follows a run"."""

from __future__ import annotations

import datetime as dt

from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services import runs
from supple.services.context import Context


def test_the_check_in_asks_about_yesterdays_run(client: TestClient, settings: Settings) -> None:
    page = client.get("/soreness")
    assert page.status_code == 200
    assert "After your run" not in page.text
    assert 'name="after_run" value="1" checked' not in page.text
    ctx = Context.open(settings, athlete=settings.athlete)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    runs.add_done_by_hand(ctx, yesterday, "07:00", 50, 10.2)
    page = client.get("/soreness")
    assert "After your run yesterday (10.2 km)" in page.text
    assert 'name="after_run" value="1" checked' in page.text


def test_an_older_run_is_not_asked_about(client: TestClient, settings: Settings) -> None:
    ctx = Context.open(settings, athlete=settings.athlete)
    runs.add_done_by_hand(ctx, dt.date.today() - dt.timedelta(days=3), "07:00", 50, 10.0)
    assert "After your run" not in client.get("/soreness").text
