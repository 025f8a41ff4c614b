"""GPX and TCX readers on damaged files: a reason in words, never a crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from supple.importers.reading import FileRead, Refuse, Skip, read_activity
from tests.importers.files import DATA

SMALL = sorted(
    str(path.relative_to(DATA))
    for pattern in ("*/*.gpx", "*/*.tcx")
    for path in DATA.glob(pattern)
    if path.stat().st_size < 40_000
)


#: Bytes that matter to XML, and a few that break its encoding.
XML_BYTES = [*b"<>/&;'\"=0123456789.-:TZ x", 0x00, 0xFF, 0xC3]


@settings(max_examples=150, deadline=None)
@given(
    name=st.sampled_from(SMALL),
    edits=st.lists(st.tuples(st.integers(0, 40_000), st.sampled_from(XML_BYTES)), max_size=8),
    cut=st.none() | st.integers(0, 40_000),
)
def test_damaged_xml_is_read_skipped_or_refused(name: str, edits: list[tuple[int, int]], cut: int | None) -> None:
    buffer = bytearray((DATA / name).read_bytes())
    for where, byte in edits:
        buffer[where % len(buffer)] = byte
    if cut is not None:
        del buffer[cut % (len(buffer) + 1) :]
    try:
        read: FileRead | str = read_activity(name.rsplit(".", 1)[-1], bytes(buffer))
    except (Skip, Refuse) as error:
        read = str(error)
    if isinstance(read, FileRead):
        assert read.activities
        assert all(a.elapsed_seconds >= 0 for a in read.activities)
    else:
        assert "expected" in read or "no recorded track" in read or "not a recorded activity" in read
