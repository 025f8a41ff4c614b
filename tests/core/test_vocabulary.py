"""Dates as typed: strict YYYY-MM-DD within 1900-2999, so date arithmetic never overflows."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supple.core.errors import InvalidInput
from supple.core.vocabulary import FIRST_DAY, LAST_DAY, parse_date


@pytest.mark.parametrize("text", ["2026-11-23", " 1900-01-01 ", "2999-12-31"])
def test_dates_in_range_are_read(text: str) -> None:
    assert parse_date(text) == dt.date.fromisoformat(text.strip())


@pytest.mark.parametrize(
    "text", ["0001-01-01", "1899-12-31", "3000-01-01", "9999-12-31", "2026-02-30", "20261123", "2026-W48-1", ""]
)
def test_other_dates_are_refused_naming_the_field_and_the_range(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_date(text, field="start")
    assert refused.value.field == "start"
    assert "1900-01-01 to 2999-12-31" in str(refused.value)


@given(st.dates(min_value=FIRST_DAY, max_value=LAST_DAY))
def test_a_year_either_side_of_any_accepted_date_is_still_a_date(day: dt.date) -> None:
    found = parse_date(day.isoformat())
    assert found + dt.timedelta(days=366) > found > found - dt.timedelta(days=366)
