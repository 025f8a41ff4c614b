"""`supple serve`: loopback by default, `--lan` for a phone at home, beyond loopback only when ready.

Real processes: the command is run as a person would, and the server it starts is asked over HTTP.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.conftest import IN_CI, Cli
from tests.serving import free_port, wait_until_up

KEY = "k" * 40
PASSWORD = "long enough for an admin"


def _account(cli: Cli, tmp_path: Path) -> None:
    secret = tmp_path / "password"
    secret.write_text(PASSWORD)
    made = cli("users", "add", "admin@example.org", "--role", "admin", "--password-file", str(secret))
    assert made.code == 0, made.err


def test_beyond_loopback_without_accounts_or_key_exits_2_naming_both(cli: Cli) -> None:
    done = cli("serve", "--host", "0.0.0.0", "--port", str(free_port()))
    assert done.code == 2
    assert done.out == ""
    (line,) = done.err.strip().splitlines()
    assert "supple users add EMAIL --role admin" in line
    assert "SUPPLE_SECRET_KEY is not set" in line
    assert "Traceback" not in done.err


def test_a_short_secret_key_is_refused_with_its_length(cli: Cli, tmp_path: Path) -> None:
    _account(cli, tmp_path)
    done = cli("serve", "--host", "0.0.0.0", "--port", str(free_port()), env={"SUPPLE_SECRET_KEY": "short"})
    assert done.code == 2
    assert "5 bytes; it must be at least 32" in done.err
    assert "users add" not in done.err, "the account exists: only the key is named"


def test_a_socket_for_a_proxy_is_held_to_the_same_rule(cli: Cli, tmp_path: Path) -> None:
    done = cli("serve", "--uds", str(tmp_path / "supple.sock"))
    assert done.code == 2
    assert "SUPPLE_SECRET_KEY" in done.err


def test_lan_is_one_process_on_its_own_addresses(cli: Cli) -> None:
    assert cli("serve", "--lan", "--workers", "2").code == 2
    done = cli("serve", "--lan", "--host", "0.0.0.0")
    assert done.code == 2
    assert "leave out --host" in done.err


@pytest.fixture
def ready_server(cli: Cli, tmp_path: Path) -> Iterator[str]:
    _account(cli, tmp_path)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "supple", "serve", "--host", "0.0.0.0", "--port", str(port)],
        env=cli.env | {"SUPPLE_SECRET_KEY": KEY},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_with_an_account_and_a_key_it_serves_and_asks_everyone_to_sign_in(ready_server: str) -> None:
    answer = httpx.get(f"{ready_server}/api/v1/today", timeout=30)
    assert answer.status_code == 401
    assert answer.headers["content-type"] == "application/problem+json"
    page = httpx.get(f"{ready_server}/week", headers={"accept": "text/html"}, timeout=30)
    assert page.status_code == 303
    assert page.headers["location"] == "/sign-in?next=%2Fweek"


def _qr_text(printed: str) -> str:
    """Read the QR code drawn in block characters back, with zbar, as a phone's camera would."""
    lines = [line for line in printed.splitlines() if line and set(line) <= set("█▀▄ ")]
    rows: list[list[bool]] = []
    for line in lines:
        rows.append([ch in "█▀" for ch in line])
        rows.append([ch in "█▄" for ch in line])
    width, scale = max(len(r) for r in rows), 6
    body = []
    for row in rows:
        cells = " ".join(("0" if lit else "1") for lit in row + [True] * (width - len(row)) for _ in range(scale))
        body += [cells] * scale
    image = Path(os.environ.get("TMPDIR", "/tmp")) / f"qr-{os.getpid()}.pbm"
    image.write_text(f"P1\n{width * scale} {len(rows) * scale}\n" + "\n".join(body) + "\n")
    done = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True, timeout=60)
    image.unlink()
    return done.stdout.strip()


def test_lan_prints_a_pairing_link_and_a_qr_code_that_reads_as_the_link(cli: Cli) -> None:
    if shutil.which("zbarimg") is None:
        if IN_CI:
            pytest.fail("zbarimg is needed (Debian's zbar-tools; .ci/run installs it)")
        pytest.skip("zbarimg not installed")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "supple", "serve", "--lan", "--port", str(port)],
        env=cli.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}", process)
        printed = ""
        assert process.stdout is not None
        while "/pair/" not in printed:
            printed += process.stdout.readline()
        link = re.search(r"http://\S+/pair/\S+", printed)
        assert link, printed
        assert not link.group(0).startswith("http://127."), "the phone is given the network address"
        assert _qr_text(printed) == link.group(0)
        lan = link.group(0).split("/pair/")[0]
        assert httpx.get(f"{lan}/healthz", timeout=30).status_code == 200, "it listens on the network address"
        unpaired = httpx.get(f"{lan}/api/v1/today", timeout=30)
        assert unpaired.status_code == 401, "on the network only paired devices get in"
        local = httpx.get(f"http://127.0.0.1:{port}/api/v1/today", timeout=30)
        assert local.status_code == 200, "the computer itself needs no pairing"
        again = cli("pair", "--port", str(port))
        assert again.code == 0, again.err
        second = re.search(r"http://\S+/pair/\S+", again.out)
        assert second, again.out
        assert second.group(0) != link.group(0), "a new link each time"
        assert _qr_text(again.out) == second.group(0)
        with httpx.Client(timeout=30) as phone:
            form = phone.get(second.group(0))
            token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
            assert token, form.text[:200]
            paired = phone.post(second.group(0), data={"csrf_token": token.group(1)}, follow_redirects=False)
            assert paired.status_code == 303, paired.text[:200]
            assert phone.get(f"{lan}/api/v1/today").status_code == 200, "the paired phone gets in"
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_with_accounts_that_do_not_own_the_local_data_pair_says_to_sign_in(cli: Cli, tmp_path: Path) -> None:
    _account(cli, tmp_path)  # an admin: the local athlete's data belongs to no account
    done = cli("pair", "--port", "8000")
    assert done.code == 0, done.err
    assert "/pair/" not in done.out, "no link that would sign a phone into nothing"
    assert "/sign-in and sign in" in done.out
