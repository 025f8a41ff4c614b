"""`supple handout`: today's routine on one printed page, the same routine that `supple today` gives."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from supple.core.calendar import dose_text
from tests.conftest import Cli
from tests.report import Page, pdf_pages, pdf_text, preview

#: A Tuesday with no run in the default profile.
DAY = "2026-11-24"
EVERY_REGION = "calves,feet,quads,hamstrings,adductors,hip-flexors,glutes,hip-rotators,thoracic-spine,trunk"


def _dose(item: dict[str, Any]) -> str:
    return dose_text(sets=item["sets"], reps=item["reps"], hold_seconds=item["hold_seconds"], per_side=item["per_side"])


def _items(session: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for block in session["blocks"] for item in block["items"]]


def _routine(cli: Cli, options: tuple[str, ...]) -> dict[str, Any]:
    done = cli("today", "--date", DAY, *options, "--json")
    assert done.code == 0, done.err
    found: dict[str, Any] = done.json()
    return found


def _everything(cli: Cli) -> None:
    """A profile with all the kit and every region a priority: the longest routines there are."""
    done = cli("init", "--equipment", "roller,ball,box,band,wall", "--priorities", EVERY_REGION, input="")
    assert done.code == 0, done.err


@pytest.mark.parametrize(
    ("profile", "options", "name"),
    [
        ("default", (), "handout"),
        ("default", ("--kind", "daily", "--minutes", "120"), "handout-default-120"),
        ("everything", ("--kind", "daily", "--minutes", "120"), "handout-longest"),
        ("everything", ("--kind", "primer", "--minutes", "120"), "handout-longest-primer"),
    ],
)
def test_the_pdf_is_one_page_with_every_item_and_its_dose(
    cli: Cli, tmp_path: Path, profile: str, options: tuple[str, ...], name: str
) -> None:
    if profile == "everything":
        _everything(cli)
    session = _routine(cli, options)
    items = _items(session)
    assert items, session
    path = tmp_path / "routine.pdf"
    done = cli("handout", "--date", DAY, *options, "--out", str(path), "--json")
    assert done.code == 0, done.err
    assert done.json() == {"out": str(path), "format": "pdf", "pages": 1}
    assert pdf_pages(path) == 1
    text = pdf_text(path)
    for item in items:
        assert item["name"] in text, item["name"]
    wanted = Counter(_dose(item) for item in items)
    for dose, count in wanted.items():
        assert text.count(dose) >= count, (dose, count)
    assert f"{len(items)} exercises" in text
    assert "Melt, then mould at once." in text
    assert "Only the range you control." in text
    assert preview(path, name).stat().st_size > 5_000


def test_the_html_handout_names_each_item_with_its_dose_and_picture(cli: Cli, tmp_path: Path) -> None:
    options = ("--kind", "recovery", "--minutes", "15")
    session = _routine(cli, options)
    path = tmp_path / "routine.html"
    done = cli("handout", "--date", DAY, *options, "--out", str(path))
    assert done.code == 0, done.err
    assert done.out.strip() == f"Wrote the handout to {path} (HTML).", done.out
    page = Page(path.read_text(encoding="utf-8"))
    assert not page.open, f"unclosed tags: {page.open}"
    assert not page.unclosed, page.unclosed
    assert page.references == [], "the handout must not load anything"
    items = _items(session)
    for item in items:
        assert f"{item['name']} {_dose(item)} {item['role']}" in page.text, item["name"]
    assert page.tags.count("svg") == len(items)
    assert all(f"ill-{item['exercise']}-title" in page.ids for item in items)
    assert len(page.ids) == len(set(page.ids)), "ids used twice break the pictures' references"
    assert "Recovery · 15 minutes 24 Nov 2026" in page.text  # no name set: the handout names no one
    assert f"{len(items)} exercises" in page.text


def test_an_open_red_flag_gives_a_page_without_exercises(cli: Cli, tmp_path: Path) -> None:
    flagged = cli("triage", "shin", "--red-flags", "night-pain", "--date", "2026-11-20")
    assert flagged.code == 0, flagged.err
    path = tmp_path / "routine.pdf"
    done = cli("handout", "--date", DAY, "--out", str(path))
    assert done.code == 0, done.err
    text = pdf_text(path)
    assert "See a physio or doctor within days" in text
    assert "Book a physio or doctor within the next few days" in text
    assert "No exercises for now: you reported pain at night" in text
    assert pdf_pages(path) == 1
