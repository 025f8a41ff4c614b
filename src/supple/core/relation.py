"""How two weekly series move together, said honestly for small samples.

Spearman's rank correlation (ties share their mean rank) with a percentile bootstrap interval:
weeks are resampled with replacement and the correlation recomputed, and the middle 95 % of
those values is the interval. The resampling draws from a small deterministic generator
(SplitMix64) seeded from the data, so the same weeks always give the same interval. Below
``min_pairs`` weeks there is no figure at all, only "not enough data yet". Nothing here says
why two series move together: a correlation is not a cause.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

#: Bootstrap resamples: enough for a stable 95 % interval at these sample sizes.
RESAMPLES = 1000
_MASK = (1 << 64) - 1


@dataclass(frozen=True, slots=True)
class Relation:
    """Spearman's rho between two series, with its bootstrap interval; ``rho`` None when undefined."""

    pairs: int
    rho: float | None
    low: float | None = None
    high: float | None = None
    enough: bool = False


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks; tied values share the mean of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        shared = (start + end) / 2 + 1
        for k in range(start, end + 1):
            out[order[k]] = shared
        start = end + 1
    return out


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Spearman's rho (Pearson's r of the ranks); None when either series does not vary."""
    if len(xs) != len(ys):
        raise ValueError("the two series must be as long as each other")
    if len(xs) < 2:
        return None
    rx, ry = ranks(xs), ranks(ys)
    n = len(rx)
    mx, my = sum(rx) / n, sum(ry) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    sxx = sum((a - mx) ** 2 for a in rx)
    syy = sum((b - my) ** 2 for b in ry)
    if sxx == 0 or syy == 0:
        return None
    return max(-1.0, min(1.0, sxy / math.sqrt(sxx * syy)))


class _SplitMix64:
    """A small, well-mixed deterministic generator (Steele, Lea and Flood 2014)."""

    def __init__(self, seed: int) -> None:
        self.state = seed & _MASK

    def below(self, n: int) -> int:
        self.state = (self.state + 0x9E3779B97F4A7C15) & _MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return (z ^ (z >> 31)) % n


def _seed(xs: Sequence[float], ys: Sequence[float]) -> int:
    seed = 0x5EED
    for value in (*xs, *ys):
        seed = (seed * 1_000_003 + hash(round(value, 9))) & _MASK
    return seed


def relate(
    xs: Sequence[float], ys: Sequence[float], *, min_pairs: int, resamples: int = RESAMPLES, level: float = 0.95
) -> Relation:
    """rho of ``xs`` and ``ys`` (paired, same length) with its bootstrap interval, once there are ``min_pairs``."""
    n = len(xs)
    if n != len(ys):
        raise ValueError("the two series must be as long as each other")
    if n < min_pairs:
        return Relation(pairs=n, rho=None)
    rho = spearman(xs, ys)
    if rho is None:
        return Relation(pairs=n, rho=None, enough=True)
    draw = _SplitMix64(_seed(xs, ys))
    found: list[float] = []
    for _ in range(resamples):
        picks = [draw.below(n) for _ in range(n)]
        value = spearman([xs[i] for i in picks], [ys[i] for i in picks])
        if value is not None:
            found.append(value)
    if not found:
        return Relation(pairs=n, rho=rho, enough=True)
    found.sort()
    tail = (1 - level) / 2
    low = found[min(len(found) - 1, int(tail * len(found)))]
    high = found[min(len(found) - 1, int((1 - tail) * len(found)))]
    return Relation(pairs=n, rho=rho, low=min(low, rho), high=max(high, rho), enough=True)
