"""Soreness ratings, 0-10 per region: the next-day response that decides whether a level moves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from supple.core.errors import MISSING, InvalidInput
from supple.core.progression import SorenessReading
from supple.core.vocabulary import check_regions
from supple.services import levels
from supple.services.context import Context


def parse_ratings(ctx: Context, pairs: Sequence[str]) -> list[tuple[str, int]]:
    """``["calves=3", "quads=1"]`` -> ``[("calves", 3), ("quads", 1)]``; InvalidInput naming the first bad one."""
    rules = ctx.knowledge.progression
    expected = f"a whole number from {rules.soreness_low} to {rules.soreness_high}"
    if not pairs:
        raise InvalidInput("soreness", MISSING, "at least one REGION=N, e.g. calves=3")
    out: list[tuple[str, int]] = []
    for pair in pairs:
        region, equals, number = pair.partition("=")
        region = region.strip().lower()
        if not equals or not region:
            raise InvalidInput("soreness", pair, f"REGION=N, e.g. calves=3, with N {expected}")
        (region,) = check_regions([region], field="region")
        if any(region == seen for seen, _ in out):
            raise InvalidInput("region", region, "each region once per command")
        try:
            value = int(number.strip())
        except ValueError:
            raise InvalidInput(f"soreness for {region}", number.strip(), expected) from None
        if not rules.soreness_low <= value <= rules.soreness_high:
            raise InvalidInput(f"soreness for {region}", value, expected)
        out.append((region, value))
    return out


def record(ctx: Context, *, ratings: Sequence[str], date: dt.date, after_run: bool = False) -> list[SorenessReading]:
    """Check every rating, store them all and bring the decisions of the exercises they bear on up to date, at once."""
    readings = [SorenessReading(date, region, value, after_run) for region, value in parse_ratings(ctx, ratings)]
    ctx.data.add_soreness(readings, settle=levels.settle(ctx, levels.working(ctx, {r.region for r in readings})))
    return readings


def readings(
    ctx: Context, *, since: dt.date | None = None, until: dt.date | None = None
) -> tuple[SorenessReading, ...]:
    """The athlete's soreness ratings from ``since`` to ``until`` (both optional), oldest first."""
    found = ctx.data.soreness(since=since)
    return found if until is None else tuple(r for r in found if r.date <= until)


def reading_dict(reading: SorenessReading) -> dict[str, Any]:
    return {
        "date": reading.date.isoformat(),
        "region": reading.region,
        "value": reading.value,
        "after_run": reading.after_run,
    }
