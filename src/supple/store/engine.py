"""make_engine(url) and migrate(engine): the only places that connect and change the schema."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from supple.store.errors import StoreError
from supple.store.revision import HEAD

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows: writers then queue in SQLite's busy handler
    fcntl = None  # type: ignore[assignment]

MIGRATIONS = Path(__file__).parent / "migrations"


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    # With WAL, NORMAL never corrupts the file; at worst a power cut loses the last commits.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def writer_lock_path(engine: Engine) -> Path | None:
    """The file whose lock queues the writers of ``engine``'s SQLite file; None for other databases."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser().with_name(Path(database).name + ".write-lock")


@contextmanager
def one_writer(engine: Engine) -> Iterator[None]:
    """Hold the write turn on ``engine``'s SQLite file (across threads and processes) until the block ends.

    SQLite lets one writer in at a time; the others wait in its busy handler, which polls with
    sleeps growing to 100 ms, so under load a writer can sleep far longer than the transaction
    it waits for (and another process's writers, polling with no sleep in between, keep
    winning). Writers instead queue on an exclusive ``flock`` of a file beside the database:
    the kernel wakes the next one the moment the lock is released, with no sleeping. The
    lock goes with the file descriptor, so a killed process never leaves it held. Other
    databases (and systems without ``flock``) write as before.
    """
    path = writer_lock_path(engine)
    if path is None or fcntl is None:
        yield
        return
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def make_engine(url: str) -> Engine:
    """An engine for ``url``; a SQLite file's folder is created. Raises StoreError if unusable."""
    try:
        parsed = sa.make_url(url)
    except ArgumentError:
        raise StoreError(
            f"database URL {url!r} is not valid; expected e.g. sqlite:///path/to/file.sqlite "
            "or postgresql+psycopg://user@host/db"
        ) from None
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            engine = sa.create_engine(parsed, connect_args={"timeout": 30})
            sa.event.listen(engine, "connect", _sqlite_pragmas)
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
            return engine
        # pool_pre_ping: a checkout-time socket check (no round trip) was tried and replaced good
        # connections under load (a readable socket is not always a closed one); correctness first.
        engine = sa.create_engine(parsed, pool_pre_ping=True, pool_recycle=3600, connect_args={"connect_timeout": 5})
        with engine.connect():
            pass
        return engine
    except NoSuchModuleError:
        raise StoreError(
            f"database URL {url!r} names a driver that is not installed; use sqlite or postgresql"
        ) from None
    except (DBAPIError, OSError) as error:
        raise StoreError(f"cannot use the database at {parsed.render_as_string()}: {_reason(error)}") from None


def _reason(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return _revision(conn)


def _revision(conn: Connection) -> str | None:
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


#: Any fixed number: the PostgreSQL advisory lock that lets one process at a time migrate.
_MIGRATION_LOCK = 0x5355_5050  # "SUPP"


def migrate(engine: Engine) -> None:
    """Bring the schema to the head revision (creating it on first use).

    All-or-nothing and one process at a time, on both backends: every migration runs in one
    transaction that first takes a lock (an advisory lock on PostgreSQL, the write lock on
    SQLite) and then reads the revision again, so a process that waited finds the work done.
    """
    where = engine.url.render_as_string()
    try:
        if current_revision(engine) == HEAD:
            return
        from alembic.util import CommandError

        try:
            with engine.connect() as conn:
                if conn.dialect.name == "sqlite":
                    _migrate_sqlite(conn)
                else:
                    with conn.begin():
                        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
                        _upgrade(conn)
        except CommandError:
            raise StoreError(
                f"the database at {where} has schema revision {current_revision(engine)!r}, which this version of "
                f"Supple does not know (it knows up to {HEAD!r}); upgrade Supple or point SUPPLE_DATABASE_URL elsewhere"
            ) from None
    except DBAPIError as error:
        raise StoreError(f"cannot prepare the database at {where}: {_reason(error)}") from None


def _migrate_sqlite(conn: Connection) -> None:
    """Run the migrations inside one BEGIN IMMEDIATE ... COMMIT that we issue ourselves.

    The pysqlite driver opens transactions only before INSERT/UPDATE/DELETE, so DDL would
    commit statement by statement and a killed process could leave half a schema. With the
    driver's own transaction handling off (isolation_level None), the BEGIN below covers every
    statement. The connection is thrown away afterwards rather than returned to the pool in
    that mode.
    """
    dbapi = conn.connection.driver_connection
    assert dbapi is not None
    try:
        dbapi.isolation_level = None
        # A migration that rebuilds a table (Alembic's batch mode) drops the old one; with
        # foreign keys on, SQLite would cascade that drop to every child row. The pragma only
        # takes effect outside a transaction.
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        # Another process may hold the write lock for its whole migration.
        conn.exec_driver_sql("PRAGMA busy_timeout=120000")
        conn.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            _upgrade(conn)
        except BaseException:
            conn.exec_driver_sql("ROLLBACK")
            raise
        conn.exec_driver_sql("COMMIT")
        conn.commit()
    finally:
        conn.invalidate()


def _upgrade(conn: Connection) -> None:
    """Upgrade to head on ``conn``, already in its transaction and holding the migration lock."""
    if _revision(conn) == HEAD:
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    command.upgrade(config, "head")
