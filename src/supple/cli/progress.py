"""`supple progress`: placeholder while issue #4 is in progress."""

from __future__ import annotations

from supple.cli.common import guarded


@guarded
def progress() -> None:
    """Show progress charts (in progress)."""
