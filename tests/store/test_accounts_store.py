"""The accounts repository on a real SQLite file and a real PostgreSQL database (migrated to head)."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from supple.store import athlete_rows
from supple.store.accounts import AccountStore, Backoff
from supple.store.engine import make_engine, migrate
from tests.threads import at_once

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
BACKOFF = Backoff(after=3, first=30, most=120, forget_after=dt.timedelta(hours=1))
TABLES = ("users", "auth_sessions", "api_tokens", "sign_in_attempts", "one_time_links", "server_options")


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def store(engine: Engine) -> AccountStore:
    return AccountStore(engine)


def _count(engine: Engine, table: str) -> int:
    with engine.connect() as conn:
        return int(conn.exec_driver_sql(f"SELECT COUNT(*) FROM {table}").scalar_one())


def _user(store: AccountStore, email: str = "ana@example.org", athlete: str | None = "ana") -> int:
    return store.add_user(
        email=email, name="", password_hash="$argon2id$x", role="athlete", athlete=None, new_athlete=athlete, now=NOW
    ).id


def test_the_migration_makes_every_accounts_table(engine: Engine) -> None:
    present = set(sa.inspect(engine).get_table_names())
    assert set(TABLES) <= present
    for table in TABLES:
        assert _count(engine, table) == 0


def test_deleting_an_athlete_removes_its_account_sessions_tokens_and_links(engine: Engine, store: AccountStore) -> None:
    ana = _user(store)
    ben = _user(store, "ben@example.org", "ben")
    for user, athlete in ((ana, "ana"), (ben, "ben")):
        store.add_session(
            secret_hash=f"{athlete:x<64}",
            user_id=user,
            athlete=athlete,
            kind="browser",
            label="",
            idle_minutes=60,
            expires_at=NOW + dt.timedelta(days=1),
            now=NOW,
        )
        store.add_token(user_id=user, name="", secret_hash=f"{athlete:t<64}", read_only=False, now=NOW)
        store.add_link(
            purpose="pairing", secret_hash=f"{athlete:p<64}", athlete=athlete, expires_at=NOW + dt.timedelta(1), now=NOW
        )
    store.record_failure("email:ana@example.org", BACKOFF, now=NOW)
    athlete_rows.delete(engine, "ana")  # what "delete my account" and data deletion use
    assert [u.email for u in store.users()] == ["ben@example.org"]
    for table in ("auth_sessions", "api_tokens", "one_time_links"):
        assert _count(engine, table) == 1, table
    assert "users" not in athlete_rows.dump(engine, "ben")  # credentials are never exported


def test_deleting_an_account_forgets_its_failed_sign_ins(store: AccountStore) -> None:
    _user(store)
    store.record_failure("email:ana@example.org", BACKOFF, now=NOW)
    store.record_failure("addr:192.0.2.1", BACKOFF, now=NOW)
    assert store.delete_user("ana@example.org")
    assert store.record_failure("email:ana@example.org", BACKOFF, now=NOW) == 1
    assert store.record_failure("addr:192.0.2.1", BACKOFF, now=NOW) == 2


def test_sessions_end_when_idle_revoked_or_past_their_end(store: AccountStore) -> None:
    def start(secret_hash: str) -> None:
        store.add_session(
            secret_hash=secret_hash,
            user_id=None,
            athlete="local",
            kind="device",
            label="phone",
            idle_minutes=10,
            expires_at=NOW + dt.timedelta(minutes=30),
            now=NOW,
        )

    start("a" * 64)
    assert store.session("a" * 64, now=NOW + dt.timedelta(minutes=9)) is not None
    assert store.session("a" * 64, now=NOW + dt.timedelta(minutes=18)) is not None
    assert store.session("a" * 64, now=NOW + dt.timedelta(minutes=27)) is not None
    assert store.session("a" * 64, now=NOW + dt.timedelta(minutes=30)) is None
    start("b" * 64)
    assert store.session("b" * 64, now=NOW + dt.timedelta(minutes=10)) is None
    start("c" * 64)
    assert store.end_session("c" * 64, now=NOW)
    assert store.session("c" * 64, now=NOW) is None
    assert store.session("d" * 64, now=NOW) is None


def test_failures_are_counted_forgotten_and_blocked(store: AccountStore) -> None:
    key = "email:ana@example.org"
    for n in range(1, 3):
        assert store.record_failure(key, BACKOFF, now=NOW) == n
    assert store.blocked_until((key,), now=NOW) is None
    assert store.record_failure(key, BACKOFF, now=NOW) == 3
    assert store.blocked_until((key, "addr:192.0.2.1"), now=NOW) == NOW + dt.timedelta(seconds=30)
    assert store.record_failure(key, BACKOFF, now=NOW) == 4
    assert store.blocked_until((key,), now=NOW) == NOW + dt.timedelta(seconds=60)
    for _ in range(3):
        store.record_failure(key, BACKOFF, now=NOW)
    assert store.blocked_until((key,), now=NOW) == NOW + dt.timedelta(seconds=120)
    later = NOW + dt.timedelta(hours=2)
    assert store.blocked_until((key,), now=later) is None
    assert store.record_failure(key, BACKOFF, now=later) == 1
    store.clear_failures(key)
    assert store.record_failure(key, BACKOFF, now=later) == 1


def test_failures_from_many_processes_at_once_are_all_counted(database_url: str, store: AccountStore) -> None:
    engines = [make_engine(database_url) for _ in range(4)]
    start = threading.Barrier(len(engines))

    def fail_five_times(engine: Engine) -> None:
        start.wait()
        for _ in range(5):
            AccountStore(engine).record_failure("addr:203.0.113.9", BACKOFF, now=NOW)

    errors = at_once(fail_five_times, [(e,) for e in engines])
    for engine in engines:
        engine.dispose()
    assert errors == []
    assert store.record_failure("addr:203.0.113.9", BACKOFF, now=NOW) == 21


def test_a_link_is_used_once_and_only_before_it_expires(store: AccountStore) -> None:
    expires = NOW + dt.timedelta(minutes=10)
    store.add_link(purpose="pairing", secret_hash="p" * 64, athlete="local", expires_at=expires, now=NOW)

    def redeem(at: dt.datetime, secret_hash: str = "p" * 64) -> object:
        return store.redeem_pairing(
            secret_hash,
            session_hash=f"{at.isoformat():s<64}"[:64],
            label="",
            idle_minutes=5,
            expires_at=expires,
            now=at,
        )

    assert redeem(expires) is None  # expired: not used
    assert redeem(NOW + dt.timedelta(minutes=1)) is not None
    assert redeem(NOW + dt.timedelta(minutes=2)) is None
    assert redeem(NOW, "q" * 64) is None
    store.add_link(purpose="invitation", secret_hash="i" * 64, role="athlete", expires_at=expires, now=NOW)
    assert redeem(NOW, "i" * 64) is None  # an invitation is not a pairing link


def test_options_are_kept_and_replaced(store: AccountStore) -> None:
    assert store.option("registration") is None
    store.set_option("registration", "open")
    store.set_option("registration", "closed")
    assert store.option("registration") == "closed"
