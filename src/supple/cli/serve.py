"""`supple serve`: the web app on this machine."""

from __future__ import annotations

import os

import typer

from supple.cli.common import guarded, settings


@guarded
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; loopback only (no login yet)."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    workers: int = typer.Option(1, "--workers", help="Worker processes."),
) -> None:
    """Start the web app and API; open the printed address in a browser.

    Example: supple serve --port 8000
    """
    from supple.services import server

    server.check_bind(host, port, workers)
    server.check_port_free(host, port)
    server.prepare(settings())  # create and migrate the database once, before any worker starts
    shown = f"[{host}]" if ":" in host else host
    print(f"Supple is running at http://{shown}:{port}/ (Ctrl+C to stop)", flush=True)
    os.environ[server.BIND_HOST_VAR] = host  # the app in each worker answers to this address too
    server.run(host=host, port=port, workers=workers)
