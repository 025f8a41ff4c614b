"""What a FIT summary costs: the fast summary reader against a full fitdecode decode, per real file.

For every FIT file in ../shared/data/activities (fit/ and odd/), the median time of
``supple.importers.fit.read_fit`` (the fast reader, falling back to the full decoder for the files it
leaves to it) and of ``read_fit_full`` (fitdecode decodes every message), then the median over the
files of each and their ratio, in the same run. Target (issue #11): the fast path at least 10x faster.

Run: `.venv/bin/python benchmarks/fit_summary.py [repeats]` (default 3 repeats per file).
"""

from __future__ import annotations

import contextlib
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from supple.importers.fit import read_fit, read_fit_full
from supple.importers.fit_fast import read_facts
from supple.importers.reading import FileRead, Refuse, Skip

DATA = Path(__file__).parents[1] / ".." / "shared" / "data" / "activities"


def _median_seconds(read: Callable[[bytes], FileRead], data: bytes, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        with contextlib.suppress(Skip, Refuse):
            read(data)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    files = sorted(DATA.glob("*/*.fit"))
    if not files:
        raise SystemExit(f"no FIT files under {DATA}")
    read_fit(files[0].read_bytes())  # imports and profile tables loaded once, outside the timing
    fast_times, full_times = [], []
    print(f"{'file':58} {'bytes':>9} {'fast ms':>9} {'full ms':>9} {'ratio':>7}  path")
    for path in files:
        data = path.read_bytes()
        fast = _median_seconds(read_fit, data, repeats)
        full = _median_seconds(read_fit_full, data, repeats)
        fast_times.append(fast)
        full_times.append(full)
        way = "fast" if read_facts(data) is not None else "full decoder (fallback)"
        name = str(path.relative_to(DATA))
        print(f"{name:58} {len(data):9} {fast * 1000:9.2f} {full * 1000:9.1f} {full / fast:6.0f}x  {way}")
    fast_median, full_median = statistics.median(fast_times), statistics.median(full_times)
    print(
        f"\nmedian over {len(files)} files: fast {fast_median * 1000:.2f} ms, full {full_median * 1000:.1f} ms, "
        f"ratio {full_median / fast_median:.0f}x (target >= 10x)"
    )
    print(f"total: fast {sum(fast_times):.2f} s, full {sum(full_times):.2f} s")


if __name__ == "__main__":
    main()
