"""Web hardening over ASGI: security headers everywhere, strict Host, capped bodies, local API docs."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from supple.config import Settings
from supple.web.app import create_app, create_from_env
from supple.web.security import CONTENT_SECURITY_POLICY, MAX_BODY, BadHost, parse_host
from tests.web.conftest import LOOPBACK

PROBLEM = "application/problem+json"
settings_for_hypothesis = hypothesis_settings(deadline=None, max_examples=300)
EXPECTED_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
}


def assert_hardened(response: Any) -> None:
    for name, value in EXPECTED_HEADERS.items():
        assert response.headers.get(name) == value, f"{response.request.url}: {name}"


@dataclass
class Exchange:
    """One request sent to the ASGI app by hand, and what came back."""

    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    chunks_read: int = 0
    bytes_read: int = 0

    def problem(self) -> dict[str, Any]:
        assert self.headers["content-type"] == PROBLEM
        found: dict[str, Any] = json.loads(self.body)
        return found


async def exchange(
    app: FastAPI, method: str, path: str, headers: list[tuple[str, str]], chunks: list[bytes] | None = None
) -> Exchange:
    """Drive the app with raw ASGI messages: the request headers as given (even two Host headers),
    the body in ``chunks`` as a streamed (chunked) body, counting what the app reads."""
    seen = Exchange()
    pending = list(chunks or [])
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 8000),
    }

    async def receive() -> dict[str, Any]:
        if not pending:
            return {"type": "http.request", "body": b"", "more_body": False}
        chunk = pending.pop(0)
        seen.chunks_read += 1
        seen.bytes_read += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": bool(pending)}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            seen.status = message["status"]
            seen.headers = {k.decode(): v.decode() for k, v in message["headers"]}
        elif message["type"] == "http.response.body":
            seen.body += message.get("body", b"")

    await app(scope, receive, send)
    return seen


def run(app: FastAPI, *args: Any) -> Exchange:
    """The exchange on a fresh event loop in its own thread: a browser test earlier in this worker
    (Playwright's sync API) may hold a running loop in the main thread."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, exchange(app, *args)).result()


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
def lenient(settings: Settings) -> Iterator[TestClient]:
    """A client that shows an unhandled error's 500 instead of raising it."""
    app = create_app(settings)

    @app.get("/api/v1/test-boom", include_in_schema=False)
    def boom() -> None:
        raise RuntimeError("boom")

    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False, client=LOOPBACK) as test_client:
        yield test_client


# --- security headers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/week",
        "/library",
        "/history",
        "/settings",
        "/api/docs",
        "/openapi.json",
        "/healthz",
        "/api/v1/profile",
        "/static/app.css",
        "/static/vendor/htmx-2.0.11/htmx.min.js",
        "/favicon.ico",
        "/no-such-page",
        "/api/v1/no-such-thing",
        "/static/no-such-file.css",
    ],
)
def test_every_page_api_answer_and_static_file_carries_the_security_headers(client: TestClient, path: str) -> None:
    assert_hardened(client.get(path, headers={"Accept": "text/html"}))


def test_error_answers_carry_the_security_headers(lenient: TestClient) -> None:
    answers = {
        "404 page": lenient.get("/nowhere", headers={"Accept": "text/html"}),
        "422 problem": lenient.put("/api/v1/profile", json={"minutes": "lots"}),
        "421 other host": lenient.get("/healthz", headers={"Host": "evil.example"}),
        "400 bad host": lenient.get("/healthz", headers={"Host": "[::1]evil.com"}),
        "403 cross-site": lenient.post("/api/v1/sessions", headers={"Origin": "https://evil.example"}, json={}),
        "413 too large": lenient.post("/api/v1/sessions", content=b"x" * (MAX_BODY + 1)),
        "405 method": lenient.delete("/healthz"),
        "500 unhandled": lenient.get("/api/v1/test-boom"),
    }
    for name, response in answers.items():
        assert str(response.status_code) == name.split()[0], (name, response.text)
        assert_hardened(response)


