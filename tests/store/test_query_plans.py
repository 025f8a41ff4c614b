"""Every query a request makes is served by an index, on PostgreSQL and on SQLite (issue #10).

A club database is built the way a club would fill it: one runner's year of daily use through
the services, then that export imported for each of 200 athletes (the import service, as
`supple import-export` does it). The test then drives the real web app as one athlete in the
middle of the table through every page and API read and the writes of a day, records each SQL
statement the app sends, and asks the database for its plan. A sequential scan (PostgreSQL) or
a full ``SCAN`` (SQLite) of a table that holds rows per athlete fails the test, naming the query.
On PostgreSQL the planner is told to avoid sequential scans (``enable_seqscan = off``): it then
picks one only when no index can serve the query, which is the thing tested, whatever the table
sizes. The quick SQLite reader (stdlib sqlite3, not SQLAlchemy) runs the texts in
``store.reads``; they are planned the same way.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services import data, routines, shapes
from supple.store import reads
from supple.store.athlete import shared_store
from supple.web.app import create_app
from tests.athlete_fill import grow
from tests.contexts import ctx_for
from tests.web.conftest import BASE, LOOPBACK

ATHLETES = 200
DAYS = 365
END = dt.date(2026, 11, 24)
#: The athlete the requests are made as: one in the middle of the table, not the first rows.
ME = "runner-100"
#: Tables that hold rows per athlete: a whole-table read of one of them grows with the club.
PER_ATHLETE = {
    "athletes",
    "profiles",
    "sessions",
    "session_items",
    "assessment_results",
    "soreness",
    "level_history",
    "exercise_levels",
    "red_flag_reports",
    "session_followups",
    "users",
    "auth_sessions",
    "api_tokens",
    "one_time_links",
}
READS = [
    "/",
    "/week",
    "/week.ics",
    "/progress",
    "/history",
    "/settings",
    "/soreness",
    "/assess",
    "/api/v1/today",
    "/api/v1/plan",
    "/api/v1/history",
    "/api/v1/sessions",
    "/api/v1/levels",
    "/api/v1/levels/history",
    "/api/v1/next-day",
    "/api/v1/profile",
    "/api/v1/progress",
    "/api/v1/red-flags",
    "/api/v1/red-flags/history",
    "/api/v1/soreness",
    "/api/v1/assessments/results",
]


@pytest.fixture(scope="module")
def year_export(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> bytes:
    """One runner's year of daily use, built through the services, as the export file holds it."""
    folder = tmp_path_factory.mktemp("year")
    settings = Settings(data_dir=folder, cache_dir=cache_dir)
    grow(settings, "source", days=DAYS, end=END)
    return data.export_zip(ctx_for(settings, "source"))


def _club(settings: Settings, export: bytes) -> None:
    for n in range(ATHLETES):
        data.import_zip(ctx_for(settings, f"runner-{n:03d}" if n != 100 else ME), export)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def club(
    request: pytest.FixtureRequest,
    year_export: bytes,
    tmp_path_factory: pytest.TempPathFactory,
    cache_dir: Path,
) -> Iterator[Settings]:
    from tests.conftest import _drop, _postgres_url

    folder = tmp_path_factory.mktemp("club")
    url = f"sqlite:///{folder / 'club.sqlite'}" if request.param == "sqlite" else _postgres_url()
    settings = Settings(data_dir=folder, cache_dir=cache_dir, database_url_override=url, athlete=ME)
    try:
        _club(settings, year_export)
        with shared_store(url).engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        yield settings
    finally:
        if request.param != "sqlite":
            shared_store(url).engine.dispose()
            _drop(url)


