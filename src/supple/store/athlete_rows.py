"""Every row of one athlete, as plain data: dump it, restore it into an empty athlete, delete it.

Which tables hold an athlete's data is read from the schema, not listed by hand: a table is
the athlete's when it has a foreign key to ``athletes.id``, or to a table that is (a session's
items, say). A table that is none of these must be named in ``NOT_ATHLETE_DATA`` (a test
fails otherwise), so a table added later is never silently left out of an export or a delete.

A dump is ``{table: [row, ...]}`` with JSON-safe values (dates and times in ISO 8601, times
in UTC). Rows are in id order and their ids are renumbered 1, 2, 3... per table, with the
links between tables following; so a dump says nothing about other athletes' rows, and
export, import, export again gives the same dump. ``athlete_id`` columns are left out: the
athlete is the one the dump is restored into.

Each function is one transaction: a dump reads one snapshot; a restore or a delete is
whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from supple.core.errors import InvalidInput
from supple.store import level_state
from supple.store.engine import one_writer
from supple.store.level_state import Settle
from supple.store.repository import athlete_id
from supple.store.schema import athletes, level_history, metadata
from supple.store.session_rows import as_utc

#: Tables of the schema that hold no athlete's data (accounts, sign-in records, ...): never
#: exported, restored or deleted with an athlete. A table that is neither the athlete's nor
#: named here fails ``tests/store/test_athlete_rows.py``.
#: The accounts tables hold credentials (password and secret hashes): never exported. They go
#: with the athlete all the same: deleting the athlete's own row cascades to the account that
#: owns it, its sessions, tokens and pairing links (ON DELETE CASCADE, migration 0007).
NOT_ATHLETE_DATA: frozenset[str] = frozenset(
    {"users", "auth_sessions", "api_tokens", "sign_in_attempts", "one_time_links", "server_options"}
)

#: The owner table: its row is the athlete itself.
OWNER = athletes.name
#: Columns of the owner's row kept out of a dump: its database id, its key (an import names its
#: own) and the calendar-feed secret (a credential: a new one is made on first use).
OWNER_PRIVATE = frozenset({"id", "slug", "feed_token"})

Row = dict[str, Any]
Dump = dict[str, list[Row]]


# -- which tables ------------------------------------------------------------------------------
def _parent_links(table: sa.Table) -> list[sa.ForeignKey]:
    return [fk for column in table.columns for fk in column.foreign_keys]


def _owner_link(table: sa.Table, known: set[str]) -> sa.Column[Any] | None:
    """The column that ties ``table`` to its athlete: a key to ``athletes``, else to an athlete table."""
    links = _parent_links(table)
    for fk in links:
        if fk.column.table.name == OWNER:
            return fk.parent
    for fk in links:
        if fk.column.table.name in known:
            return fk.parent
    return None


@cache
def athlete_tables() -> tuple[sa.Table, ...]:
    """The tables holding an athlete's rows, parents before children (the schema's own order)."""
    found: list[sa.Table] = []
    known: set[str] = set()
    for table in metadata.sorted_tables:
        if table.name == OWNER or table.name in NOT_ATHLETE_DATA:
            continue
        if _owner_link(table, known) is not None:
            found.append(table)
            known.add(table.name)
    return tuple(found)


def unclassified_tables() -> list[str]:
    """Tables of the schema that are neither the athlete's nor declared as not athlete data."""
    covered = {t.name for t in athlete_tables()} | NOT_ATHLETE_DATA | {OWNER}
    return sorted(name for name in metadata.tables if name not in covered)


def _owned(table: sa.Table, owner_id: int) -> Any:
    """The WHERE clause picking ``table``'s rows of the athlete ``owner_id`` (through parents if need be)."""
    known = {t.name for t in athlete_tables()}
    column = _owner_link(table, known)
    assert column is not None, table.name
    fk = next(iter(column.foreign_keys))
    parent = fk.column.table
    if parent.name == OWNER:
        return column == owner_id
    assert isinstance(parent, sa.Table)
    return column.in_(sa.select(fk.column).where(_owned(parent, owner_id)))


