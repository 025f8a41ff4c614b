"""Turning the sport a file names into one of ``supple.core.activity.SPORTS``.

FIT names a sport and a sub-sport from its profile ("running"/"trail", "fitness_equipment"/
"indoor_rowing"); GPX has a free-text ``<type>`` and TCX a ``Sport`` attribute ("Running",
"Biking", "Other"). Anything not recognised is "other"; the runner can change it by hand.
"""

from __future__ import annotations

import re

_FIT_SPORTS = {
    "running": "running",
    "walking": "walking",
    "hiking": "hiking",
    "cycling": "cycling",
    "e_biking": "cycling",
    "swimming": "swimming",
    "rowing": "rowing",
}
_FIT_SUB_SPORTS = {
    "trail": "trail_running",
    "treadmill": "treadmill",
    "indoor_running": "treadmill",
    "indoor_rowing": "rowing",
    "indoor_cycling": "cycling",
    "indoor_walking": "walking",
}
# Most specific first: "trail run" is a trail run before it is a run.
_WORDS = (
    (re.compile(r"trail.?run"), "trail_running"),
    (re.compile(r"treadmill"), "treadmill"),
    (re.compile(r"\brun|running|jog"), "running"),
    (re.compile(r"\bhik"), "hiking"),
    (re.compile(r"\bwalk"), "walking"),
    (re.compile(r"\bbik|\bride\b|riding|cycl|\bbicycl"), "cycling"),
    (re.compile(r"\bswim"), "swimming"),
    (re.compile(r"\brow(ing)?\b"), "rowing"),
)


def fit_sport(sport: str | None, sub_sport: str | None) -> str:
    """The Supple sport for FIT's ``sport``/``sub_sport`` names."""
    if sport == "running" and sub_sport == "trail":
        return "trail_running"
    if sport in ("running", "fitness_equipment") and sub_sport in ("treadmill", "indoor_running"):
        return "treadmill"
    if sub_sport in _FIT_SUB_SPORTS and sub_sport not in ("trail", "treadmill", "indoor_running"):
        return _FIT_SUB_SPORTS[sub_sport]
    return _FIT_SPORTS.get(sport or "", "other")


def fit_source_sport(sport: str | None, sub_sport: str | None) -> str:
    """FIT's own words, "sport" or "sport/sub_sport" (a generic sub-sport is left out)."""
    words = sport or "unknown"
    return f"{words}/{sub_sport}" if sub_sport and sub_sport != "generic" else words


def word_sport(words: str | None) -> str:
    """The Supple sport for free text ("Run", "Morning Ride", "Biking", "hiking"); "other" when unclear."""
    text = (words or "").strip().lower().replace("_", " ")
    for pattern, sport in _WORDS:
        if pattern.search(text):
            return sport
    return "other"
