"""`supple report` and `supple handout`: placeholders while issue #4 is in progress."""

from __future__ import annotations

from supple.cli.common import guarded


@guarded
def report() -> None:
    """Write a progress report (in progress)."""


@guarded
def handout() -> None:
    """Write a one-page routine handout (in progress)."""
