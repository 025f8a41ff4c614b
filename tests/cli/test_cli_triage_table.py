"""The triage table on the command line: every complaint x every one of its red flags, text and JSON.

In-process (typer's CliRunner) to keep the table fast; one data folder per complaint, each flag
answered yes, read back from `today` and `plan` (text and JSON), then cleared.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from tests.triage_table import HEADINGS, TABLE, highest
from typer.testing import CliRunner

from supple.cli.app import app

DAY = "2026-11-24"


class Supple:
    """`supple ARGS` in-process with a private data folder; stdout parsed as JSON with ``json=True``."""

    def __init__(self, data: Path) -> None:
        self.runner = CliRunner()
        self.env: dict[str, str | None] = {name: None for name in os.environ if name.startswith("SUPPLE_")}
        self.env |= {"SUPPLE_DATA_DIR": str(data), "COLUMNS": "400"}

    def __call__(self, *args: str) -> str:
        result = self.runner.invoke(app, list(args), env=self.env)
        assert result.exit_code == 0, (args, result.output)
        return result.stdout

    def json(self, *args: str) -> Any:
        return json.loads(self(*args, "--json"))


@pytest.fixture
def supple(tmp_path: Path) -> Supple:
    return Supple(tmp_path / "data")


def _advice(supple: Supple) -> str:
    """The level's advice sentence, as the stop of `today --json` says it first."""
    return str(supple.json("today", "--date", DAY)["stop"]["advice"]).split(". ")[0]


@pytest.mark.parametrize("complaint", list(TABLE))
def test_every_flag_of_the_complaint_speaks_with_its_level(supple: Supple, complaint: str) -> None:
    for flag, level in TABLE[complaint]:
        found = supple.json("triage", complaint, "--red-flags", flag, "--date", DAY)
        assert (found["level"], found["urgent"], found["red_flags"]) == (level, level != "soon", [flag])
        said = supple("triage", complaint, "--red-flags", flag, "--date", DAY)
        assert said.startswith(HEADINGS[level] + "\n"), (flag, said)

        stop = supple.json("today", "--date", DAY)["stop"]
        assert (stop["level"], stop["urgent"], stop["heading"]) == (level, level != "soon", HEADINGS[level]), flag
        advice = _advice(supple)
        assert found["explanation"].startswith(advice), flag
        text = supple("today", "--date", DAY)
        assert f"Stop: {HEADINGS[level]}" in text, flag
        assert text.count(advice) == 1, flag
        assert supple.json("plan", "--start", DAY)["stop"]["level"] == level, flag
        assert f"Stop: {HEADINGS[level]}" in supple("plan", "--start", DAY), flag
        assert supple.json("red-flags")["open"][0]["level"] == level
        assert supple.json("red-flags", "--clear")["cleared"] == 1
    every = supple.json("red-flags", "--all")["all"]
    assert [(f["slug"], f["level"]) for f in every] == list(TABLE[complaint])
    assert all(f["cleared"] for f in every), "clearing keeps each flag, with its day"


@pytest.mark.parametrize("complaint", ["low-back", "hip-front", "top-of-foot"])
def test_with_every_flag_open_the_highest_level_speaks(supple: Supple, complaint: str) -> None:
    flags = ",".join(flag for flag, _ in TABLE[complaint])
    found = supple.json("triage", complaint, "--red-flags", flags, "--date", DAY)
    assert found["level"] == highest(complaint)
    stop = supple.json("today", "--date", DAY)["stop"]
    assert (stop["level"], stop["heading"]) == (highest(complaint), HEADINGS[highest(complaint)])
    listed = supple("red-flags")
    assert listed.startswith(f"Open red flags: {HEADINGS[highest(complaint)]}")


@pytest.mark.parametrize("complaint", list(TABLE))
def test_without_red_flags_the_explanation_comes_in_paragraphs(supple: Supple, complaint: str) -> None:
    text = supple("triage", complaint, "--red-flags", "none", "--date", DAY)
    paragraphs = text.split("\n\n")
    assert any(p.startswith("Often linked with: ") for p in paragraphs), text
    assert any(p.startswith("First-line work: ") for p in paragraphs), text
    assert any(p.startswith("No red flags from your answers.") for p in paragraphs), text
    explanation = supple.json("triage", complaint, "--red-flags", "none", "--date", DAY)["explanation"]
    assert explanation.count("\n\n") == 3, explanation
