"""Reading a training-plan calendar event's words: is it a run, what kind, how far, how long.

Coaching tools name their events in a few ways: TrainingPeaks "Run: Tempo 45 min", intervals.icu
"Run" with the plan in the description, Garmin Connect "Running - Long Run 16k", a runner's own
Google calendar "Parkrun" or "easy jog". The title (SUMMARY) speaks first, then the CATEGORIES,
then the DESCRIPTION: the first of them that names a sport decides.

Words that only a run uses ("run", "jog", "parkrun", "marathon", "fartlek") beat words of another
sport; words other sports share ("tempo", "intervals", "threshold", "race", "10k") count for a run
only when no other sport is named ("Bike intervals" is a ride).
"""

from __future__ import annotations

import re

from supple.core.activity import RunKind

_RUN_ONLY = re.compile(r"\b(runs?|running|jog|jogging|parkrun|(half[\s-]?)?marathon|fartlek|strides|long run)\b")
_RUN_SHARED = re.compile(r"\b(tempo|intervals?|threshold|race|half|track|hill repeats|hills|\d+(\.\d+)?\s?k)\b")
_REST = re.compile(r"\b(rest( day)?|day off|off day|recovery day off)\b")
#: Other sports, each with the reason said when an event is one of them.
_OTHER = (
    (re.compile(r"\b(ride|riding|bike|biking|cycling|cycle|mtb|spin|zwift|velo)\b"), "a bike ride, not a run"),
    (re.compile(r"\b(swim|swimming|pool|open water)\b"), "a swim, not a run"),
    (re.compile(r"\b(strength|gym|weights|lifting|core)\b"), "strength work, not a run"),
    (re.compile(r"\b(yoga|pilates|mobility|stretch|stretching)\b"), "yoga or mobility, not a run"),
    (re.compile(r"\b(walk|walking|hike|hiking)\b"), "a walk or hike, not a run"),
    (re.compile(r"\b(row|rowing|erg)\b"), "rowing, not a run"),
    (re.compile(r"\b(ski|skiing|xc ski)\b"), "skiing, not a run"),
)

_DISTANCE = re.compile(r"(?<![\d.])(\d+(?:[.,]\d+)?)\s?(km|k|kilomet(?:er|re)s?|mi|miles?)(?![a-z])", re.IGNORECASE)
_LABELLED_DISTANCE = re.compile(
    r"\b(?:planned distance|distance|total)\s*[:=]?\s*(\d+(?:[.,]\d+)?)\s?(km|k|kilomet(?:er|re)s?|mi|miles?)\b",
    re.IGNORECASE,
)
_HOURS = re.compile(r"(?<![\d.:x\u00d7])(\d{1,2})\s?h(?:ours?|rs?)?\s?(\d{1,2})?\s?(?:m|min|mins)?\b", re.IGNORECASE)
_CLOCK = re.compile(r"(?<![\d.:x\u00d7])(\d{1,2}):(\d{2})\s?(?:h|hrs?|hours?)\b", re.IGNORECASE)
_MINUTES = re.compile(r"(?<![\d.:x\u00d7])(\d{1,3})\s?(?:min|mins|minutes|')(?![a-z])", re.IGNORECASE)
#: A repeat ("3x10'", "6 x 1 km", "5x400m", also with a times sign): the length of one rep, not of the run.
_REPEATS = re.compile(r"\b\d+\s?[x\u00d7]\s?\d+(?:[.,]\d+)?\s?(?:min|mins|minutes|'|km|k|mi|m|s|sec)?", re.I)
_LABELLED_PLAIN = re.compile(r"\b(?:duration|planned time|time)\s*[:=]?\s*(\d{1,3})\s?(?:min|mins|minutes)\b", re.I)
_LABELLED_MINUTES = re.compile(r"\b(?:duration|planned time|time)\s*[:=]?\s*(\d{1,2}):(\d{2})(?::\d{2})?\b", re.I)

#: Race distances named without figures (metres).
_NAMED = (("half marathon", 21097.5), ("half-marathon", 21097.5), ("marathon", 42195.0), ("parkrun", 5000.0))
_MILE = 1609.344


def sport(text: str) -> tuple[bool, str] | None:
    """(True, "") for a run; (False, reason) for a rest day or another sport; None when undecided."""
    words = text.lower()
    if _RUN_ONLY.search(words):
        return True, ""
    if _REST.search(words):
        return False, "a rest day"
    for pattern, reason in _OTHER:
        if pattern.search(words):
            return False, reason
    if _RUN_SHARED.search(words):
        return True, ""
    return None


def kind(text: str) -> RunKind:
    """The kind of run the words say: race, long, workout, else easy."""
    words = text.lower()
    if re.search(r"\b(race|parkrun)\b", words) or (
        re.search(r"\bmarathon\b", words) and not re.search(r"\b(pace|mp)\b", words)
    ):
        return "race"
    if re.search(r"\blong\b", words):
        return "long"
    if re.search(r"\b(intervals?|tempo|threshold|fartlek|hills?|hill repeats|workout|track|repeats|vo2)\b", words):
        return "workout"
    return "easy"


def says_easy(text: str) -> bool:
    """Whether the words call the run easy themselves (then the description cannot make it harder)."""
    return re.search(r"\b(easy|recovery|shakeout|shake-out|aerobic|base)\b", text.lower()) is not None


def distance_m(title: str, description: str) -> float | None:
    """Metres from the title ("10 km", "16k", "6 mi"; the largest figure), else a labelled figure
    in the description ("Distance: 12 km"), else a named race distance. None when none."""
    found = [_metres(v, u) for v, u in _DISTANCE.findall(_REPEATS.sub(" ", title))]
    if not found:
        found = [_metres(v, u) for v, u in _LABELLED_DISTANCE.findall(description)]
    if found:
        return max(found)
    words = title.lower()
    if re.search(r"\b(pace|mp)\b", words):
        return None  # "marathon pace" is how fast, not how far
    for name, metres in _NAMED:
        if name in words:
            return metres
    return None


def minutes(title: str, description: str) -> int | None:
    """Minutes from the title ("45 min", "1h30", "1:15 h"; not a repeat's "3x10'"), else a
    labelled time in the description ("Planned time: 1:05:00", "Duration: 50 min"). None when none."""
    match = _LABELLED_MINUTES.search(description)
    labelled = int(match[1]) * 60 + int(match[2]) if match else None
    if labelled is None:
        match = _LABELLED_PLAIN.search(description)
        labelled = int(match[1]) if match else None
    return _minutes_in(_REPEATS.sub(" ", title)) or labelled or None


def _minutes_in(text: str) -> int | None:
    match = _CLOCK.search(text)
    if match:
        return int(match[1]) * 60 + int(match[2])
    match = _HOURS.search(text)
    if match:
        return int(match[1]) * 60 + int(match[2] or 0)
    match = _MINUTES.search(text)
    return int(match[1]) if match else None


def _metres(value: str, unit: str) -> float:
    number = float(value.replace(",", "."))
    return number * _MILE if unit.lower().startswith("mi") else number * 1000
