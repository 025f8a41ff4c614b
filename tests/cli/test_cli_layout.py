"""CLI text at 80 columns: wrapped lines keep their hanging indent and names are never split.

Each command is run through the real CLI with ``COLUMNS=80``; the catalogue's own texts are
then looked for in the output, so a bullet cut at column 0 or a name split over two lines
fails the test.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supple.catalogue import Catalogue
from supple.cli import layout

NARROW = {"COLUMNS": "80"}
DAY = "2026-11-23"


def _joined(lines: list[str], start: int, indent: int) -> tuple[str, int]:
    """The bullet or step at ``lines[start]`` with its continuation lines (those indented by ``indent``)."""
    text = lines[start]
    end = start + 1
    while end < len(lines) and lines[end].startswith(" " * indent) and lines[end][indent] != " ":
        text += " " + lines[end].strip()
        end += 1
    return text, end


def test_explain_keeps_the_hanging_indent_of_every_wrapped_bullet(cli: Any, catalogue: Catalogue) -> None:
    exercise = catalogue.exercises["hip-flexor-stretch-overhead-reach"]
    done = cli("explain", exercise.slug, env=NARROW)
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert max(len(line) for line in lines) <= 80
    bullets = [i for i, line in enumerate(lines) if line.startswith("  • ")]
    wrapped = 0
    for start in bullets:
        _, end = _joined(lines, start, 4)
        wrapped += end - start - 1
    assert wrapped, "at 80 columns some bullet must wrap for this test to mean anything"
    texts = [_joined(lines, start, 4)[0] for start in bullets]
    for cue in (*exercise.cues.setup, *exercise.cues.movement, *exercise.cues.avoid, *exercise.cautions):
        assert f"  • {' '.join(cue.split())}" in texts, cue
    # after the opening prose, only headings start at column 0
    headings = {"Set-up", "Movement", "Avoid", "Cautions", "Progression ladder", "Sources"}
    after = [line for line in lines[bullets[0] :] if line and not line.startswith(" ")]
    assert all(line in headings or line.startswith("Left out for") for line in after), after


def test_exercises_shows_each_name_with_its_slug_and_every_region_whole(cli: Any, catalogue: Catalogue) -> None:
    done = cli("exercises", env=NARROW)
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert max(len(line) for line in lines) <= 80
    for exercise in catalogue.exercises.values():
        heads = [i for i, line in enumerate(lines) if line.startswith(f"{exercise.slug}  ")]
        assert len(heads) == 1, exercise.slug
        text, _ = _joined(lines, heads[0], 3)
        assert text.startswith(f"{exercise.slug}  {exercise.name}")
        assert f"{exercise.role} · {', '.join(exercise.regions)} · " in text, text


def test_plan_never_splits_a_region_name_across_lines(cli: Any, catalogue: Catalogue) -> None:
    assert cli("init", "--minutes", "30", "--run-days", "mon,wed", "--json").code == 0
    done = cli("plan", "--start", DAY, env=NARROW)
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    assert max(len(line) for line in lines) <= 80
    names = sorted(catalogue.region_names.values(), key=len, reverse=True)
    sessions = [line for line in lines if re.match(r"   (\d\d:\d\d )?[a-z]+ · ", line)]
    assert sessions
    assert any(re.match(r" {6}\S", line) for line in lines), "some day must wrap for this test to mean anything"
    for number, line in enumerate(lines):
        if not re.match(r" {6}\S", line):
            continue
        before = lines[number - 1]
        # a continuation starts with a whole name and the line before ends with a whole one
        assert any(line.strip().startswith(n) for n in names), line
        assert before.endswith(",") or before.endswith(" · "), before


def test_assess_show_numbers_steps_with_a_hanging_indent(cli: Any) -> None:
    done = cli("assess", "show", "knee-to-wall", env=NARROW)
    assert done.code == 0, done.err
    lines = done.out.splitlines()
    steps = [i for i, line in enumerate(lines) if re.match(r"  \d\. ", line)]
    assert len(steps) >= 5
    continued = [
        lines[i + 1]
        for i in steps
        if i + 1 < len(lines)
        and lines[i + 1].strip()
        and not re.match(r"  \d\. ", lines[i + 1])
        and not lines[i + 1][0].isalpha()
    ]
    assert continued
    assert all(line.startswith("     ") for line in continued), continued


@settings(deadline=None, max_examples=200)
@given(
    words=st.lists(st.text(alphabet="abcdefghij-", min_size=1, max_size=12), min_size=1, max_size=40),
    columns=st.integers(min_value=40, max_value=120),
)
def test_a_wrapped_bullet_keeps_every_word_and_its_indent(words: list[str], columns: int) -> None:
    lines = layout.bullet(" ".join(words), columns)
    assert lines[0].startswith("  • ")
    assert all(line.startswith("    ") and line[4] != " " for line in lines[1:])
    assert all(len(line) <= columns for line in lines)
    assert " ".join(line[4:] for line in lines).split() == words


@pytest.mark.parametrize("columns", [40, 80])
def test_names_are_only_broken_between_names(columns: int) -> None:
    parts = ["Calves and ankles", "Adductors (inner thigh)", "Hip flexors", "Upper back", "Hamstrings"]
    lines = layout.names(parts, columns, first="   daily · 9 min · ", rest=" " * 6)
    assert len(lines) > 1
    assert all(len(line) <= columns for line in lines)
    assert all(line.startswith("      ") for line in lines[1:])
    assert all(line.endswith(",") for line in lines[:-1])
    assert " ".join(line.strip() for line in lines).split(" · ")[-1].split(", ") == parts
