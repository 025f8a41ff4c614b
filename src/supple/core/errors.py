"""Errors the domain raises for bad input; every skin maps them to a clear message."""

from __future__ import annotations

#: Stands for a value that was not given at all.
MISSING = object()

#: What an error's ``see`` may name: the lists a person can look a valid value up in.
HINTS = ("tests", "exercises", "session")


class InvalidInput(ValueError):
    """A value a person supplied is not acceptable.

    ``field`` names what was wrong, ``value`` echoes it, ``expected`` says what would do.
    ``see`` names, in no skin's words, where the valid values are listed (one of ``HINTS``):
    the CLI points to its command, the web to its page or endpoint.
    """

    def __init__(self, field: str, value: object, expected: str, *, see: str | None = None) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        self.see = see
        if value is MISSING:
            super().__init__(f"{field}: missing; expected {expected}")
        else:
            super().__init__(f"{field}: {value!r} is not valid; expected {expected}")


class NotWorked(InvalidInput):
    """A name that stands for a region Supple never works directly, such as ``roll-it-band``.

    The message says why (the region's ``reason`` from ``catalogue/regions.toml``) and names
    exercises for the regions worked instead; a skin treats it as any other bad input.
    """

    def __init__(self, field: str, value: str, reason: str, instead: tuple[str, ...]) -> None:
        super().__init__(field, value, "an exercise in the catalogue, such as " + ", ".join(instead))
        self.reason = reason
        self.instead = instead
        self.args = (f"{field}: {value!r} is left out on purpose. {reason} Try: {', '.join(instead)}.",)


class NotAllowed(PermissionError):
    """The one acting may not do this (e.g. a read-only token asked to write); skins answer 403 or exit 2."""
