"""The documentation cannot drift: each test fails when the code says something the docs do not."""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from supple.catalogue import loader
from supple.cli.app import app
from supple.cli.reference import render
from supple.config import ENV_VARS
from supple.core.vocabulary import SYMPTOM_REGIONS, TARGET_REGIONS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
README = ROOT / "README.md"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def mentioned(word: str, text: str) -> bool:
    """``word`` is named in an inline code span of ``text``: `word`, or part of a path like `days[].word`."""
    token = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
    return any(token.search(span) for span in re.findall(r"`([^`\n]+)`", text.replace("```", "\n")))


def command_names() -> list[str]:
    root = typer.main.get_command(app)
    commands: dict[str, Any] = getattr(root, "commands", {})
    return [name for name, command in commands.items() if not command.hidden]


@pytest.fixture
def run_json(tmp_path: Path) -> Any:
    """Run a `supple` command in-process on a private SQLite folder; return its parsed JSON."""
    runner = CliRunner()
    env: dict[str, str | None] = {name: None for name in os.environ if name.startswith("SUPPLE_")}
    env["SUPPLE_DATA_DIR"] = str(tmp_path / "data")

    def run(*args: str, input: str | None = None) -> Any:
        result = runner.invoke(app, [*args, "--json"], env=env, input=input)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    return run


def keys_of(value: Any, *, data_keyed: frozenset[str] = frozenset()) -> set[str]:
    """Every key of every object in ``value``; below keys in ``data_keyed`` the keys are data, not names."""
    found: set[str] = set()
    if isinstance(value, dict):
        for key, child in value.items():
            found.add(key)
            if key in data_keyed and isinstance(child, dict):
                for grandchild in child.values():
                    found |= keys_of(grandchild, data_keyed=data_keyed)
            else:
                found |= keys_of(child, data_keyed=data_keyed)
    elif isinstance(value, list):
        for child in value:
            found |= keys_of(child, data_keyed=data_keyed)
    return found


def test_cli_reference_is_up_to_date() -> None:
    assert read(DOCS / "cli.md") == render(app), "docs/cli.md is out of date with the CLI: run `make docs`"


def test_reference_is_deterministic() -> None:
    assert render(app) == render(app)


@pytest.mark.parametrize("name", command_names())
def test_every_command_is_in_the_readme(name: str) -> None:
    assert f"supple {name}" in read(README), f"README.md does not show `supple {name}`; add it to the tour"


@pytest.mark.parametrize("variable", ENV_VARS)
def test_every_setting_is_documented(variable: str) -> None:
    assert mentioned(variable, read(DOCS / "configuration.md")), f"{variable} is missing from docs/configuration.md"


def test_today_json_keys_are_in_the_contract(run_json: Any) -> None:
    contract = read(DOCS / "contract.md")
    today = run_json("today", "--date", "2026-11-23", "--minutes", "15")
    assert today["blocks"], "expected a routine with blocks to check the item keys"
    missing = sorted(k for k in keys_of(today) if not mentioned(k, contract))
    assert not missing, f"docs/contract.md does not mention these `today --json` keys: {missing}"


def test_plan_json_keys_are_in_the_contract(run_json: Any) -> None:
    contract = read(DOCS / "contract.md")
    week = run_json("plan", "--start", "2026-11-23")
    missing = sorted(k for k in keys_of(week, data_keyed=frozenset({"coverage"})) if not mentioned(k, contract))
    assert not missing, f"docs/contract.md does not mention these `plan --json` keys: {missing}"


def test_exercise_and_history_json_keys_are_in_the_contract(run_json: Any) -> None:
    contract = read(DOCS / "contract.md")
    exercise = run_json("explain", "elevated-hamstring-stretch")
    session = run_json("today", "--date", "2026-11-23")
    first = session["blocks"][0]["items"][0]
    first["result"] = {"done": True, "level": 1, "hold_seconds": first["hold_seconds"], "control": 4, "discomfort": 2}
    logged = run_json("log", "--file", "-", input=json.dumps(session))
    history = run_json("history")
    assert [s["id"] for s in history] == [logged["id"]]
    keys = keys_of(exercise) | keys_of(logged) | keys_of(history) | keys_of(run_json("init"))
    missing = sorted(k for k in keys if not mentioned(k, contract))
    assert not missing, f"docs/contract.md does not mention these JSON keys: {missing}"


def test_every_region_slug_is_in_the_catalogue_guide() -> None:
    guide = read(DOCS / "catalogue.md")
    missing = [slug for slug in TARGET_REGIONS + SYMPTOM_REGIONS if not mentioned(slug, guide)]
    assert not missing, f"docs/catalogue.md does not list these regions: {missing}"


def test_every_exercise_field_is_in_the_catalogue_guide() -> None:
    guide = read(DOCS / "catalogue.md")
    fields: set[str] = set(loader._EXERCISE_KEYS)
    for path in loader.EXERCISE_DIR.glob("*.toml"):
        fields |= keys_of(tomllib.loads(read(path)))
    missing = sorted(f for f in fields if not mentioned(f, guide))
    assert not missing, f"docs/catalogue.md does not describe these exercise fields: {missing}"


def test_every_rule_is_in_the_catalogue_guide() -> None:
    guide = read(DOCS / "catalogue.md")
    rules = tomllib.loads(read(loader.HERE / "rules.toml"))
    names = {f"{table}.{key}" for table, values in rules.items() for key in values if key != "source"}
    missing = sorted(n for n in names if not mentioned(n.split(".", 1)[1], guide))
    assert not missing, f"docs/catalogue.md does not explain these rules.toml values: {missing}"


@pytest.mark.parametrize("page", [README, ROOT / "CONTRIBUTING.md", *sorted(DOCS.glob("*.md"))], ids=lambda p: p.name)
def test_relative_links_resolve(page: Path) -> None:
    targets = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", read(page))
    broken = [t for t in targets if "://" not in t and not t.startswith("mailto:") and not (page.parent / t).exists()]
    assert not broken, f"{page.name} links to files that do not exist: {broken}"
