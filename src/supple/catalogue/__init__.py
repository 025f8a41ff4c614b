"""The catalogue: exercises, regions and rules as reviewed data files with their sources."""

from __future__ import annotations

from pathlib import Path

from supple.catalogue.model import Catalogue, CatalogueError

__all__ = ["Catalogue", "CatalogueError", "load_catalogue"]


def _parse(extra_dir: Path | None) -> Catalogue:
    from supple.catalogue.loader import parse_catalogue

    return parse_catalogue(extra_dir)


def load_catalogue(extra_dir: Path | None = None, *, cache_dir: Path | None = None) -> Catalogue:
    """Load the built-in catalogue and, if given, a user's folder of extra exercise files.

    With ``cache_dir``, the result is kept there in compiled form and loaded back while none of
    its files has changed (``catalogue.compiled``); the TOML loader is imported only to parse.
    """
    if cache_dir is None:
        return _parse(extra_dir)
    from supple.catalogue.compiled import kept_catalogue

    return kept_catalogue(extra_dir, cache_dir, _parse)
