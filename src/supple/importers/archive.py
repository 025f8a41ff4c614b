"""Finding the activity files in what a runner gives: files, folders, zips and whole exports.

``walk()`` takes paths (files, folders, zips), ``walk_upload()`` one uploaded file object; both yield
one :class:`Found` per file looked at, in a fixed order, one at a time: the decompressed bytes of each
FIT, GPX or TCX file (each optionally gzipped), or the reason a file was skipped (not an activity
file) or refused (broken or unsafe). Nothing is parsed here (the readers do that) and nothing is
written anywhere: a zip's entries are read in memory, never extracted, so a name like ``../x`` can do
no harm, and is refused anyway.

Safety: every decompression is streamed and stops at ``Limits.max_file_bytes`` for one file and at
``Limits.max_total_bytes`` for the whole import (gzip and zip bombs); zips open at most
``Limits.max_depth`` deep; after ``Limits.max_files`` files the rest are left out, each with a
reason. A zip stored uncompressed inside a zip is read in place (``supple.importers.window``); a
compressed one is unpacked (within the same limits) to a spooled temporary file, in memory up to
``max_file_bytes``, so that its entries can be read one by one.

Strava and Garmin exports carry an index of their activities; ``supple.importers.exports`` reads it,
and each activity file gets its :class:`Hint` (name, sport, start).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import lzma
import os
import re
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, BinaryIO, Protocol

from supple.importers.exports import Hint, Hints, index_kind, read_index
from supple.importers.window import stored_entry

__all__ = ["KINDS", "Found", "Hint", "Limits", "Unreadable", "count", "kind_of", "walk", "walk_upload"]

#: The activity file kinds, named by their file extension.
KINDS = ("fit", "gpx", "tcx")


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one import may unpack and look at."""

    #: Decompressed size of one file.
    max_file_bytes: int = 64 * 2**20
    #: Decompressed size of one upload or import, all files together.
    max_total_bytes: int = 4 * 2**30
    #: Files looked at in one import (activity files, skipped and refused files alike).
    max_files: int = 20_000
    #: Zips inside zips: a zip given is depth 1, a zip inside it depth 2...
    max_depth: int = 3


@dataclass(frozen=True, slots=True)
class Found:
    """One file looked at: an activity file's bytes, or why it was skipped or refused."""

    #: Shown to the user, forward slashes: ``export_1234.zip/activities/5678.fit.gz``.
    path: str
    #: "fit", "gpx" or "tcx" by the file's name; None when the name is not an activity file's.
    kind: str | None
    #: The decompressed bytes; None when skipped or refused.
    data: bytes | None
    #: When ``data`` is None: the reason, in words.
    problem: str = ""
    #: True for a broken or unsafe file; False with ``data`` None for a file that is not an activity file.
    refused: bool = False
    hint: Hint | None = None


