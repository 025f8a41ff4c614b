"""`supple worker`: runs background jobs (imports, calendar refreshes) for every athlete."""

from __future__ import annotations

import typer

from supple.cli.common import bounded, console, guarded, open_context


@guarded
def worker(
    once: bool = typer.Option(False, "--once", help="Run the jobs waiting now, then stop."),
    concurrency: int = typer.Option(
        1, "--concurrency", callback=bounded("--concurrency", 1, 32), help="Jobs run at the same time (PostgreSQL)."
    ),
) -> None:
    """Run background jobs until stopped (Ctrl-C).

    On PostgreSQL, start one or more of these, on any machine that reaches the database: an
    upload on the web waits for one. On the embedded SQLite database the app runs its jobs
    itself and this is only needed to run waiting jobs with no app running.

    Example: supple worker
    """
    from supple.services import jobs

    ctx = open_context()
    if not once:
        console().print("Supple worker: running background jobs. Ctrl-C stops it.")
    try:
        ran = jobs.worker(ctx, once=once, concurrency=concurrency)
    except KeyboardInterrupt:
        return
    if once and ctx.data.local_reads:
        console().print(f"Ran {ran} waiting job{'s' if ran != 1 else ''}.")
