"""Composer throughput on one core, and week plans for many random profiles.

Targets (issue #2): at least 2,000 sessions per second; 10,000 week plans under 20 s.
The baseline in the same run is building the request objects alone, so the ratio shows
what composing costs over merely preparing its input.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import time

from supple.catalogue import load_catalogue
from supple.core.athlete import Profile
from supple.core.composer import compose, rank_regions
from supple.core.plan import plan_week
from supple.core.session import ComposeRequest
from supple.core.vocabulary import EQUIPMENT, KINDS, TARGET_REGIONS, WEEKDAYS

SESSIONS = int(os.environ.get("BENCH_SESSIONS", "20000"))
PROFILES = int(os.environ.get("BENCH_PROFILES", "10000"))
REPEATS = 5


def _requests(rng: random.Random, count: int, priorities: tuple[str, ...]) -> list[ComposeRequest]:
    start = dt.date(2026, 1, 1)
    out = []
    for _ in range(count):
        date = start + dt.timedelta(days=rng.randrange(365))
        kit = frozenset(rng.sample(EQUIPMENT, rng.randint(0, len(EQUIPMENT))))
        out.append(ComposeRequest(date, rng.choice(KINDS), rng.randint(5, 30), kit, rank_regions(priorities, (), date)))
    return out


def _profiles(rng: random.Random, count: int) -> list[Profile]:
    out = []
    for _ in range(count):
        days = rng.sample(WEEKDAYS, rng.randint(0, 6))
        out.append(
            Profile(
                run_times=tuple((d, dt.time(rng.randint(5, 19), rng.choice((0, 30)))) for d in days),
                minutes=rng.randint(5, 30),
                equipment=frozenset(rng.sample(EQUIPMENT, rng.randint(0, len(EQUIPMENT)))),
                priorities=tuple(rng.sample(TARGET_REGIONS, rng.randint(0, 6))),
            )
        )
    return out


def main() -> None:
    catalogue = load_catalogue()
    index, rules = catalogue.index, catalogue.rules
    rng = random.Random(2026)
    priorities = rules.week.default_priorities

    baseline, rates = [], []
    for _ in range(REPEATS):
        started = time.perf_counter()
        requests = _requests(rng, SESSIONS, priorities)
        baseline.append(time.perf_counter() - started)
        started = time.perf_counter()
        for request in requests:
            compose(request, index, rules)
        rates.append(SESSIONS / (time.perf_counter() - started))
    rate = statistics.median(rates)
    prep_rate = SESSIONS / statistics.median(baseline)
    print(f"composer, {SESSIONS} random sessions x {REPEATS} (one core):")
    print(f"  median {rate:,.0f} sessions/s  ({1e3 / rate:.3f} ms each)")
    print(f"  baseline: building the requests alone {prep_rate:,.0f}/s; compose costs {prep_rate / rate:.1f}x that")
    print(f"  target >= 2,000/s: {'meets' if rate >= 2000 else 'MISSES'}")

    profiles = _profiles(rng, PROFILES)
    started = time.perf_counter()
    for number, profile in enumerate(profiles):
        plan_week(
            start=dt.date(2026, 11, 23) + dt.timedelta(days=number % 7), profile=profile, index=index, rules=rules
        )
    elapsed = time.perf_counter() - started
    print(f"week plans for {PROFILES} random profiles: {elapsed:.2f} s ({PROFILES / elapsed:,.0f} plans/s)")
    print(f"  target < 20 s: {'meets' if elapsed < 20 else 'MISSES'}")


if __name__ == "__main__":
    main()
