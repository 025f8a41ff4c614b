"""Property-based tests of the whole HTTP API from its own OpenAPI document, in-process.

Schemathesis reads /openapi.json from the real app over ASGI and generates requests for
every operation listed there (so new endpoints are covered without touching this file),
valid and invalid (its default modes: positive and negative). Each response must not be a
server error and must match the schema the document gives for its status code. The server
has an account, so every request carries that account's personal API token, as a script
would. No network: requests go straight into the ASGI app.
"""

from __future__ import annotations

from pathlib import Path

import hypothesis
import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from supple.config import Settings
from supple.services.accounts import Accounts, cheap_hasher
from supple.web.app import create_app

# The Host header schemathesis's ASGI client sends; the app answers only the hosts it is given.
TEST_HOST = "testserver"
CHECKS = [not_a_server_error, response_schema_conformance]


# Only the document is read from this app (it touches no database); every request goes to
# a fresh app on the test's own database. (schemathesis.pytest.from_fixture would build the
# schema per test, but it fails on pytest 9: it sets the removed `Function._nodeid`.)
schema = schemathesis.openapi.from_asgi(
    "/openapi.json", create_app(Settings(data_dir=Path("/nonexistent/supple")), allowed_hosts=(TEST_HOST,))
)


@pytest.fixture
def token(settings: Settings) -> str:
    """A read-write token of an athlete account (making it turns sign-in on for everything)."""
    accounts = Accounts.open(settings, hasher=cheap_hasher())
    accounts.add_user("api@example.org", "a long enough password")
    secret, _ = accounts.create_token("api@example.org", name="schemathesis")
    return secret


@pytest.fixture
def app(settings: Settings, token: str) -> FastAPI:
    return create_app(settings, allowed_hosts=(TEST_HOST,))


@schema.parametrize()
@hypothesis.settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_operation_answers_within_its_schema(case: schemathesis.Case, app: FastAPI, token: str) -> None:
    response = case.call_and_validate(checks=CHECKS, app=app, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code != 401, "the token is taken: the case reached the operation"


def test_the_document_lists_every_api_route(settings: Settings) -> None:
    """Every /api/v1 route is in the OpenAPI document, so the test above reaches it."""
    app = create_app(settings)
    listed = {(path, method.upper()) for path, item in app.openapi()["paths"].items() for method in item}
    routes = {
        (route.path, method)
        for route in app.routes
        if getattr(route, "path", "").startswith("/api/v1")
        for method in getattr(route, "methods", set()) - {"HEAD"}
    }
    assert routes <= listed
    assert {
        ("/api/v1/today", "GET"),
        ("/api/v1/plan", "GET"),
        ("/api/v1/exercises", "GET"),
        ("/api/v1/exercises/{slug}", "GET"),
        ("/api/v1/profile", "GET"),
        ("/api/v1/profile", "PUT"),
        ("/api/v1/history", "GET"),
    } <= listed


def test_every_operation_is_in_the_api_reference(settings: Settings) -> None:
    """docs/api.md names every operation in the OpenAPI document (docs that cannot drift)."""
    reference = (Path(__file__).parents[2] / "docs" / "api.md").read_text()
    paths = create_app(settings).openapi()["paths"]
    missing = [f"{m.upper()} {p}" for p, item in paths.items() for m in item if f"`{m.upper()} {p}" not in reference]
    assert not missing, f"docs/api.md does not describe: {missing}"
