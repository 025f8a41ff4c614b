"""One snapshot of the athlete's state per request: the Today page and /api/v1/today read the
history and the levels once each, however many services ask (PostgreSQL, counted with
SQLAlchemy's own cursor events on the app's engine)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services import profile as profiles
from supple.services.context import Context
from supple.store.athlete import shared_store
from supple.web.app import create_app
from tests.conftest import _drop, _postgres_url
from tests.web.conftest import LOOPBACK


@pytest.fixture
def postgres_settings(tmp_path: Path) -> Iterator[Settings]:
    url = _postgres_url()
    try:
        yield Settings(data_dir=tmp_path, database_url_override=url)
    finally:
        shared_store.cache_clear()
        _drop(url)


@pytest.mark.postgres
@pytest.mark.parametrize("path", ["/", "/api/v1/today", "/week"])
def test_a_request_reads_the_state_once(postgres_settings: Settings, path: str) -> None:
    ctx = Context.open(postgres_settings, athlete=postgres_settings.athlete)
    current = profiles.get_profile(ctx)
    profiles.save_profile(ctx, profile=profiles.update_profile(ctx, current, run_days="mon,thu", minutes=12))
    engine = shared_store(postgres_settings.database_url).engine
    seen: list[str] = []

    def count(conn: object, cursor: object, statement: str, *rest: object) -> None:
        seen.append(statement)

    with TestClient(create_app(postgres_settings), base_url="http://127.0.0.1", client=LOOPBACK) as client:
        client.get(path)  # the first request may set things up (the feed token, the CSRF cookie)
        sa.event.listen(engine, "before_cursor_execute", count)
        try:
            answer = client.get(path)
        finally:
            sa.event.remove(engine, "before_cursor_execute", count)
    assert answer.status_code == 200, answer.text[:300]
    history = [s for s in seen if "s.date >= " in s and "JOIN session_items" in s]
    levels = [s for s in seen if "FROM exercise_levels" in s]
    assert len(levels) == 1, f"the levels were read {len(levels)} times in one request"
    assert len(history) == 1, f"the recent history was read {len(history)} times in one request"
    assert len(seen) < 40, f"{len(seen)} statements for one {path}"


@pytest.mark.postgres
def test_the_today_api_reads_the_athlete_on_one_connection(postgres_settings: Settings) -> None:
    """The state and the screening results come from one connection, the athlete looked up once."""
    from supple.services import assess

    ctx = Context.open(postgres_settings, athlete=postgres_settings.athlete)
    assess.record(ctx, test="knee-to-wall", value="9", side="left", date=dt.date.today())
    engine = shared_store(postgres_settings.database_url).engine
    seen: list[str] = []
    checkouts: list[object] = []

    def count(conn: object, cursor: object, statement: str, *rest: object) -> None:
        seen.append(statement)

    def checkout(*args: object) -> None:
        checkouts.append(args[0])

    with TestClient(create_app(postgres_settings), base_url="http://127.0.0.1", client=LOOPBACK) as client:
        client.get("/api/v1/today")
        sa.event.listen(engine, "before_cursor_execute", count)
        sa.event.listen(engine, "checkout", checkout)
        try:
            answer = client.get("/api/v1/today")
        finally:
            sa.event.remove(engine, "before_cursor_execute", count)
            sa.event.remove(engine, "checkout", checkout)
    assert answer.status_code == 200, answer.text[:300]
    assert len([s for s in seen if "FROM assessment_results" in s]) == 1
    assert len([s for s in seen if "FROM athletes WHERE slug" in s]) == 1, seen
    # one for the athlete's data, one for "are there accounts yet?" (web.access, before the context)
    assert len(checkouts) == 2, f"{len(checkouts)} connections for one request"
