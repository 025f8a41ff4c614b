"""The fast FIT summary reader gives the same summary as the full decoder, on real files and mutated ones."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supple.importers.fit import full_facts, read_fit
from supple.importers.fit_fast import read_facts
from supple.importers.fit_summary import FitFacts, summarise
from supple.importers.reading import FileRead, Refuse, Skip
from tests.importers.files import DATA

REAL = sorted(str(path.relative_to(DATA)) for path in DATA.glob("*/*.fit"))
#: Files the full decoder cannot read to the end: the fast reader leaves them to it.
DAMAGED = {"fit/nick.fit", "fit/strava-android-app-201.10-b1218918.fit", "odd/activity-unexpected-eof.fit"}
#: Small real files for mutation (the full decoder is slow on big ones).
SMALL = [name for name in REAL if (DATA / name).stat().st_size < 20_000]


def _outcome(facts: FitFacts) -> FileRead | str:
    try:
        return summarise(facts)
    except (Skip, Refuse) as error:
        return f"{type(error).__name__}: {error}"


def test_chained_small_files_read_fast_as_two_activities() -> None:
    one, two = (DATA / "fit/garmin-fenix-5-run.fit").read_bytes(), (DATA / "fit/garmin-fenix-5-walk.fit").read_bytes()
    fast = read_facts(one + two)
    assert fast is not None
    read = summarise(fast)
    assert [a.sport for a in read.activities] == ["running", "walking"]
    assert read == summarise(full_facts(one + two))


def test_the_real_files_cover_the_awkward_cases() -> None:
    assert len(REAL) >= 24
    assert set(REAL) >= DAMAGED
    assert len(SMALL) >= 6


@pytest.mark.parametrize("name", REAL)
def test_fast_reader_gives_the_full_decoders_summary_on_every_real_file(name: str) -> None:
    data = (DATA / name).read_bytes()
    full = full_facts(data)
    fast = read_facts(data)
    if name in DAMAGED:
        assert full.damage
        assert fast is None, "a damaged file is left to the full decoder"
        return
    assert not full.damage
    assert fast is not None, "the fast reader reads every sound real file itself"
    assert _outcome(fast) == _outcome(full)
    assert fast.sessions == full.sessions
    assert fast.activity == full.activity
    assert fast.file_types == full.file_types


def _mutate(data: bytes, edits: list[tuple[int, int]], cut: int | None, drop: int | None) -> bytes:
    buffer = bytearray(data)
    for where, byte in edits:
        buffer[where % len(buffer)] = byte
    if drop is not None:
        del buffer[drop % len(buffer)]
    if cut is not None:
        del buffer[cut % (len(buffer) + 1) :]
    return bytes(buffer)


# positions near the start (headers, definitions) are hit more often than the rest
_POSITIONS = st.one_of(st.integers(0, 400), st.integers(0, 20_000))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(SMALL),
    edits=st.lists(st.tuples(_POSITIONS, st.integers(0, 255)), max_size=6),
    cut=st.none() | _POSITIONS,
    drop=st.none() | _POSITIONS,
    chained=st.none() | st.sampled_from(SMALL),
)
def test_mutated_files_never_crash_and_both_readers_agree(
    name: str, edits: list[tuple[int, int]], cut: int | None, drop: int | None, chained: str | None
) -> None:
    whole = (DATA / name).read_bytes() + ((DATA / chained).read_bytes() if chained else b"")
    data = _mutate(whole, edits, cut, drop)
    try:
        read: FileRead | str = read_fit(data)
    except (Skip, Refuse) as error:
        read = str(error)
    assert read.activities if isinstance(read, FileRead) else read, "activities, or a reason in words"
    fast = read_facts(data)
    try:
        full = full_facts(data)
    except Refuse:
        assert fast is None, "the fast reader read what the full decoder refuses"
        return
    if fast is not None and not full.damage:
        assert _outcome(fast) == _outcome(full)
