"""Serving the web app: which addresses are allowed, and starting uvicorn."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from supple.core.errors import InvalidInput

if TYPE_CHECKING:
    from supple.config import Settings

APP = "supple.web.app:create_from_env"


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


def prepare(settings: Settings) -> None:
    """Create and migrate the database the server will use (once, before any worker starts)."""
    from supple.store.athlete import shared_store

    shared_store(settings.database_url)


def run(*, host: str, port: int, workers: int) -> None:
    import uvicorn

    uvicorn.run(APP, factory=True, host=host, port=port, workers=workers, log_level="warning", proxy_headers=False)
