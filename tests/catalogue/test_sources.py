"""Every piece of knowledge carries its source, or says plainly that the choice is Supple's.

Each exercise, complaint, red flag, assessment test, position and rule/threshold entry must have at
least one source that names where it comes from (a study with its year, a guideline, KNOWLEDGE.md
or the seed article) or the words "Supple default". The files are read as plain TOML, so a new
entry is checked the moment it is added.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from supple.catalogue.loader import HERE

#: A source names a study or guideline with its year, KNOWLEDGE.md, the seed article, or the default.
NAMED = re.compile(r"\b(19|20)\d\d\b|KNOWLEDGE\.md|seed article|Supple default", re.IGNORECASE)


def read(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def entries() -> list[tuple[str, list[str]]]:
    """(what, [its source texts]) for every entry that must carry a source."""
    out: list[tuple[str, list[str]]] = []
    for path in sorted((HERE / "exercises").glob("*.toml")):
        data = read(path)
        out.append((f"exercise {path.stem}", [s.get("cite", "") for s in data.get("sources", [])]))
        if "pace" in data:
            out.append((f"exercise {path.stem} [pace]", [data["pace"].get("source", "")]))
    for path in sorted((HERE / "complaints").glob("*.toml")):
        out.append((f"complaint {path.stem}", [s.get("cite", "") for s in read(path).get("sources", [])]))
    for path in sorted((HERE / "assessments").glob("*.toml")):
        data = read(path)
        out.append((f"test {path.stem}", [s.get("cite", "") for s in data.get("sources", [])]))
    for slug, flag in read(HERE / "red_flags.toml")["flags"].items():
        out.append((f"red flag {slug}", [flag.get("source", "")]))
    for slug, position in read(HERE / "positions.toml")["positions"].items():
        out.append((f"position {slug}", [position.get("source", "")]))
    for name in ("rules.toml", "progression.toml"):
        for table, values in read(HERE / name).items():
            if isinstance(values, dict) and any(not isinstance(v, dict) for v in values.values()):
                out.append((f"{name} [{table}]", [values.get("source", "")]))
    for slug, symptom in read(HERE / "regions.toml").get("symptoms", {}).items():
        out.append((f"symptom-only place {slug}", [symptom.get("cite", "")]))
    return out


ENTRIES = entries()


def test_every_kind_of_entry_is_checked() -> None:
    kinds = {what.split(" ")[0] for what, _ in ENTRIES}
    assert {"exercise", "complaint", "test", "red", "position", "rules.toml", "progression.toml"} <= kinds
    assert len(ENTRIES) > 120


@pytest.mark.parametrize(("what", "sources"), ENTRIES, ids=[what for what, _ in ENTRIES])
def test_it_has_a_source_or_says_supple_default(what: str, sources: list[str]) -> None:
    named = [s for s in sources if isinstance(s, str) and NAMED.search(s)]
    assert named, f"{what}: no source naming a study, KNOWLEDGE.md, the seed article or 'Supple default': {sources}"


def test_a_tests_norm_and_error_say_where_they_come_from() -> None:
    """The wording of these is the norms work's; here only that each is there."""
    for path in sorted((HERE / "assessments").glob("*.toml")):
        data = read(path)
        for table in ("norm", "error"):
            if table in data:
                assert str(data[table].get("source", "")).strip(), f"{path.stem} [{table}] has no source"


def test_every_exercise_source_says_what_it_supports() -> None:
    for path in sorted((HERE / "exercises").glob("*.toml")):
        for source in read(path)["sources"]:
            assert len(source.get("about", "").split()) >= 4, f"{path.stem}: {source.get('cite')} has no claim"


@pytest.mark.parametrize(
    ("slug", "cite"),
    [("eccentric-heel-drop", "Alfredson 1998"), ("ankle-pogo-hops", "Spurrs 2003")],
)
def test_a_claim_is_backed_by_a_source_that_studied_it(slug: str, cite: str) -> None:
    cites = [s["cite"] for s in read(HERE / "exercises" / f"{slug}.toml")["sources"]]
    assert cite in cites


def test_no_stretching_review_backs_a_hopping_drill() -> None:
    """Behm 2016 reviewed stretching; it says nothing about hops or landings."""
    for path in sorted((HERE / "exercises").glob("*.toml")):
        data = read(path)
        if "impact" in data.get("involves", []) and "hop" in path.stem:
            assert "Behm 2016" not in [s["cite"] for s in data["sources"]], path.stem
