"""make_engine(url) and migrate(engine): the only places that connect and change the schema."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from supple.store.errors import StoreError
from supple.store.revision import HEAD

MIGRATIONS = Path(__file__).parent / "migrations"


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    # With WAL, NORMAL never corrupts the file; at worst a power cut loses the last commits.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


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
        engine = sa.create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 5})
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
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine) -> None:
    """Bring the schema to the head revision (creating it on first use)."""
    where = engine.url.render_as_string()
    try:
        if current_revision(engine) == HEAD:
            return
        from alembic import command
        from alembic.config import Config
        from alembic.util import CommandError

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        try:
            with engine.connect() as conn:
                sqlite = conn.dialect.name == "sqlite"
                if sqlite:
                    # A migration that rebuilds a table (Alembic's batch mode) drops the old
                    # one; with foreign keys on, SQLite would cascade that drop to every
                    # child row. Off for the migration (it only works outside a transaction).
                    conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
                    conn.commit()
                with conn.begin():
                    config.attributes["connection"] = conn
                    command.upgrade(config, "head")
                if sqlite:
                    conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                    conn.commit()
        except CommandError:
            raise StoreError(
                f"the database at {where} has schema revision {current_revision(engine)!r}, which this version of "
                f"Supple does not know (it knows up to {HEAD!r}); upgrade Supple or point SUPPLE_DATABASE_URL elsewhere"
            ) from None
    except DBAPIError as error:
        raise StoreError(f"cannot prepare the database at {where}: {_reason(error)}") from None
