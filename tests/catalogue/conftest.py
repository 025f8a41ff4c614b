"""Shared by the catalogue tests: a writable copy of the knowledge files, and a one-place edit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from supple.catalogue.loader import HERE


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The assessments, complaints, red flags and progression rules, copied where a test may break them."""
    for name in ("assessments", "complaints"):
        shutil.copytree(HERE / name, tmp_path / name)
    for name in ("red_flags.toml", "progression.toml"):
        shutil.copy(HERE / name, tmp_path / name)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in ``path`` with ``new``; ``old`` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
