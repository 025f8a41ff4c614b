"""The runs repository: recorded activities (and the files they came from) and planned runs.

Every write is one transaction that first locks the athlete (``repository.lock_athlete``), so
two processes importing the same file one after the other, or at the same moment, store it
once: the second finds the first's rows. The unique key on (athlete, content hash, part) is
the last guard.

An imported file is a duplicate when its hash and part are already stored, or when it holds
the same activity as one already stored from another file (the same start within 60 s and
an elapsed time within 10 % or 120 s): the file is then linked to that activity, and when the
new file is a FIT and the stored one is not, the activity takes the FIT's figures (FIT files
carry the device's own summary).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from supple.core.activity import RUN_SPORTS, Activity, PlannedRun
from supple.store.errors import NotFound
from supple.store.repository import Transaction, athlete_id, lock_athlete
from supple.store.schema import activities, activity_files, planned_runs
from supple.store.session_rows import as_utc, utc_now

#: Two records start within this of each other to be the same activity.
SAME_START = dt.timedelta(seconds=60)
#: ... and their elapsed times differ by at most this share of the longer, or ``SAME_ELAPSED_SECONDS``.
SAME_ELAPSED_SHARE = 0.10
SAME_ELAPSED_SECONDS = 120.0

FILE_FORMATS = ("fit", "gpx", "tcx")

# The statements an import runs per file, built once (building them is most of a small file's cost).
_FILE_ACTIVITIES = (
    sa.select(activity_files.c.activity_id)
    .where(
        activity_files.c.athlete_id == sa.bindparam("owner"),
        activity_files.c.content_hash == sa.bindparam("content_hash"),
    )
    .order_by(activity_files.c.part)
)
_PART_ACTIVITY = sa.select(activity_files.c.activity_id).where(
    activity_files.c.athlete_id == sa.bindparam("owner"),
    activity_files.c.content_hash == sa.bindparam("content_hash"),
    activity_files.c.part == sa.bindparam("part"),
)
_NEAR = (
    sa.select(activities.c.id, activities.c.start_utc, activities.c.elapsed_seconds, activities.c.format)
    .where(
        activities.c.athlete_id == sa.bindparam("owner"),
        activities.c.start_utc >= sa.bindparam("earliest", type_=activities.c.start_utc.type),
        activities.c.start_utc <= sa.bindparam("latest", type_=activities.c.start_utc.type),
    )
    .order_by(activities.c.id)
)
_INSERT_ACTIVITY = activities.insert().returning(activities.c.id)
_INSERT_FILE = activity_files.insert()
Outcome = tuple[Literal["imported", "duplicate"], int]


@dataclass(frozen=True, slots=True)
class StoredActivity:
    """An activity as stored: its id, its summary, the file its figures come from and that file's format."""

    id: int
    activity: Activity
    source: str
    format: str


@dataclass(frozen=True, slots=True)
class StoredPlannedRun:
    id: int
    run: PlannedRun
    calendar_id: int | None = None
    event_uid: str | None = None


def same_activity(a_start: dt.datetime, a_elapsed: float, b_start: dt.datetime, b_elapsed: float) -> bool:
    """True when two records are one activity: starts within 60 s, elapsed within 10 % or 120 s."""
    if abs(as_utc(a_start) - as_utc(b_start)) > SAME_START:
        return False
    allowed = max(SAME_ELAPSED_SECONDS, SAME_ELAPSED_SHARE * max(a_elapsed, b_elapsed))
    return abs(a_elapsed - b_elapsed) <= allowed


def _figures(activity: Activity) -> dict[str, Any]:
    offset = activity.local_offset
    return {
        "start_utc": as_utc(activity.start),
        "local_offset_minutes": None if offset is None else round(offset.total_seconds() / 60),
        "sport": activity.sport,
        "source_sport": activity.source_sport[:100],
        "elapsed_seconds": float(activity.elapsed_seconds),
        "moving_seconds": None if activity.moving_seconds is None else float(activity.moving_seconds),
        "distance_m": None if activity.distance_m is None else float(activity.distance_m),
        "avg_hr": activity.avg_hr,
    }


def _stored(row: Any) -> StoredActivity:
    minutes = row.local_offset_minutes
    activity = Activity(
        start=as_utc(row.start_utc),
        local_offset=None if minutes is None else dt.timedelta(minutes=minutes),
        sport=row.sport,
        elapsed_seconds=row.elapsed_seconds,
        moving_seconds=row.moving_seconds,
        distance_m=row.distance_m,
        avg_hr=row.avg_hr,
        source_sport=row.source_sport,
    )
    return StoredActivity(id=row.id, activity=activity, source=row.source, format=row.format)


