"""Shared fixtures: the real catalogue, isolated settings, the real CLI, real databases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from supple.catalogue import Catalogue, load_catalogue
from supple.config import Settings

POSTGRES_ADMIN_URL = os.environ.get("SUPPLE_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for a private SQLite database in a temporary folder."""
    return Settings(data_dir=tmp_path / "data")


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@dataclass
class Cli:
    """Runs the installed `supple` command in a subprocess, as a person would."""

    env: dict[str, str]
    cwd: Path

    def __call__(self, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        done = subprocess.run(
            [sys.executable, "-m", "supple", *args],
            input=input,
            capture_output=True,
            text=True,
            env=self.env | (env or {}),
            cwd=self.cwd,
            timeout=120,
        )
        return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One compiled-catalogue folder for the whole run (as one person's cache folder is), outside
    every test's own folder."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture
def cli(tmp_path: Path, cache_dir: Path) -> Cli:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
    env["SUPPLE_DATA_DIR"] = str(tmp_path / "data")
    env["SUPPLE_CACHE_DIR"] = str(cache_dir)
    env["COLUMNS"] = "200"
    return Cli(env=env, cwd=tmp_path)


def _postgres_url() -> str:
    """A fresh PostgreSQL database for this test process; skipped only outside CI."""
    import sqlalchemy as sa

    name = f"supple_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        admin.dispose()
    except Exception as error:
        if IN_CI:
            pytest.fail(f"PostgreSQL is required under CI=true but unreachable at {POSTGRES_ADMIN_URL}: {error}")
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {error}")
    return str(sa.make_url(POSTGRES_ADMIN_URL).set(database=name))


def _drop(url: str) -> None:
    import sqlalchemy as sa

    name = sa.make_url(url).database
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for one test (for a test that runs on PostgreSQL only)."""
    url = _postgres_url()
    try:
        yield url
    finally:
        _drop(url)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Each store test runs twice: on a SQLite file and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.sqlite'}"
        return
    url = _postgres_url()
    try:
        yield url
    finally:
        _drop(url)
