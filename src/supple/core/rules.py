"""Thresholds and timings the composer and planner obey.

The values come from ``catalogue/rules.toml`` where each carries its source; this module
only gives them a type so that the pure core never reads files.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Timing:
    transition_seconds: int
    side_switch_seconds: int
    rest_between_sets_seconds: int


@dataclass(frozen=True, slots=True)
class PrimerRules:
    max_static_hold_seconds: int
    max_static_sets: int
    melt_seconds_per_side: int
    max_minutes: int
    lead_minutes_rounding: int
    #: The shortest a primer gets when the day's minutes are shared with an after-run session.
    min_minutes: int = 4
    #: At most this share of a primer's time goes to releases and static holds (the rest moves).
    max_passive_share: float = 0.5


@dataclass(frozen=True, slots=True)
class WeekRules:
    """The weekly targets per priority region: range work (minutes over days) and strength days."""

    min_region_minutes: int
    min_region_days: int
    default_priorities: tuple[str, ...]
    min_strength_days: int = 2
    #: The shortest after-run strength session worth planning on a run day.
    after_run_min_minutes: int = 3
    #: A region's strength days are this many days apart where the week allows.
    strength_gap_days: int = 2


@dataclass(frozen=True, slots=True)
class SpikeBand:
    """Runs more than ``above_percent`` longer than the longest of the window came with ``rate_ratio`` times the
    injury rate."""

    above_percent: float
    rate_ratio: float


@dataclass(frozen=True, slots=True)
class RunRules:
    """What the week puts around planned runs, and when a planned run gets a warning."""

    #: The day after a run of one of these kinds gets a recovery session and no strength.
    recovery_after: tuple[str, ...] = ("long", "race")
    #: No strength on the day before a run of one of these kinds...
    no_strength_before: tuple[str, ...] = ("race", "workout")
    #: ...nor on the day of a run of one of these kinds.
    no_strength_on: tuple[str, ...] = ("race",)
    #: A planned run is compared with the longest run done in this many days before it.
    spike_window_days: int = 30
    #: Lowest first; a run is in the highest band whose ``above_percent`` it exceeds.
    spike_bands: tuple[SpikeBand, ...] = (SpikeBand(10, 1.64), SpikeBand(30, 1.52), SpikeBand(100, 2.28))
    #: How many runners the study followed, said in the warning.
    spike_runners: int = 5205
    spike_source: str = "Frandsen 2025"


@dataclass(frozen=True, slots=True)
class Note:
    """A sentence shown to the runner on every surface, with its source."""

    text: str
    source: str


@dataclass(frozen=True, slots=True)
class Redirect:
    """A symptom-only region and the regions that are worked instead, with the reason."""

    region: str
    sources: tuple[str, ...]
    reason: str
    #: Other names a runner may type for it, such as an exercise that does not exist (``roll-it-band``).
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rules:
    timing: Timing
    primer: PrimerRules
    week: WeekRules
    #: Seconds of session time each kind aims to give one region; sets how many regions fit.
    block_seconds: dict[str, int]
    redirects: dict[str, Redirect]
    #: One line per region saying why it matters to a runner (block "why").
    region_why: dict[str, str]
    #: Said beside a re-test done straight after a session: the gain fades within about 30 minutes.
    retest_fades: Note
    #: The rules of the week around planned runs (``[runs]`` in rules.toml).
    runs: RunRules = RunRules()
