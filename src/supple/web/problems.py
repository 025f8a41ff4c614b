"""Errors as JSON problem details (RFC 9457) for the API, and friendly pages for people."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from supple.services.errors import CatalogueError, InvalidInput, NotFound, StoreError

PROBLEM = "application/problem+json"


def problem(status: int, title: str, detail: str, **extra: Any) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail} | extra
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def install(app: FastAPI) -> None:
    """Map every error a person can cause to a 4xx that names the problem."""

    @app.exception_handler(InvalidInput)
    async def invalid(request: Request, error: InvalidInput) -> Response:
        return problem(422, "Invalid input", str(error), field=error.field)

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
