"""Accounts: users, sign-in, sessions, personal API tokens, invitations and pairing links.

``Accounts.open(settings)`` is built once by a skin (the only service that takes settings:
accounts belong to the server, not to one athlete). Passwords are kept as argon2id hashes
(argon2-cffi's defaults, RFC 9106 low-memory); session, token and link secrets are made with
``secrets.token_urlsafe(32)`` and only their sha256 is stored, so the database never holds
anything that signs someone in.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
import re
import secrets
from collections.abc import Callable
from typing import TYPE_CHECKING

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError

from supple.core.athlete import check_name
from supple.core.errors import InvalidInput, NotAllowed
from supple.services.context import ROLES
from supple.services.errors import LinkRefused, SignInRefused, TooManyAttempts
from supple.store.account_rows import Backoff, SignedIn, Token, User
from supple.store.accounts import AccountStore
from supple.store.quick import read_any_users

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy.engine import Engine

    from supple.config import Settings

#: A browser session ends after this long unused, and in any case this many days after sign-in.
BROWSER_IDLE_MINUTES = 14 * 24 * 60
BROWSER_ABSOLUTE_DAYS = 30
#: A paired device (a phone by the mat) stays signed in longer; it can be revoked in Settings.
DEVICE_IDLE_MINUTES = 60 * 24 * 60
DEVICE_ABSOLUTE_DAYS = 365
PAIRING_MINUTES = 10
INVITATION_HOURS = 72
#: Personal API tokens start with this, so a leaked one is recognisable (e.g. by secret scanners).
TOKEN_PREFIX = "sup_"
MIN_PASSWORD = 10
MAX_PASSWORD = 1024
MAX_EMAIL = 254
MAX_LABEL = 200
MAX_TOKEN_NAME = 100
#: Failed sign-ins: per account, blocked from the 5th failure, 30 s doubling up to 15 min; per
#: address (many people may share one behind a club's router) from the 20th. An hour without a
#: failure forgets the count; a good sign-in clears the account's.
ACCOUNT_BACKOFF = Backoff(after=5, first=30, most=15 * 60, forget_after=dt.timedelta(hours=1))
ADDRESS_BACKOFF = Backoff(after=20, first=30, most=15 * 60, forget_after=dt.timedelta(hours=1))

_EMAIL = re.compile(
    r"[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+"
)
_REGISTRATION = "registration"

__all__ = [
    "Accounts",
    "LinkRefused",
    "SignInRefused",
    "SignedIn",
    "Token",
    "TooManyAttempts",
    "User",
    "cheap_hasher",
    "check_email",
    "check_role",
    "token_dict",
    "user_dict",
]


class BadPassword(InvalidInput):
    """A password too short or too long; the message never echoes it."""

    def __init__(self, length: int) -> None:
        super().__init__("password", "", f"{MIN_PASSWORD} to {MAX_PASSWORD} characters")
        self.value = None
        self.args = (f"password: {length} characters is not valid; expected {MIN_PASSWORD} to {MAX_PASSWORD}",)


def cheap_hasher() -> PasswordHasher:
    """argon2id at its cheapest, for tests only: pass it to ``Accounts`` explicitly."""
    return PasswordHasher.from_parameters(profiles.CHEAPEST)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _digest(secret: str, key: bytes | None = None) -> str:
    """What is stored of a secret: its SHA-256, keyed with the server's secret key (HMAC) when one is
    set, so a copy of the database alone opens no session, token or link."""
    data = secret.encode("utf-8", "surrogatepass")
    if key:
        return hmac.new(key, data, hashlib.sha256).hexdigest()
    return hashlib.sha256(data).hexdigest()


def _plain(secret: str) -> bool:
    """A secret worth looking up: short, printable ASCII (anything else cannot be one of ours)."""
    return 0 < len(secret) <= 200 and secret.isascii() and secret.isprintable()


def check_email(email: str) -> str:
    """The email lower-cased and trimmed; InvalidInput unless it has the plain shape name@domain.tld."""
    tidy = email.strip().lower()
    if len(tidy) > MAX_EMAIL or not _EMAIL.fullmatch(tidy):
        raise InvalidInput("email", email, f"an email address such as ana@example.org (at most {MAX_EMAIL} chars)")
    return tidy


def check_password(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise BadPassword(len(password))
    return password


def check_role(role: str) -> str:
    if role not in ROLES:
        raise InvalidInput("role", role, "one of " + ", ".join(ROLES))
    return role


def _check_text(field: str, text: str, most: int) -> str:
    tidy = " ".join(text.split())
    if len(tidy) > most or not tidy.isprintable():
        raise InvalidInput(field, text, f"printable text of at most {most} characters")
    return tidy


def _check_count(field: str, value: int, low: int, high: int) -> int:
    if not low <= value <= high:
        raise InvalidInput(field, value, f"a whole number from {low} to {high}")
    return value


class Accounts:
    """Every use of accounts (see the module docstring). ``hasher`` and ``clock`` are for tests."""

    def __init__(
        self,
        engine: Engine,
        *,
        hasher: PasswordHasher | None = None,
        clock: Callable[[], dt.datetime] | None = None,
        key: str | None = None,
        sqlite_path: Path | None = None,
    ) -> None:
        self.store = AccountStore(engine)
        self.sqlite_path = sqlite_path  #: the embedded file: "any accounts?" is asked without SQLAlchemy
        self.key = key.encode() if key else None
        self.hasher = hasher or PasswordHasher()
        self.clock = clock or _utc_now
        self._dummy: str | None = None

    def _digest(self, secret: str) -> str:
        return _digest(secret, self.key)

    @classmethod
    def open(
        cls,
        settings: Settings,
        *,
        hasher: PasswordHasher | None = None,
        clock: Callable[[], dt.datetime] | None = None,
    ) -> Accounts:
        """The accounts of the database ``settings`` name (migrated on first use in this process)."""
        from supple.store.athlete import shared_store

        engine = shared_store(settings.database_url).engine
        return cls(engine, hasher=hasher, clock=clock, key=settings.secret_key, sqlite_path=settings.sqlite_path)

    # -- users ------------------------------------------------------------------------------------
    def any_accounts(self) -> bool:
        """True once any account exists: from then on every request needs a signed-in user or a token."""
        quick = read_any_users(self.sqlite_path) if self.sqlite_path is not None else None
        return self.store.any_users() if quick is None else quick

    def add_user(
        self,
        email: str,
        password: str,
        *,
        role: str = "athlete",
        name: str | None = None,
        athlete: str | None = None,
    ) -> User:
        """Add an account. With ``athlete`` (an existing athlete's key, e.g. ``local``) the account owns that
        athlete's data; without it an athlete or coach gets a new, empty athlete profile, an admin none."""
        email = check_email(email)
        check_password(password)
        role = check_role(role)
        tidy_name = check_name(name) if name else ""
        if athlete is not None and not athlete.strip():
            raise InvalidInput("athlete", athlete, "the key of an athlete with data in this database")
        new_athlete = _new_athlete() if athlete is None and role != "admin" else None
        return self.store.add_user(
            email=email,
            name=tidy_name,
            password_hash=self.hasher.hash(password),
            role=role,
            athlete=athlete,
            new_athlete=new_athlete,
            now=self.clock(),
        )

    def list_users(self) -> list[User]:
        return self.store.users()

    def find_user(self, email: str) -> User | None:
        return self.store.user(email.strip().lower())

    def disable_user(self, email: str) -> User:
        """Disable the account: it can no longer sign in, its sessions and tokens stop working."""
        found = self.store.disable_user(email.strip().lower(), now=self.clock())
        if found is None:
            raise _unknown(email)
        return found

    def set_password(self, email: str, password: str) -> None:
        """A new password; every session of the account ends (its tokens stay)."""
        check_password(password)
        email = email.strip().lower()
        if self.store.set_password(email, self.hasher.hash(password), now=self.clock()) is None:
            raise _unknown(email)
        self.store.clear_failures("email:" + email)

    def delete_user(self, email: str) -> None:
        """Remove the account, its sessions and tokens; the athlete's data stays (removed elsewhere)."""
        if not self.store.delete_user(email.strip().lower()):
            raise _unknown(email)

    # -- sign-in ------------------------------------------------------------------------------------
    def authenticate(self, email: str, password: str, *, address: str) -> User:
        """The user whose email and password these are. SignInRefused with one message for an unknown email,
        a wrong password and a disabled account (and the same work done for each); TooManyAttempts, before
        any check, while the account or the address is blocked after repeated failures."""
        now = self.clock()
        tidy = email.strip().lower()[:MAX_EMAIL]
        keys = ("email:" + tidy, "addr:" + address[:200])
        blocked = self.store.blocked_until(keys, now=now)
        if blocked is not None:
            raise TooManyAttempts(max(1, math.ceil((blocked - now).total_seconds())))
        found = self.store.credentials(tidy)
        candidate = password if len(password) <= MAX_PASSWORD else ""
        if found is None:
            self._verify(self._dummy_hash(), candidate)
            matched = False
        else:
            matched = self._verify(found[1], candidate) and bool(candidate)
        if found is None or not matched or found[0].disabled:
            self.store.record_failure(keys[0], ACCOUNT_BACKOFF, now=now)
            self.store.record_failure(keys[1], ADDRESS_BACKOFF, now=now)
            raise SignInRefused()
        user, stored = found
        self.store.clear_failures(keys[0])
        if self.hasher.check_needs_rehash(stored):
            self.store.set_password_hash(user.id, self.hasher.hash(password))
        return user

    def _verify(self, stored: str, password: str) -> bool:
        try:
            return self.hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    def _dummy_hash(self) -> str:
        """A hash of a random password with the same parameters: an unknown email costs one verify too."""
        if self._dummy is None:
            self._dummy = self.hasher.hash(secrets.token_urlsafe(16))
        return self._dummy

    # -- sessions -----------------------------------------------------------------------------------
    def start_session(
        self,
        *,
        user: User | None,
        athlete: str,
        kind: str = "browser",
        label: str = "",
        idle_minutes: int | None = None,
        absolute_days: int | None = None,
    ) -> tuple[str, SignedIn]:
        """A new session (a new secret every time: call it at each sign-in); the secret is returned once."""
        if kind not in ("browser", "device"):
            raise InvalidInput("kind", kind, "browser or device")
        browser = kind == "browser"
        idle = idle_minutes or (BROWSER_IDLE_MINUTES if browser else DEVICE_IDLE_MINUTES)
        days = absolute_days or (BROWSER_ABSOLUTE_DAYS if browser else DEVICE_ABSOLUTE_DAYS)
        _check_count("idle_minutes", idle, 1, 366 * 24 * 60)
        _check_count("absolute_days", days, 1, 366 * 2)
        now = self.clock()
        secret = secrets.token_urlsafe(32)
        found = self.store.add_session(
            secret_hash=self._digest(secret),
            user_id=None if user is None else user.id,
            athlete=athlete,
            kind=kind,
            label=_check_text("label", label, MAX_LABEL),
            idle_minutes=idle,
            expires_at=now + dt.timedelta(days=days),
            now=now,
        )
        return secret, found

    def resolve_session(self, secret: str) -> SignedIn | None:
        """The live session this secret opens, or None (unknown, ended, expired, or its user disabled)."""
        if not _plain(secret):
            return None
        return self.store.session(self._digest(secret), now=self.clock())

    def end_session(self, secret: str) -> None:
        if _plain(secret):
            self.store.end_session(self._digest(secret), now=self.clock())

    def end_all_sessions(self, user_id: int | None, athlete: str) -> int:
        """Sign out everywhere: every session of the user (or of the account-less athlete); how many ended."""
        return self.store.end_sessions(user_id=user_id, athlete=athlete, now=self.clock())

    def list_sessions(self, *, user_id: int | None, athlete: str) -> list[SignedIn]:
        return self.store.sessions(user_id=user_id, athlete=athlete, now=self.clock())

    def revoke_session(self, session_id: int, *, user_id: int | None, athlete: str) -> bool:
        """End one of one's own sessions; False when there is no such live session of theirs."""
        return self.store.revoke_session(session_id, user_id=user_id, athlete=athlete, now=self.clock())

    # -- API tokens ---------------------------------------------------------------------------------
    def create_token(self, email: str, *, name: str = "", read_only: bool = False) -> tuple[str, Token]:
        """A personal API token for the account; the secret is returned once and stored only as a hash."""
        user = self._enabled(email)
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = self.store.add_token(
            user_id=user.id,
            name=_check_text("name", name, MAX_TOKEN_NAME),
            secret_hash=self._digest(secret),
            read_only=read_only,
            now=self.clock(),
        )
        return secret, token

    def resolve_token(self, secret: str) -> tuple[User, Token] | None:
        """The user and token for a bearer secret, or None (unknown, revoked, or its user disabled)."""
        if not _plain(secret) or not secret.startswith(TOKEN_PREFIX):
            return None
        return self.store.token(self._digest(secret), now=self.clock())

    def list_tokens(self, email: str) -> list[Token]:
        user = self.find_user(email)
        if user is None:
            raise _unknown(email)
        return self.store.tokens(user.id)

    def revoke_token(self, token_id: int) -> Token:
        found = self.store.revoke_token(token_id, now=self.clock())
        if found is None:
            raise InvalidInput("token", token_id, "the id of an existing token")
        return found

    def _enabled(self, email: str) -> User:
        user = self.find_user(email)
        if user is None:
            raise _unknown(email)
        if user.disabled:
            raise InvalidInput("email", email, "an account that is not disabled")
        return user

    # -- invitations and registration ---------------------------------------------------------------
    def create_invitation(
        self, *, role: str = "athlete", created_by: int | None = None, hours: int = INVITATION_HOURS
    ) -> str:
        """The secret of a single-use invitation that makes an account with ``role``; it expires."""
        check_role(role)
        _check_count("hours", hours, 1, 24 * 30)
        now = self.clock()
        secret = secrets.token_urlsafe(32)
        self.store.add_link(
            purpose="invitation",
            secret_hash=self._digest(secret),
            role=role,
            created_by=created_by,
            expires_at=now + dt.timedelta(hours=hours),
            now=now,
        )
        return secret

    def accept_invitation(self, secret: str, *, email: str, password: str, name: str | None = None) -> User:
        """Make the account the invitation is for. LinkRefused when it is unknown, expired or used; the link is
        used only when the account is made (one transaction)."""
        email = check_email(email)
        check_password(password)
        tidy_name = check_name(name) if name else ""
        if not _plain(secret):
            raise LinkRefused()
        found = self.store.accept_invitation(
            self._digest(secret),
            email=email,
            name=tidy_name,
            password_hash=self.hasher.hash(password),
            new_athlete=_new_athlete(),
            now=self.clock(),
        )
        if found is None:
            raise LinkRefused()
        return found

    def registration_open(self) -> bool:
        return self.store.option(_REGISTRATION) == "open"

    def set_registration(self, open: bool) -> None:
        self.store.set_option(_REGISTRATION, "open" if open else "closed")

    def register(self, email: str, password: str, name: str | None = None) -> User:
        """Anyone may make an athlete account while registration is open (closed by default)."""
        if not self.registration_open():
            raise NotAllowed("registration is closed; an admin can send an invitation or open registration")
        return self.add_user(email, password, role="athlete", name=name)

    # -- pairing a device ---------------------------------------------------------------------------
    def create_pairing(self, athlete: str, *, minutes: int = PAIRING_MINUTES) -> str:
        """The secret of a single-use link that signs a device in as ``athlete``; it expires in ``minutes``."""
        if not athlete.strip():
            raise InvalidInput("athlete", athlete, "an athlete's key, e.g. local")
        _check_count("minutes", minutes, 1, 60)
        now = self.clock()
        secret = secrets.token_urlsafe(32)
        self.store.add_link(
            purpose="pairing",
            secret_hash=self._digest(secret),
            athlete=athlete,
            expires_at=now + dt.timedelta(minutes=minutes),
            now=now,
        )
        return secret

    def redeem_pairing(self, secret: str, *, label: str) -> tuple[str, SignedIn]:
        """Use the pairing link (once) and start a device session for its athlete: as the account that owns
        the athlete, or with no user when none does. LinkRefused when unknown, expired or used."""
        tidy_label = _check_text("label", label, MAX_LABEL)
        if not _plain(secret):
            raise LinkRefused()
        now = self.clock()
        session_secret = secrets.token_urlsafe(32)
        found = self.store.redeem_pairing(
            self._digest(secret),
            session_hash=self._digest(session_secret),
            label=tidy_label,
            idle_minutes=DEVICE_IDLE_MINUTES,
            expires_at=now + dt.timedelta(days=DEVICE_ABSOLUTE_DAYS),
            now=now,
        )
        if found is None:
            raise LinkRefused()
        return session_secret, found


def _new_athlete() -> str:
    """A fresh athlete key for a new account: random, so it says nothing about who it is."""
    return "u-" + secrets.token_hex(5)


def _unknown(email: str) -> InvalidInput:
    return InvalidInput("email", email, "the email of an existing account")


def _when(value: dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat(timespec="seconds")


def user_dict(user: User) -> dict[str, object]:
    """A user as the JSON of ``supple users list --json`` (no hash, nothing secret)."""
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "disabled": user.disabled,
        "athlete": user.athlete,
        "created_at": _when(user.created_at),
    }


def token_dict(token: Token) -> dict[str, object]:
    """A token as the JSON of ``supple tokens list --json`` (never its secret: that is shown once)."""
    return {
        "id": token.id,
        "name": token.name,
        "read_only": token.read_only,
        "created_at": _when(token.created_at),
        "last_used_at": _when(token.last_used_at),
        "revoked_at": _when(token.revoked_at),
    }
