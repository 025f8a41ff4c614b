"""A real `supple serve` in a subprocess, for the tests that need processes: start it, wait until it
answers, stop it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[Any], log: Path | None = None, *, seconds: float = 90) -> None:
    """Poll ``url``/healthz until it answers 200; fail the test with the server's output if it dies or never does."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            output = log.read_text(errors="replace") if log is not None and log.exists() else ""
            pytest.fail(f"supple serve did not start: {output}")
        time.sleep(0.1)


@contextmanager
def serving(
    env: dict[str, str], *args: str, log: Path, port: int | None = None, stdout: IO[Any] | int | None = None
) -> Iterator[tuple[str, subprocess.Popen[Any]]]:
    """`supple serve --port P ARGS...` with ``env``, its output in ``log``; yields (its URL, the process)."""
    port = port or free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "supple", "serve", "--port", str(port), *args],
            env=env,
            stdout=out if stdout is None else stdout,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process, log)
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=20)