def table_id_column(table: sa.Table) -> sa.Column[Any] | None:
    """The table's own integer id, renumbered in a dump; None when its key is something else."""
    keys = list(table.primary_key.columns)
    if table.name != OWNER and len(keys) == 1 and keys[0].name == "id" and isinstance(keys[0].type, sa.Integer):
        return keys[0]
    return None


#: Columns worked out again on import, not exported: a level decision's ``follows`` names the
#: database id of the one before it, which is not the same number in another database.
DERIVED = frozenset({("level_history", "follows")})

#: Athlete tables not exported, deleted with the athlete: the level state is worked out again on
#: import (``store.level_state``); jobs (an import's progress, its uploaded file) mean nothing in another
#: database.
DERIVED_TABLES = frozenset({"exercise_levels", "jobs", "job_files"})


def exported_tables() -> tuple[sa.Table, ...]:
    """The athlete tables a dump holds: all but the derived ones."""
    return tuple(t for t in athlete_tables() if t.name not in DERIVED_TABLES)


@cache
def exported_columns(table: sa.Table) -> tuple[sa.Column[Any], ...]:
    """Every column but the links to the athlete (and the owner's private ones)."""
    out = []
    for column in table.columns:
        if (table.name, column.name) in DERIVED:
            continue
        if table.name == OWNER:
            if column.name not in OWNER_PRIVATE:
                out.append(column)
        elif not any(fk.column.table.name == OWNER for fk in column.foreign_keys):
            out.append(column)
    return tuple(out)


@cache
def table_links(table: sa.Table) -> dict[str, str]:
    """Column name -> the athlete table it points into (its ids are renumbered with it)."""
    mine = {t.name for t in athlete_tables()}
    return {
        fk.parent.name: fk.column.table.name
        for fk in _parent_links(table)
        if fk.column.table.name in mine and fk.column.name == "id"
    }


def columns() -> dict[str, list[str]]:
    """Table -> the column names of its rows in a dump, in schema order (the owner first)."""
    return {t.name: [c.name for c in exported_columns(t)] for t in (athletes, *exported_tables())}


# -- values ------------------------------------------------------------------------------------
def _to_plain(column: sa.Column[Any], value: Any) -> Any:
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, sa.DateTime):
        return as_utc(value).isoformat()
    if isinstance(kind, sa.Time):
        return (value if isinstance(value, dt.time) else dt.time.fromisoformat(str(value))).isoformat()
    if isinstance(kind, sa.Date):
        return (value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))).isoformat()
    if isinstance(kind, sa.Boolean):
        return bool(value)
    if isinstance(kind, sa.Integer):
        return int(value)
    if isinstance(kind, sa.Float):
        return float(value)
    if isinstance(kind, sa.JSON):
        return json.loads(value) if isinstance(value, str) else value
    if isinstance(kind, sa.String):
        return str(value)
    raise TypeError(f"{column.table.name}.{column.name}: no export rule for {kind!r}")


# -- transactions ------------------------------------------------------------------------------
def _snapshot(engine: Engine) -> Any:
    """A connection reading one snapshot (SQLite: an explicit read transaction; PostgreSQL: repeatable read)."""
    if engine.dialect.name == "sqlite":
        return engine.connect()
    return engine.connect().execution_options(isolation_level="REPEATABLE READ")


