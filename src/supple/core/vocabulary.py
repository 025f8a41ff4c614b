"""The fixed words of the domain: regions, roles, equipment and session kinds."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from supple.core.errors import InvalidInput

#: Regions that exercises target, ordered roughly from the ground up.
TARGET_REGIONS: tuple[str, ...] = (
    "feet",
    "calves",
    "quads",
    "hamstrings",
    "adductors",
    "hip-flexors",
    "glutes",
    "hip-rotators",
    "thoracic-spine",
    "trunk",
)
#: Places where runners feel trouble that are never worked directly.
SYMPTOM_REGIONS: tuple[str, ...] = ("it-band",)
ROLES: tuple[str, ...] = ("melt", "mould", "strengthen", "prime")
EQUIPMENT: tuple[str, ...] = ("roller", "ball", "box", "band", "wall")
KINDS: tuple[str, ...] = ("primer", "daily", "recovery", "focus")
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_NAMES: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
#: How soon a red flag needs a clinician, from the least to the most urgent (KNOWLEDGE.md section 4).
FLAG_LEVELS: tuple[str, ...] = ("soon", "same-day", "emergency")

MIN_MINUTES = 1
MAX_MINUTES = 120
#: The most items one stored session may hold. A routine Supple composes has a dozen at most;
#: the cap keeps a hand-made log or an import from storing (and every view from drawing) a
#: session of any size.
MAX_ITEMS = 100


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise InvalidInput("kind", kind, "one of " + ", ".join(KINDS))
    return kind


def check_minutes(minutes: int) -> int:
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise InvalidInput("minutes", minutes, f"a whole number from {MIN_MINUTES} to {MAX_MINUTES}")
    return minutes


def check_flag_level(level: str, *, field: str = "level") -> str:
    if level not in FLAG_LEVELS:
        raise InvalidInput(field, level, "one of " + ", ".join(FLAG_LEVELS))
    return level


def highest_level(levels: Iterable[str]) -> str:
    """The most urgent of ``levels`` (each one of ``FLAG_LEVELS``); "soon" when there are none."""
    return max(levels, key=FLAG_LEVELS.index, default=FLAG_LEVELS[0])


#: Everyday names for the kit, e.g. "foam roller" for ``roller``; plurals are understood too.
EQUIPMENT_ALIASES: dict[str, str] = {
    "foam roller": "roller",
    "foam-roller": "roller",
    "massage ball": "ball",
    "lacrosse ball": "ball",
    "tennis ball": "ball",
    "resistance band": "band",
    "mini band": "band",
    "loop band": "band",
    "step": "box",
    "bench": "box",
}


def equipment_name(text: str) -> str:
    """The kit slug for an everyday name ("Foam roller" -> "roller", "boxes" -> "box"); other text unchanged."""
    word = " ".join(text.lower().split())
    for candidate in (word, word.removesuffix("es"), word.removesuffix("s")):
        if candidate in EQUIPMENT:
            return candidate
        if candidate in EQUIPMENT_ALIASES:
            return EQUIPMENT_ALIASES[candidate]
    return word


def check_equipment(items: Iterable[str]) -> frozenset[str]:
    chosen = frozenset(equipment_name(item) for item in items)
    unknown = sorted(chosen - set(EQUIPMENT))
    if unknown:
        raise InvalidInput("equipment", ",".join(unknown), "any of " + ", ".join(EQUIPMENT) + " or none")
    return chosen


def check_regions(regions: Iterable[str], *, field: str = "region", allow_symptoms: bool = True) -> tuple[str, ...]:
    allowed = TARGET_REGIONS + (SYMPTOM_REGIONS if allow_symptoms else ())
    out: list[str] = []
    for region in regions:
        if region not in allowed:
            raise InvalidInput(field, region, "one of " + ", ".join(allowed))
        if region not in out:
            out.append(region)
    return tuple(out)


def check_weekdays(days: Iterable[str]) -> tuple[str, ...]:
    """Three-letter days; a whole name ("Monday") or its first three letters in any case will do."""
    out: list[str] = []
    for given in days:
        day = given.strip().lower()
        day = day[:3] if day in _DAY_NAMES else day
        if day not in WEEKDAYS:
            raise InvalidInput("run day", given, "three-letter days: " + ",".join(WEEKDAYS))
        if day not in out:
            out.append(day)
    return tuple(sorted(out, key=WEEKDAYS.index))


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


#: Dates Supple accepts: wide enough for any real log, narrow enough that adding a year or a
#: few weeks (plans, re-test reminders, windows) can never step outside what Python can hold.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2999, 12, 31)


def parse_date(text: str, *, field: str = "date") -> dt.date:
    """A calendar date written exactly as YYYY-MM-DD (not week dates or compact forms), 1900 to 2999."""
    expected = "a date as YYYY-MM-DD from 1900-01-01 to 2999-12-31, e.g. 2026-11-23"
    if not isinstance(text, str) or not _ISO_DATE.match(text.strip()):
        raise InvalidInput(field, text, expected)
    try:
        found = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(field, text, expected) from None
    if not FIRST_DAY <= found <= LAST_DAY:
        raise InvalidInput(field, text, expected)
    return found
