"""HTML to PDF with WeasyPrint, offline: anything but inline data is refused, never fetched.

WeasyPrint (and the Pango it loads) is imported on the first PDF only, so commands that
never write one start as fast as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class FetchRefused(ValueError):
    """The page asked for something outside itself; a report must be self-contained."""


@dataclass(frozen=True, slots=True)
class Pdf:
    data: bytes
    pages: int


def _offline(url: str, timeout: int = 10, ssl_context: Any = None) -> Any:
    """WeasyPrint's URL fetcher, allowed ``data:`` URLs only."""
    if not url.startswith("data:"):
        raise FetchRefused(f"the page asked for {url!r}; reports and handouts must not load anything")
    from weasyprint.urls import default_url_fetcher  # type: ignore[import-untyped]  # WeasyPrint ships no types

    return default_url_fetcher(url, timeout=timeout, ssl_context=ssl_context)


def layout(html: str) -> Any:
    """The laid-out document (``.pages`` lists its pages; ``.write_pdf()`` gives the bytes)."""
    import weasyprint  # type: ignore[import-untyped]  # WeasyPrint ships no types

    return weasyprint.HTML(string=html, url_fetcher=_offline).render()


def to_pdf(html: str) -> Pdf:
    """The PDF of ``html`` and how many pages it has."""
    document = layout(html)
    data: bytes = document.write_pdf()
    return Pdf(data, len(document.pages))
