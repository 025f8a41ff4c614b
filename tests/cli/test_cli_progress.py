"""`supple progress`: a short summary, the charts as SVG files, and bad input refused before anything is written."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

NS = "{http://www.w3.org/2000/svg}"
DAY = "2026-11-24"  #: the day of the seeded session (tests/cli/conftest.py)


def test_svg_files_are_written_and_listed_in_the_json(seeded: Any, tmp_path: Path) -> None:
    assert seeded("assess", "record", "knee-to-wall", "9", "--side", "left", "--date", DAY).code == 0
    result = seeded("progress", "--date", DAY, "--weeks", "3", "--svg", "out/charts", "--json")
    assert result.code == 0, result.err
    found = result.json()
    assert set(found) == {"from", "to", "charts", "weeks", "target"}
    assert [c["slug"] for c in found["charts"]] == ["weekly", "soreness", "levels", "assess-knee-to-wall"]
    assert {c["slug"]: c["empty"] for c in found["charts"]} == {
        "weekly": False,
        "soreness": True,
        "levels": False,
        "assess-knee-to-wall": False,
    }
    assert [w["start"] for w in found["weeks"]] == ["2026-11-09", "2026-11-16", "2026-11-23"]
    assert found["weeks"][-1]["sessions"] == 1
    assert found["weeks"][-1]["minutes"] > 0
    assert found["target"] == {"minutes": 30, "days": 5}
    for chart in found["charts"]:
        path = Path(chart["file"])
        if not path.is_absolute():
            path = tmp_path / path
        assert path.name == f"{chart['slug']}.svg"
        root = ET.parse(path).getroot()
        assert root.tag == NS + "svg"
        assert root[0].text == chart["title"]


def test_the_text_summary_says_what_was_written(seeded: Any, tmp_path: Path) -> None:
    result = seeded("progress", "--date", DAY, "--svg", "charts")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Progress from 7 Sep 2026 to 24 Nov 2026, over 12 weeks."
    assert "the target is 30 on at least 5 days" in lines[1]
    assert lines[2].startswith("This week so far:")
    assert "1 session on 1 day" in lines[2]
    assert lines[-1] == "Wrote 3 charts to charts: weekly.svg, soreness.svg, levels.svg."
    assert sorted(p.name for p in (tmp_path / "charts").iterdir()) == ["levels.svg", "soreness.svg", "weekly.svg"]
    plain = seeded("progress", "--date", DAY, "--json").json()
    assert all("file" not in c for c in plain["charts"])


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["--date", "24/11/2026", "--svg", "out"], ["date", "24/11/2026", "YYYY-MM-DD"]),
        (["--weeks", "0", "--svg", "out"], ["weeks", "0"]),
        (["--weeks", "105", "--svg", "out"], ["weeks", "105"]),
        (["--from", "2026-11-30", "--to", "2026-11-01", "--svg", "out"], ["to", "2026-11-01", "2026-11-30"]),
        (["--from", "2000-01-01", "--to", "2026-11-01", "--svg", "out"], ["from", "2000-01-01", "ten years"]),
        (["--from", "2026-13-01", "--svg", "out"], ["from", "2026-13-01"]),
        (["--date", "2026-11-02", "--to", "2026-11-03", "--svg", "out"], ["--date", "--to", "different"]),
        (["--weeks", "4", "--from", "2026-11-01", "--svg", "out"], ["--weeks", "--from", "one of them"]),
        (["--svg", "a-file.txt"], ["--svg", "a-file.txt", "folder"]),
        (["--svg", "a-file.txt/out"], ["--svg", "a-file.txt/out", "inside a file"]),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    cli: Any, bad_input: Any, tmp_path: Path, args: list[str], names: list[str]
) -> None:
    (tmp_path / "a-file.txt").write_text("not a folder")
    bad_input(cli("progress", *args), *names)
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "data").exists(), "not even the database"
    assert (tmp_path / "a-file.txt").read_text() == "not a folder"


def test_the_range_bounds_what_is_shown(seeded: Any) -> None:
    """--from/--to choose the days: weeks outside them are not listed, and the default is 12 weeks."""
    found = seeded("progress", "--from", "2026-11-10", "--to", DAY, "--json").json()
    assert (found["from"], found["to"]) == ("2026-11-10", DAY)
    assert [w["start"] for w in found["weeks"]] == ["2026-11-09", "2026-11-16", "2026-11-23"]
    before = seeded("progress", "--from", "2026-10-01", "--to", "2026-11-23", "--json").json()
    assert sum(w["sessions"] for w in before["weeks"]) == 0, "the session of the 24th is after the range"
    default = seeded("progress", "--date", DAY, "--json").json()
    assert len(default["weeks"]) == 12
    assert default["from"] == "2026-09-07"
    same = seeded("progress", "--date", DAY, "--to", DAY, "--weeks", "12", "--json").json()
    assert same == default, "--date and --to naming the same day agree"
