"""Every route declares who may use it: a test walks the app's route table."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Mount

from supple.config import Settings
from supple.web.access import RULES
from supple.web.app import create_app


def app_routes(app: FastAPI) -> list[tuple[str, BaseRoute]]:
    """Every route of ``app`` with its full path, through included routers (FastAPI keeps them lazily)."""
    try:
        from fastapi.routing import iter_route_contexts
    except ImportError:  # FastAPI before 0.16x keeps a flat list
        return [(getattr(r, "path", ""), r) for r in app.routes]
    return [(str(rc.path), rc.original_route) for rc in iter_route_contexts(app.routes)]


def _calls(dependant: Dependant) -> set[object]:
    found = {dependant.call}
    for sub in dependant.dependencies:
        found |= _calls(sub)
    return found


def test_every_route_declares_exactly_one_access_rule(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path))
    missing, several = [], []
    routes = [(path, r) for path, r in app_routes(app) if isinstance(r, APIRoute)]
    assert len(routes) > 50, "the walk must see the real route table"
    for path, route in routes:
        declared = _calls(route.dependant) & set(RULES)
        label = f"{sorted(route.methods)} {path}"
        if not declared:
            missing.append(label)
        # A route may name the athlete rule more than once (several parameters); never two rules.
        if len(declared) > 1:
            several.append(label)
    assert not missing, f"routes without an access rule: {missing}"
    assert not several, f"routes with more than one access rule: {several}"


def test_the_only_mount_is_the_static_folder(tmp_path: Path) -> None:
    """Mounted apps escape the route walk: only the public static files may be mounted."""
    app = create_app(Settings(data_dir=tmp_path))
    mounts = [path for path, r in app_routes(app) if isinstance(r, Mount)]
    assert mounts == ["/static"]


def test_the_only_plain_routes_are_the_api_description(tmp_path: Path) -> None:
    """FastAPI's own routes (the OpenAPI document and its docs page) are public: they hold no one's data."""
    app = create_app(Settings(data_dir=tmp_path))
    plain = sorted(path for path, r in app_routes(app) if not isinstance(r, (APIRoute, Mount)))
    assert set(plain) <= {"/openapi.json", "/api/docs", "/docs/oauth2-redirect"}, plain
