"""Training-plan calendars a runner subscribed to: their rows (the fetching is in services).

Every write is one short transaction; deleting a calendar deletes the planned runs taken from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from supple.core.activity import PlannedRun
from supple.store.errors import NotFound
from supple.store.repository import Transaction, athlete_id, lock_athlete
from supple.store.schema import athletes, calendars, planned_runs
from supple.store.session_rows import as_utc, utc_now


@dataclass(frozen=True, slots=True)
class Calendar:
    id: int
    url: str
    name: str
    created_at: dt.datetime
    fetched_at: dt.datetime | None
    status: str
    report: Any
    etag: str | None


def _calendar(row: Any) -> Calendar:
    return Calendar(
        id=row.id,
        url=row.url,
        name=row.name,
        created_at=as_utc(row.created_at),
        fetched_at=None if row.fetched_at is None else as_utc(row.fetched_at),
        status=row.status,
        report=row.report,
        etag=row.etag,
    )


class Calendars:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # -- calendars ----------------------------------------------------------------------------------
    def add_calendar(self, athlete: str, url: str, name: str = "") -> int:
        with Transaction(self.engine) as conn:
            owner = athlete_id(conn, athlete, create=True)
            statement = calendars.insert().values(
                athlete_id=owner, url=url, name=name[:200], created_at=utc_now(), status="not fetched yet"
            )
            return int(conn.execute(statement.returning(calendars.c.id)).scalar_one())

    def calendars(self, athlete: str) -> list[Calendar]:
        with self.engine.connect() as conn:
            owner = athlete_id(conn, athlete, create=False)
            query = sa.select(calendars).where(calendars.c.athlete_id == owner).order_by(calendars.c.id)
            return [_calendar(row) for row in conn.execute(query)]

    def delete_calendar(self, athlete: str, calendar_id: int) -> None:
        """Delete a calendar and the planned runs taken from it."""
        with Transaction(self.engine) as conn:
            owner = athlete_id(conn, athlete, create=False)
            conn.execute(
                planned_runs.delete().where(
                    planned_runs.c.athlete_id == owner, planned_runs.c.calendar_id == calendar_id
                )
            )
            statement = calendars.delete().where(calendars.c.athlete_id == owner, calendars.c.id == calendar_id)
            if conn.execute(statement).rowcount == 0:
                raise NotFound(f"calendar {calendar_id}")

    def replace_runs(
        self,
        athlete: str,
        calendar_id: int,
        *,
        start: dt.date,
        end: dt.date,
        runs: Sequence[tuple[str, PlannedRun]],
        status: str,
        report: Any,
        name: str | None = None,
    ) -> int:
        """Put ``runs`` (event uid, run) in place of the calendar's planned runs dated ``start`` .. ``end``
        and record how the fetch went, in one transaction with the athlete locked; runs stored.

        Doing it twice with the same runs leaves the same rows (the earlier ones are deleted first)."""
        with Transaction(self.engine) as conn:
            owner = lock_athlete(conn, athlete)
            mine = (calendars.c.athlete_id == owner) & (calendars.c.id == calendar_id)
            changes: dict[str, Any] = {"fetched_at": utc_now(), "status": status[:2000], "report": report}
            if name is not None:
                changes["name"] = name[:200]
            if conn.execute(calendars.update().where(mine).values(**changes)).rowcount == 0:
                raise NotFound(f"calendar {calendar_id}")
            conn.execute(
                planned_runs.delete().where(
                    planned_runs.c.athlete_id == owner,
                    planned_runs.c.calendar_id == calendar_id,
                    planned_runs.c.date >= start,
                    planned_runs.c.date <= end,
                )
            )
            rows = {}
            for uid, run in runs:
                if start <= run.date <= end:  # one row per event and date (the table's unique key)
                    rows[(uid[:255], run.date)] = _row(owner, calendar_id, uid[:255], run)
            if rows:
                conn.execute(planned_runs.insert(), list(rows.values()))
            return len(rows)

    def record_failure(self, athlete: str, calendar_id: int, status: str) -> None:
        """Say a fetch failed (the planned runs taken before stay as they are)."""
        with Transaction(self.engine) as conn:
            owner = lock_athlete(conn, athlete)
            mine = (calendars.c.athlete_id == owner) & (calendars.c.id == calendar_id)
            if conn.execute(calendars.update().where(mine).values(status=status[:2000])).rowcount == 0:
                raise NotFound(f"calendar {calendar_id}")

    def subscribed_athletes(self) -> list[str]:
        """Every athlete with one or more calendars (for the hourly refresh), by name."""
        with self.engine.connect() as conn:
            query = (
                sa.select(athletes.c.slug)
                .where(athletes.c.id.in_(sa.select(calendars.c.athlete_id)))
                .order_by(athletes.c.slug)
            )
            return [str(slug) for slug in conn.execute(query).scalars()]


def _row(owner: int, calendar_id: int, uid: str, run: PlannedRun) -> dict[str, Any]:
    return {
        "athlete_id": owner,
        "date": run.date,
        "at": run.at,
        "kind": run.kind,
        "distance_m": run.distance_m,
        "minutes": run.minutes,
        "title": run.title[:200],
        "source": "calendar",
        "calendar_id": calendar_id,
        "event_uid": uid,
        "created_at": utc_now(),
    }


__all__ = ["Calendar", "Calendars"]
