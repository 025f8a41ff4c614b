"""Which complaints an exercise conflicts with: the one rule behind every "left out for".

Every exercise declares the positions and loads it involves (``Exercise.involves``), every
complaint the ones it must avoid (``Complaint.avoids``; both from ``catalogue/positions.toml``).
An exercise conflicts with a complaint when the two meet. Nothing here keeps a list by hand:
the composer, the library pages and ``supple explain`` all ask this module.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

#: Active complaints and what each must avoid: complaint slug -> position slugs.
Avoids = Mapping[str, frozenset[str]]


def conflicts(involves: Collection[str], avoids: Avoids) -> dict[str, tuple[str, ...]]:
    """The complaints in ``avoids`` that an exercise involving ``involves`` conflicts with.

    Each maps to the positions they share (sorted); complaints keep the order of ``avoids``.
    Empty when the exercise suits every one of them.
    """
    found: dict[str, tuple[str, ...]] = {}
    for complaint, avoided in avoids.items():
        shared = avoided.intersection(involves)
        if shared:
            found[complaint] = tuple(sorted(shared))
    return found


def avoids_for(complaints: Iterable[str], known: Avoids) -> dict[str, frozenset[str]]:
    """The part of ``known`` (every complaint's avoids) that the active ``complaints`` need, in ``known``'s order."""
    active = set(complaints)
    return {slug: avoided for slug, avoided in known.items() if slug in active}
