"""Training-plan calendars a runner subscribed to: their rows (the fetching is in services).

Every write is one short transaction; deleting a calendar deletes the planned runs taken from it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from supple.store.errors import NotFound
from supple.store.repository import Transaction, athlete_id
from supple.store.schema import calendars
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
            statement = calendars.delete().where(calendars.c.athlete_id == owner, calendars.c.id == calendar_id)
            if conn.execute(statement).rowcount == 0:
                raise NotFound(f"calendar {calendar_id}")


__all__ = ["Calendar", "Calendars"]
