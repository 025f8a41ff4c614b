"""Exercises as the composer sees them: plain frozen dataclasses built from catalogue data."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from supple.core.pose import Pose


@dataclass(frozen=True, slots=True)
class Dose:
    sets: int
    reps: int | None = None
    hold_seconds: int | None = None
    per_side: bool = False
    seconds_per_rep: int = 3


@dataclass(frozen=True, slots=True)
class Cues:
    setup: tuple[str, ...]
    movement: tuple[str, ...]
    avoid: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LadderLevel:
    level: int
    label: str
    variable: str
    unit: str
    target: float
    hold_seconds: int | None = None
    reps: int | None = None
    #: Kit this rung needs on top of the exercise's own (a band, say); carried up to every higher rung.
    equipment: frozenset[str] = frozenset()
    #: How this rung is pictured; None uses the exercise's pose (or the nearest rung below with its own).
    pose: Pose | None = None


@dataclass(frozen=True, slots=True)
class Source:
    cite: str
    about: str


@dataclass(frozen=True, slots=True)
class Position:
    """A position or load an exercise can involve and a complaint can avoid (``catalogue/positions.toml``)."""

    slug: str
    name: str
    about: str
    source: str


@dataclass(frozen=True, slots=True)
class Pace:
    """How fast an exercise's ladder may be climbed (KNOWLEDGE.md section 5)."""

    #: Days to stay at a level before moving up, whatever the sessions say.
    min_days: int
    #: Hours to leave between two sessions of this exercise (loaded tendon work: 48); 0 for none.
    rest_hours: int
    source: str


@dataclass(frozen=True, slots=True)
class Exercise:
    slug: str
    name: str
    role: str
    regions: tuple[str, ...]
    equipment: frozenset[str]
    dose: Dose
    static: bool
    primer: bool
    why: str
    rationale: str
    cues: Cues
    cautions: tuple[str, ...] = ()
    ladder: tuple[LadderLevel, ...] = ()
    sources: tuple[Source, ...] = ()
    author: str = ""
    licence: str = ""
    origin: str = field(default="", compare=False)
    pose: Pose | None = None  #: how the exercise is pictured; None draws a neutral standing figure
    #: Positions and loads it puts the body through (slugs of ``catalogue/positions.toml``).
    involves: frozenset[str] = frozenset()
    #: How fast its ladder may be climbed; None until the catalogue says.
    pace: Pace | None = None

    @property
    def main_region(self) -> str:
        return self.regions[0]

    def usable_with(self, equipment: frozenset[str]) -> bool:
        return self.equipment <= equipment

    def level_for(self, level: int) -> LadderLevel | None:
        """The ladder rung for ``level``, clamped to the ladder; None without a ladder."""
        if not self.ladder:
            return None
        index = min(max(level, 1), len(self.ladder)) - 1
        return self.ladder[index]

    def for_kit(self, equipment: frozenset[str]) -> Exercise:
        """The exercise with its ladder cut to the rungs ``equipment`` allows (no band: no band rung)."""
        usable: list[LadderLevel] = []
        for rung in self.ladder:
            if not rung.equipment <= equipment:
                break
            usable.append(rung)
        return self if len(usable) == len(self.ladder) else replace(self, ladder=tuple(usable))

    def equipment_at(self, level: int) -> frozenset[str]:
        """Everything the exercise needs at ``level``: its own kit and the rung's."""
        rung = self.level_for(level)
        return self.equipment | (rung.equipment if rung is not None else frozenset())

    def pose_at(self, level: int | None) -> Pose | None:
        """The picture's pose at ``level`` (None: the exercise's own pose, its first rung's look)."""
        rung = self.level_for(level) if level is not None else None
        if rung is not None and rung.pose is not None:
            return rung.pose
        return self.pose
