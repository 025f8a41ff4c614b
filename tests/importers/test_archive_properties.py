"""Whatever bytes come as a .zip or .gz, the walker never raises: it refuses them with a reason."""

from __future__ import annotations

import gzip
import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supple.importers.archive import Limits, walk_upload
from tests.importers.exports_built import real

SMALL = Limits(max_file_bytes=2**20, max_total_bytes=4 * 2**20, max_files=50)


def _valid_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as bundle:
        bundle.writestr("a.gpx", real("gpx/track_with_speed.gpx"), compress_type=zipfile.ZIP_DEFLATED)
        bundle.writestr("b.fit.gz", gzip.compress(real("fit/garmin-fenix-5-walk.fit")))
        bundle.writestr("c.tcx", b"<TrainingCenterDatabase/>", compress_type=zipfile.ZIP_BZIP2)
        bundle.writestr("d.gpx", b"<gpx/>" * 50, compress_type=zipfile.ZIP_LZMA)
        inner = io.BytesIO()
        with zipfile.ZipFile(inner, "w") as nested:
            nested.writestr("e.gpx", b"<gpx/>", compress_type=zipfile.ZIP_DEFLATED)
        bundle.writestr("inner.zip", inner.getvalue())
    return buffer.getvalue()


VALID_ZIP = _valid_zip()
VALID_GZIP = gzip.compress(real("gpx/track_with_speed.gpx"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), name=st.sampled_from(["x.zip", "x.fit.gz", "x.GPX.gz", "x.tcx"]))
def test_random_bytes_never_raise(data: bytes, name: str) -> None:
    found = list(walk_upload(name, io.BytesIO(data), SMALL))
    assert found, "an upload is always reported"
    for item in found:
        assert (item.data is None) == bool(item.problem)
        if name.endswith((".zip", ".gz")) and item.data is None:
            assert item.refused, item


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    spots=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=1, max_value=255)), max_size=6),
    cut=st.integers(min_value=0, max_value=len(VALID_ZIP)),
    which=st.sampled_from(["zip", "gzip"]),
)
def test_damaged_zips_and_gzips_never_raise(spots: list[tuple[int, int]], cut: int, which: str) -> None:
    original = VALID_ZIP if which == "zip" else VALID_GZIP
    damaged = bytearray(original[: max(cut, len(original) // 2)])
    for spot, flip in spots:
        damaged[spot % len(damaged)] ^= flip
    name = "x.zip" if which == "zip" else "x.gpx.gz"
    for item in walk_upload(name, io.BytesIO(bytes(damaged)), SMALL):
        assert (item.data is None) == bool(item.problem), item
        assert item.path.startswith(name)


def test_every_single_byte_damage_of_a_zip_or_gzip_is_read_or_refused_never_raised() -> None:
    """Exhaustive where the random tests are thin: each byte flipped in turn (entries stored, deflated,
    bzip2, lzma, gzipped and a nested zip), and each truncation."""
    for original, name in ((VALID_ZIP, "x.zip"), (VALID_GZIP, "x.gpx.gz")):
        refused = 0
        for spot in range(len(original)):
            damaged = bytearray(original)
            damaged[spot] ^= 0xFF
            for bad in (bytes(damaged), original[:spot]):
                for item in walk_upload(name, io.BytesIO(bad), SMALL):
                    assert (item.data is None) == bool(item.problem), (spot, item)
                    refused += item.refused
        assert refused > len(original), "most damage is noticed"
