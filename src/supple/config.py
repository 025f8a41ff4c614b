"""Settings, read from the environment only when asked (never at import time).

| variable | meaning | default |
|---|---|---|
| SUPPLE_DATABASE_URL | SQLAlchemy URL of the database | SQLite file in the user data folder |
| SUPPLE_DATA_DIR | folder for the default SQLite database | the platform's user data folder |
| SUPPLE_CATALOGUE_DIR | folder of extra exercise TOML files | none |
| SUPPLE_ATHLETE | which athlete the CLI acts for | local |
| SUPPLE_TIME_SCALE | multiply timer lengths (tests use 0.01 to run sessions fast) | 1 |
| SUPPLE_SECRET_KEY | 32+ bytes; keys the hashes of stored secrets; needed to serve beyond this machine | none |
| SUPPLE_CACHE_DIR | folder for the parsed catalogue kept between runs | the platform's user cache folder |
| SUPPLE_PUBLIC_URL | the address people open (https://supple.example.org); base of feed links | none |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "supple"
DEFAULT_ATHLETE = "local"
ENV_VARS = (
    "SUPPLE_DATABASE_URL",
    "SUPPLE_DATA_DIR",
    "SUPPLE_CATALOGUE_DIR",
    "SUPPLE_ATHLETE",
    "SUPPLE_TIME_SCALE",
    "SUPPLE_SECRET_KEY",
    "SUPPLE_PUBLIC_URL",
    "SUPPLE_CACHE_DIR",
)
#: The shortest secret key accepted (bytes of its UTF-8 text).
MIN_SECRET_KEY = 32


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url_override: str | None = None
    catalogue_dir: Path | None = None
    athlete: str = DEFAULT_ATHLETE
    time_scale: float = 1.0
    secret_key: str | None = None
    public_url: str | None = None
    #: Where the parsed catalogue is kept between runs; None: parsed every time.
    cache_dir: Path | None = None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        for name in ENV_VARS:
            check_text(name, env.get(name))
        data_dir = env.get("SUPPLE_DATA_DIR")
        if not data_dir:
            from platformdirs import user_data_dir

            data_dir = user_data_dir(APP_NAME, appauthor=False)
        catalogue_dir = env.get("SUPPLE_CATALOGUE_DIR")
        return cls(
            data_dir=Path(data_dir).expanduser(),
            database_url_override=_database_url(env.get("SUPPLE_DATABASE_URL") or None),
            catalogue_dir=Path(catalogue_dir).expanduser() if catalogue_dir else None,
            athlete=env.get("SUPPLE_ATHLETE") or DEFAULT_ATHLETE,
            time_scale=_time_scale(env.get("SUPPLE_TIME_SCALE")),
            secret_key=env.get("SUPPLE_SECRET_KEY") or None,
            public_url=_public_url(env.get("SUPPLE_PUBLIC_URL")),
            cache_dir=_cache_dir(env.get("SUPPLE_CACHE_DIR")),
        )

    @property
    def secret_key_problem(self) -> str | None:
        """Why the secret key will not do for a server others reach, or None when it will."""
        if self.secret_key is None:
            return "SUPPLE_SECRET_KEY is not set"
        if len(self.secret_key.encode()) < MIN_SECRET_KEY:
            return f"SUPPLE_SECRET_KEY is {len(self.secret_key.encode())} bytes; it must be at least {MIN_SECRET_KEY}"
        return None

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite file when the database is the embedded default, else None."""
        if self.database_url_override is None:
            return self.data_dir / "supple.sqlite"
        prefix = "sqlite:///"
        url = self.database_url_override
        if url.startswith(prefix) and url not in (prefix, prefix + ":memory:"):
            return Path(url[len(prefix) :])
        return None

    @property
    def database_url(self) -> str:
        if self.database_url_override is not None:
            return self.database_url_override
        return f"sqlite:///{self.data_dir / 'supple.sqlite'}"


def check_text(name: str, text: str | None) -> None:
    """Refuse a variable whose bytes are not UTF-8 (Python keeps them as lone surrogates)."""
    if text is None:
        return
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        from supple.core.errors import InvalidInput

        raw = os.fsencode(text)
        raise InvalidInput(name, raw, "UTF-8 text (these bytes are not)") from None


#: The database URLs Supple can open: the SQLite built into Python and PostgreSQL through psycopg.
DRIVERS = ("sqlite", "sqlite+pysqlite", "postgresql", "postgresql+psycopg")
URL_EXAMPLES = "sqlite:///path/to/supple.sqlite or postgresql+psycopg://user@host/supple"


def _database_url(text: str | None) -> str | None:
    """The URL if Supple can keep data there; InvalidInput for a malformed URL, another database, or memory."""
    if text is None:
        return None
    import sqlalchemy as sa
    from sqlalchemy.exc import ArgumentError

    from supple.core.errors import InvalidInput

    try:
        url = sa.make_url(text)
    except ArgumentError:
        raise InvalidInput("SUPPLE_DATABASE_URL", text, f"a database URL such as {URL_EXAMPLES}") from None
    shown = text if url.password is None else url.render_as_string(hide_password=True)
    if url.drivername not in DRIVERS:
        raise InvalidInput(
            "SUPPLE_DATABASE_URL",
            shown,
            f"a SQLite or PostgreSQL database URL ({url.drivername!r} is not supported), such as " + URL_EXAMPLES,
        )
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        in_memory = database in ("", ":memory:") or url.query.get("mode") == "memory" or "mode=memory" in database
        if in_memory:
            raise InvalidInput(
                "SUPPLE_DATABASE_URL",
                shown,
                "a database that keeps what is saved, such as sqlite:///path/to/supple.sqlite "
                "(an in-memory SQLite database loses everything when the command ends)",
            )
    return text


def _time_scale(text: str | None) -> float:
    if not text:
        return 1.0
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 < value <= 10:
        from supple.core.errors import InvalidInput

        raise InvalidInput("SUPPLE_TIME_SCALE", text, "a number above 0 and at most 10 (1 = real time)")
    return value


def _public_url(text: str | None) -> str | None:
    if not text:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(text.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/") or parts.query:
        from supple.core.errors import InvalidInput

        raise InvalidInput("SUPPLE_PUBLIC_URL", text, "the address people open, such as https://supple.example.org")
    return f"{parts.scheme}://{parts.netloc}"


def _cache_dir(text: str | None) -> Path:
    if text:
        return Path(text).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))
