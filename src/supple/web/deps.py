"""Typed dependencies for routes: the app's settings, and the read-only context of a calendar feed.

The context of an ordinary request, and who may use each route, are in ``web.access``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from supple.config import Settings
from supple.services.context import Actor, Context


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


def feed_context(settings: Settings, token: str) -> Context | None:
    """Read-only context of the athlete whose calendar feed ``token`` opens; None when no one's does."""
    from supple.services import calendar

    owner = calendar.feed_owner(settings, token)
    if owner is None:
        return None
    return Context.open(settings, athlete=owner, actor=Actor(name="calendar feed", via="feed"), writable=False)
