"""create_app(settings): the whole web app and HTTP API, built from settings, no globals."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from supple import __version__
from supple.config import Settings
from supple.services import run_imports, server
from supple.web import api_docs, problems, schemas, security
from supple.web.routes import (
    account,
    admin,
    api_followups,
    api_history,
    api_library,
    api_measures,
    api_profile,
    api_progress,
    api_routines,
    api_runs,
    api_sessions,
    api_triage,
    assess,
    health,
    history,
    illustrations,
    library,
    my_data,
    next_day_page,
    player,
    progress_page,
    runs_page,
    settings_page,
    soreness_page,
    today,
    tokens_page,
    triage_page,
    week,
)

STATIC = Path(__file__).parent / "static"
DEFAULT_HOSTS = ("127.0.0.1", "localhost", "[::1]")


def create_app(
    settings: Settings,
    *,
    allowed_hosts: Iterable[str] = DEFAULT_HOSTS,
    max_body: int = security.MAX_BODY,
    body_limits: Mapping[str, int] | None = None,
) -> FastAPI:
    """The app; ``max_body`` caps request bodies (bytes), ``body_limits`` sets other caps by path prefix."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # On SQLite this process runs background jobs itself; start its thread now, so jobs left
        # waiting by a stopped app are picked up without a new upload.
        from supple.services import jobs
        from supple.services.context import Context

        jobs.start_local(Context.for_process(settings, jobs.JOB_ACTOR))
        try:
            yield
        finally:
            jobs.stop_local()

    app = security.HeaderedFastAPI(
        lifespan=lifespan,
        title="Supple",
        version=__version__,
        summary="Melt-and-mould mobility routines for runners.",
        openapi_url="/openapi.json",
        docs_url=None,  # api_docs serves /api/docs with no outside scripts
        redoc_url=None,
    )
    app.state.settings = settings
    problems.install(app)
    app.include_router(health.router)
    for module in (
        api_routines,
        api_library,
        api_profile,
        api_sessions,
        api_history,
        api_measures,
        api_followups,
        api_triage,
        api_progress,
        api_runs,
    ):
        # Every API operation may answer 401 (no credentials) or 403 (a read-only token writing).
        app.include_router(module.router, responses=schemas.problems(401, 403))
    for module in (
        account,
        admin,
        my_data,
        tokens_page,
        today,
        next_day_page,
        player,
        week,
        library,
        history,
        settings_page,
        illustrations,
        assess,
        triage_page,
        soreness_page,
        progress_page,
        runs_page,
    ):
        app.include_router(module.router, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    api_docs.install(app)
    uploads = {"/runs/upload": run_imports.MAX_UPLOAD, "/api/v1/runs/imports": run_imports.MAX_UPLOAD}
    app.add_middleware(security.BodyLimit, max_body=max_body, limits=uploads | dict(body_limits or {}))
    hosts = (*allowed_hosts, *server.hosts_to_answer(settings, []))  # the public URL's host, when set
    app.add_middleware(security.HostOriginGuard, allowed_hosts=hosts)
    return app


def create_from_env() -> FastAPI:
    """Factory for `uvicorn --factory` (used by `supple serve`, including with several workers)."""
    # Set by `supple serve`: the addresses it listens on and the public URL's host, comma-separated.
    bound = [h for h in os.environ.get(server.BIND_HOST_VAR, "").split(",") if h]
    server.watch_parent(os.environ.get(server.PARENT_PID_VAR, ""))
    return create_app(Settings.from_env(), allowed_hosts=(*DEFAULT_HOSTS, *bound))
