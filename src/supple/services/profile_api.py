"""Changing the profile from structured fields (the HTTP API), rather than command-line strings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from supple.core.athlete import Profile
from supple.services import profile as profiles
from supple.services.context import Context


def put_profile(
    ctx: Context,
    *,
    run_times: Iterable[tuple[str, str]] | None = None,
    minutes: int | None = None,
    equipment: Sequence[str] | None = None,
    priorities: Sequence[str] | None = None,
    complaints: Sequence[str] | None = None,
    name: str | None = None,
) -> Profile:
    """Change the given values of the saved profile, save it, and return it; None keeps a value.

    ``run_times`` pairs every run day with its start time, e.g. ``{"mon": "07:00"}.items()``;
    none at all means no runs. Everything is checked before anything is saved.
    """
    run_days = run_time = None
    if run_times is not None:
        pairs = list(run_times)
        run_days = ",".join(day for day, _ in pairs) or "none"
        run_time = ",".join(f"{day}={time}" for day, time in pairs) or None
    return profiles.change_profile(
        ctx,
        lambda current: profiles.update_profile(
            ctx,
            current,
            run_days=run_days,
            run_time=run_time,
            minutes=minutes,
            equipment=equipment,
            priorities=priorities,
            complaints=complaints,
            name=name,
        ),
    )
