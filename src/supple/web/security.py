"""Safety of a local server: Host and Origin checks, and CSRF tokens for forms.

* Host: only the names the server was started for are answered, so a web page that
  rebinds its own DNS name to 127.0.0.1 cannot talk to Supple (DNS rebinding).
* Origin: a state-changing request that a browser sends from another site carries that
  site's Origin and is refused. Scripts (curl, the CLI) send no Origin and are allowed.
* CSRF: HTML forms and htmx requests also carry a token from a cookie the site set
  (double submit), so a cross-site form post fails even without an Origin header.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

CSRF_COOKIE = "supple_csrf"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _host_name(value: str) -> str:
    """The name part of a Host header ("[::1]:8000" -> "[::1]", "localhost:8000" -> "localhost")."""
    if value.startswith("["):
        return value.split("]")[0] + "]"
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


async def _refuse(send: Send, status: int, detail: str) -> None:
    import json

    title = "Misdirected Request" if status == 421 else "Forbidden"
    body = json.dumps({"type": "about:blank", "title": title, "status": status, "detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class HostOriginGuard:
    """Pure ASGI middleware (cheap on every request): Host allow-list and Origin check."""

    def __init__(self, app: ASGIApp, *, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.allowed = frozenset(h.lower() for h in allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        host = _host_name(headers.get("host", "").lower())
        if host not in self.allowed:
            await _refuse(send, 421, f"host {host!r} is not served here; open Supple by its own address")
            return
        if scope["method"] not in SAFE_METHODS:
            origin = headers.get("origin")
            if origin is not None and origin != "null":
                origin_host = urlsplit(origin).netloc.lower()
                if origin_host != headers.get("host", "").lower():
                    await _refuse(send, 403, f"cross-site request from {origin!r} refused")
                    return
            elif origin == "null":
                await _refuse(send, 403, "requests from an opaque origin are refused")
                return
        await self.app(scope, receive, send)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def tokens_match(cookie: str | None, sent: str | None) -> bool:
    return bool(cookie) and bool(sent) and hmac.compare_digest(str(cookie), str(sent))


def csrf_cookie_args(token: str) -> dict[str, Any]:
    return {"key": CSRF_COOKIE, "value": token, "httponly": False, "samesite": "strict", "path": "/"}
