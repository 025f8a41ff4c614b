"""`supple users` and `supple tokens` as a person runs them, on a SQLite file and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

PASSWORD = "a good long password"


@pytest.fixture
def run(cli: Any, database_url: str) -> Callable[..., Any]:
    """The real `supple` command on the database under test."""

    def call(*args: str, input: str | None = None) -> Any:
        return cli(*args, input=input, env={"SUPPLE_DATABASE_URL": database_url})

    return call


@pytest.fixture
def password_file(tmp_path: Path) -> str:
    path = tmp_path / "password.txt"
    path.write_text(PASSWORD + "\n", encoding="utf-8")
    return str(path)


def users(run: Callable[..., Any]) -> list[dict[str, Any]]:
    listed = run("users", "list", "--json")
    assert listed.code == 0, listed.err
    found: list[dict[str, Any]] = listed.json()
    return found


def test_add_list_disable_and_set_password(run: Callable[..., Any], password_file: str) -> None:
    assert users(run) == []
    added = run("users", "add", "Ana@Example.org", "--name", "Ana", "--password-file", password_file)
    assert added.code == 0, added.err
    assert "ana@example.org" in added.out
    admin = run("users", "add", "root@example.org", "--role", "admin", "--password-file", "-", input=PASSWORD)
    assert admin.code == 0, admin.err
    listed = users(run)
    assert [(u["email"], u["role"], u["name"], u["disabled"]) for u in listed] == [
        ("ana@example.org", "athlete", "Ana", False),
        ("root@example.org", "admin", "", False),
    ]
    assert listed[0]["athlete"].startswith("u-")
    assert listed[1]["athlete"] is None
    assert set(listed[0]) == {"id", "email", "name", "role", "disabled", "athlete", "created_at"}
    changed = run("users", "set-password", "ana@example.org", "--password-file", "-", input="another fine one\n")
    assert changed.code == 0, changed.err
    disabled = run("users", "disable", "ana@example.org")
    assert disabled.code == 0, disabled.err
    assert users(run)[0]["disabled"] is True


def test_the_local_athletes_data_goes_to_the_first_account(run: Callable[..., Any], password_file: str) -> None:
    made = run("init", "--minutes", "12", "--name", "Sam Runner", "--json")
    assert made.code == 0, made.err
    before = made.json()
    added = run("users", "add", "me@example.org", "--athlete", "local", "--password-file", password_file)
    assert added.code == 0, added.err
    assert "local" in added.out
    assert users(run)[0]["athlete"] == "local"
    after = run("init", "--json")
    assert after.code == 0, after.err
    assert after.json() == before
    again = run("users", "add", "you@example.org", "--athlete", "local", "--password-file", password_file)
    assert again.code == 2
    assert "no other account owns" in again.err
    assert len(users(run)) == 1


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("users", "add", "not-an-email"), ("email", "not-an-email")),
        (("users", "add", "ana@example.org", "--role", "owner"), ("role", "owner")),
        (("users", "add", "ana@example.org", "--athlete", "nobody"), ("athlete", "nobody")),
        (("users", "add", "ana@example.org", "--name", "x" * 100), ("name",)),
    ],
)
def test_bad_values_exit_2_with_one_line_and_write_nothing(
    run: Callable[..., Any], password_file: str, bad_input: Any, args: tuple[str, ...], names: tuple[str, ...]
) -> None:
    bad_input(run(*args, "--password-file", password_file), *names)
    assert users(run) == []


def test_a_short_password_is_refused_without_echoing_it(run: Callable[..., Any], bad_input: Any) -> None:
    result = run("users", "add", "ana@example.org", "--password-file", "-", input="tiny-pass\n")
    bad_input(result, "password", "9 characters")
    assert "tiny-pass" not in result.err
    assert users(run) == []


def test_no_terminal_and_no_password_file_exits_2(run: Callable[..., Any], bad_input: Any) -> None:
    bad_input(run("users", "add", "ana@example.org", input=""), "--password-file")
    assert users(run) == []


def test_a_missing_password_file_exits_2(run: Callable[..., Any], bad_input: Any, tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    bad_input(run("users", "add", "ana@example.org", "--password-file", missing), "--password-file", missing)
    assert users(run) == []


def test_an_existing_email_exits_2_and_changes_nothing(
    run: Callable[..., Any], password_file: str, bad_input: Any
) -> None:
    assert run("users", "add", "ana@example.org", "--password-file", password_file).code == 0
    before = users(run)
    bad_input(run("users", "add", "ANA@example.org", "--role", "admin", "--password-file", password_file), "email")
    assert users(run) == before


def test_unknown_accounts_exit_2(run: Callable[..., Any], password_file: str, bad_input: Any) -> None:
    bad_input(run("users", "disable", "ghost@example.org"), "email", "ghost@example.org")
    bad_input(run("users", "set-password", "ghost@example.org", "--password-file", password_file), "email")
    bad_input(run("tokens", "create", "ghost@example.org"), "email")
    bad_input(run("tokens", "list", "ghost@example.org"), "email")
    bad_input(run("tokens", "revoke", "42"), "token", "42")
    assert users(run) == []


def test_a_token_is_printed_alone_once_then_listed_without_its_secret(
    run: Callable[..., Any], password_file: str
) -> None:
    assert run("users", "add", "ana@example.org", "--password-file", password_file).code == 0
    made = run("tokens", "create", "ana@example.org", "--read-only", "--name", "watch")
    assert made.code == 0, made.err
    secret = made.out.strip()
    assert made.out == secret + "\n"
    assert secret.startswith("sup_")
    assert "shown once" in made.err
    listed = run("tokens", "list", "ana@example.org", "--json")
    assert listed.code == 0, listed.err
    [token] = listed.json()
    assert set(token) == {"id", "name", "read_only", "created_at", "last_used_at", "revoked_at"}
    assert (token["name"], token["read_only"], token["last_used_at"], token["revoked_at"]) == (
        "watch",
        True,
        None,
        None,
    )
    assert secret not in listed.out
    revoked = run("tokens", "revoke", str(token["id"]))
    assert revoked.code == 0, revoked.err
    assert run("tokens", "list", "ana@example.org", "--json").json()[0]["revoked_at"] is not None


def _on_a_terminal(cli: Any, args: list[str], answers: list[str]) -> tuple[int, str, str]:
    """Run `supple ARGS` with a pseudo-terminal as its input; type each answer once its prompt is shown."""
    import os
    import subprocess
    import sys

    main, replica = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "supple", *args],
        stdin=replica,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli.env,
        cwd=cli.cwd,
        start_new_session=True,  # no controlling terminal: getpass reads the pseudo-terminal on stdin
    )
    os.close(replica)
    assert process.stderr is not None
    assert process.stdout is not None
    shown = b""
    for answer in answers:
        while not shown.rstrip().endswith(b":"):
            chunk = os.read(process.stderr.fileno(), 1024)
            assert chunk, shown
            shown += chunk
        shown += b"|"
        os.write(main, answer.encode() + b"\n")
    out = process.stdout.read().decode()
    err = shown.decode() + process.stderr.read().decode()
    code = process.wait(timeout=120)
    os.close(main)
    return code, out, err


def test_the_password_is_asked_twice_hidden_on_a_terminal(cli: Any) -> None:
    code, out, err = _on_a_terminal(cli, ["users", "add", "ana@example.org"], [PASSWORD, PASSWORD])
    assert code == 0, err
    assert "Password:" in err
    assert "again" in err
    assert PASSWORD not in out + err
    assert "ana@example.org" in out
    code, out, err = _on_a_terminal(cli, ["users", "add", "ben@example.org"], [PASSWORD, "something else"])
    assert code == 2
    assert "the two passwords differ; nothing was saved" in err
    listed = cli("users", "list", "--json")
    assert [u["email"] for u in listed.json()] == ["ana@example.org"]
