"""`supple serve` as a real process: its own address is served, a taken port is named, big bodies refused."""

from __future__ import annotations

import json
import os
import select
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

MIB = 1024 * 1024


def _env(tmp_path: Path) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")} | {"SUPPLE_DATA_DIR": str(tmp_path)}


def _free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _serve(tmp_path: Path, host: str) -> Iterator[tuple[str, int]]:
    port = _free_port(host)
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "supple", "serve", "--host", host, "--port", str(port)],
        env=_env(tmp_path),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        while True:  # until it answers (no deadline: a dead process ends the wait)
            try:
                with socket.create_connection((host, port), timeout=1):
                    break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"supple serve exited: {(tmp_path / 'serve.log').read_text()}")
                time.sleep(0.1)
        yield host, port
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, int]]:
    yield from _serve(tmp_path, "127.0.0.1")


def _read_reply(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    data = b""
    while b"\r\n\r\n" not in data:
        more = sock.recv(65536)
        assert more, f"connection closed before a reply: {data!r}"
        data += more
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
    while len(body) < int(headers.get("content-length", 0)):
        more = sock.recv(65536)
        if not more:
            break
        body += more
    return int(lines[0].split()[1]), headers, body


def test_serve_on_127_0_0_2_answers_requests_to_that_address(tmp_path: Path) -> None:
    for host, port in _serve(tmp_path, "127.0.0.2"):
        with urllib.request.urlopen(f"http://{host}:{port}/healthz", timeout=10) as reply:
            assert reply.status == 200
            assert json.load(reply) == {"status": "ok"}
            assert reply.headers["X-Content-Type-Options"] == "nosniff"
        with urllib.request.urlopen(f"http://{host}:{port}/", timeout=10) as page:
            assert page.status == 200


def test_serve_on_a_port_in_use_says_so_in_one_line_and_exits_2(tmp_path: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "supple", "serve", "--port", str(port)],
            env=_env(tmp_path),
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 2, done.stderr
    assert done.stdout == "", "nothing claims to be running"
    assert done.stderr.strip().splitlines() == [
        f"supple: error: port {port} on 127.0.0.1 is in use by another program; stop it or choose another with --port"
    ]


def test_a_50_mb_post_is_refused_with_413_before_its_body_is_sent(served: tuple[str, int]) -> None:
    host, port = served
    with socket.create_connection(served, timeout=30) as sock:
        sock.sendall(
            f"POST /api/v1/sessions HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {50 * MIB}\r\n\r\n".encode()
        )
        status, headers, body = _read_reply(sock)  # answered while not one byte of the body was sent
    assert status == 413
    assert headers["content-type"] == "application/problem+json"
    assert headers["content-security-policy"].startswith("default-src 'self'")
    assert json.loads(body)["status"] == 413


def test_a_streamed_50_mb_post_is_cut_off_with_413_near_the_cap(served: tuple[str, int]) -> None:
    host, port = served
    chunk = b"%x\r\n%s\r\n" % (64 * 1024, b" " * 64 * 1024)
    sent = 0
    with socket.create_connection(served, timeout=30) as sock:
        sock.sendall(
            f"POST /api/v1/sessions HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n".encode()
        )
        while sent < 50 * MIB:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break  # the server has answered: stop sending
            try:
                sock.sendall(chunk)
            except (ConnectionResetError, BrokenPipeError):
                break  # the server answered and closed between the check and this send
            sent += 64 * 1024
        status, _, body = _read_reply(sock)
    assert status == 413
    assert json.loads(body)["status"] == 413
    # The server reads just past its 1 MiB cap (tests/web/test_hardening.py counts it exactly);
    # what was sent beyond that sits in the two kernel socket buffers (a few MiB on loopback).
    assert sent < 25 * MIB, f"{sent} bytes went out before the refusal"


@pytest.mark.parametrize(
    "host_lines",
    [["[::1]evil.com"], ["[::1]@evil.com"], ["127.0.0.1@evil.com"], ["127.0.0.1:80a"], ["127.0.0.1", "evil.example"]],
)
def test_a_malformed_or_doubled_host_through_uvicorn_is_400(served: tuple[str, int], host_lines: list[str]) -> None:
    with socket.create_connection(served, timeout=30) as sock:
        hosts = "".join(f"Host: {value}\r\n" for value in host_lines)
        sock.sendall(f"GET /healthz HTTP/1.1\r\n{hosts}Connection: close\r\n\r\n".encode())
        status, _, _ = _read_reply(sock)
    assert status == 400
