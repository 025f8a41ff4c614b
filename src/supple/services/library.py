"""The exercise library."""

from __future__ import annotations

from supple.config import Settings
from supple.core.errors import InvalidInput
from supple.core.exercises import Exercise
from supple.core.vocabulary import ROLES, check_regions
from supple.illustrate import exercise_svg
from supple.services import context


def exercises(*, settings: Settings, region: str | None = None, role: str | None = None) -> list[Exercise]:
    cat = context.catalogue(settings)
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


def exercise(*, settings: Settings, slug: str) -> Exercise:
    cat = context.catalogue(settings)
    found = cat.exercises.get(slug)
    if found is None:
        close = sorted(s for s in cat.exercises if slug.split("-")[0] in s)[:3]
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        raise InvalidInput("exercise", slug, "a slug listed by `supple exercises`" + hint)
    return found


def cues_for_player(*, settings: Settings, slug: str) -> tuple[str, ...]:
    """The set-up and movement cues a guided player reads out before an item."""
    found = exercise(settings=settings, slug=slug)
    return found.cues.setup + found.cues.movement


def illustration(*, settings: Settings, slug: str) -> str:
    """The exercise's picture as SVG text: its pose, its equipment and its main region lit up."""
    return exercise_svg(exercise(settings=settings, slug=slug))
