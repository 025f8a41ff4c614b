"""Typed dependencies for routes: the app's settings and the context of each request.

A route asks for ``ContextDep`` and gets the one context of its request (FastAPI builds a
dependency once per request): who is acting, for which athlete, with what access.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from supple.config import Settings
from supple.services.context import LOCAL, Actor, Context


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def get_context(settings: SettingsDep) -> Context:
    """The local runner, with full access (a server with no accounts answers on loopback only)."""
    return Context.open(settings, athlete=settings.athlete, actor=LOCAL)


ContextDep = Annotated[Context, Depends(get_context)]


def feed_context(settings: Settings, token: str) -> Context | None:
    """Read-only context of the athlete whose calendar feed ``token`` opens; None when no one's does."""
    from supple.services import calendar

    owner = calendar.feed_owner(settings, token)
    if owner is None:
        return None
    return Context.open(settings, athlete=owner, actor=Actor(name="calendar feed", via="feed"), writable=False)
