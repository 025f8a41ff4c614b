"""Files a command writes (--svg, --out): checked first, then written whole or not at all.

A file already at the path is replaced only when it is the kind being written (an SVG by an
SVG, a PDF by a PDF ...), or is empty, unless ``--force`` is given. The database file and its
sidecars (-wal, -shm, -journal) are never written over, not even with ``--force``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import typer

from supple.cli.common import fail, settings

FORCE_OPTION = typer.Option(
    False, "--force", help="Replace an existing file even when it is not the kind being written."
)

#: Bytes read from an existing file to tell its kind.
_HEAD = 4096
#: A path longer than this (bytes) is refused before the system is asked.
_PATH_MAX = 4096


def _text_head(head: bytes) -> bytes:
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()


def _is_svg(head: bytes) -> bool:
    text = _text_head(head)
    return text.startswith((b"<?xml", b"<svg")) or (text.startswith(b"<") and b"<svg" in text)


def _is_html(head: bytes) -> bool:
    text = _text_head(head)
    return text.startswith(b"<") and (b"<html" in text or b"<!doctype html" in text)


@dataclass(frozen=True)
class Kind:
    name: str
    looks_right: Callable[[bytes], bool]


SVG = Kind("an SVG picture", _is_svg)
HTML = Kind("an HTML page", _is_html)
PDF = Kind("a PDF", lambda head: head.startswith(b"%PDF-"))
ZIP = Kind("a zip", lambda head: head.startswith((b"PK\x03\x04", b"PK\x05\x06")))
SQLITE = Kind("a SQLite database", lambda head: head.startswith(b"SQLite format 3\x00"))

#: The kind a report or handout file name's ending gives.
BY_SUFFIX = {".pdf": PDF, ".html": HTML}


def _database_files() -> list[Path]:
    """The SQLite database file and its sidecars, resolved; none for PostgreSQL."""
    import sqlalchemy as sa

    url = sa.make_url(settings().database_url)
    if url.get_backend_name() != "sqlite" or not url.database:
        return []
    database = Path(url.database).expanduser().resolve()
    return [database, *(database.with_name(database.name + end) for end in ("-wal", "-shm", "-journal"))]


def _name_problem(path: Path) -> str | None:
    """Why the system would refuse this path as a file name, or None."""
    text = str(path)
    if "\0" in text:
        return "the path contains a NUL byte; expected a file name without one"
    if len(os.fsencode(text)) > _PATH_MAX:
        return f"the path is {len(os.fsencode(text))} bytes long; expected at most {_PATH_MAX}"
    try:
        limit = os.pathconf(path.parent if str(path.parent) else ".", "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = 255
    for part in path.parts:
        if len(os.fsencode(part)) > limit:
            size = len(os.fsencode(part))
            return f"the name {part[:16] + '...'!r} is {size} bytes long; expected at most {limit} bytes per name"
    return None


def check(path: Path, *, option: str, kind: Kind | None, force: bool) -> Path:
    """Refuse (exit 2) a path that may not be written; return it. ``kind`` None: any kind may be replaced."""
    shown = str(path)
    if problem := _name_problem(path):
        raise fail(f"{option}: {problem}")
    resolved = path.expanduser().resolve()
    for database in _database_files():
        same = resolved == database
        if not same and path.exists() and database.exists():
            same = os.path.samefile(path, database)
        if same:
            raise fail(f"{option}: {shown!r} is Supple's database; expected another file name (it is never replaced)")
    if path.is_dir():
        raise fail(f"{option}: {shown!r} is a folder; expected a file name, not a folder")
    if not path.parent.is_dir():
        where = f"the folder {str(path.parent)!r} does not exist"
        raise fail(f"{option}: {shown!r}: {where}; expected a file in an existing folder")
    if path.exists() and kind is not None and not force:
        try:
            with path.open("rb") as handle:
                head = handle.read(_HEAD)
        except OSError as error:
            problem = f"cannot read {shown!r} ({error.strerror})"
            raise fail(f"{option}: {problem}; expected a file Supple can replace") from None
        if head and not kind.looks_right(head):
            raise fail(
                f"{option}: {shown!r} exists and is not {kind.name}; expected a new file name, or --force to replace it"
            )
    return path


def write(path: Path, data: bytes, *, option: str) -> None:
    """Write ``data`` to ``path`` whole or not at all: a hidden file in the same folder, then renamed."""
    partial = path.with_name(f".supple-{secrets.token_hex(6)}.partial")
    try:
        handle = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(partial, path)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise fail(f"{option}: cannot write {str(path)!r}: {error.strerror}; expected a file you can write") from None
