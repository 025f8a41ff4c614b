"""The JSON contract (docs/contract.md): core types to plain dicts, and log input back.

Parsing is strict: every problem raises InvalidInput naming the field path, e.g.
``blocks[0].items[1].result.control``, so nothing half-valid is ever stored.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from supple.catalogue import Catalogue
from supple.core.athlete import Profile
from supple.core.composer import item_seconds
from supple.core.errors import MISSING, InvalidInput
from supple.core.exercises import Exercise
from supple.core.session import Block, Item, ItemResult, LoggedItem, LoggedSession, Session, Stop
from supple.core.time_done import seconds_done
from supple.core.vocabulary import KINDS, MAX_ITEMS, MAX_MINUTES, MIN_MINUTES, TARGET_REGIONS, parse_date

if TYPE_CHECKING:  # the week plan is only named here; `today` need not import it
    import datetime as dt

    from supple.core.plan import WeekPlan
    from supple.services.library import LeftOut
    from supple.services.week_runs import DayRuns

# -- out --------------------------------------------------------------------------------


_ITEM_FIELDS = tuple(field.name for field in fields(Item))


def item_dict(item: Item) -> dict[str, Any]:
    """Every field of the item, in declaration order (the contract's order).

    Every field is a plain value but ``regions`` (a tuple, given as a list), so this reads them
    directly: ``dataclasses.asdict`` deep-copies and costs a tenth of a PATCH answer.
    """
    found = {name: getattr(item, name) for name in _ITEM_FIELDS}
    found["regions"] = list(item.regions)
    return found


def block_dict(block: Block) -> dict[str, Any]:
    return {"region": block.region, "why": block.why, "items": [item_dict(i) for i in block.items]}


def session_dict(session: Session) -> dict[str, Any]:
    return {
        "date": session.date.isoformat(),
        "kind": session.kind,
        "minutes": session.minutes,
        "total_seconds": session.total_seconds,
        "blocks": [block_dict(b) for b in session.blocks],
        "notes": list(session.notes),
        "stop": stop_dict(session.stop),
    }


def stop_dict(stop: Stop | None) -> dict[str, Any] | None:
    """Why there is no routine (an open red flag), or None."""
    if stop is None:
        return None
    return {
        "red_flags": list(stop.red_flags),
        "level": stop.level,
        "urgent": stop.urgent,
        "since": stop.since.isoformat(),
        "heading": stop.heading,
        "advice": stop.advice,
    }


def plan_dict(plan: WeekPlan, runs: Mapping[dt.date, DayRuns] | None = None) -> dict[str, Any]:
    """The plan as `supple plan --json` prints it; with ``runs`` (``week_runs``), each day's planned
    runs (with any warning) and done runs too."""
    from supple.services.runs import activity_dict
    from supple.services.week_runs import DayRuns, planned_run_dict

    found = runs or {}
    return {
        "start": plan.start.isoformat(),
        "days": [
            {
                "date": day.date.isoformat(),
                "runs": [t.strftime("%H:%M") for t in day.runs],
                "planned_runs": [planned_run_dict(r, w) for r, w in found.get(day.date, DayRuns()).planned],
                "done_runs": [activity_dict(a) for a in found.get(day.date, DayRuns()).done],
                "sessions": [
                    session_dict(p.session)
                    | {"at": None if p.at is None else p.at.strftime("%H:%M"), "after_run": p.after_run}
                    for p in day.sessions
                ],
                "notes": list(day.notes),
            }
            for day in plan.days
        ],
        "coverage": {
            r: {
                "minutes": c.minutes,
                "days": c.days,
                "strength_days": c.strength_days,
                "priority": r in plan.priorities,
                "range_met": r not in plan.unmet,
                "strength_met": r not in plan.unmet_strength,
            }
            for r, c in plan.coverage.items()
        },
        "unmet": list(plan.unmet),
        "unmet_strength": list(plan.unmet_strength),
        "meets_targets": plan.meets_targets,
        "notes": list(plan.notes),
        "stop": stop_dict(plan.stop),
    }


def profile_dict(profile: Profile) -> dict[str, Any]:
    return {
        "run_times": {day: time.strftime("%H:%M") for day, time in profile.run_times},
        "minutes": profile.minutes,
        "equipment": sorted(profile.equipment),
        "priorities": list(profile.priorities),
        "complaints": sorted(profile.complaints),
        "name": profile.name,
    }


def exercise_dict(exercise: Exercise, left_out: Sequence[LeftOut]) -> dict[str, Any]:
    """The exercise in full; ``left_out`` is ``library.left_out`` for it (the complaints it is left out for)."""
    dose = exercise.dose
    return {
        "slug": exercise.slug,
        "name": exercise.name,
        "role": exercise.role,
        "regions": list(exercise.regions),
        "equipment": sorted(exercise.equipment),
        "dose": {
            "sets": dose.sets,
            "reps": dose.reps,
            "hold_seconds": dose.hold_seconds,
            "per_side": dose.per_side,
            "seconds_per_rep": dose.seconds_per_rep,
        },
        "static": exercise.static,
        "primer": exercise.primer,
        "why": exercise.why,
        "rationale": exercise.rationale,
        "cues": {
            "setup": list(exercise.cues.setup),
            "movement": list(exercise.cues.movement),
            "avoid": list(exercise.cues.avoid),
        },
        "cautions": list(exercise.cautions),
        "involves": sorted(exercise.involves),
        "left_out_for": [{"complaint": x.complaint, "positions": list(x.positions)} for x in left_out],
        "ladder": [
            {
                "level": lv.level,
                "label": lv.label,
                "variable": lv.variable,
                "unit": lv.unit,
                "target": lv.target,
                "hold_seconds": lv.hold_seconds,
                "reps": lv.reps,
            }
            for lv in exercise.ladder
        ],
        "sources": [{"cite": s.cite, "about": s.about} for s in exercise.sources],
        "author": exercise.author,
        "licence": exercise.licence,
    }


def result_dict(result: ItemResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    return {
        "done": result.done,
        "level": result.level,
        "hold_seconds": result.hold_seconds,
        "control": result.control,
        "discomfort": result.discomfort,
    }


def logged_session_dict(session: LoggedSession) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = []
    for logged in session.items:
        if not blocks or blocks[-1]["_index"] != logged.block:
            blocks.append({"_index": logged.block, "region": logged.region, "items": []})
        blocks[-1]["items"].append(item_dict(logged.item) | {"result": result_dict(logged.result)})
    for block in blocks:
        del block["_index"]
    return {
        "id": session.id,
        "date": session.date.isoformat(),
        "kind": session.kind,
        "minutes": session.minutes,
        "total_seconds": session.total_seconds,
        "seconds_done": seconds_done(session.items),
        "logged_at": session.logged_at.isoformat() if session.logged_at else None,
        "finished_at": session.finished_at.isoformat() if session.finished_at else None,
        "blocks": blocks,
    }


# -- in ---------------------------------------------------------------------------------


class _Reader:
    def __init__(self, data: Any, path: str) -> None:
        self.data = data
        self.path = path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def require(self, key: str, kind: type | tuple[type, ...], expected: str) -> Any:
        if key not in self.data or self.data[key] is None:
            raise InvalidInput(self.at(key), MISSING, expected)
        return self.value(key, kind, expected)

    def value(self, key: str, kind: type | tuple[type, ...], expected: str, default: Any = None) -> Any:
        value = self.data.get(key, default)
        if value is None:
            return default
        if isinstance(value, bool) and kind is not bool:
            raise InvalidInput(self.at(key), value, expected)
        if not isinstance(value, kind):
            raise InvalidInput(self.at(key), value, expected)
        return value

    def number(self, key: str, low: int, high: int, default: int | None = None, *, required: bool = False) -> Any:
        expected = f"a whole number from {low} to {high}"
        value = self.require(key, int, expected) if required else self.value(key, int, expected, default)
        if value is not None and not low <= value <= high:
            raise InvalidInput(self.at(key), value, expected)
        return value


def parse_result(data: Any, path: str, exercise: Exercise | None) -> ItemResult | None:
    """An item's result from JSON, its level bounded by the exercise's ladder."""
    if data is None:
        return None
    if not isinstance(data, Mapping):
        raise InvalidInput(path, data, "an object with done, level, hold_seconds, control, discomfort")
    reader = _Reader(data, path)
    top = max(len(exercise.ladder), 1) if exercise is not None else 20
    return ItemResult(
        done=reader.require("done", bool, "true or false"),
        level=reader.number("level", 1, top),
        hold_seconds=reader.number("hold_seconds", 0, 600),
        control=reader.number("control", 1, 5),
        discomfort=reader.number("discomfort", 0, 10),
    )


def _item(data: Any, path: str, block: int, region: str, catalogue: Catalogue) -> LoggedItem:
    if not isinstance(data, Mapping):
        raise InvalidInput(path, data, "an item object with at least exercise and sets")
    reader = _Reader(data, path)
    slug = reader.require("exercise", str, "an exercise slug from the library")
    exercise = catalogue.exercises.get(slug)
    if exercise is None:
        raise InvalidInput(reader.at("exercise"), slug, "an exercise slug from the library", see="exercises")
    dose = exercise.dose
    top = max(len(exercise.ladder), 1)
    sets = reader.number("sets", 1, 10, dose.sets)
    reps = reader.number("reps", 1, 100, dose.reps) if dose.reps is not None else None
    hold = reader.number("hold_seconds", 1, 600, dose.hold_seconds) if dose.hold_seconds is not None else None
    worked = item_seconds(
        sets=sets,
        reps=reps,
        hold_seconds=hold,
        per_side=dose.per_side,
        seconds_per_rep=dose.seconds_per_rep,
        timing=catalogue.rules.timing,
    )
    item = Item(
        exercise=slug,
        name=exercise.name,
        role=exercise.role,
        regions=exercise.regions,
        sets=sets,
        reps=reps,
        hold_seconds=hold,
        per_side=dose.per_side,
        static=exercise.static,
        seconds=reader.number("seconds", 0, 7200, worked),
        level=reader.number("level", 1, top, 1),
        why=exercise.why,
    )
    return LoggedItem(
        block=block, region=region, item=item, result=parse_result(data.get("result"), reader.at("result"), exercise)
    )


def _count(block: Any) -> int:
    """The items a block holds, for the message of a session over the cap (0 when it is malformed)."""
    found = block.get("items") if isinstance(block, Mapping) else None
    return len(found) if isinstance(found, list) else 0


def logged_session_from_dict(data: Any, catalogue: Catalogue) -> LoggedSession:
    """Parse a `today` object (items may carry `result`) into a session to store."""
    if not isinstance(data, Mapping):
        raise InvalidInput("session", type(data).__name__, "a JSON object as today's routine gives it", see="session")
    reader = _Reader(data, "")
    date = parse_date(reader.require("date", str, "a date as YYYY-MM-DD"))
    kind = reader.require("kind", str, "one of " + ", ".join(KINDS))
    if kind not in KINDS:
        raise InvalidInput("kind", kind, "one of " + ", ".join(KINDS))
    minutes = reader.number("minutes", MIN_MINUTES, MAX_MINUTES, required=True)
    blocks = reader.require("blocks", list, "a list of blocks")
    if len(blocks) > MAX_ITEMS:
        raise InvalidInput("blocks", f"{len(blocks)} blocks", f"at most {MAX_ITEMS} items in one session")
    items: list[LoggedItem] = []
    for b, block in enumerate(blocks):
        path = f"blocks[{b}]"
        if not isinstance(block, Mapping):
            raise InvalidInput(path, block, "a block object with region and items")
        block_reader = _Reader(block, path)
        region = block_reader.require("region", str, "one of " + ", ".join(TARGET_REGIONS))
        if region not in TARGET_REGIONS:
            raise InvalidInput(block_reader.at("region"), region, "one of " + ", ".join(TARGET_REGIONS))
        block_items = block_reader.require("items", list, "a list of items")
        if len(items) + len(block_items) > MAX_ITEMS:
            count = len(items) + len(block_items) + sum(_count(rest) for rest in blocks[b + 1 :])
            raise InvalidInput("blocks", f"{count} items", f"at most {MAX_ITEMS} items in one session")
        for i, raw in enumerate(block_items):
            items.append(_item(raw, f"{path}.items[{i}]", b, region, catalogue))
    if not items:
        raise InvalidInput("blocks", "[]", "at least one block with at least one item")
    total = reader.number("total_seconds", 0, MAX_MINUTES * 60 * 4, sum(li.item.seconds for li in items))
    return LoggedSession(date=date, kind=kind, minutes=minutes, total_seconds=total, items=tuple(items))
