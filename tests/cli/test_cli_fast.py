"""`supple today --json` and `--version` answered without Typer say exactly what the full application says."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from tests.cli.conftest import DAY


def _full(cli: Any, *args: str) -> tuple[int, str, str]:
    """The same arguments through the Typer application, bypassing the quick path."""
    code = f"from supple.cli.app import build; build(None)(prog_name='supple', args={list(args)!r})"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=cli.env, cwd=cli.cwd, timeout=120
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("today", "--json"),
        ("today", "--json", "--date", DAY),
        ("today", "--date", DAY, "--json"),
        ("--version",),
        ("today", "--json", f"--date={DAY}"),
        ("today", "--json", "--date", "2026-02-30"),
        ("today", "--json", "--date"),
        ("today", "--json", "--date", "--json"),
        ("today", "--json", "--date", DAY, "--date", "2026-11-25"),
    ],
)
def test_quick_today_matches_the_full_application(seeded: Any, args: tuple[str, ...]) -> None:
    quick = seeded(*args)
    assert (quick.code, quick.out, quick.err) == _full(seeded, *args)
    if quick.code == 0 and args[0] == "today":
        assert quick.json()["blocks"], "a real routine came out"


def test_quick_today_reports_a_bad_date_like_any_command(seeded: Any, bad_input: Any) -> None:
    bad_input(seeded("today", "--json", "--date", "2026-02-30"), "2026-02-30")