def _planned(row: Any) -> StoredPlannedRun:
    run = PlannedRun(
        date=row.date,
        at=row.at,
        kind=row.kind,
        distance_m=row.distance_m,
        minutes=row.minutes,
        source=row.source,
        title=row.title,
    )
    return StoredPlannedRun(id=row.id, run=run, calendar_id=row.calendar_id, event_uid=row.event_uid)


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)


class Runs:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- imports ------------------------------------------------------------------------------------
    def known_file(self, athlete: str, content_hash: str) -> list[int] | None:
        """The activities a file with ``content_hash`` was stored as, by part; None when it is new."""
        with self.engine.connect() as conn:
            owner = athlete_id(conn, athlete, create=False)
            if owner is None:
                return None
            rows = conn.execute(_FILE_ACTIVITIES, {"owner": owner, "content_hash": content_hash}).scalars()
            found = [int(v) for v in rows]
            return found or None

    def add_activities(
        self, athlete: str, path: str, fmt: str, content_hash: str, found: Sequence[Activity]
    ) -> list[Outcome]:
        """Store the activities read from one file (part i is ``found[i]``), whole or not at all.

        Each part is ``("imported", id)`` or ``("duplicate", id of the activity it already is)``.
        """
        if fmt not in FILE_FORMATS:
            raise ValueError(f"format {fmt!r}: expected one of {', '.join(FILE_FORMATS)}")
        with Transaction(self.engine) as conn:
            owner = lock_athlete(conn, athlete)
            outcomes: list[Outcome] = []
            for part, activity in enumerate(found):
                outcomes.append(_add_part(conn, owner, path, fmt, content_hash, part, activity, outcomes))
            return outcomes

    # -- reads --------------------------------------------------------------------------------------
    def activities(
        self,
        athlete: str,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        limit: int | None = None,
    ) -> list[StoredActivity]:
        """Activities started on ``since`` .. ``until`` (UTC days, each open-ended when None), newest first."""
        with self.engine.connect() as conn:
            owner = athlete_id(conn, athlete, create=False)
            if owner is None:
                return []
            query = sa.select(activities).where(activities.c.athlete_id == owner)
            if since is not None:
                query = query.where(activities.c.start_utc >= _day_start(since))
            if until is not None:
                query = query.where(activities.c.start_utc < _day_start(until + dt.timedelta(days=1)))
            query = query.order_by(activities.c.start_utc.desc(), activities.c.id.desc())
            if limit is not None:
                query = query.limit(limit)
            return [_stored(row) for row in conn.execute(query)]

    def get_activity(self, athlete: str, activity_id: int) -> StoredActivity:
        with self.engine.connect() as conn:
            owner = athlete_id(conn, athlete, create=False)
            row = conn.execute(
                sa.select(activities).where(activities.c.athlete_id == owner, activities.c.id == activity_id)
            ).first()
        if row is None:
            raise NotFound(f"activity {activity_id}")
        return _stored(row)

    def count_activities(self, athlete: str) -> int:
        with self.engine.connect() as conn:
            owner = athlete_id(conn, athlete, create=False)
            query = sa.select(sa.func.count()).select_from(activities).where(activities.c.athlete_id == owner)
            return int(conn.execute(query).scalar_one())

    def longest_run(self, athlete: str, before: dt.date, days: int = 30) -> float | None:
        """The longest run's distance (metres) started in the ``days`` days before ``before``; None if none."""
        with self.engine.connect() as conn:
            owner = athlete_id(conn, athlete, create=False)
            if owner is None:
                return None
            query = sa.select(sa.func.max(activities.c.distance_m)).where(
                activities.c.athlete_id == owner,
                activities.c.sport.in_(sorted(RUN_SPORTS)),
                activities.c.start_utc >= _day_start(before - dt.timedelta(days=days)),
                activities.c.start_utc < _day_start(before),
            )
            found = conn.execute(query).scalar()
            return None if found is None else float(found)

    # -- by hand ------------------------------------------------------------------------------------
    def add_manual(self, athlete: str, activity: Activity) -> int:
        """Store a run done without a file (a treadmill run, say); its id."""
        with Transaction(self.engine) as conn:
            owner = lock_athlete(conn, athlete)
            return _insert_activity(conn, owner, activity, source="", fmt="manual")

    def update_activity(self, athlete: str, activity_id: int, activity: Activity) -> StoredActivity:
        """Replace an activity's figures (a correction by hand); the activity as stored."""
        with Transaction(self.engine) as conn:
            owner = lock_athlete(conn, athlete)
            done = conn.execute(
                activities.update()
                .where(activities.c.athlete_id == owner, activities.c.id == activity_id)
                .values(**_figures(activity))
            )
            if done.rowcount == 0:
                raise NotFound(f"activity {activity_id}")
            row = conn.execute(sa.select(activities).where(activities.c.id == activity_id)).one()
            return _stored(row)

    def delete_activity(self, athlete: str, activity_id: int) -> None:
        """Delete an activity and the links of its files (importing a file again stores it again)."""
        with Transaction(self.engine) as conn:
            owner = lock_athlete(conn, athlete)
            done = conn.execute(
                activities.delete().where(activities.c.athlete_id == owner, activities.c.id == activity_id)
            )
            if done.rowcount == 0:
                raise NotFound(f"activity {activity_id}")

    # -- planned runs -------------------------------------------------------------------------------
    def add_planned(self, athlete: str, run: PlannedRun) -> int:
        with Transaction(self.engine) as conn:
            owner = lock_athlete(conn, athlete)
            values = {
                "athlete_id": owner,
                "date": run.date,
                "at": run.at,
                "kind": run.kind,
                "distance_m": run.distance_m,
                "minutes": run.minutes,
                "title": run.title[:200],
                "source": "manual" if run.source == "profile" else run.source,
                "created_at": utc_now(),
            }
            return int(conn.execute(planned_runs.insert().values(**values).returning(planned_runs.c.id)).scalar_one())

    def planned(
        self, athlete: str, *, since: dt.date | None = None, until: dt.date | None = None
    ) -> list[StoredPlannedRun]:
        """Planned runs dated ``since`` .. ``until`` (each open-ended when None), by date and time."""
        with self.engine.connect() as conn:
            owner = athlete_id(conn, athlete, create=False)
            if owner is None:
                return []
            query = sa.select(planned_runs).where(planned_runs.c.athlete_id == owner)
            if since is not None:
                query = query.where(planned_runs.c.date >= since)
            if until is not None:
                query = query.where(planned_runs.c.date <= until)
            query = query.order_by(planned_runs.c.date, planned_runs.c.at, planned_runs.c.id)
            return [_planned(row) for row in conn.execute(query)]

    def delete_planned(self, athlete: str, run_id: int) -> None:
        with Transaction(self.engine) as conn:
            owner = lock_athlete(conn, athlete)
            done = conn.execute(
                planned_runs.delete().where(planned_runs.c.athlete_id == owner, planned_runs.c.id == run_id)
            )
            if done.rowcount == 0:
                raise NotFound(f"planned run {run_id}")


