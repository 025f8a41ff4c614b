"""Load and validate the knowledge files: screening tests, complaints, red flags, progression.

Like the exercise loader, every problem is a ``CatalogueError`` that names the file and the
field. Norms, measurement errors, thresholds and wording live in these files with their
sources; the pure core (``core.assessment``, ``core.progression``, ``core.triage``) only
applies them.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from supple.catalogue.loader import HERE, SLUG, CatalogueError, _Fields, _pose, _read, load_positions
from supple.core.assessment import CHECKED, AssessmentTest, Instructions, MeasurementError, Norm
from supple.core.exercises import Source
from supple.core.pose import Pose
from supple.core.progression import ProgressionRules
from supple.core.triage import Complaint, FirstLine, LevelWords, RedFlag, TriageAdvice
from supple.core.vocabulary import FLAG_LEVELS, TARGET_REGIONS

#: Units a test may use.
UNITS: tuple[str, ...] = ("cm", "°", "rating")
#: KNOWLEDGE.md's marks written into text: "(2°)", "(u)", "(u: ...", "(Goom 2016, 2°)". Users read
#: words instead ("from a secondary source", "not yet confirmed"); the mark lives in a ``checked`` field.
RAW_MARK = re.compile(r"(?:[(\[]|,\s*)(?:2°|u)\s*[)\]:,]")
ERROR_KINDS: tuple[str, ...] = ("MDC", "SEM")
SUPPLE_DEFAULT = "Supple default"
#: Props a test's picture may draw: the wall it is done against, the box or table it is done on.
#: A test has no equipment list, so any of these may be placed; each one placed is drawn.
TEST_PROPS: tuple[str, ...] = ("box", "wall")

_TEST_KEYS = (
    "slug", "name", "measures", "unit", "per_side", "higher_is_better", "noisy", "regions", "range", "norm",
    "error", "instructions", "sources", "pose",
)  # fmt: skip
_COMPLAINT_KEYS = (
    "slug", "name", "source_regions", "contributors", "reasoning", "red_flags", "flag_levels", "first_line",
    "flag_notes", "sources", "avoids",
)  # fmt: skip
_LEVEL_KEYS = ("label", "heading", "advice")


@dataclass(frozen=True)
class Knowledge:
    tests: Mapping[str, AssessmentTest]
    complaints: Mapping[str, Complaint]
    red_flags: Mapping[str, RedFlag]
    advice: TriageAdvice
    progression: ProgressionRules


def _number(fields: _Fields, key: str) -> float:
    return float(fields.get(key, (int, float), "a number"))


def _sources(fields: _Fields) -> tuple[Source, ...]:
    raw = fields.get("sources", list, "a list of [[sources]] tables with cite and about")
    if not raw:
        raise fields.fail("sources", "is empty; expected at least one [[sources]] entry")
    out: list[Source] = []
    for position, table in enumerate(raw, start=1):
        if not isinstance(table, dict):
            raise fields.fail(f"sources[{position}]", "expected a [[sources]] table")
        source = _Fields(fields.path, table, f"sources[{position}].").only("cite", "about")
        out.append(Source(_words(source, "cite"), _words(source, "about")))
    return tuple(out)


def _slug(fields: _Fields, path: Path) -> str:
    slug = fields.text("slug")
    if not SLUG.match(slug):
        raise fields.fail("slug", f"{slug!r} is not valid; expected lowercase words joined by hyphens")
    if slug != path.stem:
        raise fields.fail("slug", f"{slug!r} does not match the file name; expected {path.stem!r}")
    return slug


def plain(fields: _Fields, key: str, value: str) -> str:
    """``value`` if it holds no raw evidence mark; a CatalogueError naming the field otherwise."""
    found = RAW_MARK.search(value)
    if found:
        raise fields.fail(
            key,
            f"shows the raw mark {found.group(0).strip(' ,')!r} to users; write it in words "
            "('from a secondary source', 'not yet confirmed') and set checked = \"secondary\" or \"unconfirmed\"",
        )
    return value


def _words(fields: _Fields, key: str, *, max_len: int | None = None, default: Any = ...) -> str:
    """A text a user reads: like ``fields.text``, refusing raw marks."""
    value = fields.text(key, max_len=max_len, default=default)
    return plain(fields, key, value) if isinstance(value, str) else value


def _lines(fields: _Fields, key: str) -> tuple[str, ...]:
    values = fields.texts(key, non_empty=True)
    for position, value in enumerate(values, start=1):
        plain(fields, f"{key}[{position}]", value)
    return values


def _checked(fields: _Fields, source: str) -> str:
    """``checked``: "default" exactly when the source is a Supple default."""
    checked = str(fields.choice("checked", CHECKED))
    if (checked == "default") != source.lower().startswith(SUPPLE_DEFAULT.lower()):
        if checked == "default":
            raise fields.fail("checked", f"is 'default' but the source does not start with {SUPPLE_DEFAULT!r}")
        raise fields.fail("checked", f"{checked!r} is not valid for a {SUPPLE_DEFAULT}; expected 'default'")
    return checked


def _test_pose(fields: _Fields) -> Pose | None:
    """The optional ``[pose]`` table, checked like an exercise's; its props are limited to ``TEST_PROPS``."""
    if "pose" not in fields.table:
        return None
    pose = fields.sub("pose")
    raw = pose.table.get("props", [])
    placed: set[str] = set()
    for position, item in enumerate(raw if isinstance(raw, list) else [], start=1):
        kind = item.get("kind") if isinstance(item, dict) else None
        if not isinstance(kind, str):
            continue  # the exercise checks below name what is wrong with it
        if kind not in TEST_PROPS:
            expected = "one of " + ", ".join(TEST_PROPS) + " (the props a test's picture may draw)"
            raise pose.fail(f"props[{position}].kind", f"{kind!r} is not valid; expected {expected}")
        placed.add(kind)
    return _pose(pose, frozenset(placed))


