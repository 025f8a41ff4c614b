"""FIT activity files (being written: the FIT reader comes in the next commit)."""

from __future__ import annotations

from supple.importers.reading import FileRead, Refuse


def read_fit(data: bytes) -> FileRead:
    raise Refuse("FIT files are not read yet; expected a GPX or TCX file")
