"""The ``[runs]`` table of ``rules.toml``: what the week puts around planned runs, and the
thresholds of the warning beside a run much longer than the longest of the past 30 days."""

from __future__ import annotations

from typing import TYPE_CHECKING

from supple.core.activity import RUN_KINDS
from supple.core.rules import RunRules, SpikeBand

if TYPE_CHECKING:
    from supple.catalogue.loader import _Fields


def run_rules(runs: _Fields) -> RunRules:
    """``[runs]`` of rules.toml: the week around planned runs and the long-run warning."""
    runs.only(
        "recovery_after",
        "no_strength_before",
        "no_strength_on",
        "spike_window_days",
        "spike_percents",
        "spike_rate_ratios",
        "spike_runners",
        "spike_source",
        "source",
    )
    runs.text("source")
    percents = runs.get("spike_percents", list, "a list of numbers, lowest first")
    ratios = runs.get("spike_rate_ratios", list, "a list of numbers, one per spike_percents")
    numbers = [*percents, *ratios]
    if any(isinstance(n, bool) or not isinstance(n, (int, float)) or n <= 0 for n in numbers):
        raise runs.fail("spike_percents", "expected positive numbers in spike_percents and spike_rate_ratios")
    if not percents or list(percents) != sorted(set(percents)):
        raise runs.fail("spike_percents", f"{percents!r} is not valid; expected different numbers, lowest first")
    if len(ratios) != len(percents):
        raise runs.fail("spike_rate_ratios", f"has {len(ratios)} numbers; expected {len(percents)}, one per percent")
    return RunRules(
        recovery_after=runs.texts("recovery_after", allowed=RUN_KINDS),
        no_strength_before=runs.texts("no_strength_before", allowed=RUN_KINDS),
        no_strength_on=runs.texts("no_strength_on", allowed=RUN_KINDS),
        spike_window_days=runs.integer("spike_window_days", 1, 365),
        spike_bands=tuple(SpikeBand(float(p), float(r)) for p, r in zip(percents, ratios, strict=True)),
        spike_runners=runs.integer("spike_runners", 1, 10_000_000),
        spike_source=runs.text("spike_source"),
    )
