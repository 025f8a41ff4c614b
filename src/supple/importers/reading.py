"""Reading one activity file's bytes into ``Activity`` summaries: the interface every reader follows.

A reader takes the whole file as bytes (the walker over folders, zips and gzip files finds and opens
them) and returns a ``FileRead``: the activities found (a multisport FIT file holds several) and a
note in words when something was odd but the file could still be read (it ends early, say). It
raises ``Skip`` for a file that is not a recorded activity (a course, a route, a workout) and
``Refuse`` for a broken or unsafe file; both carry their reason in words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from supple.core.activity import Activity

#: Starts before this mean the device's clock was never set (FIT counts from 1989-12-31, GPSBabel
#: writes 1901-12-13 for a missing time).
EARLIEST_START = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class FileRead:
    """What one file held: its activities, and a note in words when something was odd."""

    activities: tuple[Activity, ...]
    note: str = ""


class Skip(Exception):
    """Not a recorded activity (a course, a route, a workout, no track); ``str(e)`` says why."""


class Refuse(Exception):
    """A broken or unsafe file; ``str(e)`` names what is wrong and what is expected."""


def check_start(start: dt.datetime) -> dt.datetime:
    """``start`` unchanged, or ``Refuse`` when it is from before 2000 (a clock that was never set)."""
    if start < EARLIEST_START:
        raise Refuse(
            f"the device's clock was not set: the start reads {start:%Y-%m-%d %H:%M} UTC; "
            "expected a real date (2000 or later)"
        )
    return start


def _read_fit(data: bytes) -> FileRead:
    from supple.importers.fit import read_fit

    return read_fit(data)


def _read_gpx(data: bytes) -> FileRead:
    from supple.importers.gpx import read_gpx

    return read_gpx(data)


def _read_tcx(data: bytes) -> FileRead:
    from supple.importers.tcx import read_tcx

    return read_tcx(data)


#: One reader per kind of file, by the file's extension without the dot.
READERS: dict[str, Callable[[bytes], FileRead]] = {"fit": _read_fit, "gpx": _read_gpx, "tcx": _read_tcx}


def read_activity(kind: str, data: bytes) -> FileRead:
    """Read ``data`` as a ``kind`` file ("fit", "gpx" or "tcx")."""
    reader = READERS.get(kind.lower().lstrip("."))
    if reader is None:
        raise Refuse(f"unknown kind of activity file {kind!r}; expected one of {', '.join(sorted(READERS))}")
    return reader(data)
