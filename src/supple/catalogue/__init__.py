"""The catalogue: exercises, regions and rules as reviewed data files with their sources."""

from supple.catalogue.loader import Catalogue, CatalogueError, load_catalogue

__all__ = ["Catalogue", "CatalogueError", "load_catalogue"]
