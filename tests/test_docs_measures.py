"""The docs for measure, adapt and triage cannot drift from the code and the knowledge files."""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from supple.catalogue.loader import HERE
from supple.cli.app import app
from tests.test_docs import DOCS, README, keys_of, mentioned, read

KNOWLEDGE_DOC = DOCS / "knowledge.md"


@pytest.fixture
def run_json(tmp_path: Path) -> Any:
    runner = CliRunner()
    env: dict[str, str | None] = {name: None for name in os.environ if name.startswith("SUPPLE_")}
    env["SUPPLE_DATA_DIR"] = str(tmp_path / "data")

    def run(*args: str, input: str | None = None) -> Any:
        result = runner.invoke(app, [*args, "--json"], env=env, input=input)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    return run


def test_the_new_json_keys_are_in_the_contract(run_json: Any) -> None:
    contract = read(DOCS / "contract.md")
    session = run_json("today", "--date", "2026-11-23", "--focus", "calves")
    for block in session["blocks"]:
        for item in block["items"]:
            item["result"] = {"done": True, "control": 4, "discomfort": 2}
    run_json("log", "--file", "-", input=json.dumps(session))
    found = [
        run_json("assess", "list"),
        run_json("assess", "record", "knee-to-wall", "9", "--side", "left", "--date", "2026-11-23"),
        run_json("assess", "history"),
        run_json("soreness", "calves=2", "--date", "2026-11-24"),
        run_json("levels"),
        run_json("triage", "heel", "--red-flags", "none", "--date", "2026-11-24"),
        run_json("triage", "heel", "--red-flags", "numbness"),
    ]
    assert all(found), "every command printed something to check"
    keys = set().union(*(keys_of(value) for value in found))
    missing = sorted(k for k in keys if not mentioned(k, contract))
    assert not missing, f"docs/contract.md does not mention these JSON keys: {missing}"


@pytest.mark.parametrize("command", ["assess list", "assess record", "assess history", "soreness", "levels", "triage"])
def test_every_new_command_is_in_the_readme(command: str) -> None:
    assert f"supple {command}" in read(README)


def test_every_test_complaint_and_red_flag_is_in_the_knowledge_guide() -> None:
    guide = read(KNOWLEDGE_DOC)
    slugs = [p.stem for folder in ("assessments", "complaints") for p in (HERE / folder).glob("*.toml")]
    slugs += list(tomllib.loads(read(HERE / "red_flags.toml"))["flags"])
    missing = sorted(s for s in slugs if not mentioned(s, guide))
    assert not missing, f"docs/knowledge.md does not name: {missing}"


def test_every_knowledge_field_is_in_the_knowledge_guide() -> None:
    guide = read(KNOWLEDGE_DOC)
    fields: set[str] = set()
    for folder in ("assessments", "complaints"):
        for path in (HERE / folder).glob("*.toml"):
            data = tomllib.loads(read(path))
            data.pop("flag_notes", None)  # its keys are red-flag slugs, named above
            fields |= keys_of(data)
    flags = tomllib.loads(read(HERE / "red_flags.toml"))
    fields |= set(flags["advice"]) | {k for flag in flags["flags"].values() for k in flag}
    progression = tomllib.loads(read(HERE / "progression.toml"))
    fields |= {f"{table}.{key}" for table, values in progression.items() for key in values if key != "source"}
    missing = sorted(f for f in fields if not mentioned(f, guide) and not mentioned(f.split(".")[-1], guide))
    assert not missing, f"docs/knowledge.md does not describe these fields: {missing}"
