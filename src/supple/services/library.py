"""The exercise library."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from supple.core.conflicts import conflicts
from supple.core.errors import InvalidInput, NotWorked
from supple.core.exercises import Exercise
from supple.core.vocabulary import ROLES, check_regions
from supple.illustrate import exercise_svg
from supple.services.context import Context


def exercises(ctx: Context, *, region: str | None = None, role: str | None = None) -> list[Exercise]:
    cat = ctx.catalogue
    found = sorted(cat.exercises.values(), key=lambda e: (e.main_region, e.role, e.slug))
    redirect = cat.rules.redirects.get(region or "")
    if redirect is not None:
        sources = " or ".join(redirect.sources)
        raise InvalidInput("region", region, f"a region that is worked; {region} is treated at its source: {sources}")
    if region is not None:
        check_regions([region], allow_symptoms=False)
    if role is not None and role not in ROLES:
        raise InvalidInput("role", role, "one of " + ", ".join(ROLES))
    if region is not None:
        found = [e for e in found if region in e.regions]
    if role is not None:
        found = [e for e in found if e.role == role]
    return found


def exercise(ctx: Context, *, slug: str) -> Exercise:
    cat = ctx.catalogue
    found = cat.exercises.get(slug)
    if found is None:
        for region, redirect in cat.rules.redirects.items():
            if slug in redirect.aliases or region in slug:
                worked = [e for e in cat.exercises.values() if set(e.regions) & set(redirect.sources)]
                worked.sort(key=lambda e: (e.role != "melt", e.role != "strengthen", e.slug))
                raise NotWorked("exercise", slug, redirect.reason, tuple(e.slug for e in worked[:3]))
        close = sorted(s for s in cat.exercises if slug.split("-")[0] in s)[:3]
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise InvalidInput("exercise", slug, "an exercise slug from the library" + hint, see="exercises")
    return found


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A complaint an exercise is never served for, and why: what it involves that the complaint avoids."""

    complaint: str
    #: The positions and loads both name (slugs of ``catalogue/positions.toml``) ...
    positions: tuple[str, ...]
    #: ... and their names, in the same order.
    words: tuple[str, ...]


def left_out(ctx: Context, *, exercise: Exercise) -> list[LeftOut]:
    """The complaints ``exercise`` is left out for while they are active, derived from its ``involves``."""
    if not exercise.involves:
        return []
    known = ctx.knowledge.complaints
    positions = ctx.catalogue.positions
    found = conflicts(exercise.involves, {slug: complaint.avoids for slug, complaint in known.items()})
    out = []
    for slug, shared in found.items():
        ordered = tuple(p for p in positions if p in shared)  # as positions.toml lists them
        out.append(LeftOut(slug, ordered, tuple(positions[p].name for p in ordered)))
    return out


@dataclass(frozen=True, slots=True)
class Avoided:
    """What a complaint keeps out of its sessions: the positions it avoids and the exercises that involve them."""

    #: The names of the positions and loads it avoids (``catalogue/positions.toml``).
    words: tuple[str, ...]
    #: The exercises for its regions that involve one of them, by name.
    exercises: tuple[Exercise, ...]


def avoided_for(ctx: Context, *, complaint: str) -> Avoided:
    """What ``complaint`` leaves out, among the exercises for the regions its session works."""
    found = ctx.knowledge.complaints[complaint]
    cat = ctx.catalogue
    regions = set(found.source_regions) | set(found.first_line.regions)
    exercises = sorted(
        (
            e
            for e in cat.exercises.values()
            if regions.intersection(e.regions) and conflicts(e.involves, {complaint: found.avoids})
        ),
        key=lambda e: e.name,
    )
    words = tuple(cat.positions[p].name for p in cat.positions if p in found.avoids)
    return Avoided(words, tuple(exercises))


def cues_for_player(ctx: Context, *, slug: str) -> tuple[str, ...]:
    """The set-up and movement cues a guided player reads out before an item."""
    found = exercise(ctx, slug=slug)
    return found.cues.setup + found.cues.movement


def illustration(ctx: Context, *, slug: str, level: int | None = None) -> str:
    """The exercise's picture as SVG text at ladder ``level`` (None: its first rung): pose, kit, main region lit."""
    found = exercise(ctx, slug=slug)
    if level is not None and not 1 <= level <= max(len(found.ladder), 1):
        raise InvalidInput("level", level, f"a level from 1 to {max(len(found.ladder), 1)} for {slug}")
    return exercise_svg(found, level=level)


def current_levels(ctx: Context, *, today: dt.date | None = None) -> dict[str, int]:
    """The level the runner is at for each exercise they have done, cut to the kit they have."""
    state = ctx.state(today or dt.date.today())
    kit = ctx.profile_or_default(state.profile).equipment
    exercises = ctx.catalogue.exercises
    out: dict[str, int] = {}
    for slug, level in state.levels.items():
        found = exercises.get(slug)
        if found is not None and found.ladder:
            cut = found.for_kit(frozenset(kit))
            out[slug] = min(max(level, 1), max(len(cut.ladder), 1))
    return out
