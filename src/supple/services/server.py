"""Serving the web app: which addresses are allowed, and starting uvicorn."""

from __future__ import annotations

import errno
import ipaddress
import socket
from typing import TYPE_CHECKING

from supple.core.errors import InvalidInput

if TYPE_CHECKING:
    from supple.config import Settings

APP = "supple.web.app:create_from_env"
#: Tells the app built in each worker which address it was started on, so it answers to it.
BIND_HOST_VAR = "SUPPLE_BIND_HOST"


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


def check_bind(host: str, port: int, workers: int) -> None:
    """Refuse anything but this machine until accounts exist: the app has no login yet."""
    if not is_loopback(host):
        raise InvalidInput(
            "host",
            host,
            "a loopback address (127.0.0.1, ::1 or localhost): Supple has no authentication yet, so it only "
            "serves this machine",
        )
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


def prepare(settings: Settings) -> None:
    """Create and migrate the database the server will use (once, before any worker starts)."""
    from supple.store.athlete import shared_store

    shared_store(settings.database_url)


def run(*, host: str, port: int, workers: int) -> None:
    import uvicorn

    uvicorn.run(APP, factory=True, host=host, port=port, workers=workers, log_level="warning", proxy_headers=False)