def test_the_policy_allows_no_inline_script_style_framing_or_plugins() -> None:
    rules = dict(rule.split(" ", 1) for rule in CONTENT_SECURITY_POLICY.split("; "))
    assert rules["script-src"] == "'self'"
    assert rules["style-src"] == "'self'"
    assert rules["default-src"] == "'self'"
    assert rules["object-src"] == "'none'"
    assert rules["base-uri"] == "'none'"
    assert rules["frame-ancestors"] == "'none'"
    assert rules["form-action"] == "'self'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("path", ["/", "/week", "/library", "/history", "/settings", "/assess", "/progress"])
def test_pages_have_no_inline_script_handlers_or_style_attributes(client: TestClient, path: str) -> None:
    """The policy would block them in the browser; catch them here first (the real-browser
    test in tests/browser/test_csp.py checks what the browser itself reports)."""
    html = client.get(path).text
    assert not re.search(r"\sstyle=", html), path
    assert not re.search(r"\son[a-z]+=", html), path
    assert "javascript:" not in html
    for script in re.findall(r"<script\b[^>]*>", html):
        assert 'src="/static/' in script or 'type="application/json"' in script, script


# --- Host -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    [
        "[::1]evil.com",
        "[::1]@evil.com",
        "127.0.0.1@evil.com",
        "evil.com@127.0.0.1",
        "",
        " ",
        "127.0.0.1:80a",
        "127.0.0.1:",
        "localhost:-1",
        "localhost:99999",
        "[::1",
        "[evil.com]",
        "[::1%25eth0]:8000",
        "127.0.0.1 evil.com",
        "local_host",
        "127.0.0.1/evil",
        "127.0.0.1:8000:8000",
    ],
)
def test_a_malformed_host_is_refused_with_400(client: TestClient, host: str) -> None:
    response = client.get("/healthz", headers={"Host": host})
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == PROBLEM
    assert "host" in response.json()["detail"].lower()


def test_two_host_headers_are_refused_with_400(app: FastAPI) -> None:
    for second in ("127.0.0.1", "evil.example"):
        seen = run(app, "GET", "/healthz", [("Host", "127.0.0.1"), ("Host", second)])
        assert seen.status == 400
        assert "two or more Host headers" in seen.problem()["detail"]


def test_a_request_without_host_is_refused_with_400(app: FastAPI) -> None:
    seen = run(app, "GET", "/healthz", [])
    assert seen.status == 400
    assert "no Host header" in seen.problem()["detail"]


@pytest.mark.parametrize("host", ["[0:0:0:0:0:0:0:1]:8000", "[::1]:1", "LOCALHOST:65535", "127.0.0.1:08000"])
def test_other_spellings_of_our_own_hosts_are_served(client: TestClient, host: str) -> None:
    assert client.get("/healthz", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["[::2]", "127.0.0.2:8000", "localhost.evil.com", "[::ffff:127.0.0.1]"])
def test_a_well_formed_host_we_do_not_serve_is_421(client: TestClient, host: str) -> None:
    response = client.get("/healthz", headers={"Host": host})
    assert response.status_code == 421
    assert "not served here" in response.json()["detail"]


@pytest.mark.parametrize(("bound", "host"), [("127.0.0.2", "127.0.0.2:8000"), ("::1", "[::1]:8000")])
def test_the_app_from_env_serves_the_address_it_was_bound_to(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, bound: str, host: str
) -> None:
    monkeypatch.setenv("SUPPLE_BIND_HOST", bound)
    monkeypatch.setenv("SUPPLE_DATA_DIR", str(settings.data_dir))
    with TestClient(create_from_env(), base_url="http://127.0.0.1", client=LOOPBACK) as client:
        assert client.get("/healthz", headers={"Host": host}).status_code == 200
        assert client.get("/healthz", headers={"Host": "127.0.0.3"}).status_code == 421


# --- body cap ---------------------------------------------------------------------------------


