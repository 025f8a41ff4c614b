"""Accounts on a real SQLite file and a real PostgreSQL database: users, sign-in limits, sessions, tokens, links.

Time is a clock the test moves (never the wall clock); passwords use argon2id at its cheapest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from supple.config import Settings
from supple.core.athlete import Profile
from supple.core.errors import InvalidInput, NotAllowed
from supple.services.accounts import (
    ACCOUNT_BACKOFF,
    Accounts,
    LinkRefused,
    SignInRefused,
    TooManyAttempts,
    cheap_hasher,
)
from supple.store.engine import make_engine, migrate
from supple.store.repository import Store

PASSWORD = "correct horse battery"


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def open_accounts(database_url: str, clock: Clock) -> Iterator[Callable[[], Accounts]]:
    """Accounts on its own engine each call: each one stands for another process on the same database."""
    engines: list[Any] = []

    def make() -> Accounts:
        engine = make_engine(database_url)
        migrate(engine)
        engines.append(engine)
        return Accounts(engine, hasher=cheap_hasher(), clock=clock)

    yield make
    for engine in engines:
        engine.dispose()


@pytest.fixture
def accounts(open_accounts: Callable[[], Accounts]) -> Accounts:
    return open_accounts()


# -- users -----------------------------------------------------------------------------------------
def test_an_athlete_account_gets_its_own_new_athlete_and_an_admin_none(accounts: Accounts) -> None:
    assert not accounts.any_accounts()
    ana = accounts.add_user("  Ana@Example.ORG ", PASSWORD, name="Ana  Núñez")
    admin = accounts.add_user("root@example.org", PASSWORD, role="admin")
    coach = accounts.add_user("coach@example.org", PASSWORD, role="coach")
    assert accounts.any_accounts()
    assert (ana.email, ana.name, ana.role, ana.disabled) == ("ana@example.org", "Ana Núñez", "athlete", False)
    assert ana.athlete is not None
    assert ana.athlete.startswith("u-")
    assert coach.athlete is not None
    assert coach.athlete != ana.athlete
    assert admin.athlete is None
    assert [u.email for u in accounts.list_users()] == ["ana@example.org", "coach@example.org", "root@example.org"]
    assert accounts.find_user("ANA@example.org") == ana
    assert accounts.find_user("nobody@example.org") is None


@pytest.mark.parametrize(
    ("email", "password", "options", "field"),
    [
        ("not-an-email", PASSWORD, {}, "email"),
        ("a@b", PASSWORD, {}, "email"),
        ("a" * 250 + "@example.org", PASSWORD, {}, "email"),
        ("ana@example.org", "short", {}, "password"),
        ("ana@example.org", "x" * 1025, {}, "password"),
        ("ana@example.org", PASSWORD, {"role": "owner"}, "role"),
        ("ana@example.org", PASSWORD, {"name": "x" * 100}, "name"),
        ("ana@example.org", PASSWORD, {"athlete": "nobody"}, "athlete"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(
    accounts: Accounts, email: str, password: str, options: dict[str, str], field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        accounts.add_user(email, password, **options)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert accounts.list_users() == []


def test_the_password_never_appears_in_the_message(accounts: Accounts) -> None:
    with pytest.raises(InvalidInput, match="password: 9 characters") as refused:
        accounts.add_user("ana@example.org", "secret123")
    assert "secret123" not in str(refused.value)


def test_an_email_is_one_account_whatever_its_case(accounts: Accounts) -> None:
    accounts.add_user("ana@example.org", PASSWORD)
    with pytest.raises(InvalidInput, match="email"):
        accounts.add_user("ANA@example.org", PASSWORD)
    assert len(accounts.list_users()) == 1


def test_two_processes_adding_the_same_email_at_once_make_one_account(
    open_accounts: Callable[[], Accounts],
) -> None:
    writers = [open_accounts() for _ in range(4)]
    start = threading.Barrier(len(writers))
    outcomes: list[str] = []

    def add(accounts: Accounts) -> None:
        start.wait()
        try:
            accounts.add_user("ana@example.org", PASSWORD)
            outcomes.append("made")
        except InvalidInput as error:
            outcomes.append(f"refused: {error.field}")

    threads = [threading.Thread(target=add, args=(w,)) for w in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["made", "refused: email", "refused: email", "refused: email"]
    assert len(writers[0].list_users()) == 1


def test_the_local_athletes_data_can_be_given_to_an_account(accounts: Accounts) -> None:
    store = Store(accounts.store.engine)
    store.save_profile("local", Profile(minutes=20, name="Sam"))
    phone, _ = accounts.redeem_pairing(accounts.create_pairing("local"), label="phone")
    sam = accounts.add_user("sam@example.org", PASSWORD, athlete="local")
    assert sam.athlete == "local"
    device = accounts.resolve_session(phone)
    assert device is not None
    assert device.user == sam  # the phone paired before the account is now the account's
    assert accounts.list_sessions(user_id=None, athlete="local") == []
    assert store.get_profile(sam.athlete) == Profile(minutes=20, name="Sam")
    with pytest.raises(InvalidInput, match="no other account owns"):
        accounts.add_user("other@example.org", PASSWORD, athlete="local")


def test_disable_set_password_and_delete(accounts: Accounts) -> None:
    ana = accounts.add_user("ana@example.org", PASSWORD)
    secret, _ = accounts.start_session(user=ana, athlete=ana.athlete or "")
    accounts.set_password("ana@example.org", "another good one")
    assert accounts.resolve_session(secret) is None
    with pytest.raises(SignInRefused):
        accounts.authenticate("ana@example.org", PASSWORD, address="192.0.2.1")
    assert accounts.authenticate("ana@example.org", "another good one", address="192.0.2.1").id == ana.id
    accounts.delete_user("ana@example.org")
    assert accounts.find_user("ana@example.org") is None
    for action in (accounts.disable_user, accounts.delete_user):
        with pytest.raises(InvalidInput, match="existing account"):
            action("ana@example.org")
    with pytest.raises(InvalidInput, match="existing account"):
        accounts.set_password("ana@example.org", PASSWORD)


# -- sign-in ---------------------------------------------------------------------------------------
def test_the_same_answer_for_an_unknown_email_a_wrong_password_and_a_disabled_account(accounts: Accounts) -> None:
    accounts.add_user("ana@example.org", PASSWORD)
    accounts.add_user("off@example.org", PASSWORD)
    accounts.disable_user("off@example.org")
    messages = set()
    for email, password in (
        ("nobody@example.org", PASSWORD),
        ("ana@example.org", "wrong password"),
        ("off@example.org", PASSWORD),
    ):
        with pytest.raises(SignInRefused) as refused:
            accounts.authenticate(email, password, address="192.0.2.1")
        messages.add(str(refused.value))
    assert messages == {"email or password not recognised"}
    assert accounts.authenticate("ANA@example.org", PASSWORD, address="192.0.2.1").email == "ana@example.org"


def test_failures_block_the_account_with_a_doubling_backoff_seen_by_every_process(
    open_accounts: Callable[[], Accounts], clock: Clock
) -> None:
    one, other = open_accounts(), open_accounts()
    one.add_user("ana@example.org", PASSWORD)
    for _ in range(ACCOUNT_BACKOFF.after):
        with pytest.raises(SignInRefused):
            one.authenticate("ana@example.org", "wrong password", address="192.0.2.1")
    with pytest.raises(TooManyAttempts) as blocked:
        other.authenticate("ana@example.org", PASSWORD, address="198.51.100.7")
    assert blocked.value.retry_after == 30
    clock.advance(seconds=31)
    with pytest.raises(SignInRefused):
        other.authenticate("ana@example.org", "wrong again", address="198.51.100.7")
    with pytest.raises(TooManyAttempts) as longer:
        one.authenticate("ana@example.org", PASSWORD, address="192.0.2.1")
    assert longer.value.retry_after == 60
    clock.advance(seconds=61)
    assert other.authenticate("ana@example.org", PASSWORD, address="192.0.2.1").email == "ana@example.org"
    # a good sign-in cleared the account's count: one more failure does not block
    with pytest.raises(SignInRefused):
        one.authenticate("ana@example.org", "wrong password", address="192.0.2.1")
    assert one.authenticate("ana@example.org", PASSWORD, address="192.0.2.1").email == "ana@example.org"


def test_the_backoff_stops_at_fifteen_minutes(accounts: Accounts, clock: Clock) -> None:
    for _ in range(12):
        with pytest.raises((SignInRefused, TooManyAttempts)):
            accounts.authenticate("nobody@example.org", "wrong password", address="192.0.2.1")
        clock.advance(minutes=16)
    with pytest.raises(SignInRefused):
        accounts.authenticate("nobody@example.org", "wrong password", address="192.0.2.1")
    with pytest.raises(TooManyAttempts) as blocked:
        accounts.authenticate("nobody@example.org", "wrong password", address="192.0.2.1")
    assert blocked.value.retry_after == 15 * 60


def test_one_address_trying_many_accounts_is_blocked(accounts: Accounts) -> None:
    accounts.add_user("ana@example.org", PASSWORD)
    for n in range(20):
        with pytest.raises(SignInRefused):
            accounts.authenticate(f"guess{n}@example.org", "wrong password", address="203.0.113.9")
    with pytest.raises(TooManyAttempts):
        accounts.authenticate("ana@example.org", PASSWORD, address="203.0.113.9")
    assert accounts.authenticate("ana@example.org", PASSWORD, address="192.0.2.1").email == "ana@example.org"


def test_a_hash_made_with_older_parameters_is_renewed_at_sign_in(database_url: str, clock: Clock) -> None:
    from argon2 import PasswordHasher

    engine = make_engine(database_url)
    migrate(engine)
    try:
        cheap = Accounts(engine, hasher=cheap_hasher(), clock=clock)
        cheap.add_user("ana@example.org", PASSWORD)
        stronger = Accounts(engine, hasher=PasswordHasher(memory_cost=1024, time_cost=1), clock=clock)
        stronger.authenticate("ana@example.org", PASSWORD, address="192.0.2.1")
        found = stronger.store.credentials("ana@example.org")
        assert found is not None
        assert "m=1024" in found[1]
        assert not found[1].startswith(PASSWORD)
        assert cheap.authenticate("ana@example.org", PASSWORD, address="192.0.2.1").email == "ana@example.org"
    finally:
        engine.dispose()


# -- sessions --------------------------------------------------------------------------------------
def test_each_sign_in_gets_a_new_secret_stored_only_as_a_hash(accounts: Accounts) -> None:
    ana = accounts.add_user("ana@example.org", PASSWORD)
    first, one = accounts.start_session(user=ana, athlete=ana.athlete or "")
    second, two = accounts.start_session(user=ana, athlete=ana.athlete or "")
    assert first != second
    assert one.session_id != two.session_id
    assert len(first) >= 43
    with accounts.store.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT secret_hash FROM auth_sessions").scalars().all()
    assert first not in stored
    assert second not in stored
    assert accounts.resolve_session(first) == one
    assert accounts.resolve_session("nonsense") is None
    assert accounts.resolve_session("") is None


def test_a_session_ends_when_idle_and_at_its_absolute_end(accounts: Accounts, clock: Clock) -> None:
    ana = accounts.add_user("ana@example.org", PASSWORD)
    idle, _ = accounts.start_session(user=ana, athlete=ana.athlete or "", idle_minutes=60, absolute_days=1)
    clock.advance(minutes=59)
    seen = accounts.resolve_session(idle)
    assert seen is not None
    assert seen.last_seen_at == clock.now
    clock.advance(minutes=59)  # used 59 minutes ago: still alive
    assert accounts.resolve_session(idle) is not None
    clock.advance(minutes=61)
    assert accounts.resolve_session(idle) is None

    busy, started = accounts.start_session(user=ana, athlete=ana.athlete or "", idle_minutes=60, absolute_days=1)
    for _ in range(23):
        clock.advance(minutes=59)
        assert accounts.resolve_session(busy) is not None
    clock.advance(minutes=60 * 24)
    assert clock.now > started.expires_at
    assert accounts.resolve_session(busy) is None


def test_last_seen_is_written_at_most_once_a_minute(accounts: Accounts, clock: Clock) -> None:
    secret, started = accounts.start_session(user=None, athlete="local", kind="device", label="phone")
    clock.advance(seconds=30)
    seen = accounts.resolve_session(secret)
    assert seen is not None
    assert seen.last_seen_at == started.last_seen_at
    clock.advance(seconds=40)
    seen = accounts.resolve_session(secret)
    assert seen is not None
    assert seen.last_seen_at == clock.now


def test_sign_out_here_everywhere_and_one_of_ones_own(accounts: Accounts) -> None:
    ana = accounts.add_user("ana@example.org", PASSWORD)
    ben = accounts.add_user("ben@example.org", PASSWORD)
    a1, _ = accounts.start_session(user=ana, athlete=ana.athlete or "")
    a2, s2 = accounts.start_session(user=ana, athlete=ana.athlete or "", label="laptop")
    a3, s3 = accounts.start_session(user=ana, athlete=ana.athlete or "")
    b1, sb = accounts.start_session(user=ben, athlete=ben.athlete or "")
    accounts.end_session(a1)
    assert accounts.resolve_session(a1) is None
    assert [s.session_id for s in accounts.list_sessions(user_id=ana.id, athlete="")] == [
        s2.session_id,
        s3.session_id,
    ]
    assert not accounts.revoke_session(sb.session_id, user_id=ana.id, athlete=ana.athlete or "")
    assert accounts.resolve_session(b1) is not None
    assert accounts.revoke_session(s2.session_id, user_id=ana.id, athlete=ana.athlete or "")
    assert accounts.resolve_session(a2) is None
    assert accounts.end_all_sessions(ana.id, ana.athlete or "") == 1
    assert accounts.resolve_session(a3) is None
    assert accounts.resolve_session(b1) is not None


def test_account_less_devices_of_the_local_athlete(accounts: Accounts) -> None:
    phone, device = accounts.start_session(user=None, athlete="local", kind="device", label="phone")
    assert (device.user, device.athlete, device.kind, device.label) == (None, "local", "device", "phone")
    assert device.expires_at - device.created_at == dt.timedelta(days=365)
    assert [s.session_id for s in accounts.list_sessions(user_id=None, athlete="local")] == [device.session_id]
    assert accounts.list_sessions(user_id=None, athlete="other") == []
    assert accounts.end_all_sessions(None, "local") == 1
    assert accounts.resolve_session(phone) is None


def test_a_disabled_users_sessions_and_tokens_stop_working(accounts: Accounts) -> None:
    ana = accounts.add_user("ana@example.org", PASSWORD)
    session, _ = accounts.start_session(user=ana, athlete=ana.athlete or "")
    token, _ = accounts.create_token("ana@example.org")
    assert accounts.resolve_session(session) is not None
    assert accounts.resolve_token(token) is not None
    disabled = accounts.disable_user("ana@example.org")
    assert disabled.disabled
    assert accounts.resolve_session(session) is None
    assert accounts.resolve_token(token) is None
    assert all(t.revoked_at is not None for t in accounts.list_tokens("ana@example.org"))
    with pytest.raises(InvalidInput, match="not disabled"):
        accounts.create_token("ana@example.org")


# -- API tokens ------------------------------------------------------------------------------------
def test_tokens_read_only_last_used_and_revoked(accounts: Accounts, clock: Clock) -> None:
    ana = accounts.add_user("ana@example.org", PASSWORD)
    secret, token = accounts.create_token("ana@example.org", name="watch", read_only=True)
    assert secret.startswith("sup_")
    assert token.read_only
    assert token.name == "watch"
    assert token.last_used_at is None
    found = accounts.resolve_token(secret)
    assert found is not None
    user, used = found
    assert user.id == ana.id
    assert used.read_only
    assert used.last_used_at == clock.now
    writer, other = accounts.create_token("ana@example.org")
    assert not other.read_only
    assert accounts.resolve_token(writer.removeprefix("sup_")) is None
    assert [t.id for t in accounts.list_tokens("ana@example.org")] == [token.id, other.id]
    revoked = accounts.revoke_token(token.id)
    assert revoked.revoked_at == clock.now
    assert accounts.resolve_token(secret) is None
    with pytest.raises(InvalidInput, match="token"):
        accounts.revoke_token(9999)
    with pytest.raises(InvalidInput, match="existing account"):
        accounts.create_token("nobody@example.org")


# -- invitations and registration --------------------------------------------------------------------
def test_an_invitation_makes_one_account_then_is_spent(accounts: Accounts, clock: Clock) -> None:
    admin = accounts.add_user("root@example.org", PASSWORD, role="admin")
    link = accounts.create_invitation(role="coach", created_by=admin.id)
    coach = accounts.accept_invitation(link, email="coach@example.org", password=PASSWORD, name="Kim")
    assert (coach.role, coach.name) == ("coach", "Kim")
    with pytest.raises(LinkRefused, match="expired or was already used"):
        accounts.accept_invitation(link, email="two@example.org", password=PASSWORD)
    late = accounts.create_invitation(hours=1)
    clock.advance(hours=1)
    with pytest.raises(LinkRefused):
        accounts.accept_invitation(late, email="late@example.org", password=PASSWORD)
    with pytest.raises(LinkRefused):
        accounts.accept_invitation("made-up", email="late@example.org", password=PASSWORD)
    assert accounts.find_user("late@example.org") is None


def test_an_invitation_for_a_taken_email_stays_unused(accounts: Accounts) -> None:
    accounts.add_user("ana@example.org", PASSWORD)
    link = accounts.create_invitation()
    with pytest.raises(InvalidInput, match="email"):
        accounts.accept_invitation(link, email="ana@example.org", password=PASSWORD)
    with pytest.raises(InvalidInput, match="password"):
        accounts.accept_invitation(link, email="ben@example.org", password="short")
    assert accounts.accept_invitation(link, email="ben@example.org", password=PASSWORD).role == "athlete"


def test_registration_is_closed_until_opened(accounts: Accounts) -> None:
    assert not accounts.registration_open()
    with pytest.raises(NotAllowed, match="registration is closed"):
        accounts.register("ana@example.org", PASSWORD)
    accounts.set_registration(True)
    assert accounts.registration_open()
    assert accounts.register("ana@example.org", PASSWORD, name="Ana").role == "athlete"
    accounts.set_registration(False)
    assert not accounts.registration_open()


# -- pairing -----------------------------------------------------------------------------------------
def test_pairing_signs_a_device_in_once(accounts: Accounts, clock: Clock) -> None:
    link = accounts.create_pairing("local")
    secret, device = accounts.redeem_pairing(link, label="Pixel")
    assert (device.user, device.athlete, device.kind, device.label) == (None, "local", "device", "Pixel")
    assert accounts.resolve_session(secret) == device
    with pytest.raises(LinkRefused):
        accounts.redeem_pairing(link, label="Pixel")
    late = accounts.create_pairing("local")
    clock.advance(minutes=10)
    with pytest.raises(LinkRefused):
        accounts.redeem_pairing(late, label="Pixel")


def test_pairing_for_an_owned_athlete_signs_in_as_its_account(accounts: Accounts) -> None:
    ana = accounts.add_user("ana@example.org", PASSWORD)
    _, device = accounts.redeem_pairing(accounts.create_pairing(ana.athlete or ""), label="phone")
    assert device.user is not None
    assert device.user.id == ana.id
    accounts.disable_user("ana@example.org")
    with pytest.raises(LinkRefused):
        accounts.redeem_pairing(accounts.create_pairing(ana.athlete or ""), label="phone")


def test_a_pairing_link_opened_by_many_at_once_pairs_one_device(open_accounts: Callable[[], Accounts]) -> None:
    link = open_accounts().create_pairing("local")
    redeemers = [open_accounts() for _ in range(6)]
    start = threading.Barrier(len(redeemers))
    outcomes: list[str] = []

    def redeem(accounts: Accounts) -> None:
        start.wait()
        try:
            accounts.redeem_pairing(link, label="phone")
            outcomes.append("paired")
        except LinkRefused:
            outcomes.append("refused")

    threads = [threading.Thread(target=redeem, args=(r,)) for r in redeemers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["paired"] + ["refused"] * 5
    assert len(redeemers[0].list_sessions(user_id=None, athlete="local")) == 1


def test_with_a_secret_key_the_stored_hashes_are_keyed(settings: Settings) -> None:
    """A copy of the database alone opens nothing: the same secret read under another key is unknown."""
    keyed = dataclasses.replace(settings, secret_key="k" * 40)
    accounts = Accounts.open(keyed, hasher=cheap_hasher())
    accounts.add_user("key@example.org", "a long enough password")
    secret, _ = accounts.create_token("key@example.org")
    assert accounts.resolve_token(secret) is not None
    assert Accounts.open(settings, hasher=cheap_hasher()).resolve_token(secret) is None, "no key: not found"
    other = dataclasses.replace(settings, secret_key="o" * 40)
    assert Accounts.open(other, hasher=cheap_hasher()).resolve_token(secret) is None, "another key: not found"
