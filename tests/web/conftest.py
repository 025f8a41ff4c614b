"""The real FastAPI app in-process over ASGI, on a private SQLite database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supple.config import Settings
from supple.web.app import create_app

BASE = "http://127.0.0.1"
#: The in-process client as a browser on this machine (Starlette names it "testclient" otherwise).
LOOPBACK = ("127.0.0.1", 50000)
PROBLEM = "application/problem+json"


@pytest.fixture
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings), base_url=BASE, client=LOOPBACK) as test_client:
        yield test_client


def csrf(client: TestClient) -> str:
    """Load a page so the CSRF cookie is set, and return the token a form would send."""
    client.get("/")
    token = client.cookies.get("supple_csrf")
    assert token, "pages set the CSRF cookie"
    return token


def problem(response: Any, status: int, field: str) -> dict[str, Any]:
    """The RFC 9457 problem in ``response``, checked to have ``status`` and to name ``field``."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["field"] == field, body
    return body
