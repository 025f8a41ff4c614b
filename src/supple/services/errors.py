"""The errors a skin (CLI, web) maps to messages: re-exported so skins import services only.

The account errors live here (and are re-exported by ``services.accounts``) so that a skin can
name them without importing the accounts service, its hasher or SQLAlchemy at start-up.
"""

from supple.catalogue import CatalogueError
from supple.core.errors import MISSING, InvalidInput, NotAllowed, NotWorked
from supple.store.errors import NotFound, StoreError


class SignInRefused(Exception):
    """The same answer for an unknown email, a wrong password and a disabled account."""

    def __init__(self) -> None:
        super().__init__("email or password not recognised")


class TooManyAttempts(Exception):
    """Sign-in is blocked for a while after repeated failures; ``retry_after`` is in seconds."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many failed sign-ins; try again in {retry_after} seconds")


class LinkRefused(Exception):
    """An invitation or pairing link that is unknown, expired or already used (not told apart)."""

    def __init__(self) -> None:
        super().__init__("this link has expired or was already used; ask for a new one")


__all__ = [
    "MISSING",
    "CatalogueError",
    "InvalidInput",
    "LinkRefused",
    "NotAllowed",
    "NotFound",
    "NotWorked",
    "SignInRefused",
    "StoreError",
    "TooManyAttempts",
]
