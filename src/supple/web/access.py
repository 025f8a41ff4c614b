"""Who may use each route, and the context of each request.

Every route declares one access rule, as a dependency (a test walks the route table):

* ``Public``: anyone (health check, sign-in, a pairing or invitation link, a feed by its token).
* ``ContextDep`` (athlete access): the request acts for one athlete. Who that is comes from
  a personal API token (``Authorization: Bearer``), else the session cookie (a browser signed
  in, or a paired phone), else, on a server with no accounts, the local runner at the machine
  itself (a loopback client). A read-only token is refused before any state-changing method.
* ``SignedIn``: any signed-in person or paired device (sign out, their own devices).
* ``AdminOnly``: a signed-in admin.

The one rule: once any account exists, nothing but ``Public`` answers without a signed-in
user or a token, on every address, loopback included. Sessions, limits and tokens live in
the database, so any number of processes on any number of machines agree.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from supple.config import Settings
from supple.services.context import LOCAL, Actor, Context
from supple.web.deps import SettingsDep

if TYPE_CHECKING:
    from supple.services.accounts import Accounts, SignedIn, User

SESSION_COOKIE = "supple_session"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class SignInNeeded(Exception):
    """No usable credentials: pages send people to sign in (or to pair); the API answers 401."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class Refused(Exception):
    """Signed in, but this is not theirs to do (403), e.g. a read-only token writing."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


@dataclass(frozen=True)
class Visitor:
    """Whoever made the request, once their credentials are checked."""

    actor: Actor
    athlete: str | None
    writable: bool = True
    session: SignedIn | None = None
    user: User | None = None


@lru_cache(maxsize=8)
def _accounts(url: str, settings: Settings) -> Accounts:
    from supple.services.accounts import Accounts

    return Accounts.open(settings)


def accounts(settings: Settings) -> Accounts:
    """The accounts service for the app's database (one per process and database)."""
    return _accounts(settings.database_url, settings)


_seen_accounts: set[str] = set()


def any_accounts(settings: Settings) -> bool:
    """True once an account exists. Once seen, remembered for the life of the process: the safe
    direction (a process keeps asking for sign-in); every other process asks the database."""
    url = settings.database_url
    if url in _seen_accounts:
        return True
    if accounts(settings).any_accounts():
        _seen_accounts.add(url)
        return True
    return False


FORWARDING_HEADERS = ("forwarded", "x-forwarded-for", "x-real-ip", "x-forwarded-host")


def is_this_machine(request: Request) -> bool:
    """True when the request comes from the machine Supple runs on over loopback. A request to the
    LAN address (``--lan``) never counts, even from this machine: there, only paired devices get in.
    Nor does a request that passed through a proxy (it carries forwarding headers)."""
    if any(name in request.headers for name in FORWARDING_HEADERS):
        return False
    client = request.client
    if client is None:
        return False
    try:
        return ipaddress.ip_address(client.host).is_loopback
    except ValueError:
        return False


def _user_actor(user: User, via: str) -> Actor:
    return Actor(name=user.name or user.email, role=user.role, user_id=user.id, via=via)  # type: ignore[arg-type]


def _from_token(settings: Settings, header: str) -> Visitor:
    scheme, _, secret = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise SignInNeeded("Authorization header: expected 'Bearer TOKEN' with a personal API token")
    found = accounts(settings).resolve_token(secret.strip())
    if found is None:
        raise SignInNeeded("this API token is not recognised or was revoked; make a new one with `supple tokens`")
    user, token = found
    return Visitor(_user_actor(user, "token"), user.athlete, writable=not token.read_only, user=user)


def visitor(request: Request, settings: SettingsDep) -> Visitor | None:
    """Whoever sent ``request`` (cached for the request), or None when no credentials hold."""
    if hasattr(request.state, "visitor"):
        cached: Visitor | None = request.state.visitor
        return cached
    found = _resolve(request, settings)
    request.state.visitor = found
    return found


def _resolve(request: Request, settings: Settings) -> Visitor | None:
    header = request.headers.get("authorization")
    if header is not None:
        return _from_token(settings, header)
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        signed = accounts(settings).resolve_session(secret)
        if signed is not None and (signed.user is not None or not any_accounts(settings)):
            if signed.user is not None:
                actor = _user_actor(signed.user, "browser" if signed.kind == "browser" else "device")
            else:
                actor = Actor(name=signed.label or "paired device", via="device")
            return Visitor(actor, signed.athlete or None, session=signed, user=signed.user)
    if not any_accounts(settings) and is_this_machine(request):
        return Visitor(LOCAL, settings.athlete)
    return None


VisitorDep = Annotated["Visitor | None", Depends(visitor)]


def _needed(settings: Settings) -> SignInNeeded:
    if any_accounts(settings):
        return SignInNeeded("sign in first: this server has accounts")
    return SignInNeeded("this device is not paired: open the pairing link `supple serve --lan` printed")


def athlete_context(request: Request, settings: SettingsDep, who: VisitorDep) -> Context:
    """Access rule *athlete*: the context of the athlete the credentials belong to."""
    if who is None:
        raise _needed(settings)
    if who.athlete is None:
        raise Refused("this account has no athlete data of its own")
    _read_only_writing(request, who)
    return Context.open(settings, athlete=who.athlete, actor=who.actor, writable=who.writable)


def _read_only_writing(request: Request, who: Visitor) -> None:
    if not who.writable and request.method not in SAFE_METHODS:
        raise Refused("this token is read-only; make a read-write token to change data")


def signed_in(request: Request, settings: SettingsDep, who: VisitorDep) -> Visitor:
    """Access rule *signed in*: any person or paired device with valid credentials."""
    if who is None:
        raise _needed(settings)
    _read_only_writing(request, who)
    return who


def admin_only(request: Request, settings: SettingsDep, who: VisitorDep) -> Visitor:
    """Access rule *admin*: a signed-in admin."""
    if who is None:
        raise _needed(settings)
    if who.actor.role != "admin" or who.user is None:
        raise Refused("only an admin may do this")
    _read_only_writing(request, who)
    return who


def public() -> None:
    """Access rule *public*: anyone may use the route (it checks any secret it is given itself)."""


ContextDep = Annotated[Context, Depends(athlete_context)]
SignedInDep = Annotated[Visitor, Depends(signed_in)]
AdminDep = Annotated[Visitor, Depends(admin_only)]
Public = Depends(public)

#: The dependencies that declare a route's access rule (tests/web/test_access_rules.py).
RULES = (athlete_context, signed_in, admin_only, public)
