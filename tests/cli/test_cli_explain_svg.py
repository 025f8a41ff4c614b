"""`supple explain SLUG --svg FILE`: writes the exercise's picture, and nothing else."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any


def test_it_writes_a_valid_svg_file_and_says_where(cli: Any, tmp_path: Path) -> None:
    target = tmp_path / "pictures" / "glutes.svg"
    target.parent.mkdir()
    result = cli("explain", "roll-glutes", "--svg", str(target))
    assert result.code == 0, result.err
    assert str(target) in result.out
    assert "Sources" not in result.out, "with --svg only the picture is written"
    root = ET.fromstring(target.read_text(encoding="utf-8"))
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None
    assert title.text == "Foam roll the glutes"
    assert [p.name for p in target.parent.iterdir()] == ["glutes.svg"], "no partial file is left behind"


def test_a_dash_writes_the_svg_to_standard_output(cli: Any) -> None:
    result = cli("explain", "elevated-hip-internal-rotation", "--svg", "-")
    assert result.code == 0, result.err
    assert result.out.startswith("<svg ")
    ET.fromstring(result.out)


def test_a_folder_that_does_not_exist_is_refused(cli: Any, tmp_path: Path, bad_input: Any) -> None:
    target = tmp_path / "missing" / "x.svg"
    result = cli("explain", "roll-glutes", "--svg", str(target))
    bad_input(result, "--svg", "missing")
    assert not target.parent.exists()


def test_a_folder_given_as_the_file_is_refused(cli: Any, tmp_path: Path, bad_input: Any) -> None:
    bad_input(cli("explain", "roll-glutes", "--svg", str(tmp_path)), "--svg", "is a folder")


def test_an_unknown_slug_writes_nothing(cli: Any, tmp_path: Path, bad_input: Any) -> None:
    target = tmp_path / "x.svg"
    bad_input(cli("explain", "no-such-exercise", "--svg", str(target)), "no-such-exercise")
    assert not target.exists()
