"""`supple assess show TEST [--svg FILE] [--json]`: how to do one test, and its picture."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

SVG_TITLE = "{http://www.w3.org/2000/svg}title"


def test_it_prints_the_instructions_norm_and_error(cli: Any) -> None:
    result = cli("assess", "show", "knee-to-wall")
    assert result.code == 0, result.err
    out = result.out
    for heading in ("Set-up", "Steps", "Reading", "Sources"):
        assert heading in out
    assert "Take your shoes off" in out
    assert "Record the distance from the tip of the big toe" in out
    assert "Unit: cm" in out
    assert "Usual range: 10–12.5 cm (from a secondary source)" in out
    assert "only when it is below 10 cm by more than the measurement error" in out
    assert "Clinic guidance" in out
    assert "(2°)" not in out
    assert "(u)" not in out
    assert "Measurement error: MDC 1.9 cm" in out
    assert "Powden 2015" in out
    assert "supple assess show knee-to-wall --svg" in out
    assert not Path(cli.env["SUPPLE_DATA_DIR"]).exists(), "showing a test needs no database"


def test_a_noisy_test_says_so_and_the_slug_is_case_blind(cli: Any) -> None:
    result = cli("assess", "show", "Modified-Thomas")
    assert result.code == 0, result.err
    assert "too noisy" in result.out.lower()
    assert "SEM 11" in result.out, "Peeler & Anderson 2007: the thigh angle"


def test_json_is_the_same_object_as_assess_list(cli: Any) -> None:
    shown = cli("assess", "show", "overhead-reach", "--json")
    assert shown.code == 0, shown.err
    listed = {t["slug"]: t for t in cli("assess", "list", "--json").json()}
    assert shown.json() == listed["overhead-reach"]


def test_svg_writes_the_picture_and_nothing_else(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "pictures" / "ankle.svg"
    target.parent.mkdir()
    result = cli("assess", "show", "knee-to-wall", "--svg", str(target))
    assert result.code == 0, result.err
    assert str(target) in result.out
    assert "Set-up" not in result.out, "with --svg only the picture is written"
    title = ET.fromstring(target.read_text(encoding="utf-8")).find(SVG_TITLE)
    assert title is not None
    assert title.text == "Knee-to-wall"
    assert [p.name for p in target.parent.iterdir()] == ["ankle.svg"], "no partial file is left behind"


def test_a_dash_writes_the_svg_to_standard_output(cli: Any) -> None:
    result = cli("assess", "show", "single-leg-squat", "--svg", "-")
    assert result.code == 0, result.err
    assert result.out.startswith("<svg ")
    ET.fromstring(result.out)


def test_an_unknown_test_is_refused_naming_it(cli: Any, bad_input: Any) -> None:
    bad_input(cli("assess", "show", "toe-touch"), "toe-touch", "knee-to-wall")


def test_an_unknown_test_writes_no_picture(cli: Any, tmp_path: Path, bad_input: Any) -> None:
    target = tmp_path / "x.svg"
    bad_input(cli("assess", "show", "toe-touch", "--svg", str(target)), "toe-touch")
    assert not target.exists()


def test_a_bad_svg_target_is_refused(cli: Any, tmp_path: Path, bad_input: Any) -> None:
    bad_input(cli("assess", "show", "knee-to-wall", "--svg", str(tmp_path / "missing" / "x.svg")), "--svg", "missing")
    bad_input(cli("assess", "show", "knee-to-wall", "--svg", str(tmp_path)), "--svg", "is a folder")


def test_no_raw_evidence_mark_reaches_the_terminal(cli: Any) -> None:
    """The figures' marks stay in the data: the terminal says "from a secondary source" in words."""
    from supple.catalogue.knowledge import RAW_MARK

    listed = cli("assess", "list")
    assert listed.code == 0, listed.err
    assert not RAW_MARK.search(listed.out), RAW_MARK.findall(listed.out)
    assert "(from a secondary source)" in listed.out
    assert "(not yet confirmed)" in listed.out
    for slug in [t["slug"] for t in cli("assess", "list", "--json").json()]:
        shown = cli("assess", "show", slug)
        assert not RAW_MARK.search(shown.out), (slug, RAW_MARK.findall(shown.out))