def parse_test(path: Path, data: Mapping[str, Any]) -> AssessmentTest:
    fields = _Fields(path, data).only(*_TEST_KEYS)
    slug = _slug(fields, path)
    unit = fields.text("unit")
    if unit not in UNITS:
        raise fields.fail("unit", f"{unit!r} is not valid; expected one of " + ", ".join(UNITS))
    bounds = fields.sub("range").only("low", "high", "whole")
    low, high = _number(bounds, "low"), _number(bounds, "high")
    if not low < high:
        raise bounds.fail("high", f"{high:g} is not above low ({low:g})")
    norm_fields = fields.sub("norm").only("value", "low", "high", "checked", "source", "about")
    if ("value" in norm_fields.table) == ("low" in norm_fields.table or "high" in norm_fields.table):
        raise norm_fields.fail("value", "give either value, or low and high (a band)")
    if "value" in norm_fields.table:
        norm_low = norm_high = _number(norm_fields, "value")
    else:
        norm_low, norm_high = _number(norm_fields, "low"), _number(norm_fields, "high")
    if not low <= norm_low <= norm_high <= high:
        raise norm_fields.fail("low", f"the norm {norm_low:g}–{norm_high:g} must lie within the range {low:g}–{high:g}")
    norm_source = _words(norm_fields, "source")
    error_fields = fields.sub("error").only("kind", "value", "source", "about", "checked")
    kind = error_fields.text("kind")
    if kind not in ERROR_KINDS:
        raise error_fields.fail("kind", f"{kind!r} is not valid; expected one of " + ", ".join(ERROR_KINDS))
    error_value = _number(error_fields, "value")
    if not 0 < error_value < high - low:
        raise error_fields.fail("value", f"{error_value:g} is out of range; expected above 0 and below {high - low:g}")
    error_source = _words(error_fields, "source")
    error_about = _words(error_fields, "about", default="")
    if SUPPLE_DEFAULT.lower() in error_source.lower() and not error_about:
        raise error_fields.fail("about", "missing; a Supple default must say why it was chosen")
    steps = fields.sub("instructions").only("setup", "steps", "reading")
    return AssessmentTest(
        slug=slug,
        name=_words(fields, "name", max_len=80),
        measures=_words(fields, "measures"),
        unit=unit,
        low=low,
        high=high,
        whole=bounds.get("whole", bool, "true or false", default=False),
        per_side=fields.get("per_side", bool, "true or false"),
        higher_is_better=fields.get("higher_is_better", bool, "true or false"),
        noisy=fields.get("noisy", bool, "true or false"),
        norm=Norm(
            norm_low,
            norm_high,
            norm_source,
            _checked(norm_fields, norm_source),
            _words(norm_fields, "about", default=""),
        ),
        error=MeasurementError(kind, error_value, error_source, error_about, _checked(error_fields, error_source)),
        regions=fields.texts("regions", allowed=TARGET_REGIONS, non_empty=True),
        instructions=Instructions(_lines(steps, "setup"), _lines(steps, "steps"), _lines(steps, "reading")),
        sources=_sources(fields),
        pose=_test_pose(fields),
    )


