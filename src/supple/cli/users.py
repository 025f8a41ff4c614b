"""`supple users ...` and `supple tokens ...`: accounts and personal API tokens, from the server's own console."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from supple.cli.common import JSON_OPTION, bounded, fail, guarded, print_json, settings

if TYPE_CHECKING:
    from supple.services.accounts import Accounts

users_app = typer.Typer(
    name="users",
    help="Accounts: add, list and disable them, set a password. Once one exists, every page needs a sign-in.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
tokens_app = typer.Typer(
    name="tokens",
    help="Personal API tokens (Authorization: Bearer) for scripts and apps: create, list, revoke.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

PASSWORD_FILE = typer.Option(
    None,
    "--password-file",
    metavar="F",
    help="Read the password from the file F (its first line), or from standard input with -. "
    "Without it the password is asked twice, hidden, on a terminal.",
)


def _accounts() -> Accounts:
    from supple.services.accounts import Accounts

    return Accounts.open(settings())


def _password(password_file: str | None) -> str:
    """The password from ``--password-file``, else asked twice with hidden input on a terminal."""
    if password_file is not None:
        try:
            text = sys.stdin.read() if password_file == "-" else Path(password_file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or "not UTF-8 text"
            expected = "expected a file holding the password"
            raise fail(f"--password-file: cannot read {password_file!r} ({reason}); {expected}") from None
        lines = text.splitlines()
        return lines[0] if lines else ""
    if not sys.stdin.isatty():
        raise fail("no terminal to ask the password on; pass --password-file F (a file holding it, or - for stdin)")
    import getpass

    first = getpass.getpass("Password: ")
    if getpass.getpass("Same password again: ") != first:
        raise fail("the two passwords differ; nothing was saved")
    return first


@users_app.command("add")
@guarded
def add(
    email: str = typer.Argument(..., metavar="EMAIL", help="The account's email address (what it signs in with)."),
    role: str = typer.Option("athlete", "--role", metavar="athlete|coach|admin", help="What the account may do."),
    name: str | None = typer.Option(None, "--name", metavar="N", help="The name shown to the account's user."),
    password_file: str | None = PASSWORD_FILE,
    athlete: str | None = typer.Option(
        None,
        "--athlete",
        metavar="SLUG",
        help="Give this existing athlete's data to the account (e.g. local: what you logged before accounts).",
    ),
) -> None:
    """Add an account. An athlete or coach gets a new, empty athlete profile unless --athlete names one.

    Example: supple users add me@example.org --athlete local

    Example: supple users add coach@example.org --role coach --name "Kim" --password-file pw.txt
    """
    from supple.services.accounts import check_email, check_role

    check_email(email)
    check_role(role)
    accounts = _accounts()
    user = accounts.add_user(email, _password(password_file), role=role, name=name, athlete=athlete)
    owns = f", owns athlete {user.athlete}" if user.athlete else ""
    print(f"Added {user.email} ({user.role}{owns}).")


@users_app.command("list")
@guarded
def list_users(as_json: bool = JSON_OPTION) -> None:
    """List the accounts: email, role, name, the athlete each owns, and whether it is disabled.

    Example: supple users list --json
    """
    from supple.services.accounts import user_dict

    found = _accounts().list_users()
    if as_json:
        print_json([user_dict(user) for user in found])
        return
    if not found:
        print("No accounts: Supple answers on this machine only, for the local athlete, without sign-in.")
        return
    for user in found:
        state = "  (disabled)" if user.disabled else ""
        print(f"{user.email}  {user.role}  {user.name or '-'}  athlete: {user.athlete or '-'}{state}")


@users_app.command("disable")
@guarded
def disable(email: str = typer.Argument(..., metavar="EMAIL", help="The account to disable.")) -> None:
    """Disable an account: it can no longer sign in, and its sessions and tokens stop working at once.

    Example: supple users disable ana@example.org
    """
    user = _accounts().disable_user(email)
    print(f"Disabled {user.email}: its sessions and tokens no longer work.")


@users_app.command("set-password")
@guarded
def set_password(
    email: str = typer.Argument(..., metavar="EMAIL", help="The account whose password to set."),
    password_file: str | None = PASSWORD_FILE,
) -> None:
    """Set an account's password; every session of the account ends (its API tokens keep working).

    Example: supple users set-password ana@example.org
    """
    accounts = _accounts()
    if accounts.find_user(email) is None:
        raise fail(f"email: {email!r} is not valid; expected the email of an existing account")
    accounts.set_password(email, _password(password_file))
    print(f"Set the password of {email.strip().lower()}; its sessions have ended.")


@tokens_app.command("create")
@guarded
def create_token(
    email: str = typer.Argument(..., metavar="EMAIL", help="The account the token acts as."),
    read_only: bool = typer.Option(False, "--read-only", help="The token may read but never change data."),
    name: str = typer.Option("", "--name", metavar="N", help="What the token is for, e.g. 'watch app'."),
) -> None:
    """Create a personal API token and print it alone on stdout (shown once; only its hash is kept).

    Example: supple tokens create ana@example.org --read-only --name "calendar script"
    """
    secret, token = _accounts().create_token(email, name=name, read_only=read_only)
    access = "read-only" if token.read_only else "read-write"
    print(f"Token {token.id} ({access}) is shown once: store it now.", file=sys.stderr)
    print(secret)


@tokens_app.command("list")
@guarded
def list_tokens(
    email: str = typer.Argument(..., metavar="EMAIL", help="The account whose tokens to list."),
    as_json: bool = JSON_OPTION,
) -> None:
    """List an account's tokens (never their secrets): id, name, access, created, last used, revoked.

    Example: supple tokens list ana@example.org --json
    """
    from supple.services.accounts import token_dict

    found = _accounts().list_tokens(email)
    if as_json:
        print_json([token_dict(token) for token in found])
        return
    if not found:
        print("No tokens.")
        return
    for token in found:
        access = "read-only" if token.read_only else "read-write"
        used = f"last used {token.last_used_at:%Y-%m-%d %H:%M}" if token.last_used_at else "never used"
        revoked = f", revoked {token.revoked_at:%Y-%m-%d %H:%M}" if token.revoked_at else ""
        print(f"{token.id}  {token.name or '-'}  {access}  created {token.created_at:%Y-%m-%d}, {used}{revoked}")


@tokens_app.command("revoke")
@guarded
def revoke_token(
    token_id: int = typer.Argument(
        ..., metavar="ID", callback=bounded("ID", 1, 2**63 - 1), help="The token's id, from `tokens list`."
    ),
) -> None:
    """Revoke a token: it stops working at once.

    Example: supple tokens revoke 3
    """
    token = _accounts().revoke_token(token_id)
    print(f"Revoked token {token.id}{f' ({token.name})' if token.name else ''}.")
