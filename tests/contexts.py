"""The context a test acts in: what a CLI command or a web request would build."""

from __future__ import annotations

from supple.config import Settings
from supple.services.context import Context


def ctx_for(settings: Settings, athlete: str | None = None, *, writable: bool = True) -> Context:
    """A fresh context (a fresh snapshot) for ``athlete``, else the settings' athlete, as a command builds it."""
    return Context.open(settings, athlete=athlete or settings.athlete, writable=writable)
