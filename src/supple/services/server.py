"""Serving the web app: which addresses are allowed, and starting uvicorn."""

from __future__ import annotations

import errno
import ipaddress
import os
import signal
import socket
import threading
import time
from typing import TYPE_CHECKING

from supple.core.errors import InvalidInput

if TYPE_CHECKING:
    from supple.config import Settings

APP = "supple.web.app:create_from_env"
#: Tells the app built in each worker which address it was started on, so it answers to it.
BIND_HOST_VAR = "SUPPLE_BIND_HOST"
#: The process id of `supple serve`, so that a worker it started stops when it dies.
PARENT_PID_VAR = "SUPPLE_SERVE_PID"
#: How long a worker whose parent died waits for its open requests before it exits anyway.
ORPHAN_GRACE_SECONDS = 10.0


class PortInUse(InvalidInput):
    """Another program already listens on the address and port asked for."""

    def __init__(self, host: str, port: int) -> None:
        super().__init__("port", port, "a port no other program listens on")
        self.host = host

    def __str__(self) -> str:
        return f"port {self.value} on {self.host} is in use by another program; stop it or choose another with --port"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class NotReadyForOthers(InvalidInput):
    """Serving beyond this machine was asked for, but the server is not set up for other people."""

    def __init__(self, where: str, missing: list[str]) -> None:
        super().__init__("host", where, "an account and a secret key first")
        self.where = where
        self.missing = missing

    def __str__(self) -> str:
        return (
            f"--host {self.where} would let other machines in, so Supple needs accounts and a secret key first: "
            + "; ".join(self.missing)
            + ". See docs/deploy.md (or use --lan for a phone at home)"
        )


def check_bind(host: str, port: int, workers: int) -> None:
    """The numbers are sane (whether a non-loopback host may be served is ``check_ready_for_others``)."""
    if not 1 <= port <= 65535:
        raise InvalidInput("port", port, "a port number from 1 to 65535")
    if not 1 <= workers <= 64:
        raise InvalidInput("workers", workers, "a whole number from 1 to 64")


def check_port_free(host: str, port: int) -> None:
    """Bind the address the way uvicorn will (SO_REUSEADDR), then let it go; PortInUse if taken.

    A port another program listens on cannot be bound even with SO_REUSEADDR; one left in
    TIME_WAIT by an earlier run can, as it can for uvicorn.
    """
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise InvalidInput("host", host, f"an address this machine has ({error.strerror})") from None
    for family, kind, proto, _, address in addresses:
        with socket.socket(family, kind, proto) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                sock.bind(address)
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    raise PortInUse(host, port) from None
                if error.errno == errno.EADDRNOTAVAIL:
                    raise InvalidInput("host", host, "an address this machine has (it has no such address)") from None
                raise InvalidInput("port", port, f"a port this user may open ({error.strerror})") from None


def check_ready_for_others(settings: Settings, where: str) -> None:
    """An address beyond loopback (or a socket a proxy talks to) needs an account and SUPPLE_SECRET_KEY."""
    from supple.services.accounts import Accounts

    missing = []
    if not Accounts.open(settings).any_accounts():
        missing.append("make an admin account with `supple users add EMAIL --role admin`")
    problem = settings.secret_key_problem
    if problem is not None:
        missing.append(f'{problem} (make one: python3 -c "import secrets; print(secrets.token_urlsafe(48))")')
    if missing:
        raise NotReadyForOthers(where, missing)


def hosts_to_answer(settings: Settings, bound: list[str]) -> list[str]:
    """The Host names the app answers to: this machine's, the addresses it is bound to, and the public URL's host."""
    names = [h for h in bound if h not in ("0.0.0.0", "::", "")]
    if settings.public_url:
        from urllib.parse import urlsplit

        names.append(urlsplit(settings.public_url).hostname or "")
    return [f"[{h}]" if ":" in h and not h.startswith("[") else h for h in names if h]


def prepare(settings: Settings) -> None:
    """Create and migrate the database the server will use (once, before any worker starts)."""
    from supple.store.athlete import shared_store

    shared_store(settings.database_url)


def run(
    *,
    host: str,
    port: int,
    workers: int,
    also: str | None = None,
    uds: str | None = None,
    forwarded_allow_ips: str | None = None,
) -> None:
    """Serve with uvicorn; with ``also`` (the LAN address), one process listens on both addresses."""
    import uvicorn

    proxy = {"proxy_headers": forwarded_allow_ips is not None, "forwarded_allow_ips": forwarded_allow_ips}
    if also is None:
        where = {"uds": uds} if uds else {"host": host, "port": port}
        uvicorn.run(APP, factory=True, workers=workers, log_level="warning", **where, **proxy)  # type: ignore[arg-type]
        return
    config = uvicorn.Config(APP, factory=True, log_level="warning", **proxy)  # type: ignore[arg-type]
    sockets = [_listening(host, port), _listening(also, port)]
    uvicorn.Server(config).run(sockets=sockets)


def _listening(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host.strip("[]"), port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def watch_parent(parent: str) -> None:
    """In a worker that `supple serve` (process ``parent``) started: stop when the parent is gone.

    A worker is left behind when its parent is killed outright (``kill -9``, the OOM killer),
    and would go on serving the port with nobody to stop it. A thread checks every second
    whether the worker's parent is still ``parent``; when not, it asks the worker to stop as
    Ctrl+C would (SIGTERM: open requests finish) and ends it after ORPHAN_GRACE_SECONDS.
    Nothing is watched when the server runs in ``parent`` itself (one worker).
    """
    if not parent.isdigit() or int(parent) == os.getpid():
        return
    threading.Thread(target=_watch, args=(int(parent),), name="supple-parent-watch", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(ORPHAN_GRACE_SECONDS)
    os._exit(1)