class Unreadable(Exception):
    """A path given does not exist or cannot be read (problems inside it are refused ``Found`` instead)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot read {path}: {reason}")
        self.path = path
        self.reason = reason


def kind_of(name: str) -> tuple[str | None, bool]:
    """The activity kind a file's name says (case-insensitive), and whether it is gzipped:
    ``"a/b.FIT.gz"`` -> ``("fit", True)``; ``"notes.csv"`` -> ``(None, False)``."""
    base = _base(name).lower()
    gzipped = base.endswith(".gz")
    if gzipped:
        base = base[:-3]
    extension = base.rsplit(".", 1)[-1] if "." in base else ""
    return (extension if extension in KINDS else None), gzipped


def walk(paths: Sequence[Path], limits: Limits = Limits()) -> Iterator[Found]:
    """Every file in ``paths`` (files, folders recursively in name order, zips), one ``Found`` each.

    Raises ``Unreadable`` at once, before anything is yielded, when a path does not exist or cannot
    be read; call it once per path to go on past such a path.
    """
    for path in paths:
        _check(path)
    return _Walker(limits).paths(paths)


def walk_upload(name: str, data: BinaryIO, limits: Limits = Limits()) -> Iterator[Found]:
    """The files in one uploaded file or zip called ``name``; ``data`` is read as a stream (a zip's
    entries one at a time, so it must be seekable), and is not closed."""
    return _Walker(limits).leaf(name, name, _given(data), Hints(), depth=0)


def count(paths: Sequence[Path], limits: Limits = Limits()) -> int:
    """How many ``Found`` ``walk(paths)`` yields, from names and zip listings only (for a progress bar).

    A compressed zip inside a zip is unpacked to list it; files are not read. Raises ``Unreadable`` like
    ``walk``.
    """
    for path in paths:
        _check(path)
    return sum(1 for _ in _Walker(limits, listing=True).paths(paths))


# --------------------------------------------------------------------------------------------------

Opener = Callable[[], AbstractContextManager[IO[bytes]]]

#: What reading a broken zip or gzip can raise (zipfile and gzip use all of these).
_BROKEN = (
    zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError, NotImplementedError, RuntimeError,
)  # fmt: skip
_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 2**20
#: Folders inside a folder given, at most (deeper ones are refused).
_FOLDER_DEPTH = 64


class _Reads(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def _file(path: str | Path) -> Opener:
    def opener() -> IO[bytes]:
        return open(path, "rb")  # the caller closes it

    return opener


def _given(stream: BinaryIO) -> Opener:
    def opener() -> AbstractContextManager[IO[bytes]]:
        return contextlib.nullcontext(stream)  # the caller's: left open

    return opener


class _TooBig(Exception):
    def __init__(self, read: int) -> None:
        self.read = read


def _check(path: Path) -> None:
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            with os.scandir(path):
                pass
        elif stat.S_ISREG(mode):
            with path.open("rb"):
                pass
        else:
            raise Unreadable(path, "not a file or a folder (a device, pipe or socket)")
    except FileNotFoundError:
        raise Unreadable(path, "no such file or folder") from None
    except OSError as error:
        raise Unreadable(path, error.strerror or str(error)) from None


def _base(name: str) -> str:
    return name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def _size(amount: int) -> str:
    for unit, power in (("GiB", 30), ("MiB", 20), ("KiB", 10)):
        if amount >= 2**power:
            value = amount / 2**power
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{amount} bytes"


def _unsafe(name: str) -> str:
    """Why a zip entry's name is refused, or ""."""
    name = name.replace("\\", "/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return "an absolute path inside the zip (starting with '/' or a drive letter); refused"
    if ".." in name.split("/"):
        return "'..' in its path inside the zip; refused"
    return ""


def _reason(error: BaseException) -> str:
    text = str(error).strip()
    return text or type(error).__name__


class _Walker:
    """One import: the limits and what was used of them so far."""

    def __init__(self, limits: Limits, *, listing: bool = False) -> None:
        self.limits = limits
        #: Only list names (for ``count``): no file is read, no hint looked for.
        self.listing = listing
        self.files = 0
        self.total = 0

    # -- what is yielded ------------------------------------------------------------------------

    def _found(self, path: str, kind: str | None, data: bytes | None, problem: str = "", *, refused: bool = False,
               hint: Hint | None = None) -> Found:  # fmt: skip
        self.files += 1
        return Found(path, kind, data, problem, refused, hint)

    def _full(self) -> bool:
        return self.files >= self.limits.max_files

    def _left_out(self, path: str) -> Found:
        problem = f"left out: more than {self.limits.max_files} files in one import"
        return self._found(path, kind_of(path)[0], None, problem, refused=True)

    # -- reading, within the limits ---------------------------------------------------------------

    def _read(self, stream: _Reads, cap: int) -> bytes:
        """At most ``cap`` bytes of ``stream`` (counted in the total), or ``_TooBig``."""
        buffer = bytearray()
        while True:
            chunk = stream.read(min(_CHUNK, cap + 1 - len(buffer)))
            if not chunk:
                break
            buffer += chunk
            self.total += len(chunk)
            if len(buffer) > cap:
                raise _TooBig(len(buffer))
        return bytes(buffer)

    def _room(self) -> int:
        return max(0, self.limits.max_total_bytes - self.total)

    def _too_big(self, cap: int) -> str:
        if cap < self.limits.max_file_bytes:
            return f"left out: the import is larger than {_size(self.limits.max_total_bytes)} when unpacked"
        return f"larger than {_size(self.limits.max_file_bytes)} when unpacked; refused"

    def _contents(self, opener: Opener, gzipped: bool) -> bytes:
        """A file's decompressed bytes (``_TooBig`` or one of ``_BROKEN`` when it cannot be had)."""
        cap = min(self.limits.max_file_bytes, self._room())
        with opener() as stream:
            if gzipped:
                with gzip.GzipFile(fileobj=stream, mode="rb") as unpacked:
                    return self._read(unpacked, cap)
            data = self._read(stream, cap)
        if data[:2] == _GZIP_MAGIC:  # gzipped without saying so in its name
            with gzip.GzipFile(fileobj=io.BytesIO(data), mode="rb") as unpacked:
                return self._read(unpacked, cap)
        return data

    def _spooled(self, opener: Opener) -> IO[bytes]:
        """A copy of a zip inside a zip, to read its entries from (counted in the total)."""
        cap = self._room()
        spool = tempfile.SpooledTemporaryFile(max_size=self.limits.max_file_bytes)  # noqa: SIM115 (closed by caller)
        try:
            with opener() as stream:
                copied = 0
                while chunk := stream.read(min(_CHUNK, cap + 1 - copied)):
                    spool.write(chunk)
                    copied += len(chunk)
                    self.total += len(chunk)
                    if copied > cap:
                        raise _TooBig(copied)
            spool.seek(0)
        except BaseException:
            spool.close()
            raise
        return spool

    # -- paths ------------------------------------------------------------------------------------

    def paths(self, paths: Sequence[Path]) -> Iterator[Found]:
        for path in paths:
            label = path.as_posix()
            if path.is_dir():
                yield from self.folder(path, label)
            else:
                yield from self.leaf(label, path.name, _file(path), Hints(), depth=0)

    def folder(self, root: Path, label: str) -> Iterator[Found]:
        hints = Hints() if self.listing else self._folder_hints(root)
        yield from self._folder(root, root.resolve(), label, "", hints)

    def _folder(self, folder: Path, real_root: Path, label: str, prefix: str, hints: Hints) -> Iterator[Found]:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as error:
            yield self._found(label, None, None, f"cannot read this folder: {_reason(error)}", refused=True)
            return
        for entry in entries:
            path, relative = f"{label}/{entry.name}", prefix + entry.name
            if self._full():
                yield self._left_out(path)
                continue
            problem, refused = self._link_problem(entry, real_root)
            if problem:
                yield self._found(path, kind_of(entry.name)[0], None, problem, refused=refused)
            elif entry.is_dir(follow_symlinks=False) and relative.count("/") >= _FOLDER_DEPTH:
                yield self._found(path, None, None, f"a folder more than {_FOLDER_DEPTH} deep; refused", refused=True)
            elif entry.is_dir(follow_symlinks=False):
                yield from self._folder(Path(entry.path), real_root, path, relative + "/", hints)
            elif entry.is_file():
                yield from self.leaf(path, relative, _file(entry.path), hints, depth=0)
            else:
                yield self._found(path, None, None, "not a regular file (a device, pipe or socket); skipped")

    @staticmethod
    def _link_problem(entry: os.DirEntry[str], real_root: Path) -> tuple[str, bool]:
        """Why a symbolic link in a folder is not followed ("" when it is a link to a file inside)."""
        if not entry.is_symlink():
            return "", False
        try:
            target = Path(entry.path).resolve()
        except (OSError, RuntimeError):  # a link to itself, or a loop of links
            return "a link that leads back to itself; refused", True
        if not target.exists():
            return "a link to nothing (broken symbolic link); refused", True
        if not target.is_relative_to(real_root):
            return "a link to outside the folder; not followed", True
        if target.is_dir():
            return "a link to a folder inside the same folder; not followed (its files are read there)", False
        return "", False

    def _folder_hints(self, root: Path) -> Hints:
        """The hints of an export unpacked into a folder: its index files, wherever they are in it."""
        hints, seen = Hints(), 0
        for folder, folders, files in os.walk(root):
            folders.sort()
            for name in sorted(files):
                seen += 1
                if seen > self.limits.max_files:
                    return hints
                full = os.path.join(folder, name)
                if index_kind(name) is None or os.path.islink(full):
                    continue
                relative = Path(full).relative_to(root).as_posix()
                with contextlib.suppress(_TooBig, *_BROKEN):
                    data = self._contents(_file(full), gzipped=False)
                    hints = hints.merged(read_index(relative, data))
        return hints

    # -- one file ---------------------------------------------------------------------------------

    def leaf(self, path: str, relative: str, opener: Opener, hints: Hints, *, depth: int,
             nested: bool = False) -> Iterator[Found]:  # fmt: skip
        """One file: a zip to open, an activity file to read, or something to skip.

        ``relative`` is its path inside the folder or zip it is in (for hints); ``depth`` the number
        of zips it is in; ``nested``: it is an entry of a zip (a zip in it must be copied to be read).
        """
        if self._full():
            yield self._left_out(path)
            return
        base = _base(relative)
        if base.startswith("._") or "__MACOSX" in relative.split("/"):
            yield self._found(path, None, None, "macOS file information (a '._' file), not an activity file")
            return
        if base.lower().endswith(".zip"):
            zip_opener = partial(self._spooled, opener) if nested else opener
            yield from self.zip(path, zip_opener, hints, depth=depth + 1)
            return
        if index_kind(base) is not None:
            yield self._found(path, None, None, "the export's list of its activities: read for names and sports")
            return
        kind, gzipped = kind_of(base)
        if kind is None:
            what = "a gzipped file that is not" if gzipped else "not"
            yield self._found(path, None, None, f"{what} an activity file (.fit, .gpx or .tcx, or those .gz)")
            return
        if self.listing:
            yield self._found(path, kind, None, "listed only")
            return
        if self._room() == 0:
            yield self._found(path, kind, None, self._too_big(0), refused=True)
            return
        cap = min(self.limits.max_file_bytes, self._room())
        try:
            data = self._contents(opener, gzipped)
        except _TooBig:
            yield self._found(path, kind, None, self._too_big(cap), refused=True)
            return
        except _BROKEN as error:
            what = "not a readable gzip" if gzipped else "cannot be read"
            yield self._found(path, kind, None, f"{what}: {_reason(error)}; refused", refused=True)
            return
        yield self._found(path, kind, data, hint=hints.find(relative))

    # -- zips -------------------------------------------------------------------------------------

    def zip(self, path: str, opener: Opener, outer: Hints, *, depth: int) -> Iterator[Found]:
        """The files in one zip (``depth`` 1 for a zip given, 2 for a zip in it...), in name order."""
        if depth > self.limits.max_depth:
            problem = f"a zip inside zips more than {self.limits.max_depth} deep; not opened, refused"
            yield self._found(path, None, None, problem, refused=True)
            return
        with contextlib.ExitStack() as stack:
            try:
                stream = stack.enter_context(opener())
                archive = stack.enter_context(zipfile.ZipFile(stream))
                entries = sorted((info for info in archive.infolist() if not info.is_dir()), key=lambda i: i.filename)
            except _TooBig:
                yield self._found(path, None, None, self._too_big(0), refused=True)
                return
            except _BROKEN as error:
                yield self._found(path, None, None, f"not a readable zip: {_reason(error)}; refused", refused=True)
                return
            hints = outer if self.listing else outer.merged(self._zip_hints(archive, entries))
            for info in entries:
                yield from self._entry(path, archive, info, hints, depth)

    def _entry(self, path: str, archive: zipfile.ZipFile, info: zipfile.ZipInfo, hints: Hints,
               depth: int) -> Iterator[Found]:  # fmt: skip
        name = info.filename.replace("\\", "/")
        inside = f"{path}/{name}"
        if self._full():
            yield self._left_out(inside)
            return
        problem = _unsafe(name)
        if not problem and info.flag_bits & 0x1:
            problem = "encrypted (a password-protected zip entry); refused"
        if problem:
            yield self._found(inside, kind_of(name)[0], None, problem, refused=True)
            return
        if info.compress_type == zipfile.ZIP_STORED and _base(name).lower().endswith(".zip"):
            # a zip stored as is inside this one: read in place (its entries have their own checksums)
            yield from self.leaf(inside, name, partial(stored_entry, archive, info), hints, depth=depth)
        else:
            yield from self.leaf(inside, name, partial(archive.open, info), hints, depth=depth, nested=True)

    def _zip_hints(self, archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> Hints:
        hints = Hints()
        for info in entries:
            name = info.filename.replace("\\", "/")
            if index_kind(name) is None or _unsafe(name) or info.flag_bits & 0x1:
                continue
            with contextlib.suppress(_TooBig, *_BROKEN):
                data = self._contents(partial(archive.open, info), gzipped=False)
                hints = hints.merged(read_index(name, data))
        return hints
