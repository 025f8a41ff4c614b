"""Scales from data to the drawing, with round tick values and dates written as "3 Nov"."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day_month(date: dt.date, *, year: bool = False) -> str:
    """ "3 Nov", or "3 Nov 2026" with ``year`` (no locale, so the same everywhere)."""
    words = f"{date.day} {MONTHS[date.month - 1]}"
    return f"{words} {date.year}" if year else words


def tidy(value: float) -> float:
    """``value`` without floating-point dust (0.30000000000000004 -> 0.3)."""
    return round(value, 9) + 0.0


def nice_step(span: float, count: int) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about ``count`` intervals over ``span``."""
    raw = span / max(count, 1)
    if raw <= 0 or not math.isfinite(raw):
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 2.5, 5.0, 10.0):
        if raw <= factor * power * (1 + 1e-9):
            return tidy(factor * power)
    return tidy(10 * power)


def nice_domain(
    values: Iterable[float], *, count: int = 5, floor: float | None = None, ceiling: float | None = None
) -> tuple[float, float, float]:
    """``(low, high, step)`` covering ``values`` with round ends, kept within ``floor`` and ``ceiling``."""
    found = list(values)
    low, high = (min(found), max(found)) if found else (0.0, 1.0)
    if high - low < 1e-9:
        pad = max(abs(low) * 0.1, 1.0)
        low, high = low - pad, high + pad
    step = nice_step(high - low, count)
    low = math.floor(tidy(low / step)) * step
    high = math.ceil(tidy(high / step)) * step
    if floor is not None:
        low = max(low, floor)
    if ceiling is not None:
        high = min(high, ceiling)
    return tidy(low), tidy(high), step


def ticks(low: float, high: float, step: float) -> list[float]:
    """Multiples of ``step`` from ``low`` to ``high`` (both included when they fall on a multiple)."""
    first = math.ceil(tidy(low / step))
    last = math.floor(tidy(high / step))
    return [tidy(i * step) for i in range(first, last + 1)]


@dataclass(frozen=True, slots=True)
class Linear:
    """Maps ``low..high`` onto the pixels ``start..end`` (``start`` may be larger, for a y axis)."""

    low: float
    high: float
    start: float
    end: float

    def __call__(self, value: float) -> float:
        span = self.high - self.low
        share = (value - self.low) / span if span else 0.5
        return self.start + share * (self.end - self.start)


@dataclass(frozen=True, slots=True)
class Dates:
    """Maps the days ``first..last`` onto the pixels ``start..end``."""

    first: dt.date
    last: dt.date
    start: float
    end: float

    def __call__(self, date: dt.date) -> float:
        days = (self.last - self.first).days
        share = (date - self.first).days / days if days else 0.5
        return self.start + share * (self.end - self.start)


def date_domain(dates: Iterable[dt.date]) -> tuple[dt.date, dt.date]:
    """The first and last date with a margin, so no point sits on the edge (at least a week shown)."""
    found = sorted(dates)
    first, last = found[0], found[-1]
    margin = max((last - first).days // 20, 1)
    if (last - first).days < 7:
        margin = max(margin, (7 - (last - first).days + 1) // 2)
    return first - dt.timedelta(days=margin), last + dt.timedelta(days=margin)


def _months(first: dt.date, last: dt.date, every: int) -> list[dt.date]:
    out: list[dt.date] = []
    year, month = first.year, first.month
    while True:
        date = dt.date(year, month, 1)
        if date > last:
            return out
        if date >= first and (month - 1) % every == 0:
            out.append(date)
        month += 1
        if month == 13:
            year, month = year + 1, 1


def date_ticks(first: dt.date, last: dt.date, most: int) -> list[dt.date]:
    """Round dates between ``first`` and ``last``: days, Mondays, or firsts of months; at most ``most``."""
    most = max(most, 2)
    for days in (1, 2, 7, 14, 28):
        start = first if days < 7 else first + dt.timedelta(days=(7 - first.weekday()) % 7)
        found = [start + dt.timedelta(days=d) for d in range(0, (last - start).days + 1, days)]
        if len(found) <= most:
            return found
    for every in (1, 2, 3, 6, 12):
        found = _months(first, last, every)
        if len(found) <= most:
            return found
    every = 12 * math.ceil((last.year - first.year + 1) / most)
    return [d for d in _months(first, last, 12) if (d.year - first.year) % (every // 12) == 0]


def date_labels(dates: list[dt.date], *, years: bool = False) -> list[str]:
    """Labels for ticks; with ``years`` (the axis crosses a new year) the first and each change of year say it."""
    if not years and len({d.year for d in dates}) <= 1:
        return [day_month(d) for d in dates]
    return [day_month(d, year=i == 0 or d.year != dates[i - 1].year) for i, d in enumerate(dates)]
