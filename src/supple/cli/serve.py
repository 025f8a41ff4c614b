"""`supple serve`: the web app, on this machine, for a phone at home, or for a club behind a proxy."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

import typer

from supple.cli.common import fail, guarded, settings

if TYPE_CHECKING:
    from supple.config import Settings


@guarded
def serve(
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Address to listen on. Beyond loopback it needs accounts and SUPPLE_SECRET_KEY."
    ),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    workers: int = typer.Option(1, "--workers", help="Worker processes."),
    lan: bool = typer.Option(
        False, "--lan", help="Also listen on this machine's network address, and print a code that pairs a phone."
    ),
    uds: str | None = typer.Option(None, "--uds", help="Listen on this Unix socket (for a proxy) instead of a port."),
    forwarded_allow_ips: str | None = typer.Option(
        None,
        "--forwarded-allow-ips",
        help="Proxy addresses whose X-Forwarded-For and X-Forwarded-Proto are believed (e.g. 127.0.0.1).",
    ),
) -> None:
    """Start the web app and API; open the printed address in a browser.

    With --lan, a phone on the same network scans the printed code to pair (see docs/deploy.md).

    Example: supple serve --port 8000
    """
    from supple.services import server

    config = settings()
    server.check_bind(host, port, workers)
    if uds:
        _check_socket_path(uds)
    also = None
    if lan:
        from supple.services import lan as home

        if not server.is_loopback(host) or uds:
            raise fail("--lan listens on loopback and the network address itself; leave out --host and --uds")
        if workers != 1:
            raise fail("--lan serves one process for one runner; leave out --workers")
        also = home.lan_address()
    elif uds or not server.is_loopback(host):
        server.check_ready_for_others(config, uds or host)
    if not uds:
        server.check_port_free(host, port)
        if also:
            server.check_port_free(also, port)
    server.prepare(config)  # create and migrate the database once, before any worker starts
    bound = [host] + ([also] if also else [])
    # The app in each worker answers to these names too (the machine's own ones always).
    os.environ[server.BIND_HOST_VAR] = ",".join(server.hosts_to_answer(config, bound))
    os.environ[server.PARENT_PID_VAR] = str(os.getpid())  # each worker stops if this process dies
    if uds:
        print(f"Supple is listening on the socket {uds} (Ctrl+C to stop)", flush=True)
    else:
        shown = f"[{host}]" if ":" in host else host
        print(f"Supple is running at http://{shown}:{port}/ (Ctrl+C to stop)", flush=True)
    if also:
        _print_pairing(config, also, port)
    server.run(host=host, port=port, workers=workers, also=also, uds=uds, forwarded_allow_ips=forwarded_allow_ips)


def _print_pairing(config: Settings, address: str, port: int) -> None:
    from supple.services import lan as home
    from supple.services.accounts import Accounts

    accounts = Accounts.open(config)
    print(f"On your network it is at {home.link(address, port, '/')}: only paired devices get in.")
    if accounts.any_accounts() and not any(u.athlete == config.athlete for u in accounts.list_users()):
        # A paired phone would act for data no account owns, which a server with accounts refuses.
        print(f"This server has accounts: on the phone, open {home.link(address, port, '/sign-in')} and sign in.")
        return
    secret = accounts.create_pairing(config.athlete)
    link = home.link(address, port, f"/pair/{secret}")
    print("To pair your phone, scan this code with its camera, or open the link on it (once, within 10 minutes;")
    print("`supple pair` prints another):")
    sys.stdout.write(home.qr_code(link))
    print(link, flush=True)


@guarded
def pair(
    port: int = typer.Option(8000, "--port", help="The port `supple serve --lan` listens on."),
) -> None:
    """Print a new one-time link and QR code that pair a phone with `supple serve --lan` (already running).

    Example: supple pair --port 8000
    """
    from supple.services import lan as home
    from supple.services import server

    server.check_bind("127.0.0.1", port, 1)
    _print_pairing(settings(), home.lan_address(), port)


def _check_socket_path(text: str) -> None:
    """A --uds path may replace an old socket only: never the database or any other file."""
    import stat
    from pathlib import Path

    from supple.cli import outputs

    path = outputs.check(Path(text).expanduser(), option="--uds", kind=None, force=False)
    if path.exists() and not stat.S_ISSOCK(path.stat().st_mode):
        raise fail(f"--uds: {text!r} exists and is not a socket; expected a new path or an old socket to replace")
