"""Users never read KNOWLEDGE.md's raw marks "(2°)" or "(u)": every page that shows evidence says it in words.

The data keeps the marks as a field (``checked``); this scans what the surfaces render, and the
knowledge files users read from, with the loader's own pattern.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
import tomllib
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supple.catalogue.knowledge import RAW_MARK
from supple.catalogue.loader import HERE
from supple.config import Settings
from supple.services import assess, triage
from tests.contexts import ctx_for


def _words(page: str) -> str:
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _raw(text: str) -> list[str]:
    return [m.group(0) for m in RAW_MARK.finditer(text)]


@pytest.mark.parametrize("mark", ["(2°)", "(u)", "(u: unverified)", "(Goom 2016, 2°)", "[2°]"])
def test_the_pattern_finds_each_way_a_mark_is_written(mark: str) -> None:
    assert _raw(f"a figure {mark} here")


@pytest.mark.parametrize("text", ["12°)", "(12°)", "about 2° more", "(upper end)", "menu: 2 items", "(u-turn)"])
def test_the_pattern_leaves_ordinary_text_alone(text: str) -> None:
    assert not _raw(text)


def test_no_page_shows_a_raw_mark(client: TestClient, settings: Settings) -> None:
    tests = assess.tests(ctx_for(settings))
    for test in tests:  # a result for every test, so each test's words, chart and legend render
        side = "left" if test.per_side else None
        assess.record(ctx_for(settings), test=test.slug, value=test.low, side=side, date=dt.date.today())
    pages = ["/", "/assess", "/progress", "/library", "/triage", "/week", "/history"]
    pages += [f"/assess/{t.slug}" for t in tests]
    pages += [f"/triage/{c.slug}" for c in triage.complaints(ctx_for(settings))]
    for address in pages:
        page = client.get(address)
        assert page.status_code == 200, address
        assert not _raw(_words(page.text)), (address, _raw(_words(page.text)))


def test_no_user_facing_knowledge_text_holds_a_raw_mark() -> None:
    """Every string in the knowledge files users may read (comments are not read: TOML drops them)."""
    files = [*sorted((HERE / "assessments").glob("*.toml")), *sorted((HERE / "complaints").glob("*.toml"))]
    files += [HERE / "red_flags.toml", HERE / "positions.toml"]
    for path in files:
        for where, text in _strings(tomllib.loads(path.read_text(encoding="utf-8"))):
            assert not _raw(text), (path.name, where, text)


def _strings(data: Any, where: str = "") -> list[tuple[str, str]]:
    if isinstance(data, str):
        return [(where, data)]
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in _strings(value, f"{where}.{key}")]
    if isinstance(data, list):
        return [found for i, value in enumerate(data) for found in _strings(value, f"{where}[{i}]")]
    return []
