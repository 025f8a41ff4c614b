"""Time done (core/time_done.py): never more than planned, less for a hold ended early, nothing for an item not done."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supple.core.athlete import parse_time
from supple.core.errors import InvalidInput
from supple.core.session import Item, ItemResult
from supple.core.time_done import item_seconds_done


def _item(sets: int, hold: int | None, per_side: bool) -> Item:
    sides = 2 if per_side else 1
    work = hold if hold is not None else 10 * 3
    seconds = sets * sides * work + sets * (sides - 1) * 5 + (sets - 1) * 10
    reps = None if hold is not None else 10
    return Item("x", "X", "mould", ("calves",), sets, reps, hold, per_side, hold is not None, seconds, 1, "why")


@settings(deadline=None)
@given(
    sets=st.integers(1, 4),
    hold=st.one_of(st.none(), st.integers(5, 120)),
    per_side=st.booleans(),
    held=st.one_of(st.none(), st.integers(0, 200)),
)
def test_time_done_is_at_most_the_plan_and_grows_with_the_time_held(
    sets: int, hold: int | None, per_side: bool, held: int | None
) -> None:
    item = _item(sets, hold, per_side)
    done = item_seconds_done(item, ItemResult(done=True, hold_seconds=held))
    assert 0 <= done <= item.seconds
    assert item_seconds_done(item, ItemResult(done=False, hold_seconds=held)) == 0
    assert item_seconds_done(item, None) == 0
    if hold is not None and held is not None:
        full = item_seconds_done(item, ItemResult(done=True, hold_seconds=hold))
        assert full == item.seconds
        if held < hold:
            assert done == item.seconds - sets * (2 if per_side else 1) * (hold - held)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("07:00", (7, 0)), ("7:00", (7, 0)), ("7.30", (7, 30)), ("7am", (7, 0)), ("7 AM", (7, 0)),
     ("12am", (0, 0)), ("12pm", (12, 0)), ("6:30pm", (18, 30)), ("19:30", (19, 30))],
)  # fmt: skip
def test_friendly_times_are_understood(text: str, expected: tuple[int, int]) -> None:
    assert parse_time(text) == dt.time(*expected)


@pytest.mark.parametrize("text", ["7", "seven", "25:00", "13pm", "0am", "7:60", "", "7:3"])
def test_other_times_are_refused_with_what_is_expected(text: str) -> None:
    with pytest.raises(InvalidInput, match="07:00, 7:30 or 7am"):
        parse_time(text)
