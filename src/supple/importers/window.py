"""Reading a zip that is stored (not compressed) inside another zip in place, without copying it.

Garmin's export keeps its uploads in zips inside its zip. When such an inner zip is stored as is,
its bytes lie in one stretch of the outer file, and ``zipfile`` can read the inner zip through a
window onto that stretch: no copy, no temporary file. (A compressed inner zip has to be unpacked
to be read, see ``archive._Walker._spooled``.)
"""

from __future__ import annotations

import io
import struct
import zipfile
from typing import IO, cast

_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, ..., name length, extra length (30 bytes)
_LOCAL_SIGNATURE = b"PK\x03\x04"


class Window(io.RawIOBase):
    """``size`` bytes of ``outer`` from ``start``, as a seekable file of their own (``outer`` is
    shared: every read seeks first, so the outer zip can be read in between)."""

    def __init__(self, outer: IO[bytes], start: int, size: int) -> None:
        super().__init__()
        self._outer, self._start, self._size, self._position = outer, start, size, 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self._size}[whence]
        if base + offset < 0:
            raise OSError(f"seek to {base + offset}, before the start of the inner zip")
        self._position = base + offset
        return self._position

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        wanted = min(len(buffer), self._size - self._position)
        if wanted <= 0:
            return 0
        self._outer.seek(self._start + self._position)
        data = self._outer.read(wanted)
        buffer[: len(data)] = data
        self._position += len(data)
        return len(data)


def stored_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> IO[bytes]:
    """A window onto the bytes of a stored entry of ``archive`` (``zipfile.BadZipFile`` if its local
    header is not where the zip's directory says)."""
    outer = archive.fp
    if outer is None or info.compress_type != zipfile.ZIP_STORED:
        raise ValueError(f"{info.filename} is not a stored entry of an open zip")
    outer.seek(info.header_offset)
    header = outer.read(_LOCAL_HEADER.size)
    if len(header) != _LOCAL_HEADER.size:
        raise zipfile.BadZipFile(f"{info.filename}: the zip ends inside its header")
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    if signature != _LOCAL_SIGNATURE:
        raise zipfile.BadZipFile(f"{info.filename}: no entry header where the zip's directory says")
    start = info.header_offset + _LOCAL_HEADER.size + name_length + extra_length
    return cast(IO[bytes], Window(outer, start, info.compress_size))
