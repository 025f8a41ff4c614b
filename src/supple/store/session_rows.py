"""A session's rows: writing a session and its items, and reading them back as core types.

The repository (``store.repository``) and the measures (``store.measures``) write sessions on
their caller's connection with these, and read them back with the same converters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import fields, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from supple.core.session import Item, ItemResult, LoggedItem, LoggedSession
from supple.store import reads
from supple.store.schema import athletes, session_items, sessions


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def insert_session(conn: Connection, athlete_id: int, session: LoggedSession, *, finished: bool = True) -> int:
    """Insert a session and its items on ``conn`` (the caller's transaction); return its id."""
    session_id = insert_stored_session(conn, athlete_id, session, finished=finished).id
    assert session_id is not None
    return session_id


def insert_stored_session(
    conn: Connection, athlete_id: int, session: LoggedSession, *, finished: bool = True
) -> LoggedSession:
    """Insert a session and its items on ``conn`` (the caller's transaction); return it as stored."""
    now = utc_now()
    session_id: int = conn.execute(
        sessions.insert()
        .values(
            athlete_id=athlete_id,
            date=session.date,
            kind=session.kind,
            minutes=session.minutes,
            total_seconds=session.total_seconds,
            logged_at=now,
            finished_at=now if finished else None,
        )
        .returning(sessions.c.id)
    ).scalar_one()
    rows = [_item_row(athlete_id, session_id, position, logged) for position, logged in enumerate(session.items)]
    if rows:
        conn.execute(session_items.insert(), rows)
    return replace(session, id=session_id, logged_at=now, finished_at=now if finished else None)


def session_from_rows(head: Any, items: Sequence[LoggedItem]) -> LoggedSession:
    return LoggedSession(
        id=head["id"],
        date=reads.as_date(head["date"]),
        kind=head["kind"],
        minutes=head["minutes"],
        total_seconds=head["total_seconds"],
        items=tuple(items),
        logged_at=as_utc(head["logged_at"]),
        finished_at=None if head["finished_at"] is None else as_utc(head["finished_at"]),
    )


#: The PATCH of one item result (``Store.record_item``): statements built once, not per request.
SESSION_HEAD = ("id", "athlete_id", "date", "kind", "minutes", "total_seconds", "logged_at", "finished_at")
#: One read: the session (its athlete resolved by slug in the same query) with its items, in order.
SESSION_WITH_ITEMS = (
    sa.select(*(sessions.c[name].label(f"session_{name}") for name in SESSION_HEAD), *session_items.c)
    .select_from(
        sessions.join(athletes, athletes.c.id == sessions.c.athlete_id).outerjoin(
            session_items, session_items.c.session_id == sessions.c.id
        )
    )
    .where(athletes.c.slug == sa.bindparam("slug"), sessions.c.id == sa.bindparam("session"))
    .order_by(session_items.c.position)
)
SET_RESULT = (
    session_items.update()
    .where(
        session_items.c.athlete_id == sa.bindparam("for_athlete"),
        session_items.c.session_id == sa.bindparam("for_session"),
        session_items.c.position == sa.bindparam("for_position"),
    )
    .values(
        done=sa.bindparam("new_done"),
        result_level=sa.bindparam("new_level"),
        result_hold_seconds=sa.bindparam("new_hold"),
        control=sa.bindparam("new_control"),
        discomfort=sa.bindparam("new_discomfort"),
    )
    .returning(
        session_items.c.done,
        session_items.c.result_level,
        session_items.c.result_hold_seconds,
        session_items.c.control,
        session_items.c.discomfort,
    )
)


def as_utc(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive times; every time Supple writes is UTC."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


_ITEM_FIELDS = tuple(field.name for field in fields(Item))


def _item_row(athlete_id: int, session_id: int, position: int, logged: LoggedItem) -> dict[str, Any]:
    item, result = logged.item, logged.result
    return {
        "athlete_id": athlete_id,
        "session_id": session_id,
        "position": position,
        "block": logged.block,
        "region": logged.region,
        **{name: getattr(item, name) for name in _ITEM_FIELDS},  # plain values: no deep copy (asdict)
        "regions": list(item.regions),
        "done": None if result is None else result.done,
        "result_level": None if result is None else result.level,
        "result_hold_seconds": None if result is None else result.hold_seconds,
        "control": None if result is None else result.control,
        "discomfort": None if result is None else result.discomfort,
    }


def logged_item(row: Any) -> LoggedItem:
    item = Item(
        exercise=row["exercise"],
        name=row["name"],
        role=row["role"],
        regions=tuple(reads.as_json(row["regions"])),
        sets=row["sets"],
        reps=row["reps"],
        hold_seconds=row["hold_seconds"],
        per_side=bool(row["per_side"]),
        static=bool(row["static"]),
        seconds=row["seconds"],
        level=row["level"],
        why=row["why"],
    )
    return LoggedItem(block=row["block"], region=row["region"], item=item, result=item_result(row))


def item_result(row: Any) -> ItemResult | None:
    if row["done"] is None:
        return None
    return ItemResult(
        done=bool(row["done"]),
        level=row["result_level"],
        hold_seconds=row["result_hold_seconds"],
        control=row["control"],
        discomfort=row["discomfort"],
    )
