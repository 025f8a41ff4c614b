"""The athlete's profile: when they run, minutes a day, equipment, priorities, complaints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from supple.core.athlete import Profile, check_name, parse_run_times
from supple.core.errors import InvalidInput
from supple.core.vocabulary import check_equipment, check_minutes, check_regions
from supple.services.context import Context

__all__ = ["DEFAULT_RUN_TIME", "Profile", "change_profile", "get_profile", "save_profile", "update_profile"]

DEFAULT_RUN_TIME = dt.time(7, 0)


def update_profile(
    ctx: Context,
    current: Profile,
    *,
    run_days: str | None = None,
    run_time: str | None = None,
    minutes: int | None = None,
    equipment: Sequence[str] | None = None,
    priorities: Sequence[str] | None = None,
    complaints: Sequence[str] | None = None,
    name: str | None = None,
) -> Profile:
    """``current`` with the given values changed; what is not given is kept.

    ``run_days`` is "mon,wed,sat" or "none"; ``run_time`` is "07:00" or "07:00,sat=09:30".
    Days that keep running keep their own time unless a new time is given. Every value is
    checked first and InvalidInput names the first bad one.
    """
    run_times = current.run_times
    if run_days is not None or run_time is not None:
        days = ",".join(d for d, _ in current.run_times) if run_days is None else run_days
        days = "" if days.strip().lower() == "none" else days
        if run_time is None:
            known = dict(current.run_times)
            fallback = current.run_times[0][1] if current.run_times else DEFAULT_RUN_TIME
            chosen = parse_run_times(days, None)
            run_times = tuple((day, known.get(day, fallback)) for day, _ in chosen)
        else:
            run_times = parse_run_times(days, run_time)
    known_complaints = ctx.catalogue.complaints
    for complaint in complaints or ():
        if complaint not in known_complaints:
            raise InvalidInput("complaint", complaint, "one of " + ", ".join(known_complaints))
    return Profile(
        run_times=run_times,
        minutes=current.minutes if minutes is None else check_minutes(minutes),
        equipment=current.equipment if equipment is None else check_equipment(equipment),
        priorities=current.priorities if priorities is None else check_regions(priorities, field="priority region"),
        complaints=current.complaints if complaints is None else frozenset(complaints),
        name=current.name if name is None else check_name(name),
    )


def save_profile(ctx: Context, *, profile: Profile) -> None:
    """Save the profile; a change of kit decides the ladder levels again (they are cut to the kit)."""
    from supple.services import levels

    ctx.data.save_profile(profile, settle=levels.settle(ctx, None))


def change_profile(ctx: Context, change: Callable[[Profile], Profile]) -> Profile:
    """Apply ``change`` to the saved profile (or the default one) and save it; return what was saved.

    The read, the change and the save are one locked transaction: a change made at the same
    moment by another request or command is never reverted. Whatever ``change`` raises (e.g.
    InvalidInput) saves nothing.
    """
    from supple.services import levels

    return ctx.data.update_profile(lambda found: change(ctx.profile_or_default(found)), settle=levels.settle(ctx, None))


def get_profile(ctx: Context) -> Profile:
    return ctx.profile_or_default(ctx.data.get_profile())
