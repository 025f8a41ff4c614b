"""What the pages offer: labelled choices, the kit filter, suggestions for a mistyped exercise."""

from __future__ import annotations

import pytest

from supple.catalogue import Catalogue
from supple.config import Settings
from supple.core.vocabulary import EQUIPMENT, KINDS, ROLES, TARGET_REGIONS, WEEKDAYS
from supple.services import display
from supple.services.errors import InvalidInput
from tests.contexts import ctx_for


def test_choices_cover_the_vocabulary_with_words_for_people(settings: Settings, catalogue: Catalogue) -> None:
    assert [c.value for c in display.kinds()] == list(KINDS)
    assert [c.value for c in display.roles()] == list(ROLES)
    assert [c.value for c in display.equipment()] == list(EQUIPMENT)
    assert display.equipment(with_none=True)[0].value == "none"
    assert display.weekdays()[0].label == "Monday"
    assert [c.value for c in display.weekdays()] == list(WEEKDAYS)
    assert [c.value for c in display.regions(ctx_for(settings))] == list(TARGET_REGIONS)
    assert display.regions(ctx_for(settings), symptoms=True)[-1].value == "it-band"
    assert [c.value for c in display.complaints(ctx_for(settings))] == list(catalogue.complaints)
    for choice in (*display.kinds(), *display.roles(), *display.equipment(), *display.complaints(ctx_for(settings))):
        assert choice.label
        assert choice.label != choice.value


def test_unknown_words_still_get_a_readable_label() -> None:
    assert display.label("upper-shin") == "Upper shin"


def test_the_weekly_target_comes_from_the_rules(settings: Settings, catalogue: Catalogue) -> None:
    week = catalogue.rules.week
    assert display.week_target(ctx_for(settings)) == (week.min_region_minutes, week.min_region_days)


def test_doses_in_words(catalogue: Catalogue) -> None:
    assert display.exercise_dose(catalogue.exercises["active-hamstring-leg-raise"]) == "2 × 10 reps each side"


@pytest.mark.parametrize("kit", EQUIPMENT)
def test_the_kit_filter_keeps_exercises_that_use_it(settings: Settings, kit: str) -> None:
    found = display.filter_library(ctx_for(settings), kit=kit)
    assert found
    assert all(kit in e.equipment for e in found)


def test_no_kit_means_exercises_that_need_none(settings: Settings) -> None:
    found = display.filter_library(ctx_for(settings), kit="none", role="mould")
    assert found
    assert all(not e.equipment and e.role == "mould" for e in found)


def test_an_unknown_kit_names_the_choices(settings: Settings) -> None:
    with pytest.raises(InvalidInput, match="none, roller"):
        display.filter_library(ctx_for(settings), kit="sofa")


def test_similar_exercises_for_a_mistyped_slug(settings: Settings) -> None:
    found = [e.slug for e in display.similar_exercises(ctx_for(settings), slug="hip-flexor-strech")]
    assert "hip-flexor-stretch-overhead-reach" in found
    assert len(found) <= 3
    assert display.similar_exercises(ctx_for(settings), slug="") == []


def test_a_problem_reads_without_the_field_name() -> None:
    text = display.problem_text(InvalidInput("minutes", 500, "a whole number from 1 to 120"))
    assert text == "“500” will not do: expected a whole number from 1 to 120."
