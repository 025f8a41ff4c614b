"""Shared plumbing for services: the cached catalogue and the athlete's state."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from supple.catalogue import Catalogue, load_catalogue
from supple.config import Settings
from supple.core.athlete import AthleteState, Profile

if TYPE_CHECKING:
    from supple.catalogue.knowledge import Knowledge
    from supple.store.measures import Measures
    from supple.store.repository import Store


@lru_cache(maxsize=4)
def _catalogue(extra_dir: Path | None) -> Catalogue:
    return load_catalogue(extra_dir)


def catalogue(settings: Settings) -> Catalogue:
    return _catalogue(settings.catalogue_dir)


@lru_cache(maxsize=4)
def _knowledge(extra_dir: Path | None) -> Knowledge:
    from supple.catalogue.knowledge import load_knowledge

    catalogue = _catalogue(extra_dir)
    return load_knowledge(catalogue.exercises, positions=tuple(catalogue.positions))


def knowledge(settings: Settings) -> Knowledge:
    """Screening tests, complaints, red flags and progression rules (loaded once, then cached)."""
    return _knowledge(settings.catalogue_dir)


@lru_cache(maxsize=4)
def _store(url: str) -> Store:
    from supple.store.repository import open_store

    return open_store(url)


def store(settings: Settings) -> Store:
    """The repository for the configured database, created and migrated on first use."""
    return _store(settings.database_url)


def measures(settings: Settings) -> Measures:
    """The repository of test results, soreness and level history, on the same database."""
    from supple.store.measures import Measures

    return Measures(store(settings).engine)


def state(settings: Settings, today: dt.date) -> AthleteState:
    """The athlete's profile, recent history and levels; the quick path when it can answer."""
    path = settings.sqlite_path
    if path is not None:
        from supple.store.quick import read_state

        quick = read_state(path, settings.athlete, today)
        if quick is not None:
            return quick
    return store(settings).state(settings.athlete, today)


def default_profile(cat: Catalogue) -> Profile:
    """The profile before anything is saved. No priorities of its own: every reader falls back to the
    catalogue's defaults (``rules.week.default_priorities``), and Settings ticks only what the runner chose."""
    return Profile()


def profile_or_default(settings: Settings, found: Profile | None) -> Profile:
    return found if found is not None else default_profile(catalogue(settings))
