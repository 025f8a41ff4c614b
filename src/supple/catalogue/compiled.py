"""The catalogue, parsed once and kept in compiled form until one of its files changes.

Reading and checking some 75 TOML files costs more than the rest of ``supple today`` put
together; loading the result back costs a tenth of that. The compiled copy is keyed by the
Supple version and the path, size and modification time of every file it was built from
(the built-in files and the user's catalogue folder, its file list included), so editing,
adding or removing a file rebuilds it on the next start.

The copy is a pickle, so it is only ever read from a folder that this user alone may write
(made with mode 0700), from a file this user owns that no one else may write; anything else
is ignored and rebuilt. A copy that cannot be read or written is never an error: the
catalogue is then parsed as before.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: Bumped when what is pickled changes shape in a way the version does not tell.
FORMAT = 2


def fingerprint(files: Iterable[Path], *, version: str) -> str:
    """A key that changes when any of ``files`` is edited, added or removed, or Supple changes."""
    digest = hashlib.sha256(f"{FORMAT}|{version}".encode())
    for path in sorted(files):
        try:
            info = path.stat()
        except OSError:
            digest.update(f"|{path}|missing".encode())
            continue
        digest.update(f"|{path}|{info.st_size}|{info.st_mtime_ns}".encode())
    return digest.hexdigest()


def _private(folder: Path) -> bool:
    """The folder exists, is ours and nobody else may write in it (made so if it was missing)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError:
        return False
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _trusted(path: Path) -> bool:
    try:
        info = path.stat()
    except OSError:
        return False
    return (
        stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def load_or_build(build: Callable[[], T], *, key: str, folder: Path | None, name: str) -> T:
    """The value kept under ``key`` in ``folder``/``name``, else ``build()`` (then kept for next time)."""
    if folder is None or not _private(folder):
        return build()
    path = folder / name
    if _trusted(path):
        try:
            with path.open("rb") as handle:
                kept_key, value = pickle.load(handle)
            if kept_key == key:
                return value  # type: ignore[no-any-return]
        except Exception:  # a truncated or stale copy: rebuilt below
            pass
    value = build()
    partial: str | None = None
    try:
        with tempfile.NamedTemporaryFile("wb", dir=folder, prefix=f".{name}.", delete=False) as handle:
            partial = handle.name
            pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)  # whole or not at all: a reader never sees half a copy
    except (OSError, pickle.PicklingError):
        if partial is not None:
            Path(partial).unlink(missing_ok=True)
    return value


def kept_catalogue(extra_dir: Path | None, cache_dir: Path, parse: Callable[[Path | None], T]) -> T:
    """``parse(extra_dir)``, kept in ``cache_dir`` until a catalogue file, or the code that reads
    them and defines what is kept (``catalogue`` and ``core``), changes."""
    from supple import __version__

    here = Path(__file__).parent
    files = [*here.rglob("*.toml"), *here.glob("*.py"), *(here.parent / "core").glob("*.py")]
    if extra_dir is not None and extra_dir.is_dir():
        files += extra_dir.glob("*.toml")
    key = fingerprint(files, version=f"{__version__}|{extra_dir}")
    name = f"catalogue-{hashlib.sha256(str(extra_dir).encode()).hexdigest()[:16]}.pickle"
    return load_or_build(lambda: parse(extra_dir), key=key, folder=cache_dir, name=name)
