"""Fixtures for the CLI contract tests: a database that already holds one logged session."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

#: A Tuesday with no run in the default profile: `today` is a "daily" session.
DAY = "2026-11-24"
BUILTIN_EXERCISES = Path(__file__).resolve().parents[2] / "src" / "supple" / "catalogue" / "exercises"


def _supple(args: list[str], env: dict[str, str], input: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "supple", *args], input=input, capture_output=True, text=True, env=env, timeout=120
    )


@dataclass(frozen=True)
class Seed:
    data: Path  #: a data folder holding one logged session
    history: str  #: `history --json` as it read right after
    today: str  #: the `today --json` text that was logged (without results)


@pytest.fixture(scope="session")
def seed(tmp_path_factory: pytest.TempPathFactory) -> Seed:
    """A data folder with one logged session, built once per test run."""
    data = tmp_path_factory.mktemp("seed") / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")} | {"SUPPLE_DATA_DIR": str(data)}
    today = _supple(["today", "--date", DAY, "--json"], env)
    assert today.returncode == 0, today.stderr
    session = json.loads(today.stdout)
    assert session["blocks"]
    for block in session["blocks"]:
        for item in block["items"]:
            item["result"] = {"done": True, "level": 1, "control": 3, "discomfort": 1}
    logged = _supple(["log", "--file", "-"], env, input=json.dumps(session))
    assert logged.returncode == 0, logged.stderr
    history = _supple(["history", "--json"], env)
    assert history.returncode == 0, history.stderr
    assert len(json.loads(history.stdout)) == 1
    return Seed(data, history.stdout, today.stdout)


@pytest.fixture
def seeded(cli: Any, seed: Seed) -> Any:
    """The `cli` fixture, its private data folder a copy of the seeded one."""
    shutil.copytree(seed.data, cli.env["SUPPLE_DATA_DIR"])
    return cli


@pytest.fixture
def history(cli: Any) -> Callable[..., list[dict[str, Any]]]:
    """`supple history --json` for the `cli` fixture's data (or other env), parsed."""

    def read(env: dict[str, str] | None = None) -> list[dict[str, Any]]:
        result = cli("history", "--json", env=env)
        assert result.code == 0, result.err
        found: list[dict[str, Any]] = result.json()
        return found

    return read


def _assert_bad_input(result: Any, *names: str) -> None:
    """Exit 2, nothing on stdout, one line on stderr that names every one of ``names``."""
    assert result.code == 2, (result.code, result.out, result.err)
    assert result.out == ""
    message = result.err.strip()
    assert "\n" not in message, message
    assert message.startswith("supple: error:"), message
    for name in names:
        assert name in message, (name, message)


@pytest.fixture
def bad_input() -> Callable[..., None]:
    """``bad_input(result, *names)``: the contract for bad input (exit 2, one line naming the values)."""
    return _assert_bad_input
