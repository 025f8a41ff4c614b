"""GET /healthz: is the process up (no database work, a baseline for benchmarks)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from supple.web.access import Public

router = APIRouter()


@router.get("/healthz", tags=["meta"], summary="Liveness check", dependencies=[Public])
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/favicon.ico", include_in_schema=False, dependencies=[Public])
def favicon() -> FileResponse:
    icon = Path(__file__).parents[1] / "static" / "favicon.svg"
    return FileResponse(icon, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"})
