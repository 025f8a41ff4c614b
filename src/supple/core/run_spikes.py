"""The warning beside a planned run much longer than the longest run of the past 30 days.

In 5,205 runners followed for injuries, a single run more than 10 % longer than the longest
run of the previous 30 days came with a higher injury rate: about 1.64 times for 10-30 %
longer, 1.52 times for 30-100 %, 2.28 times for more than double (Frandsen 2025; the bands and
ratios are data, ``[runs]`` in ``catalogue/rules.toml``). That is the signal Supple shows;
never an acute:chronic workload ratio, which predicts injury barely better than chance.

Choices, said here once:

- Only runs *done* count as the past (what the study measured); a planned run is not
  compared with other planned runs.
- The study compared distances. A planned run with only minutes and no distance gets no
  warning, since the runs done are known by their distance: a guess at a pace would be a
  figure Supple made up.
- With no run done in the 30 days before it, a planned run gets no warning: there is no
  longest run to compare with, and Supple invents no figure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from supple.core.activity import PlannedRun
from supple.core.rules import RunRules, SpikeBand


@dataclass(frozen=True, slots=True)
class RunWarning:
    """What is said beside one planned run, with its figures."""

    planned_km: float
    #: The longest run done in the window before the planned run's date.
    longest_km: float
    #: How much longer the planned run is, in percent (rounded to a whole number).
    percent_longer: int
    #: The band's lower bound and its injury rate ratio.
    band: SpikeBand
    window_days: int
    source: str
    text: str

    @property
    def rate_ratio(self) -> float:
        return self.band.rate_ratio


def run_warnings(
    planned: Sequence[PlannedRun], done: Sequence[tuple[dt.date, float]], rules: RunRules
) -> dict[int, RunWarning]:
    """Warnings by index in ``planned``; ``done`` is (date, metres) of the runs done.

    A run done on the planned run's own date does not count (the window is the
    ``spike_window_days`` days before it).
    """
    out: dict[int, RunWarning] = {}
    for n, run in enumerate(planned):
        if run.distance_m is None or run.distance_m <= 0:
            continue
        first = run.date - dt.timedelta(days=rules.spike_window_days)
        longest = max((m for d, m in done if first <= d < run.date and m > 0), default=None)
        if longest is None:
            continue
        warning = spike_warning(run.distance_m, longest, rules)
        if warning is not None:
            out[n] = warning
    return out


def spike_warning(planned_m: float, longest_m: float, rules: RunRules) -> RunWarning | None:
    """The warning for a run of ``planned_m`` metres after a longest of ``longest_m``, or None."""
    percent = round((planned_m - longest_m) * 100 / longest_m, 6)  # 11 km after 10 km is 10 %, not 10.000001
    bands = [b for b in rules.spike_bands if percent > b.above_percent]
    if not bands:
        return None
    band = bands[-1]
    planned_km, longest_km = round(planned_m / 1000, 1), round(longest_m / 1000, 1)
    shown = max(round(percent), int(band.above_percent) + 1)  # never "10 % longer" for 10.3 %
    window = rules.spike_window_days
    text = (
        f"This run is {shown} % longer than your longest run of the past {window} days "
        f"({planned_km:.1f} km against {longest_km:.1f} km). In a study of {rules.spike_runners:,} runners, "
        f"single runs {band_words(band, rules)} than the longest of the previous {window} days came with "
        f"about {band.rate_ratio:.1f} times the injury rate ({rules.spike_source})."
    )
    return RunWarning(planned_km, longest_km, shown, band, window, rules.spike_source, text)


def band_words(band: SpikeBand, rules: RunRules) -> str:
    """``10-30 % longer``, or ``more than 100 % longer`` for the last band."""
    higher = [b.above_percent for b in rules.spike_bands if b.above_percent > band.above_percent]
    if not higher:
        return f"more than {band.above_percent:g} % longer"
    return f"{band.above_percent:g}\u2013{min(higher):g} % longer"