def test_a_body_declared_too_large_is_refused_before_any_of_it_is_read(app: FastAPI) -> None:
    headers = [("Host", "127.0.0.1"), ("Content-Type", "application/json"), ("Content-Length", str(50 * 2**20))]
    seen = run(app, "POST", "/api/v1/sessions", headers, [b"{" * 1024] * 10)
    assert seen.status == 413
    assert seen.chunks_read == 0, "not a byte of the body was read"
    problem = seen.problem()
    assert problem["status"] == 413
    assert "1 MiB" in problem["detail"]
    assert seen.headers["connection"] == "close"


def test_a_streamed_body_is_cut_off_with_413_once_it_passes_the_cap(app: FastAPI) -> None:
    chunk = b" " * 64 * 1024
    chunks = [chunk] * 800  # 50 MiB, with no Content-Length
    headers = [("Host", "127.0.0.1"), ("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")]
    seen = run(app, "POST", "/api/v1/sessions", headers, chunks)
    assert seen.status == 413, seen.body
    assert seen.problem()["status"] == 413
    assert MAX_BODY < seen.bytes_read <= MAX_BODY + len(chunk), "reading stopped at the cap"


def test_a_streamed_form_post_to_a_page_is_cut_off_too(app: FastAPI) -> None:
    chunks = [b"a=" + b"x" * MAX_BODY, b"&b=1"]
    headers = [("Host", "127.0.0.1"), ("Content-Type", "application/x-www-form-urlencoded")]
    seen = run(app, "POST", "/settings", headers, chunks)
    assert seen.status == 413


def test_a_body_under_the_cap_goes_through(client: TestClient) -> None:
    response = client.put("/api/v1/profile", json={"minutes": 12, "note": "x" * 1000})
    assert response.status_code != 413


def test_a_bad_content_length_is_400(client: TestClient) -> None:
    response = client.post("/api/v1/sessions", headers={"Content-Length": "12x"}, content=b"{}")
    assert response.status_code == 400


def test_the_cap_is_set_on_create_app_with_overrides_by_path_prefix(settings: Settings) -> None:
    app = create_app(settings, max_body=100, body_limits={"/api/v1/profile": 10_000})
    with TestClient(app, base_url="http://127.0.0.1", client=LOOPBACK) as client:
        small_cap = client.post("/api/v1/sessions", content=b"x" * 101)
        assert small_cap.status_code == 413
        assert "100 bytes" in small_cap.json()["detail"]
        assert client.put("/api/v1/profile", content=b" " * 5000 + b"{}").status_code != 413
        assert client.put("/api/v1/profile", content=b" " * 10_001).status_code == 413


# --- API docs ---------------------------------------------------------------------------------


def test_api_docs_list_every_operation_and_load_nothing_from_elsewhere(client: TestClient) -> None:
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    schema = client.get("/openapi.json").json()
    for path, item in schema["paths"].items():
        for method in item:
            assert f"<code>{path}</code>" in html, path
            assert f">{method.upper()}</code>" in html
    references = re.findall(r"""(?:src|href|action)\s*=\s*["']([^"']*)["']""", html)
    assert references
    for reference in references:
        assert reference.startswith(("/", "#")), reference
        assert not reference.startswith("//"), reference
    assert "<script>" not in html
    assert "cdn" not in html.lower()


@settings_for_hypothesis
@given(st.text(max_size=40))
def test_any_host_header_is_parsed_or_refused_never_crashes(value: str) -> None:
    try:
        host = parse_host(value)
    except BadHost:
        return
    assert re.fullmatch(r"\[[0-9a-f:.]+\]|[a-z0-9.-]+", host), host
    assert not set("@/ \t\\%#?") & set(host)


@settings_for_hypothesis
@given(
    st.sampled_from(["localhost", "127.0.0.1", "[::1]", "example.org", "a-b.c9"]),
    st.one_of(st.none(), st.integers(1, 65535)),
)
def test_every_well_formed_host_and_port_parses(name: str, port: int | None) -> None:
    value = name if port is None else f"{name}:{port}"
    assert parse_host(value.upper() if port else value) == name
