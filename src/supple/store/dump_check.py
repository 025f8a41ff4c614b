"""Checking a dump before it is restored: every table, row and value, with a message naming the first bad one.

``store.athlete_rows.restore`` calls ``check`` before it writes anything, so a file with one bad
value writes nothing. Values are converted for the database here as they are checked.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from supple.core.activity import RUN_KINDS, SPORTS
from supple.core.errors import MISSING, InvalidInput
from supple.core.vocabulary import EQUIPMENT, FLAG_LEVELS, KINDS, MAX_ITEMS, MAX_MINUTES, MIN_MINUTES, ROLES, WEEKDAYS
from supple.store.athlete_rows import OWNER, Row, exported_columns, exported_tables, table_id_column, table_links
from supple.store.schema import athletes
from supple.store.session_rows import as_utc

#: Columns whose value is one of a few words, checked on import like the services check them on write.
CHOICES: dict[tuple[str, str], tuple[str, ...]] = {
    ("sessions", "kind"): KINDS,
    ("session_items", "role"): ROLES,
    ("red_flag_reports", "level"): FLAG_LEVELS,
    ("activities", "sport"): SPORTS,
    ("activities", "format"): ("fit", "gpx", "tcx", "manual"),
    ("activity_files", "format"): ("fit", "gpx", "tcx"),
    ("planned_runs", "kind"): RUN_KINDS,
    ("planned_runs", "source"): ("manual", "calendar"),
}


def _expected(column: sa.Column[Any]) -> str:
    kind = column.type
    if isinstance(kind, sa.DateTime):
        text = "a date and time in ISO 8601, e.g. 2026-11-24T07:30:00+00:00"
    elif isinstance(kind, sa.Time):
        text = "a time of day as HH:MM:SS"
    elif isinstance(kind, sa.Date):
        text = "a date as YYYY-MM-DD"
    elif isinstance(kind, sa.Boolean):
        text = "true or false"
    elif isinstance(kind, sa.Integer):
        text = "a whole number"
    elif isinstance(kind, sa.Float):
        text = "a number"
    elif isinstance(kind, sa.JSON):
        text = "a JSON list or object"
    else:
        length = getattr(kind, "length", None)
        text = f"text of at most {length} characters" if length else "text"
    return text if not column.nullable else text + " or null"


def _from_plain(column: sa.Column[Any], value: Any, where: str) -> Any:
    """The stored value for the dumped ``value``; InvalidInput naming ``where`` and the column otherwise."""
    field = f"{where}, field {column.name}"
    if value is None:
        if column.nullable:
            return None
        raise InvalidInput(field, value, _expected(column).removesuffix(" or null"))
    kind = column.type
    try:
        if isinstance(kind, sa.DateTime) and isinstance(value, str):
            return as_utc(dt.datetime.fromisoformat(value))
        if isinstance(kind, sa.Time) and isinstance(value, str) and 5 <= len(value) <= 15:
            return dt.time.fromisoformat(value)
        if isinstance(kind, sa.Date) and isinstance(value, str) and len(value) == 10:
            return dt.date.fromisoformat(value)
        if isinstance(kind, sa.Boolean) and isinstance(value, bool):
            return value
        number = isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
        if isinstance(kind, sa.Integer) and number and isinstance(value, int) and abs(value) < 2**31:
            return value
        if isinstance(kind, sa.Float) and number:
            return float(value)
        if isinstance(kind, sa.JSON) and isinstance(value, list | dict):
            return value
        if isinstance(kind, sa.String) and not isinstance(kind, sa.JSON) and isinstance(value, str):
            length = getattr(kind, "length", None)
            if length is None or len(value) <= length:
                return value
    except (ValueError, OverflowError):  # not a real date or time; a number too large for a float
        pass
    raise InvalidInput(field, value, _expected(column))


def check(data: Mapping[str, Any], *, source: str) -> dict[str, list[Row]]:
    """The dump ``data`` with every value converted for the database; InvalidInput naming the first bad one.

    ``source`` names where the dump came from (a file name) in every message. Tables may be
    left out (no rows); unknown tables, unknown columns, missing required columns, bad values,
    repeated ids and links to rows that are not in the dump are refused.
    """
    known = {t.name: t for t in (athletes, *exported_tables())}
    for name in data:
        if name not in known:
            raise InvalidInput(f"{source}: table", name, "one of " + ", ".join(known))
    out: dict[str, list[Row]] = {}
    ids: dict[str, set[int]] = {}
    for name, table in known.items():
        rows = data.get(name, [])
        if not isinstance(rows, list):
            raise InvalidInput(f"{source}: table {name}", type(rows).__name__, "a list of rows")
        if name == OWNER and len(rows) > 1:
            raise InvalidInput(f"{source}: table {name}", f"{len(rows)} rows", "at most one row: the athlete")
        out[name] = [_checked_row(table, row, f"{source}: table {name}, row {n}", ids) for n, row in enumerate(rows, 1)]
    _check_items_per_session(out.get("session_items", []), source)
    return out


def _check_items_per_session(rows: list[Row], source: str) -> None:
    """A session of more than ``MAX_ITEMS`` items is refused here as everywhere else a session is stored."""
    counts: dict[Any, int] = {}
    for row in rows:
        counts[row.get("session_id")] = counts.get(row.get("session_id"), 0) + 1
    for session_id, count in counts.items():
        if count > MAX_ITEMS:
            raise InvalidInput(
                f"{source}: table session_items, session {session_id}",
                f"{count} items",
                f"at most {MAX_ITEMS} items in one session",
            )


def _checked_row(table: sa.Table, row: Any, where: str, ids: dict[str, set[int]]) -> Row:
    if not isinstance(row, dict):
        raise InvalidInput(where, type(row).__name__, "an object of column names and values")
    wanted = {c.name: c for c in exported_columns(table)}
    for name in row:
        if name not in wanted:
            raise InvalidInput(f"{where}, field", name, "one of " + ", ".join(wanted))
    out: Row = {}
    for name, column in wanted.items():
        if name not in row:
            if column.nullable or column.server_default is not None:
                continue
            raise InvalidInput(f"{where}, field {name}", MISSING, _expected(column))
        out[name] = _from_plain(column, row[name], where)
        choices = CHOICES.get((table.name, name))
        if choices is not None and out[name] is not None and out[name] not in choices:
            raise InvalidInput(f"{where}, field {name}", out[name], "one of " + ", ".join(choices))
    if table.name == "profiles":
        _check_profile(out, where)
    id_column = table_id_column(table)
    if id_column is not None:
        mine = ids.setdefault(table.name, set())
        if out["id"] in mine:
            raise InvalidInput(f"{where}, field id", out["id"], "an id not used by another row of the table")
        mine.add(out["id"])
    for name, parent in table_links(table).items():
        if out.get(name) is not None and out[name] not in ids.get(parent, set()):
            raise InvalidInput(f"{where}, field {name}", out[name], f"the id of a row of table {parent}")
    return out


def _check_profile(row: Row, where: str) -> None:
    """The JSON columns of a profile hold what the profile reader expects (``reads.profile_from_row``)."""
    times = row.get("run_times", [])
    pairs = 'a list of [day, "HH:MM"] pairs, e.g. [["tue", "07:00"]]'
    if not isinstance(times, list):
        raise InvalidInput(f"{where}, field run_times", times, pairs)
    for pair in times:
        ok = isinstance(pair, list) and len(pair) == 2 and pair[0] in WEEKDAYS and isinstance(pair[1], str)
        try:
            ok = ok and bool(dt.time.fromisoformat(pair[1]))
        except ValueError:
            ok = False
        if not ok:
            raise InvalidInput(
                f"{where}, field run_times", pair, 'a list of [day, "HH:MM"] pairs, e.g. ["tue", "07:00"]'
            )
    for name in ("equipment", "priorities", "complaints"):
        values = row.get(name, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise InvalidInput(f"{where}, field {name}", values, "a list of slugs")
    unknown = [v for v in row.get("equipment", []) if v not in EQUIPMENT]
    if unknown:
        raise InvalidInput(f"{where}, field equipment", unknown[0], "one of " + ", ".join(EQUIPMENT))
    minutes = row.get("minutes")
    if minutes is not None and not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise InvalidInput(f"{where}, field minutes", minutes, f"{MIN_MINUTES} to {MAX_MINUTES}")
