"""What a new user trips over first: messages for a missing argument and for a name Supple leaves out on purpose."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from supple.catalogue import Catalogue


def test_soreness_without_a_rating_says_what_it_expects_in_one_line(cli: Any, bad_input: Callable[..., None]) -> None:
    result = cli("soreness")
    bad_input(result, "soreness", "REGION=N", "calves=3")
    assert "Usage" not in result.err
    assert cli("history", "--json").json() == []  # nothing was written, not even a database row


@pytest.mark.parametrize("name", ["roll-it-band", "it-band", "itb", "iliotibial-band", "roll-it-band-left"])
def test_explain_an_it_band_name_says_why_it_is_never_rolled(
    cli: Any, bad_input: Callable[..., None], catalogue: Catalogue, name: str
) -> None:
    result = cli("explain", name)
    reason = catalogue.rules.redirects["it-band"].reason
    bad_input(result, repr(name), reason, "roll-glutes")
    assert "roll-adductors" not in result.err
    assert "did you mean" not in result.err


def test_every_alias_of_a_region_that_is_never_worked_is_answered_with_its_reason(
    cli: Any, catalogue: Catalogue
) -> None:
    for region, redirect in catalogue.rules.redirects.items():
        assert redirect.aliases, f"{region} has no aliases"
        for alias in redirect.aliases:
            assert alias not in catalogue.exercises
        result = cli("explain", redirect.aliases[0])
        assert result.code == 2
        assert redirect.reason in result.err


def test_an_unknown_exercise_still_gets_close_suggestions(cli: Any) -> None:
    result = cli("explain", "roll-glute")
    assert result.code == 2
    assert "did you mean" in result.err
    assert "roll-glutes" in result.err