def _levels(fields: _Fields) -> dict[str, LevelWords]:
    """``[advice.levels.<level>]``: label, heading and advice for every level, and nothing else."""
    table = fields.sub("levels").only(*FLAG_LEVELS)
    out: dict[str, LevelWords] = {}
    for level in FLAG_LEVELS:
        if level not in table.table:
            raise table.fail(level, "missing; expected a table with " + ", ".join(_LEVEL_KEYS))
        words = table.sub(level).only(*_LEVEL_KEYS)
        label, heading = words.text("label", max_len=30), words.text("heading", max_len=60)
        out[level] = LevelWords(label, heading, words.text("advice"))
    return out


def _level(fields: _Fields, key: str) -> str:
    return str(fields.choice(key, FLAG_LEVELS))


def _flags(path: Path) -> tuple[dict[str, RedFlag], TriageAdvice]:
    fields = _Fields(path, _read(path)).only("advice", "flags")
    words = fields.sub("advice").only("clear", "refer", "levels")
    advice = TriageAdvice(words.text("clear"), words.text("refer"), MappingProxyType(_levels(words)))
    table = fields.sub("flags")
    flags: dict[str, RedFlag] = {}
    for slug in table.table:
        if not SLUG.match(slug):
            raise table.fail(slug, "is not a valid slug; expected lowercase words joined by hyphens")
        entry = table.sub(slug).only("name", "question", "level", "source")
        flags[slug] = RedFlag(
            slug=slug,
            name=entry.text("name", max_len=100),
            question=entry.text("question"),
            level=_level(entry, "level"),
            source=entry.text("source"),
        )
    if not flags:
        raise table.fail("flags", "is empty; expected at least one red flag")
    return flags, advice


def _flag_levels(fields: _Fields, flags: Mapping[str, RedFlag], asked: tuple[str, ...]) -> dict[str, str]:
    """``[flag_levels]``: a level for some of the complaint's own red flags, never below the flag's own."""
    raw = fields.get("flag_levels", dict, "a table of red-flag slug = level", default={})
    table = _Fields(fields.path, raw, "flag_levels.")
    out: dict[str, str] = {}
    for slug in table.table:
        if slug not in asked:
            expected = "a red flag this complaint asks (red_flags): " + ", ".join(asked)
            raise table.fail(slug, f"{slug!r} is not valid; expected {expected}")
        level = _level(table, slug)
        own = flags[slug].level
        if FLAG_LEVELS.index(level) < FLAG_LEVELS.index(own):
            raise table.fail(slug, f"{level!r} is below the flag's own level {own!r}; a complaint may only raise it")
        out[slug] = level
    return out


