"""Server-rendered pages: one Jinja2 environment, CSRF token on every page."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from supple.services import display
from supple.services.errors import InvalidInput
from supple.web import security

T = TypeVar("T")

TEMPLATES = Path(__file__).parent / "templates"

NAV = (
    ("/", "Today"),
    ("/week", "Week"),
    ("/runs", "Runs"),
    ("/assess", "Assess"),
    ("/progress", "Progress"),
    ("/history", "History"),
    ("/library", "Library"),
    ("/settings", "Settings"),
)


@lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    return Jinja2Templates(directory=str(TEMPLATES))


def csrf_token(request: Request) -> str:
    """The token for this browser: the cookie's if it has one, else a new one (set on the response)."""
    token = request.cookies.get(security.CSRF_COOKIE)
    if not token:
        token = getattr(request.state, "new_csrf", None) or security.new_token()
        request.state.new_csrf = token
    return token


def render(request: Request, name: str, context: dict[str, Any], *, status: int = 200) -> HTMLResponse:
    token = csrf_token(request)
    page = {
        "request": request,
        "csrf_token": token,
        "nav": NAV,
        "path": request.url.path,
        "visitor": getattr(request.state, "visitor", None),
    } | context
    response = templates().TemplateResponse(request, name, page, status_code=status)
    if request.cookies.get(security.CSRF_COOKIE) != token:
        response.set_cookie(**security.csrf_cookie_args(token))
    return response


async def check_csrf(request: Request) -> None:
    """For form posts and htmx requests: the token must match the cookie (403 otherwise)."""
    from fastapi import HTTPException

    sent = request.headers.get(security.CSRF_HEADER)
    if sent is None:
        form = await request.form()
        value = form.get(security.CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not security.tokens_match(request.cookies.get(security.CSRF_COOKIE), sent):
        raise HTTPException(status_code=403, detail="the form's security token is missing or stale; reload the page")


def without_bad_values(call: Callable[[], T], wanted: dict[str, Any], errors: dict[str, str]) -> T:
    """Run ``call``; a value in ``wanted`` that will not do is reported in ``errors`` and dropped,
    and ``call`` runs again, so the page still shows something useful."""
    while True:
        try:
            return call()
        except InvalidInput as error:
            if wanted.get(error.field) is None:
                raise
            errors[error.field] = display.problem_text(error)
            wanted[error.field] = None
