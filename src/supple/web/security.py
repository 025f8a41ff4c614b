"""Safety of a local server: Host and Origin checks, security headers, body caps, CSRF.

* Host: only the names the server was started for are answered, so a web page that
  rebinds its own DNS name to 127.0.0.1 cannot talk to Supple (DNS rebinding). The Host
  header is parsed strictly (a name, an IPv4 address or a bracketed IPv6 address, then an
  optional port of digits); anything else, or two Host headers, is refused with 400.
* Origin: a state-changing request that a browser sends from another site carries that
  site's Origin and is refused. Scripts (curl, the CLI) send no Origin and are allowed.
* CSRF: HTML forms and htmx requests also carry a token from a cookie the site set
  (double submit), so a cross-site form post fails even without an Origin header.
* Headers: every response says how a browser may use it (CSP without inline script or
  style, no framing, no sniffing, no referrer to other sites).
* Bodies: a request body over the cap is refused with 413 (the problem's ``limit`` is the cap
  in bytes), before it is read when its Content-Length says so, as soon as it passes the cap
  when it is streamed.

All of it is pure ASGI middleware: a few comparisons per request, no body buffering.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import re
import secrets
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "supple_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
)

#: Default cap on a request body: 1 MiB is far above any form or JSON document Supple takes.
MAX_BODY = 1024 * 1024

_TITLES = {400: "Bad Request", 403: "Forbidden", 413: "Content Too Large", 421: "Misdirected Request"}
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_REG_NAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*")
_HOST = re.compile(r"(?P<name>\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(?P<port>[0-9]{1,5}))?")


class BadHost(ValueError):
    """A Host header that does not follow the grammar (RFC 9110 / RFC 3986 host [":" port])."""


def parse_host(value: str) -> str:
    """The host part of a Host header, normalised ("[0::1]:8000" -> "[::1]"); BadHost if malformed.

    Accepted: a DNS name (letters, digits, hyphens, dots), a dotted IPv4 address, or an IPv6
    address in brackets; then, optionally, ":" and a port of digits. Nothing else: no user
    info ("a@b"), no text after the brackets, no empty port, no zone identifiers.
    """
    text = value.strip().lower()
    if not text:
        raise BadHost("the Host header is empty")
    match = _HOST.fullmatch(text)
    if match is None:
        raise BadHost(f"Host {value!r} is not a host name or address with an optional :port")
    port = match["port"]
    if port is not None and not 0 < int(port) <= 65535:
        raise BadHost(f"Host {value!r} has a port outside 1 to 65535")
    return normalise_host(match["name"], value)


def normalise_host(name: str, shown: str | None = None) -> str:
    """One spelling per host: IPv6 compressed in brackets, IPv4 dotted, names in lower case."""
    name = name.lower()
    if name.startswith("["):
        try:
            return f"[{ipaddress.IPv6Address(name[1:-1]).compressed}]"
        except ValueError:
            raise BadHost(f"Host {shown or name!r} has brackets around something that is not an IPv6 address") from None
    if ":" in name:  # a bare IPv6 address, as given to --host
        try:
            return f"[{ipaddress.IPv6Address(name).compressed}]"
        except ValueError:
            raise BadHost(f"{shown or name!r} is not an IPv6 address") from None
    if _REG_NAME.fullmatch(name):  # a DNS name; a dotted IPv4 address has the same shape
        return name
    raise BadHost(f"Host {shown or name!r} is not a host name or address")


async def problem_response(send: Send, status: int, detail: str, **extra: Any) -> None:
    """A small RFC 9457 problem answered by middleware, before the app sees the request (``extra``: more members)."""
    body = json.dumps(
        {"type": "about:blank", "title": _TITLES.get(status, "Error"), "status": status, "detail": detail, **extra}
    ).encode()
    kind = b"application/problem+json"
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
    if status in (400, 413):  # the rest of the request is not read: the connection cannot be reused
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Pure ASGI middleware adding the security headers to every response that lacks them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers.extend((name, value) for name, value in SECURITY_HEADERS if name not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HostOriginGuard:
    """Pure ASGI middleware (cheap on every request): Host allow-list and Origin check."""

    def __init__(self, app: ASGIApp, *, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.allowed = frozenset(normalise_host(h) for h in allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        hosts = [v.decode("latin-1") for k, v in scope["headers"] if k == b"host"]
        if len(hosts) != 1:
            wrong = "two or more Host headers" if hosts else "no Host header"
            await problem_response(send, 400, f"the request has {wrong}; send exactly one")
            return
        try:
            host = parse_host(hosts[0])
        except BadHost as error:
            await problem_response(send, 400, f"{error}; expected a name or address with an optional :port")
            return
        if host not in self.allowed:
            detail = f"host {host!r} is not served here; open Supple by its own address"
            await problem_response(send, 421, detail)
            return
        if scope["method"] not in SAFE_METHODS:
            origin = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"origin"), None)
            if origin is not None and origin != "null":
                if urlsplit(origin).netloc.lower() != hosts[0].lower():
                    await problem_response(send, 403, f"cross-site request from {origin!r} refused")
                    return
            elif origin == "null":
                await problem_response(send, 403, "requests from an opaque origin are refused")
                return
        await self.app(scope, receive, send)


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Pure ASGI middleware capping request bodies (413 Content Too Large).

    ``max_body`` is the cap in bytes; ``limits`` maps a path prefix to its own cap (the
    longest matching prefix wins), for the few paths that take large uploads.
    """

    def __init__(self, app: ASGIApp, *, max_body: int = MAX_BODY, limits: Mapping[str, int] | None = None) -> None:
        self.app = app
        self.max_body = max_body
        self.limits = sorted((limits or {}).items(), key=lambda item: len(item[0]), reverse=True)

    def cap(self, path: str) -> int:
        return next((limit for prefix, limit in self.limits if path.startswith(prefix)), self.max_body)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "/")
        cap = self.cap(path)
        too_large = f"the request body is larger than the {_size(cap)} this address accepts; send less"
        lengths = [v for k, v in scope["headers"] if k == b"content-length"]
        if lengths:
            if len(lengths) > 1 or not lengths[0].isdigit():
                await problem_response(send, 400, "Content-Length must be one whole number of bytes")
                return
            if int(lengths[0]) > cap:
                await problem_response(send, 413, too_large, limit=cap)
                return
        received = 0
        exceeded = False
        started = False

        async def counted_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap:
                    exceeded = True
                    raise _TooLarge
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if exceeded:  # whatever the app answers to the cut-off body, the answer is 413
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, guarded_send)
        except Exception:
            if not exceeded:
                raise
        if exceeded and not started:
            await problem_response(send, 413, too_large, limit=cap)


def _size(count: int) -> str:
    if count >= 1024 * 1024 and count % (1024 * 1024) == 0:
        return f"{count // (1024 * 1024)} MiB"
    if count >= 1024 and count % 1024 == 0:
        return f"{count // 1024} KiB"
    return f"{count} bytes"


def new_token() -> str:
    return secrets.token_urlsafe(32)


def tokens_match(cookie: str | None, sent: str | None) -> bool:
    return bool(cookie) and bool(sent) and hmac.compare_digest(str(cookie), str(sent))


def csrf_cookie_args(token: str) -> dict[str, Any]:
    return {"key": CSRF_COOKIE, "value": token, "httponly": False, "samesite": "strict", "path": "/"}


class HeaderedFastAPI(FastAPI):
    """FastAPI with SecurityHeaders outside everything, so even an unhandled error's 500 has them."""

    def build_middleware_stack(self) -> ASGIApp:
        return SecurityHeaders(super().build_middleware_stack())
