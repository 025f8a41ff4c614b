"""The context every service takes first: who acts, for which athlete, with what access.

A skin builds one ``Context`` per CLI command and one per web request (``web.deps``) and
passes it down; no service reads the athlete from settings or the environment. The context
carries the catalogue and the knowledge (parsed once per process and catalogue folder),
and one ``AthleteData``: the athlete's reader and writer, which keeps a single snapshot of
the athlete's state for the request and refuses writes when the access is read-only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from supple.catalogue import Catalogue, load_catalogue
from supple.core.athlete import AthleteState, Profile
from supple.store.athlete import AthleteData

if TYPE_CHECKING:
    from supple.catalogue.knowledge import Knowledge
    from supple.config import Settings

Role = Literal["athlete", "coach", "admin"]
ROLES: tuple[Role, ...] = ("athlete", "coach", "admin")


@dataclass(frozen=True)
class Actor:
    """Who is acting. ``user_id`` is None for the local runner of a server with no accounts."""

    name: str
    role: Role = "athlete"
    user_id: int | None = None
    via: Literal["local", "browser", "device", "token", "command", "feed", "job"] = "local"


#: The athlete of a context that acts for no one (``Context.for_process``).
NO_ATHLETE = "-"

#: The runner at their own machine: no accounts, loopback only.
LOCAL = Actor(name="local runner", via="local")


@lru_cache(maxsize=4)
def _catalogue(extra_dir: Path | None, cache_dir: Path | None = None) -> Catalogue:
    return load_catalogue(extra_dir, cache_dir=cache_dir)


@lru_cache(maxsize=4)
def _knowledge(extra_dir: Path | None, cache_dir: Path | None = None) -> Knowledge:
    from supple.catalogue.knowledge import load_knowledge

    catalogue = _catalogue(extra_dir, cache_dir)
    return load_knowledge(catalogue.exercises, positions=tuple(catalogue.positions))


@dataclass(frozen=True, eq=False)
class Context:
    athlete: str
    data: AthleteData
    actor: Actor = LOCAL
    catalogue_dir: Path | None = None
    time_scale: float = 1.0
    #: Where the parsed catalogue is kept between runs (None: parse it every time).
    cache_dir: Path | None = None

    @classmethod
    def open(
        cls,
        settings: Settings,
        *,
        athlete: str,
        actor: Actor = LOCAL,
        writable: bool = True,
    ) -> Context:
        """The context for ``athlete`` on the database and catalogue ``settings`` name."""
        data = AthleteData(
            athlete=athlete, url=settings.database_url, sqlite_path=settings.sqlite_path, writable=writable
        )
        return cls(
            athlete=athlete,
            data=data,
            actor=actor,
            catalogue_dir=settings.catalogue_dir,
            time_scale=settings.time_scale,
            cache_dir=settings.cache_dir,
        )

    @classmethod
    def for_process(cls, settings: Settings, actor: Actor) -> Context:
        """A context for work of the whole process (running background jobs), acting for no athlete:
        it carries the database and catalogue to each job, which runs in its own athlete's context."""
        return cls.open(settings, athlete=NO_ATHLETE, actor=actor, writable=False)

    @property
    def writable(self) -> bool:
        return self.data.writable

    def for_athlete(self, athlete: str, actor: Actor) -> Context:
        """The same database and catalogue, for ``athlete`` acting as ``actor`` (a background job's context)."""
        data = AthleteData(athlete=athlete, url=self.data.url, sqlite_path=self.data.sqlite_path, writable=True)
        return replace(self, athlete=athlete, data=data, actor=actor)

    @property
    def catalogue(self) -> Catalogue:
        return _catalogue(self.catalogue_dir, self.cache_dir)

    @property
    def knowledge(self) -> Knowledge:
        """Screening tests, complaints, red flags and progression rules (loaded once, then cached)."""
        return _knowledge(self.catalogue_dir, self.cache_dir)

    def state(self, today: dt.date) -> AthleteState:
        """The athlete's profile, recent history, levels and open flags (one snapshot per request)."""
        return self.data.state(today)

    def profile_or_default(self, found: Profile | None) -> Profile:
        return found if found is not None else default_profile(self.catalogue)


def default_profile(cat: Catalogue) -> Profile:
    """The profile before anything is saved. No priorities of its own: every reader falls back to the
    catalogue's defaults (``rules.week.default_priorities``), and Settings ticks only what the runner chose."""
    return Profile()
