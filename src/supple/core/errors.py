"""Errors the domain raises for bad input; every skin maps them to a clear message."""

from __future__ import annotations

#: Stands for a value that was not given at all.
MISSING = object()


class InvalidInput(ValueError):
    """A value a person supplied is not acceptable.

    ``field`` names what was wrong, ``value`` echoes it, ``expected`` says what would do.
    """

    def __init__(self, field: str, value: object, expected: str) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        if value is MISSING:
            super().__init__(f"{field}: missing; expected {expected}")
        else:
            super().__init__(f"{field}: {value!r} is not valid; expected {expected}")