def parse_complaint(
    path: Path,
    data: Mapping[str, Any],
    flags: Mapping[str, RedFlag],
    exercises: Collection[str],
    positions: Collection[str] = (),
) -> Complaint:
    fields = _Fields(path, data).only(*_COMPLAINT_KEYS)
    slug = _slug(fields, path)
    known = tuple(sorted(exercises))
    red_flags = fields.texts("red_flags", allowed=tuple(sorted(flags)), non_empty=True)
    if len(set(red_flags)) != len(red_flags):
        twice = next(f for f in red_flags if red_flags.count(f) > 1)
        raise fields.fail("red_flags", f"{twice!r} is listed twice; expected each red flag once")
    first = fields.sub("first_line").only("regions", "exercises", "advice", "mark")
    first_mark = first.text("mark", default="")
    if first_mark not in ("", "u"):
        raise first.fail("mark", f"{first_mark!r} is not valid; expected '' or 'u'")
    notes_table = fields.get("flag_notes", dict, "a table of red-flag slug = note", default={})
    notes = _Fields(path, notes_table, "flag_notes.").only(*red_flags)
    return Complaint(
        slug=slug,
        name=fields.text("name", max_len=80),
        source_regions=fields.texts("source_regions", allowed=TARGET_REGIONS, non_empty=True),
        contributors=fields.texts("contributors", non_empty=True),
        reasoning=" ".join(fields.text("reasoning").split()),
        red_flags=red_flags,
        first_line=FirstLine(
            regions=first.texts("regions", allowed=TARGET_REGIONS, non_empty=True),
            exercises=first.texts("exercises", allowed=known),
            advice=first.text("advice"),
            mark=first_mark,
        ),
        flag_levels=MappingProxyType(_flag_levels(fields, flags, red_flags)),
        flag_notes=MappingProxyType({key: notes.text(key) for key in notes_table}),
        sources=_sources(fields),
        avoids=frozenset(fields.texts("avoids", allowed=tuple(sorted(positions)))),
    )


def _progression(path: Path) -> ProgressionRules:
    fields = _Fields(path, _read(path)).only("progress", "regress", "retest", "soreness")
    up = fields.sub("progress").only("sessions", "min_control", "max_discomfort", "source")
    down = fields.sub("regress").only("max_discomfort", "source")
    retest = fields.sub("retest").only("weeks", "source")
    soreness = fields.sub("soreness").only("low", "high", "source")
    for table in (up, down, retest, soreness):
        table.text("source")
    rules = ProgressionRules(
        sessions=up.integer("sessions", 1, 10),
        min_control=up.integer("min_control", 1, 5),
        max_discomfort=up.integer("max_discomfort", 0, 10),
        regress_discomfort=down.integer("max_discomfort", 0, 10),
        retest_weeks=retest.integer("weeks", 1, 52),
        soreness_low=soreness.integer("low", 0, 10),
        soreness_high=soreness.integer("high", 1, 100),
    )
    if rules.regress_discomfort < rules.max_discomfort:
        raise down.fail("max_discomfort", "is below progress.max_discomfort; moving down must need more discomfort")
    if rules.soreness_high <= rules.soreness_low:
        raise soreness.fail("high", "is not above low")
    return rules


def _folder(folder: Path) -> list[Path]:
    paths = sorted(folder.glob("*.toml"))
    if not paths:
        raise CatalogueError(folder, "(folder)", "holds no .toml files")
    return paths


def load_knowledge(
    exercises: Collection[str], *, root: Path = HERE, positions: Collection[str] | None = None
) -> Knowledge:
    """Load every knowledge file under ``root``; ``exercises`` are the slugs complaints may name.

    ``positions`` are the slugs complaints may avoid (default: those of ``positions.toml``).
    """
    if positions is None:
        positions = tuple(load_positions())
    flags, advice = _flags(root / "red_flags.toml")
    tests = {test.slug: test for test in (parse_test(p, _read(p)) for p in _folder(root / "assessments"))}
    complaints: dict[str, Complaint] = {}
    for path in _folder(root / "complaints"):
        complaint = parse_complaint(path, _read(path), flags, exercises, positions)
        complaints[complaint.slug] = complaint
    return Knowledge(
        tests=MappingProxyType(tests),
        complaints=MappingProxyType(complaints),
        red_flags=MappingProxyType(flags),
        advice=advice,
        progression=_progression(root / "progression.toml"),
    )
