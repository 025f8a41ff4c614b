"""`supple explain` names the kit a rung adds, and the article's box heights as a share of knee height."""

from __future__ import annotations

from typing import Any


def test_a_banded_rung_says_it_needs_a_band(cli: Any) -> None:
    result = cli("explain", "clamshell")
    assert result.code == 0, result.err
    lines = [line.strip() for line in result.out.splitlines()]
    assert any(line.startswith("4.") and "needs band" in line for line in lines), result.out
    assert not any(line.startswith("1.") and "needs" in line for line in lines)


def test_box_heights_are_a_share_of_knee_height(cli: Any) -> None:
    result = cli("explain", "elevated-hip-internal-rotation")
    assert result.code == 0, result.err
    assert "% of knee height" in result.out
    assert "35 cm" not in result.out
