"""The athlete's profile: when they run, minutes a day, equipment, priorities."""

from __future__ import annotations

from collections.abc import Sequence

from supple.config import Settings
from supple.core.athlete import Profile, parse_run_times
from supple.core.vocabulary import check_equipment, check_minutes, check_regions
from supple.services import context


def build_profile(
    *,
    run_days: str,
    run_time: str | None,
    minutes: int,
    equipment: Sequence[str],
    priorities: Sequence[str] = (),
) -> Profile:
    """Validate every value first; raises InvalidInput naming the bad one."""
    return Profile(
        run_times=parse_run_times(run_days, run_time),
        minutes=check_minutes(minutes),
        equipment=check_equipment(equipment),
        priorities=check_regions(priorities, field="priority region"),
    )


def save_profile(*, settings: Settings, profile: Profile) -> None:
    context.store(settings).save_profile(settings.athlete, profile)


def get_profile(*, settings: Settings) -> Profile:
    return context.profile_or_default(settings, context.store(settings).get_profile(settings.athlete))
