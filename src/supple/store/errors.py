"""Errors from the store that a person can act on."""

from __future__ import annotations


class StoreError(Exception):
    """The database cannot be used: unreachable, bad URL, or not a Supple database."""


class NotFound(LookupError):
    """A row that was asked for does not exist."""
