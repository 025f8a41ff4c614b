"""Sessions: what the composer produces and what a runner logs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Item:
    exercise: str
    name: str
    role: str
    regions: tuple[str, ...]
    sets: int
    reps: int | None
    hold_seconds: int | None
    per_side: bool
    static: bool
    seconds: int
    level: int
    why: str


@dataclass(frozen=True, slots=True)
class Block:
    region: str
    why: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class FlagReport:
    """A red flag the runner answered yes to; it stays open until a clinician has cleared them.

    Clearing closes a report without erasing it: ``cleared`` is then the day the runner said a
    clinician had cleared them, and the report stays in the red-flag history.
    """

    flag: str
    complaint: str | None
    #: How soon to get seen for this flag with this complaint: ``soon`` | ``same-day`` | ``emergency``.
    level: str
    date: dt.date
    cleared: dt.date | None = None

    @property
    def urgent(self) -> bool:
        """True for ``same-day`` and ``emergency`` (the stored ``urgent`` column of older versions)."""
        return self.level != "soon"


@dataclass(frozen=True, slots=True)
class Stop:
    """Why there is no routine: the open red flags, the most urgent level among them and what to do."""

    red_flags: tuple[str, ...]
    #: The highest level among the open flags: ``soon`` | ``same-day`` | ``emergency``.
    level: str
    since: dt.date
    #: The level's heading, e.g. "Get emergency care now".
    heading: str
    #: What to do, in words: the level's advice first, then what was reported.
    advice: str

    @property
    def urgent(self) -> bool:
        return self.level != "soon"


@dataclass(frozen=True, slots=True)
class Session:
    date: dt.date
    kind: str
    minutes: int
    total_seconds: int
    blocks: tuple[Block, ...]
    notes: tuple[str, ...] = ()
    #: Set when a red flag is open: the session has no blocks and says why.
    stop: Stop | None = None

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for block in self.blocks for item in block.items)


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One past (or planned) session, reduced to what rotation needs."""

    date: dt.date
    exercises: tuple[str, ...]
    regions: tuple[str, ...]


_NO_LEVELS: Mapping[str, int] = MappingProxyType({})
_NO_AVOIDS: Mapping[str, frozenset[str]] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class ComposeRequest:
    date: dt.date
    kind: str
    minutes: int
    equipment: frozenset[str]
    #: Candidate regions, best first; the composer takes as many as fit.
    regions: tuple[str, ...]
    history: tuple[HistoryEntry, ...] = ()
    levels: Mapping[str, int] = field(default_factory=lambda: _NO_LEVELS)
    complaints: frozenset[str] = frozenset()
    notes: tuple[str, ...] = ()
    #: With True every candidate region gets a block if it fits (focus sessions).
    all_regions: bool = False
    #: The active complaints and the positions each must avoid (``core.conflicts``): no exercise
    #: that involves one of them is chosen.
    avoids: Mapping[str, frozenset[str]] = field(default_factory=lambda: _NO_AVOIDS)
    #: Exercises to place first, in this order, before the regions' blocks (a complaint's
    #: first-line work in a triage session); each only if the request allows it.
    first_line: tuple[str, ...] = ()
    #: No strength item in this session (the week plan's days around a race or a hard workout).
    no_strength: bool = False


@dataclass(frozen=True, slots=True)
class ItemResult:
    done: bool
    level: int | None = None
    hold_seconds: int | None = None
    control: int | None = None
    discomfort: int | None = None


@dataclass(frozen=True, slots=True)
class LoggedItem:
    block: int
    region: str
    item: Item
    result: ItemResult | None


@dataclass(frozen=True, slots=True)
class LoggedSession:
    date: dt.date
    kind: str
    minutes: int
    total_seconds: int
    items: tuple[LoggedItem, ...]
    id: int | None = None
    logged_at: dt.datetime | None = None
    #: None while the session is in progress (started in the web player, not yet finished).
    finished_at: dt.datetime | None = None
