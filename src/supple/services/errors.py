"""The errors a skin (CLI, web) maps to messages: re-exported so skins import services only."""

from supple.catalogue import CatalogueError
from supple.core.errors import InvalidInput, NotAllowed, NotWorked
from supple.store.errors import NotFound, StoreError

__all__ = ["CatalogueError", "InvalidInput", "NotAllowed", "NotFound", "NotWorked", "StoreError"]
