"""A local server is safe: only its own host names, no cross-site writes, loopback only."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services.errors import InvalidInput
from supple.services.server import NotReadyForOthers, check_bind, check_ready_for_others, is_loopback


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "127.0.0.1:8000", "localhost:1234"])
def test_own_host_names_are_served(client: TestClient, host: str) -> None:
    assert client.get("/healthz", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "192.168.1.10", "127.0.0.1.nip.io"])
def test_other_host_names_are_refused_against_dns_rebinding(client: TestClient, host: str) -> None:
    response = client.get("/healthz", headers={"Host": host})
    assert response.status_code == 421
    assert response.headers["content-type"] == "application/problem+json"
    assert host.split(":")[0] in response.json()["detail"]


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_cross_site_writes_are_refused(client: TestClient, method: str) -> None:
    response = client.request(method, "/api/v1/profile", headers={"Origin": "https://evil.example"}, json={})
    assert response.status_code == 403
    assert "evil.example" in response.json()["detail"]
    opaque = client.request(method, "/api/v1/profile", headers={"Origin": "null"}, json={})
    assert opaque.status_code == 403


def test_same_origin_and_scripted_writes_pass_the_guard(client: TestClient) -> None:
    same = client.put("/api/v1/profile", headers={"Origin": "http://127.0.0.1"}, json={"minutes": 12})
    scripted = client.put("/api/v1/profile", json={"minutes": 13})
    assert same.status_code != 403
    assert scripted.status_code != 403


def test_reads_from_another_origin_are_not_blocked_by_the_guard(client: TestClient) -> None:
    assert client.get("/healthz", headers={"Origin": "https://evil.example"}).status_code == 200


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"])
def test_loopback_binds_are_allowed(host: str) -> None:
    assert is_loopback(host)
    check_bind(host, 8000, 2)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.org"])
def test_other_binds_are_refused_without_accounts(host: str, settings: Settings) -> None:
    assert not is_loopback(host)
    with pytest.raises(NotReadyForOthers, match="supple users add EMAIL --role admin") as caught:
        check_ready_for_others(settings, host)
    assert f"--host {host}" in str(caught.value)
    assert "SUPPLE_SECRET_KEY is not set" in str(caught.value)


@pytest.mark.parametrize(("port", "workers", "field"), [(0, 1, "port"), (70000, 1, "port"), (8000, 0, "workers")])
def test_bad_port_or_workers_are_named(port: int, workers: int, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_bind("127.0.0.1", port, workers)
    assert caught.value.field == field


def test_serve_on_a_public_address_exits_2_before_binding(tmp_path: object) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")} | {"SUPPLE_DATA_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "supple", "serve", "--host", "0.0.0.0"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "--host 0.0.0.0 would let other machines in" in done.stderr
    assert "accounts" in done.stderr
