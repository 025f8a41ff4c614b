"""/progress shows a window of days: 12 weeks by default, a preset or from/to in the query string, strictly parsed."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services import soreness
from tests.contexts import ctx_for

TODAY = dt.date.today()


def _points(page: str, series: str) -> list[str]:
    """The data-date of each marker of the soreness chart's ``series``."""
    chart = page[page.index('id="chart-soreness"') :]
    chart = chart[: chart.index("</svg>")]
    group = re.search(rf'data-series="{series}">(.*?)</g>', chart, re.S)
    return re.findall(r'data-date="([0-9-]+)"', group.group(1)) if group else []


def test_the_default_is_twelve_weeks_and_presets_widen_it(client: TestClient, settings: Settings) -> None:
    old, recent = TODAY - dt.timedelta(days=200), TODAY - dt.timedelta(days=3)
    soreness.record(ctx_for(settings), ratings=["calves=6"], date=old)
    soreness.record(ctx_for(settings), ratings=["calves=2"], date=recent)
    page = client.get("/progress")
    assert page.status_code == 200
    assert _points(page.text, "calves") == [recent.isoformat()], "a rating before the 12 weeks is not drawn"
    assert 'href="/progress?range=12w" aria-current="true"' in page.text
    year = client.get("/progress", params={"range": "1y"}).text
    assert _points(year, "calves") == [old.isoformat(), recent.isoformat()]
    custom = client.get("/progress", params={"from": old.isoformat(), "to": (recent - dt.timedelta(1)).isoformat()})
    assert _points(custom.text, "calves") == [old.isoformat()], "nothing after `to` is drawn"
    assert f'value="{old.isoformat()}"' in custom.text, "the form keeps the range asked for"
    blank = client.get("/progress?from=&to=")
    assert blank.status_code == 200, "an empty form field means the default"


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("from=2026-02-30", "from"),
        ("from=2026-11-30&to=2026-11-01", "on or after"),
        ("from=2001-01-01&to=2026-11-01", "ten years"),
        ("range=5y", "range"),
        ("range=1y&from=2026-01-01", "not both"),
        ("to=tomorrow", "YYYY-MM-DD"),
    ],
)
def test_a_bad_range_is_a_422_page_that_says_why(client: TestClient, query: str, words: str) -> None:
    page = client.get(f"/progress?{query}")
    assert page.status_code == 422
    assert "Nothing to show for that range" in page.text
    assert words in page.text
    assert 'role="img"' not in page.text, "no chart is drawn for a range that was refused"
    assert 'action="/progress"' in page.text, "the form is there to put it right"