def _statements(settings: Settings) -> list[tuple[str, Any]]:
    """Every statement the web app sends for the reads and writes of one athlete's day."""
    import sqlalchemy as sa

    engine = shared_store(settings.database_url).engine
    seen: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool) -> None:
        seen.append((statement, parameters))

    sa.event.listen(engine, "before_cursor_execute", record)
    try:
        with TestClient(create_app(settings), base_url=BASE, client=LOOPBACK) as client:
            for path in READS:
                assert client.get(path).status_code == 200, path
            plan = shapes.session_dict(routines.today(ctx_for(settings, ME), date=END + dt.timedelta(1)))
            started = client.post("/api/v1/sessions", json=plan)
            assert started.status_code == 201, started.text
            sid = started.json()["id"]
            for path in (f"/api/v1/sessions/{sid}", f"/session/{sid}"):
                assert client.get(path).status_code == 200, path
            result = {"done": True, "control": 4, "discomfort": 2}
            assert client.patch(f"/api/v1/sessions/{sid}/items/0", json=result).status_code == 200
            assert client.post(f"/api/v1/sessions/{sid}/finish").status_code == 200
            assert client.put(f"/api/v1/sessions/{sid}/followup", json={"answer": "same"}).status_code == 200
            assert client.post("/api/v1/soreness", json={"ratings": {"calves": 2}}).status_code == 201
            measured = {"test": "knee-to-wall", "value": 9.5, "side": "left"}
            assert client.post("/api/v1/assessments/results", json=measured).status_code == 201
            assert client.put("/api/v1/profile", json={"minutes": 12}).status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", record)
    return [(s, p) for s, p in seen if re.match(r"\s*(SELECT|UPDATE|DELETE|WITH|INSERT .* SELECT)", s, re.I)]


def _aliases(statement: str) -> dict[str, str]:
    """The table each name in ``statement``'s FROM and JOIN clauses stands for (itself or an alias)."""
    names: dict[str, str] = {}
    for table, alias in re.findall(r"(?:FROM|JOIN|UPDATE)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?", statement, re.I):
        names[table] = table
        if alias and alias.upper() not in {"WHERE", "JOIN", "ON", "SET", "ORDER", "GROUP", "LEFT", "INNER", "LIMIT"}:
            names[alias] = table
    return names


#: "Is there any row at all?" stops at the first row it finds, however big the table: not a growing cost.
ANY_ROW = re.compile(r"\s*SELECT EXISTS \(SELECT \*\s+FROM \w+\)( AS \w+)?\s*$", re.I)


def _sqlite_scans(conn: sqlite3.Connection, statement: str, parameters: Any) -> list[str]:
    if ANY_ROW.match(statement):
        return []
    names = _aliases(statement)
    rows = conn.execute("EXPLAIN QUERY PLAN " + statement, parameters).fetchall()
    found = []
    for row in rows:
        scanned = re.match(r"SCAN (\w+)", row[-1])
        if scanned and names.get(scanned.group(1), scanned.group(1)) in PER_ATHLETE:
            found.append(row[-1])
    return found


def _postgres_scans(conn: Any, statement: str, parameters: Any) -> list[str]:
    if ANY_ROW.match(statement):
        return []
    with conn.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + statement, parameters)
        plan = cursor.fetchone()[0]

    def walk(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
        yield node
        for child in node.get("Plans", ()):
            yield from walk(child)

    return [
        f"Seq Scan on {node['Relation Name']}"
        for node in walk(plan[0]["Plan"])
        if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in PER_ATHLETE
    ]


def _quick_reads(conn: sqlite3.Connection) -> list[tuple[str, Any]]:
    """The texts the stdlib reader runs on the embedded file (``store.reads``), with its parameters."""
    (me,) = conn.execute(reads.ATHLETE_ID, {"slug": ME}).fetchone()
    params = {"athlete": me, "slug": ME, "since": (END - dt.timedelta(days=14)).isoformat(), "done": True}
    params |= {"first": (END - dt.timedelta(days=6)).isoformat(), "last": (END + dt.timedelta(days=7)).isoformat()}
    texts = [value for name, value in vars(reads).items() if name.isupper() and isinstance(value, str)]
    assert reads.HISTORY in texts, "the quick reader's texts must be found"
    return [(text, params) for text in texts if "SELECT" in text]


def test_every_query_of_a_day_uses_an_index(club: Settings) -> None:
    statements = _statements(club)
    assert len(statements) > 20, "the requests must have read the store"
    engine = shared_store(club.database_url).engine
    bad: dict[str, list[str]] = {}
    raw = engine.raw_connection()
    try:
        if engine.dialect.name == "postgresql":
            with raw.cursor() as cursor:
                cursor.execute("SET enable_seqscan = off")
            for statement, parameters in statements:
                if scans := _postgres_scans(raw, statement, parameters):
                    bad[statement] = scans
        else:
            for statement, parameters in statements + _quick_reads(raw.driver_connection):
                if scans := _sqlite_scans(raw.driver_connection, statement, parameters):
                    bad[statement] = scans
        raw.rollback()
    finally:
        raw.close()
    assert not bad, "queries that read a whole per-athlete table:\n" + "\n".join(
        f"{', '.join(scans)}: {statement}" for statement, scans in bad.items()
    )
