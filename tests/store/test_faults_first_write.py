"""32 first writes for one new athlete at the same moment, each on its own engine: all succeed."""

from __future__ import annotations

import datetime as dt
import threading

import sqlalchemy as sa

from supple.core.session import LoggedSession
from supple.store.engine import make_engine, migrate
from supple.store.repository import Store
from supple.store.schema import athletes, sessions
from tests.threads import at_once

WRITERS = 32


def test_simultaneous_first_writes_create_the_athlete_once(database_url: str) -> None:
    setup = make_engine(database_url)
    migrate(setup)
    engines = [make_engine(database_url) for _ in range(WRITERS)]
    start = threading.Barrier(WRITERS)

    def write(n: int) -> None:
        start.wait()
        Store(engines[n]).log_session(
            "newcomer", LoggedSession(dt.date(2026, 12, 1) + dt.timedelta(n), "daily", 10, 600, ())
        )

    failures = at_once(write, [(n,) for n in range(WRITERS)])
    for engine in engines:
        engine.dispose()
    assert failures == []
    with setup.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(athletes)).scalar() == 1
        assert conn.execute(sa.select(sa.func.count()).select_from(sessions)).scalar() == WRITERS
    setup.dispose()
