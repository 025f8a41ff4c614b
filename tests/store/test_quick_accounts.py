"""On the embedded SQLite file, "are there accounts yet?" is asked with the quick reader, and sees a new
account at once, whoever added it."""

from __future__ import annotations

import sqlalchemy as sa

from supple.config import Settings
from supple.services.accounts import Accounts, cheap_hasher
from supple.store.athlete import shared_store
from supple.store.engine import make_engine
from supple.store.quick import read_any_users


def test_a_new_account_is_seen_at_once_without_sqlalchemy(settings: Settings) -> None:
    asking = Accounts.open(settings, hasher=cheap_hasher())
    assert settings.sqlite_path is not None
    assert asking.sqlite_path == settings.sqlite_path
    statements: list[str] = []
    engine = shared_store(settings.database_url).engine
    sa.event.listen(engine, "before_cursor_execute", lambda _c, _k, statement, *rest: statements.append(statement))
    assert asking.any_accounts() is False
    assert asking.any_accounts() is False, "asked again: still no accounts, still checked"
    other = make_engine(settings.database_url)  # another writer of the same file (another process's pool)
    try:
        Accounts(other, hasher=cheap_hasher()).add_user("ana@example.org", "a long enough password", role="admin")
    finally:
        other.dispose()
    assert asking.any_accounts() is True, "the new account is seen at once"
    assert read_any_users(settings.sqlite_path) is True
    assert statements == [], "the quick reader answered, not SQLAlchemy"


def test_a_file_that_is_not_there_is_left_to_the_full_path(settings: Settings) -> None:
    assert settings.sqlite_path is not None
    assert read_any_users(settings.sqlite_path.with_name("missing.sqlite")) is None
