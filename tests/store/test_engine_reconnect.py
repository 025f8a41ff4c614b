"""A pooled PostgreSQL connection the server has closed is replaced on checkout (pool_pre_ping)."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from supple.store.engine import make_engine
from tests.conftest import POSTGRES_ADMIN_URL


def _terminate(pid: int) -> None:
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            assert conn.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": pid}).scalar()
            for _ in range(500):  # the backend is gone (its socket closed) within moments
                gone = "SELECT count(*) = 0 FROM pg_stat_activity WHERE pid = :pid"
                if conn.execute(sa.text(gone), {"pid": pid}).scalar():
                    return
                time.sleep(0.01)
        pytest.fail(f"backend {pid} did not go away")
    finally:
        admin.dispose()


@pytest.mark.postgres
def test_a_connection_the_server_closed_is_replaced(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    try:
        with engine.connect() as conn:
            first = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
        _terminate(first)
        with engine.connect() as conn:  # the same pooled connection would fail here
            second = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
        assert second != first
    finally:
        engine.dispose()
