"""What the pages offer and how they word it: choices with labels, doses and durations, the library filter.

Skins (web forms, later others) take their lists from here, so the words of the domain
(kinds, roles, kit, weekdays, regions, complaints) have one source, and a page never needs
to reach below the services.
"""

from __future__ import annotations

from dataclasses import dataclass

from supple.core.calendar import dose_text, duration_text
from supple.core.errors import InvalidInput
from supple.core.exercises import Exercise
from supple.core.session import Item
from supple.core.vocabulary import EQUIPMENT, KINDS, MAX_MINUTES, MIN_MINUTES, ROLES, TARGET_REGIONS, WEEKDAYS
from supple.services import library
from supple.services.context import Context

__all__ = [
    "MAX_MINUTES",
    "MIN_MINUTES",
    "Choice",
    "complaints",
    "duration_text",
    "equipment",
    "exercise_dose",
    "filter_library",
    "item_dose",
    "kinds",
    "label",
    "problem_text",
    "region_names",
    "regions",
    "roles",
    "similar_exercises",
    "week_target",
    "weekdays",
]

NO_KIT = "none"

_LABELS = {
    # kinds
    "primer": "Primer (before a run)",
    "daily": "Daily",
    "recovery": "Recovery",
    "focus": "Focus",
    # roles
    "melt": "Melt (release)",
    "mould": "Mould (work in range)",
    "strengthen": "Strengthen",
    "prime": "Prime (dynamic drill)",
    # equipment
    "roller": "Foam roller",
    "ball": "Massage ball",
    "box": "Box or step",
    "band": "Resistance band",
    "wall": "Wall",
    NO_KIT: "No kit needed",
    # weekdays
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
    # complaints
    "outer-knee": "Outer knee (IT band area)",
    "kneecap": "Front of the knee (kneecap)",
    "achilles": "Achilles tendon",
    "heel": "Heel or sole of the foot",
    "shin": "Shin",
    "sit-bone": "Sit bone (top of the hamstring)",
    "low-back": "Low back",
    "hip-front": "Front of the hip",
}


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str


def label(value: str) -> str:
    """The display words for a slug of the domain ("sit-bone" -> "Sit bone (top of the hamstring)")."""
    return _LABELS.get(value) or value.replace("-", " ").capitalize()


def kinds() -> tuple[Choice, ...]:
    return tuple(Choice(k, label(k)) for k in KINDS)


def roles() -> tuple[Choice, ...]:
    return tuple(Choice(r, label(r)) for r in ROLES)


def equipment(*, with_none: bool = False) -> tuple[Choice, ...]:
    kit = tuple(Choice(e, label(e)) for e in EQUIPMENT)
    return ((Choice(NO_KIT, label(NO_KIT)),) if with_none else ()) + kit


def weekdays() -> tuple[Choice, ...]:
    return tuple(Choice(d, label(d)) for d in WEEKDAYS)


def region_names(ctx: Context) -> dict[str, str]:
    """Every region's display name, symptom-only places included."""
    return dict(ctx.catalogue.region_names)


def regions(ctx: Context, *, symptoms: bool = False) -> tuple[Choice, ...]:
    """Worked regions (ground up), and with ``symptoms`` the places that are treated at their source."""
    names = ctx.catalogue.region_names
    chosen = list(TARGET_REGIONS) + ([r for r in names if r not in TARGET_REGIONS] if symptoms else [])
    return tuple(Choice(r, names.get(r, label(r))) for r in chosen)


def complaints(ctx: Context) -> tuple[Choice, ...]:
    return tuple(Choice(c, label(c)) for c in ctx.catalogue.complaints)


def week_target(ctx: Context) -> tuple[int, int]:
    """The weekly target per region: (minutes of work in range, number of days)."""
    week = ctx.catalogue.rules.week
    return week.min_region_minutes, week.min_region_days


def item_dose(item: Item) -> str:
    return dose_text(sets=item.sets, reps=item.reps, hold_seconds=item.hold_seconds, per_side=item.per_side)


def exercise_dose(exercise: Exercise) -> str:
    dose = exercise.dose
    return dose_text(sets=dose.sets, reps=dose.reps, hold_seconds=dose.hold_seconds, per_side=dose.per_side)


def filter_library(
    ctx: Context, *, region: str | None = None, role: str | None = None, kit: str | None = None
) -> list[Exercise]:
    """The library filtered by region and role (as `supple exercises`) and by kit.

    ``kit`` is one piece of equipment (exercises that use it) or "none" (exercises that need none).
    """
    found = library.exercises(ctx, region=region, role=role)
    if kit is None:
        return found
    if kit == NO_KIT:
        return [e for e in found if not e.equipment]
    if kit not in EQUIPMENT:
        raise InvalidInput("equipment", kit, "one of " + ", ".join((NO_KIT, *EQUIPMENT)))
    return [e for e in found if kit in e.equipment]


def problem_text(error: InvalidInput) -> str:
    """A form's message for a value that will not do, without the field name (the form shows it)."""
    return f"“{error.value}” will not do: expected {error.expected}."


def similar_exercises(ctx: Context, *, slug: str, limit: int = 3) -> list[Exercise]:
    """Exercises whose slug shares the first word of ``slug``: suggestions for a mistyped address."""
    first = slug.strip().lower().split("-")[0]
    if not first:
        return []
    found = ctx.catalogue.exercises
    return [found[s] for s in sorted(found) if first in s][:limit]
