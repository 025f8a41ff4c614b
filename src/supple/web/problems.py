"""Errors as JSON problem details (RFC 9457) for the API, and friendly pages for people."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from supple.services.errors import CatalogueError, InvalidInput, NotAllowed, NotFound, StoreError
from supple.web.access import Refused, SignInNeeded, any_accounts

PROBLEM = "application/problem+json"

#: Where the HTTP API lists the valid values an error's ``see`` names (core.errors.HINTS).
HINTS = {"tests": "/api/v1/tests", "exercises": "/api/v1/exercises", "session": "/api/v1/today"}


def problem(status: int, title: str, detail: str, **extra: Any) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail} | extra
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def _forbidden(request: Request, detail: str) -> Response:
    if _wants_html(request):
        from supple.web.pages import render

        return render(request, "error.html", {"title": "Not allowed", "detail": detail}, status=403)
    return problem(403, "Forbidden", detail)


def install(app: FastAPI) -> None:
    """Map every error a person can cause to a 4xx that names the problem."""

    @app.exception_handler(InvalidInput)
    async def invalid(request: Request, error: InvalidInput) -> Response:
        extra = {"see": HINTS[error.see]} if error.see in HINTS else {}
        return problem(422, "Invalid input", str(error), field=error.field, **extra)

    @app.exception_handler(SignInNeeded)
    async def sign_in_needed(request: Request, error: SignInNeeded) -> Response:
        if _wants_html(request) or request.headers.get("hx-request") == "true":
            from urllib.parse import quote

            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            where = f"/sign-in?next={quote(target, safe='')}"
            if not any_accounts(request.app.state.settings):
                where = "/pairing-needed"
            if request.headers.get("hx-request") == "true":
                return Response(status_code=401, headers={"HX-Redirect": where})
            return RedirectResponse(where, status_code=303)
        answer = problem(401, "Sign-in needed", error.detail)
        answer.headers["WWW-Authenticate"] = 'Bearer realm="supple"'
        return answer

    @app.exception_handler(Refused)
    async def refused(request: Request, error: Refused) -> Response:
        return _forbidden(request, error.detail)

    @app.exception_handler(NotAllowed)
    async def not_allowed(request: Request, error: NotAllowed) -> Response:
        return _forbidden(request, str(error))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound) -> Response:
        return problem(404, "Not found", f"{error} does not exist")

    @app.exception_handler(StoreError)
    async def store(request: Request, error: StoreError) -> Response:
        return problem(503, "Database unavailable", str(error))

    @app.exception_handler(CatalogueError)
    async def catalogue(request: Request, error: CatalogueError) -> Response:
        return problem(500, "Catalogue error", str(error), field=error.field)

    @app.exception_handler(RequestValidationError)
    async def validation(request: Request, error: RequestValidationError) -> Response:
        errors = error.errors()
        first = errors[0] if errors else {}
        loc = [str(p) for p in first.get("loc", ())]
        if first.get("type") == "json_invalid":
            field = "body"
        else:
            # Drop the location kind and pydantic's "[key]" marker for a bad mapping key.
            field = ".".join(p for p in loc if p not in ("body", "query", "path") and p != "[key]") or "body"
        detail = f"{field or 'request'}: {first.get('msg', 'invalid')}"
        clean = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in errors]
        return problem(422, "Invalid input", detail, field=field, errors=clean)

    @app.exception_handler(StarletteHTTPException)
    async def http(request: Request, error: StarletteHTTPException) -> Response:
        if _wants_html(request) and error.status_code == 404:
            from supple.web.pages import render

            detail = str(error.detail)
            if detail == "Not Found":  # Starlette's default: say it once, in words, with the address
                detail = f"Supple has no page at {request.url.path}. The address may be mistyped or out of date."
            return render(request, "error.html", {"title": "Page not found", "detail": detail}, status=404)
        return problem(error.status_code, "Error", str(error.detail))