# -- one part of one file ---------------------------------------------------------------------------
def _insert_activity(conn: Connection, owner: int, activity: Activity, *, source: str, fmt: str) -> int:
    values = _figures(activity) | {"athlete_id": owner, "source": source, "format": fmt, "created_at": utc_now()}
    return int(conn.execute(_INSERT_ACTIVITY, values).scalar_one())


def _link_file(
    conn: Connection, owner: int, content_hash: str, part: int, activity_id: int, path: str, fmt: str
) -> None:
    values = {
        "athlete_id": owner,
        "content_hash": content_hash,
        "part": part,
        "activity_id": activity_id,
        "path": path,
        "format": fmt,
        "created_at": utc_now(),
    }
    conn.execute(_INSERT_FILE, values)


def _add_part(
    conn: Connection,
    owner: int,
    path: str,
    fmt: str,
    content_hash: str,
    part: int,
    activity: Activity,
    earlier: list[Outcome],
) -> Outcome:
    known = conn.execute(_PART_ACTIVITY, {"owner": owner, "content_hash": content_hash, "part": part}).scalar()
    if known is not None:
        return ("duplicate", int(known))
    start = as_utc(activity.start)
    window = {"owner": owner, "earliest": start - SAME_START, "latest": start + SAME_START}
    near = conn.execute(_NEAR, window).all()
    taken = {activity_id for _, activity_id in earlier}  # another part of this same file
    for row in near:
        if row.id in taken or not same_activity(row.start_utc, row.elapsed_seconds, start, activity.elapsed_seconds):
            continue
        if fmt == "fit" and row.format != "fit":
            conn.execute(
                activities.update()
                .where(activities.c.id == row.id)
                .values(**_figures(activity), source=path, format=fmt)
            )
        _link_file(conn, owner, content_hash, part, row.id, path, fmt)
        return ("duplicate", int(row.id))
    new_id = _insert_activity(conn, owner, activity, source=path, fmt=fmt)
    _link_file(conn, owner, content_hash, part, new_id, path, fmt)
    return ("imported", new_id)


__all__ = ["Runs", "StoredActivity", "StoredPlannedRun", "same_activity"]
