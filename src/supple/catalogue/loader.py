"""Load and validate the catalogue data shipped in this package (and a user's own folder).

Every problem is reported as ``CatalogueError`` naming the file and the field, so that a
person editing a TOML file knows exactly what to fix.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from supple.catalogue.model import Catalogue as Catalogue  # re-exported: what the loader returns
from supple.catalogue.model import CatalogueError as CatalogueError
from supple.catalogue.run_rules import run_rules
from supple.core.exercises import Cues, Dose, Exercise, LadderLevel, Pace, Position, Source
from supple.core.pose import (
    ARROW_FIELDS,
    ARROW_KINDS,
    BAND_LENGTH,
    BOX_HEIGHT,
    BOX_WIDTH,
    CAMERA_RANGE,
    JOINTS,
    NEUTRAL,
    PICTURE_SIDES,
    POINTS,
    PROP_FIELDS,
    ROLLER_AXES,
    WORKING_SIDES,
    Arrow,
    Pose,
    Prop,
)
from supple.core.rules import Note, PrimerRules, Redirect, Rules, Timing, WeekRules
from supple.core.vocabulary import EQUIPMENT, KINDS, ROLES, SYMPTOM_REGIONS, TARGET_REGIONS

HERE = Path(__file__).parent
EXERCISE_DIR = HERE / "exercises"
POSITIONS_FILE = HERE / "positions.toml"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_EXERCISE_KEYS = {
    "slug", "name", "role", "regions", "equipment", "static", "primer", "why", "rationale", "cautions",
    "author", "licence", "dose", "cues", "ladder", "sources", "pose", "involves", "pace",
}  # fmt: skip
_MAX_WHY = 160


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise CatalogueError(path, "(file)", f"not valid TOML: {error}") from None
    except OSError as error:
        raise CatalogueError(path, "(file)", f"cannot be read: {error.strerror}") from None


class _Fields:
    """Typed access to one TOML table, raising CatalogueError with a dotted field path."""

    def __init__(self, path: Path, table: Mapping[str, Any], prefix: str = "") -> None:
        self.path = path
        self.table = table
        self.prefix = prefix

    def fail(self, key: str, problem: str) -> CatalogueError:
        return CatalogueError(self.path, self.prefix + key, problem)

    def get(self, key: str, kind: type | tuple[type, ...], expected: str, *, default: Any = ...) -> Any:
        if key not in self.table:
            if default is ...:
                raise self.fail(key, f"missing; expected {expected}")
            return default
        value = self.table[key]
        if isinstance(value, bool) and kind is not bool and bool not in (kind if isinstance(kind, tuple) else ()):
            raise self.fail(key, f"{value!r} is not valid; expected {expected}")
        if not isinstance(value, kind):
            raise self.fail(key, f"{value!r} is not valid; expected {expected}")
        return value

    def text(self, key: str, *, max_len: int | None = None, default: Any = ...) -> str:
        value: str = self.get(key, str, "a non-empty string", default=default)
        if value is not default and not value.strip():
            raise self.fail(key, "is empty; expected a non-empty string")
        if max_len is not None and len(value) > max_len:
            raise self.fail(key, f"is {len(value)} characters; expected at most {max_len}")
        return value.strip() if isinstance(value, str) else value

    def texts(self, key: str, *, allowed: tuple[str, ...] | None = None, non_empty: bool = False) -> tuple[str, ...]:
        expected = "a list of strings" if allowed is None else "a list drawn from: " + ", ".join(allowed)
        values = self.get(key, list, expected, default=[])
        if non_empty and not values:
            raise self.fail(key, f"is empty; expected {expected}")
        for value in values:
            if not isinstance(value, str) or not value.strip() or (allowed is not None and value not in allowed):
                raise self.fail(key, f"{value!r} is not valid; expected {expected}")
        return tuple(values)

    def integer(self, key: str, low: int, high: int, *, default: Any = ...) -> int:
        value: int = self.get(key, int, f"a whole number from {low} to {high}", default=default)
        if value is not default and not low <= value <= high:
            raise self.fail(key, f"{value} is out of range; expected a whole number from {low} to {high}")
        return value

    def number(self, key: str, low: float, high: float, *, default: Any = ...) -> Any:
        expected = f"a number from {low:g} to {high:g}"
        value = self.get(key, (int, float), expected, default=default)
        if value is default:
            return default
        if not low <= value <= high:
            raise self.fail(key, f"{value:g} is out of range; expected {expected}")
        return float(value)

    def choice(self, key: str, allowed: tuple[str, ...], *, default: Any = ...) -> Any:
        value = self.get(key, str, "one of " + ", ".join(allowed), default=default)
        if value is not default and value not in allowed:
            raise self.fail(key, f"{value!r} is not valid; expected one of " + ", ".join(allowed))
        return value

    def sub(self, key: str) -> _Fields:
        return _Fields(self.path, self.get(key, dict, "a table"), f"{self.prefix}{key}.")

    def only(self, *keys: str) -> _Fields:
        """Refuse keys other than ``keys``, so that a misspelt field is never silently ignored."""
        unknown = sorted(set(self.table) - set(keys))
        if unknown:
            raise self.fail(unknown[0], "unknown field; expected one of " + ", ".join(keys))
        return self


def _dose(fields: _Fields) -> Dose:
    fields.only("sets", "reps", "hold_seconds", "per_side", "seconds_per_rep")
    has_hold, has_reps = "hold_seconds" in fields.table, "reps" in fields.table
    if has_hold == has_reps:
        raise fields.fail("hold_seconds", "give exactly one of hold_seconds or reps")
    return Dose(
        sets=fields.integer("sets", 1, 5),
        reps=fields.integer("reps", 1, 30) if has_reps else None,
        hold_seconds=fields.integer("hold_seconds", 5, 120) if has_hold else None,
        per_side=fields.get("per_side", bool, "true or false"),
        seconds_per_rep=fields.integer("seconds_per_rep", 1, 6, default=3),
    )


def _ladder(fields: _Fields, dose: Dose) -> tuple[LadderLevel, ...]:
    raw = fields.get("ladder", list, "a list of [[ladder]] tables", default=[])
    levels: list[LadderLevel] = []
    carried: set[str] = set()
    for position, table in enumerate(raw, start=1):
        if not isinstance(table, dict):
            raise fields.fail(f"ladder[{position}]", "expected a [[ladder]] table")
        rung = _Fields(fields.path, table, f"ladder[{position}].").only(
            "level", "label", "variable", "unit", "target", "hold_seconds", "reps", "equipment", "pose"
        )
        carried |= set(rung.texts("equipment", allowed=EQUIPMENT))
        level = rung.integer("level", 1, 20)
        if level != position:
            raise rung.fail("level", f"{level} is out of order; expected {position}")
        target = rung.get("target", (int, float), "a number")
        hold = rung.integer("hold_seconds", 5, 120, default=None)
        reps = rung.integer("reps", 1, 30, default=None)
        if hold is not None and dose.hold_seconds is None:
            raise rung.fail("hold_seconds", "the dose counts reps; a level may only change reps")
        if reps is not None and dose.reps is None:
            raise rung.fail("reps", "the dose is a hold; a level may only change hold_seconds")
        levels.append(
            LadderLevel(
                level,
                rung.text("label"),
                rung.text("variable"),
                rung.text("unit"),
                float(target),
                hold,
                reps,
                equipment=frozenset(carried),
            )
        )
    if levels and len({(lv.variable, lv.unit) for lv in levels}) != 1:
        raise fields.fail("ladder", "every level must use the same variable and unit")
    return tuple(levels)


def _items(fields: _Fields, key: str, example: str) -> list[_Fields]:
    raw = fields.get(key, list, f"a list of tables such as {example}", default=[])
    items: list[_Fields] = []
    for position, table in enumerate(raw, start=1):
        if not isinstance(table, dict):
            raise fields.fail(f"{key}[{position}]", f"expected a table such as {example}")
        items.append(_Fields(fields.path, table, f"{fields.prefix}{key}[{position}]."))
    return items


def _pose(fields: _Fields, equipment: frozenset[str]) -> Pose:
    """The ``[pose]`` table: joint angles in range, props for every piece of equipment, arrows."""
    fields.only(*JOINTS, "camera", "working_side", "props", "arrows")
    angles = tuple((name, fields.number(name, *limits)) for name, limits in JOINTS.items() if name in fields.table)
    props: list[Prop] = []
    for item in _items(fields, "props", '{kind = "roller", at = "glutes"}'):
        kind = item.choice("kind", tuple(PROP_FIELDS))
        if kind not in equipment:
            raise item.fail("kind", f"{kind!r} is not in this exercise's equipment; add it there or drop the prop")
        item.only("kind", "at", *PROP_FIELDS[kind])
        props.append(
            Prop(
                kind,
                item.choice("at", POINTS),
                axis=item.choice("axis", ROLLER_AXES, default="across"),
                height=item.number("height", *BOX_HEIGHT, default=None),
                width=item.number("width", *BOX_WIDTH, default=40.0),
                side=item.choice("side", PICTURE_SIDES, default="right"),
                length=item.number("length", *BAND_LENGTH, default=70.0),
                to=item.choice("to", POINTS, default=""),
            )
        )
    missing = sorted(equipment - {prop.kind for prop in props})
    if missing:
        raise fields.fail("props", f'draws no {missing[0]}; add a prop such as {{kind = "{missing[0]}", at = ...}}')
    arrows: list[Arrow] = []
    for item in _items(fields, "arrows", '{kind = "move", at = "right_knee", direction = 0}'):
        kind = item.choice("kind", ARROW_KINDS)
        item.only("kind", "at", *ARROW_FIELDS[kind])
        arrows.append(
            Arrow(
                kind,
                item.choice("at", POINTS),
                direction=item.number("direction", -360, 360, default=...) if kind == "move" else 0.0,
                toward=item.choice("toward", PICTURE_SIDES) if kind == "turn" else "right",
                around=item.choice("around", POINTS) if kind == "swing" else "",
                sweep=item.number("sweep", -270, 270) if kind == "swing" else 0.0,
            )
        )
    return Pose(
        angles=angles,
        camera=fields.number("camera", *CAMERA_RANGE, default=0.0),
        working_side=fields.choice("working_side", WORKING_SIDES, default="both"),
        props=tuple(props),
        arrows=tuple(arrows),
    )


_PACE_EXPECTED = (
    "a [pace] table with min_days (whole days to stay at a ladder level, 0-60), rest_hours (hours between "
    'two sessions of this exercise, 0-168: 48 for loaded tendon work, else 0) and source (a citation, or "Supple '
    'default")'
)


def _pace(exercise: _Fields) -> Pace:
    """How fast the ladder may be climbed: required, so every exercise says it and where the figure comes from."""
    if "pace" not in exercise.table:
        raise exercise.fail("pace", f"is missing; expected {_PACE_EXPECTED}")
    if not isinstance(exercise.table["pace"], dict):
        raise exercise.fail("pace", f"expected {_PACE_EXPECTED}")
    fields = exercise.sub("pace").only("min_days", "rest_hours", "source")
    return Pace(
        min_days=fields.integer("min_days", 0, 60),
        rest_hours=fields.integer("rest_hours", 0, 168, default=0),
        source=fields.text("source"),
    )


def load_positions(path: Path = POSITIONS_FILE) -> dict[str, Position]:
    """The positions and loads exercises may involve and complaints may avoid."""
    table = _Fields(path, _read(path)).only("positions").sub("positions")
    out: dict[str, Position] = {}
    for slug in table.table:
        if not SLUG.match(slug):
            raise table.fail(slug, "is not a valid slug; expected lowercase words joined by hyphens")
        entry = table.sub(slug).only("name", "about", "source")
        out[slug] = Position(slug, entry.text("name", max_len=80), entry.text("about"), entry.text("source"))
    if not out:
        raise table.fail("positions", "is empty; expected at least one position")
    return out


def _involves(fields: _Fields, positions: tuple[str, ...]) -> frozenset[str]:
    """The positions and loads the exercise involves: required, each one listed in positions.toml."""
    known = ", ".join(positions)
    expected = f"a list of positions from {POSITIONS_FILE.name} ({known}), or [] for none"
    values = fields.get("involves", list, expected)
    for value in values:
        if not isinstance(value, str) or value not in positions:
            raise fields.fail(
                "involves",
                f"{value!r} is not a known position; expected one of those in {POSITIONS_FILE.name}: {known}",
            )
    return frozenset(values)


def parse_exercise(path: Path, data: Mapping[str, Any], positions: tuple[str, ...]) -> Exercise:
    fields = _Fields(path, data)
    if "switched_off_by" in data:
        raise fields.fail(
            "switched_off_by",
            "is no longer read; declare the positions and loads the exercise puts the body through instead, "
            f"as involves = [...] with positions from {POSITIONS_FILE.name}",
        )
    unknown = sorted(set(data) - _EXERCISE_KEYS)
    if unknown:
        raise fields.fail(unknown[0], "unknown field; expected one of " + ", ".join(sorted(_EXERCISE_KEYS)))
    slug = fields.text("slug")
    if not SLUG.match(slug):
        raise fields.fail("slug", f"{slug!r} is not valid; expected lowercase words joined by hyphens")
    if slug != path.stem:
        raise fields.fail("slug", f"{slug!r} does not match the file name; expected {path.stem!r}")
    role = fields.text("role")
    if role not in ROLES:
        raise fields.fail("role", f"{role!r} is not valid; expected one of " + ", ".join(ROLES))
    for region in fields.table.get("regions", []) if isinstance(fields.table.get("regions"), list) else ():
        if region in SYMPTOM_REGIONS:
            raise fields.fail("regions", f"{region!r} is symptom-only and is never a target")
    regions = fields.texts("regions", allowed=TARGET_REGIONS, non_empty=True)
    dose = _dose(fields.sub("dose"))
    cues = fields.sub("cues").only("setup", "movement", "avoid")
    static = fields.get("static", bool, "true or false")
    primer = fields.get("primer", bool, "true or false")
    if role == "prime" and (static or not primer):
        raise fields.fail("static", "a prime drill must be dynamic (static = false) and primer = true")
    ladder = _ladder(fields, dose)
    if role in ("mould", "strengthen") and len(ladder) < 3:
        raise fields.fail("ladder", f"has {len(ladder)} levels; a {role} exercise needs at least 3")
    raw_sources = fields.get("sources", list, "a list of [[sources]] tables with cite and about")
    if not raw_sources:
        raise fields.fail("sources", "is empty; expected at least one [[sources]] entry")
    sources: list[Source] = []
    for position, table in enumerate(raw_sources, start=1):
        if not isinstance(table, dict):
            raise fields.fail(f"sources[{position}]", "expected a [[sources]] table")
        source = _Fields(path, table, f"sources[{position}].").only("cite", "about")
        sources.append(Source(source.text("cite"), source.text("about")))
    exercise = Exercise(
        slug=slug,
        name=fields.text("name", max_len=80),
        role=role,
        regions=regions,
        equipment=frozenset(fields.texts("equipment", allowed=EQUIPMENT)),
        dose=dose,
        static=static,
        primer=primer,
        why=fields.text("why", max_len=_MAX_WHY),
        rationale=" ".join(fields.text("rationale").split()),
        cues=Cues(
            cues.texts("setup", non_empty=True),
            cues.texts("movement", non_empty=True),
            cues.texts("avoid", non_empty=True),
        ),
        cautions=fields.texts("cautions"),
        ladder=ladder,
        sources=tuple(sources),
        author=fields.text("author"),
        licence=fields.text("licence"),
        origin=str(path),
        involves=_involves(fields, positions),
        pace=_pace(fields),
    )
    if "pose" in data:
        exercise = replace(exercise, pose=_pose(fields.sub("pose"), exercise.equipment))
    return _rung_poses(fields, data, exercise)


def _rung_poses(fields: _Fields, data: Mapping[str, Any], exercise: Exercise) -> Exercise:
    """Each rung's picture: its own ``pose`` (changes laid over the exercise's ``[pose]``), else the one below."""
    raw = data.get("pose")
    base: dict[str, Any] = raw if isinstance(raw, dict) else {}
    current: Pose | None = None
    rungs: list[LadderLevel] = []
    for position, (rung, table) in enumerate(zip(exercise.ladder, data.get("ladder", []), strict=True), start=1):
        kit = exercise.equipment | rung.equipment
        if "pose" in table:
            own = table["pose"]
            if not isinstance(own, dict):
                raise fields.fail(f"ladder[{position}].pose", "expected a table of pose fields")
            current = _pose(_Fields(fields.path, {**base, **own}, f"ladder[{position}].pose."), kit)
        drawn = frozenset(p.kind for p in (current or exercise.pose or NEUTRAL).props)
        if exercise.pose is not None and not rung.equipment <= drawn:
            missing = sorted(rung.equipment - drawn)[0]
            raise fields.fail(
                f"ladder[{position}].pose",
                f"this rung needs a {missing} but its picture draws none; give the rung a pose that draws it",
            )
        rungs.append(replace(rung, pose=current))
    return replace(exercise, ladder=tuple(rungs))


def _rules(path: Path, regions_path: Path) -> tuple[Rules, dict[str, str]]:
    data = _Fields(path, _read(path))
    timing, primer, week, blocks = data.sub("timing"), data.sub("primer"), data.sub("week"), data.sub("block_seconds")
    retest = data.sub("retest")
    priorities = week.texts("default_priorities", allowed=TARGET_REGIONS, non_empty=True)
    regions = _Fields(regions_path, _read(regions_path))
    region_table = regions.sub("regions")
    names: dict[str, str] = {}
    why: dict[str, str] = {}
    for region in TARGET_REGIONS:
        entry = region_table.sub(region)
        names[region] = entry.text("name")
        why[region] = entry.text("why", max_len=_MAX_WHY)
    symptoms = regions.sub("symptoms")
    redirects: dict[str, Redirect] = {}
    for region in SYMPTOM_REGIONS:
        entry = symptoms.sub(region)
        names[region] = entry.text("name")
        entry.text("cite")
        aliases = entry.texts("aliases")
        for alias in aliases:
            if not SLUG.match(alias):
                raise entry.fail("aliases", f"{alias!r} is not valid; expected lowercase words joined by hyphens")
        redirects[region] = Redirect(
            region, entry.texts("sources", allowed=TARGET_REGIONS, non_empty=True), entry.text("reason"), aliases
        )
    rules = Rules(
        timing=Timing(
            timing.integer("transition_seconds", 0, 120),
            timing.integer("side_switch_seconds", 0, 60),
            timing.integer("rest_between_sets_seconds", 0, 180),
        ),
        primer=PrimerRules(
            primer.integer("max_static_hold_seconds", 5, 60),
            primer.integer("max_static_sets", 1, 5),
            primer.integer("melt_seconds_per_side", 5, 120),
            primer.integer("max_minutes", 1, 120),
            primer.integer("lead_minutes_rounding", 1, 30),
            primer.integer("min_minutes", 1, 120),
            primer.number("max_passive_share", 0, 1),
        ),
        week=WeekRules(
            week.integer("min_region_minutes", 1, 120),
            week.integer("min_region_days", 1, 7),
            priorities,
            week.integer("min_strength_days", 0, 7),
            week.integer("after_run_min_minutes", 1, 120),
            week.integer("strength_gap_days", 1, 3),
        ),
        block_seconds={kind: blocks.integer(kind, 30, 3600) for kind in KINDS},
        redirects=redirects,
        region_why=why,
        retest_fades=Note(retest.text("fades", max_len=_MAX_WHY), retest.text("source")),
        runs=run_rules(data.sub("runs")),
    )
    return rules, names


def parse_catalogue(extra_dir: Path | None) -> Catalogue:
    """Read and check the built-in catalogue and, if given, a user's folder of extra exercise files."""
    rules, names = _rules(HERE / "rules.toml", HERE / "regions.toml")
    complaints_path = HERE / "complaints.toml"
    complaints = _Fields(complaints_path, _read(complaints_path)).texts("slugs", non_empty=True)
    positions = load_positions()
    allowed = tuple(positions)
    exercises: dict[str, Exercise] = {}
    for path in sorted(EXERCISE_DIR.glob("*.toml")):
        exercise = parse_exercise(path, _read(path), allowed)
        exercises[exercise.slug] = exercise
    if extra_dir is not None:
        if not extra_dir.is_dir():
            raise CatalogueError(extra_dir, "SUPPLE_CATALOGUE_DIR", "is not a folder; expected a folder of .toml files")
        for path in sorted(extra_dir.glob("*.toml")):
            exercise = parse_exercise(path, _read(path), allowed)
            if exercise.slug in exercises:
                raise CatalogueError(path, "slug", f"{exercise.slug!r} is already in the catalogue; pick another slug")
            exercises[exercise.slug] = exercise
    return Catalogue(exercises=exercises, rules=rules, region_names=names, complaints=complaints, positions=positions)
