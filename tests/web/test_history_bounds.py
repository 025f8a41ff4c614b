"""History never grows without bound: 50 sessions a page, 500 items a session, and an API page of at most 500."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from fastapi.testclient import TestClient

from supple.catalogue import Catalogue
from supple.config import Settings
from supple.web.routes import api_history, history
from tests.contexts import ctx_for
from tests.store.test_measures import _session
from tests.web.conftest import problem

TODAY = dt.date.today()


def _store(settings: Settings, catalogue: Catalogue, count: int) -> list[int]:
    """``count`` small sessions over the last weeks, stored as the store stores any session."""
    data = ctx_for(settings).data
    return [data.log_session(_session(catalogue, TODAY - dt.timedelta(days=n % 60))) for n in range(count)]


def test_history_lists_fifty_sessions_a_page(client: TestClient, settings: Settings, catalogue: Catalogue) -> None:
    _store(settings, catalogue, 120)
    first = client.get("/history")
    assert first.status_code == 200
    assert first.text.count('class="card session"') == history.PAGE == 50
    assert "Page 1 of 3" in first.text
    assert 'href="/history?page=2" rel="next"' in first.text
    last = client.get("/history?page=3").text
    assert last.count('class="card session"') == 20
    assert 'href="/history?page=2" rel="prev"' in last
    assert 'rel="next"' not in last


@pytest.mark.parametrize("page", ["0", "-1", "two", "99999999999999999999", "4"])
def test_a_page_that_does_not_exist_is_a_422(
    client: TestClient, settings: Settings, catalogue: Catalogue, page: str
) -> None:
    _store(settings, catalogue, 120)
    refused = client.get(f"/history?page={page}")
    assert refused.status_code == 422
    assert "page" in refused.text
    assert 'class="card session"' not in refused.text


def test_a_huge_session_stored_before_any_cap_lists_its_first_500_items(
    client: TestClient, settings: Settings, catalogue: Catalogue
) -> None:
    one = _session(catalogue, TODAY)
    items = (one.items * (1 + 2_000 // len(one.items)))[:2_000]
    ctx_for(settings).data.log_session(dataclasses.replace(one, items=items))
    page = client.get("/history")
    assert page.status_code == 200
    listed = page.text[page.text.index('<ul class="results">') :]
    listed = listed[: listed.index("</ul>")]
    assert listed.count("<li>") == history.ITEMS == 500
    assert "1500 more items not shown" in page.text
    assert len(page.content) < 600_000


def test_the_api_pages_with_a_before_cursor(client: TestClient, settings: Settings, catalogue: Catalogue) -> None:
    ids = _store(settings, catalogue, 120)
    first = client.get("/api/v1/history")
    assert len(first.json()) == api_history.PAGE == 50
    seen: list[int] = []
    url: str | None = "/api/v1/history?limit=45"
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.text
        seen += [s["id"] for s in response.json()]
        found = re.match(r'<([^>]+)>; rel="next"', response.headers.get("link", ""))
        url = found.group(1) if found else None
    assert sorted(seen) == sorted(ids), "every session once, none twice"
    everything = [s["id"] for s in client.get("/api/v1/history?limit=500").json()]
    assert seen == everything, "the pages join up in the same order as one long page"


@pytest.mark.parametrize(("params", "field"), [({"limit": 501}, "limit"), ({"before": 0}, "before")])
def test_the_api_refuses_a_page_past_its_limit(client: TestClient, params: dict[str, int], field: str) -> None:
    problem(client.get("/api/v1/history", params=params), 422, field)


def test_sessions_after_a_cursor_that_is_not_yours_are_none(
    client: TestClient, settings: Settings, catalogue: Catalogue
) -> None:
    _store(settings, catalogue, 3)
    assert client.get("/api/v1/history", params={"before": 999_999}).json() == []