def _begin_sqlite(conn: Connection, mode: str = "") -> None:
    """pysqlite starts a transaction only before a write: start it now, so reads and writes are one."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"BEGIN {mode}".strip())


# -- dump --------------------------------------------------------------------------------------
def dump(engine: Engine, athlete: str) -> Dump:
    """Every row of ``athlete`` (see the module docstring); every table present, empty if so."""
    with _snapshot(engine) as conn:
        _begin_sqlite(conn)
        try:
            return _dump(conn, athlete)
        finally:
            conn.rollback()


def _dump(conn: Connection, athlete: str) -> Dump:
    owner_id = athlete_id(conn, athlete, create=False)
    out: Dump = {}
    owner_columns = exported_columns(athletes)
    if owner_id is None:
        out[OWNER] = []
    else:
        row = conn.execute(sa.select(*owner_columns).where(athletes.c.id == owner_id)).mappings().one()
        out[OWNER] = [{c.name: _to_plain(c, row[c.name]) for c in owner_columns}]
    numbers: dict[str, dict[int, int]] = {}
    for table in exported_tables():
        rows: list[Row] = []
        if owner_id is not None:
            order = list(table.primary_key.columns)
            found = conn.execute(sa.select(table).where(_owned(table, owner_id)).order_by(*order)).mappings()
            rows = _plain_rows(table, found, numbers)
        out[table.name] = rows
    return out


def _plain_rows(table: sa.Table, found: Iterable[Any], numbers: dict[str, dict[int, int]]) -> list[Row]:
    id_column = table_id_column(table)
    mine: dict[int, int] = {}
    links = table_links(table)
    rows = []
    for row in found:
        plain = {c.name: _to_plain(c, row[c.name]) for c in exported_columns(table)}
        if id_column is not None:
            mine[row["id"]] = plain["id"] = len(mine) + 1
        for name, parent in links.items():
            if plain[name] is not None:
                plain[name] = numbers[parent][row[name]]
        rows.append(plain)
    numbers[table.name] = mine
    return rows


# -- restore -----------------------------------------------------------------------------------
def has_rows(conn: Connection, owner_id: int) -> list[str]:
    """The athlete tables that hold rows of ``owner_id``."""
    return [
        t.name
        for t in athlete_tables()
        if conn.execute(sa.select(sa.literal(1)).select_from(t).where(_owned(t, owner_id)).limit(1)).first()
    ]


def restore(
    engine: Engine, athlete: str, data: Mapping[str, Any], *, source: str = "dump", settle: Settle | None = None
) -> dict[str, int]:
    """Write the dump ``data`` into ``athlete``, who must have no rows yet; return rows restored per table.

    Everything is checked before anything is written, and written in one transaction: on any
    error nothing is. Rows get new ids; the links between them follow. The level state is worked
    out again (with ``settle``, decided again; without, the latest item or decision wins).
    """
    from supple.store.dump_check import check  # it reads this module's table lists

    checked = check(data, source=source)
    with _writing(engine) as conn:
        return _restore(conn, athlete, checked, source, settle)


@contextmanager
def _writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction, begun before the first read (on SQLite with the write lock taken at once)."""
    with one_writer(engine), engine.connect() as conn:
        _begin_sqlite(conn, "IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.rollback()
            raise
        conn.commit()


def _restore(
    conn: Connection, athlete: str, checked: dict[str, list[Row]], source: str, settle: Settle | None
) -> dict[str, int]:
    owner_id = athlete_id(conn, athlete, create=True)
    assert owner_id is not None
    busy = has_rows(conn, owner_id)
    if busy:
        raise InvalidInput(
            "athlete", athlete, f"an athlete with no data yet to import into (this one has rows in {', '.join(busy)})"
        )
    counts: dict[str, int] = {}
    for row in checked[OWNER]:
        conn.execute(athletes.update().where(athletes.c.id == owner_id).values(**row))
    counts[OWNER] = len(checked[OWNER])
    new_ids: dict[str, dict[int, int]] = {}
    for table in exported_tables():
        counts[table.name] = _restore_table(conn, table, checked[table.name], owner_id, new_ids, source)
    level_state.work_out(conn, owner_id, settle)
    return counts


def _restore_table(
    conn: Connection, table: sa.Table, rows: list[Row], owner_id: int, new_ids: dict[str, dict[int, int]], source: str
) -> int:
    """Insert ``rows`` as the athlete ``owner_id``'s, keeping the new id of each old one in ``new_ids``.

    The rows go in as one multi-row insert (a year of daily use is thousands of rows); if the
    database refuses it, the batch is undone to a savepoint and the rows are inserted one by one
    to name the row it refuses. Each level decision ``follows`` the new id of the one before it
    for its exercise (in the dump's order): the rows go in with distinct negative placeholders,
    then one batched UPDATE links them.
    """
    id_column = table_id_column(table)
    owner_columns = [fk.parent.name for fk in _parent_links(table) if fk.column.table.name == OWNER]
    links = table_links(table)
    prepared = []
    for row in rows:
        values = dict(row) | dict.fromkeys(owner_columns, owner_id)
        for name, parent in links.items():
            if values.get(name) is not None:
                values[name] = new_ids[parent][values[name]]
        prepared.append(values)
    if not prepared:  # an empty parameter list would insert one row of defaults
        new_ids[table.name] = {}
        return 0
    chained = table.name == "level_history"
    if chained:
        for n, values in enumerate(prepared, 1):
            values["follows"] = -n
    old_ids = [values.pop("id") for values in prepared] if id_column is not None else []
    batch = conn.begin_nested()
    try:
        if id_column is None:
            conn.execute(table.insert(), prepared)
        else:
            inserted = conn.execute(table.insert().returning(id_column, sort_by_parameter_order=True), prepared)
            new_ids[table.name] = dict(zip(old_ids, inserted.scalars(), strict=True))
    except sa.exc.DBAPIError:
        batch.rollback()
        for values, old in zip(prepared, old_ids, strict=False):
            values["id"] = old
        new_ids[table.name] = _insert_one_by_one(conn, table, rows, prepared, source)
    else:
        batch.commit()
    new_ids.setdefault(table.name, {})
    if chained:
        _link_level_history(conn, [row["exercise"] for row in rows], [new_ids[table.name][old] for old in old_ids])
    return len(rows)


def _link_level_history(conn: Connection, exercises: list[str], ids: list[int]) -> None:
    """Set each new level decision (``ids``, in the dump's order) to follow the one before it for its exercise."""
    last: dict[str, int] = {}
    links = []
    for exercise, new_id in zip(exercises, ids, strict=True):
        links.append({"row": new_id, "before": last.get(exercise, 0)})
        last[exercise] = new_id
    table = level_history
    statement = table.update().where(table.c.id == sa.bindparam("row")).values(follows=sa.bindparam("before"))
    conn.execute(statement, links)


def _insert_one_by_one(
    conn: Connection, table: sa.Table, rows: list[Row], prepared: list[Row], source: str
) -> dict[int, int]:
    """Insert the ``prepared`` rows one at a time; the new id of each old id; InvalidInput naming a refused row."""
    id_column = table_id_column(table)
    mine: dict[int, int] = {}
    for n, (row, values) in enumerate(zip(rows, prepared, strict=True), 1):
        values = dict(values)
        old_id: int | None = values.pop("id", None) if id_column is not None else None
        statement = table.insert().values(**values)
        try:
            if old_id is None or id_column is None:
                conn.execute(statement)
            else:
                mine[old_id] = conn.execute(statement.returning(id_column)).scalar_one()
        except sa.exc.DBAPIError as error:
            reason = str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__
            raise InvalidInput(
                f"{source}: table {table.name}, row {n}", _short(row), f"a row the database accepts ({reason})"
            ) from None
    return mine


def _short(row: Row) -> str:
    text = ", ".join(f"{k}={v}" for k, v in row.items() if k != "id")
    return text if len(text) <= 120 else text[:117] + "..."


# -- delete ------------------------------------------------------------------------------------
def delete(engine: Engine, athlete: str) -> dict[str, int]:
    """Delete every row of ``athlete``, the athlete's own row last, in one transaction; return rows per table.

    Other athletes' rows are untouched. An athlete that does not exist has nothing to delete.
    """
    counts = {t.name: 0 for t in reversed(athlete_tables())} | {OWNER: 0}
    with _writing(engine) as conn:
        owner_id = athlete_id(conn, athlete, create=False)
        if owner_id is None:
            return counts
        for table in reversed(athlete_tables()):
            counts[table.name] = int(conn.execute(table.delete().where(_owned(table, owner_id))).rowcount)
        counts[OWNER] = int(conn.execute(athletes.delete().where(athletes.c.id == owner_id)).rowcount)
    return counts


__all__ = ["NOT_ATHLETE_DATA", "athlete_tables", "columns", "delete", "dump", "restore"]
