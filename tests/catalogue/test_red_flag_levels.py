"""Red flags in three levels: the data a physio reads, and every broken level named by file and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from supple.catalogue import Catalogue, CatalogueError, load_catalogue
from supple.catalogue.knowledge import Knowledge, load_knowledge
from supple.core.vocabulary import FLAG_LEVELS
from tests.catalogue.conftest import edit


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="module")
def knowledge(catalogue: Catalogue) -> Knowledge:
    return load_knowledge(catalogue.exercises)


def test_every_level_has_its_words_and_they_differ(knowledge: Knowledge) -> None:
    words = knowledge.advice.levels
    assert set(words) == set(FLAG_LEVELS)
    assert words["emergency"].heading == "Get emergency care now"
    assert words["same-day"].heading == "See a doctor today"
    assert words["soon"].heading == "See a physio or doctor within days"
    assert "emergency" in words["emergency"].advice
    assert "today" in words["same-day"].advice
    assert "do not run" in words["same-day"].advice
    assert "within the next few days" in words["soon"].advice
    assert "do not run" in words["soon"].advice
    assert len({w.label for w in words.values()}) == 3


def test_the_emergency_signs_of_knowledge_section_4_are_emergencies(knowledge: Knowledge) -> None:
    levels = {slug: flag.level for slug, flag in knowledge.red_flags.items()}
    assert {s for s, level in levels.items() if level == "emergency"} == {
        "saddle-numbness",
        "legs-weakening",
        "calf-with-chest-symptoms",
        "acute-compartment",
    }
    for same_day in ("calf-swelling-redness", "achilles-rupture-signs", "hamstring-pop-bruising"):
        assert levels[same_day] == "same-day", same_day
    for same_day in ("cannot-bear-weight", "hot-swollen-joint-fever"):
        assert levels[same_day] == "same-day", same_day


def test_a_swollen_calf_is_asked_for_the_calf_achilles_shin_and_heel_and_is_same_day(knowledge: Knowledge) -> None:
    asking = {slug for slug, c in knowledge.complaints.items() if "calf-swelling-redness" in c.red_flags}
    assert asking == {"calf", "achilles", "shin", "heel"}
    flag = knowledge.red_flags["calf-swelling-redness"]
    assert flag.level == "same-day"
    assert "NICE NG158" in flag.source
    for text in (flag.name, flag.question, flag.source):
        assert "(u)" not in text
        assert "unverified" not in text.lower()


def test_every_complaint_asks_about_a_sudden_start(knowledge: Knowledge) -> None:
    for slug, complaint in knowledge.complaints.items():
        assert "sudden-start" in complaint.red_flags, slug


@pytest.mark.parametrize(
    ("complaint", "flag"),
    [
        ("shin", "exertional-compartment"),
        ("shin", "acute-compartment"),
        ("heel", "heel-squeeze"),
        ("heel", "pain-on-hop"),
        ("sit-bone", "hamstring-pop-bruising"),
        ("achilles", "achilles-after-drug"),
        ("achilles", "achilles-rupture-signs"),
        ("low-back", "legs-weakening"),
        ("low-back", "steroids-osteoporosis"),
        ("low-back", "constant-pain"),
        ("low-back", "thoracic-pain"),
        ("top-of-foot", "focal-bone-tenderness"),
        ("side-of-hip", "night-pain"),
        ("hip-front", "low-energy-bone-pain"),
    ],
)
def test_each_complaint_asks_the_questions_knowledge_names_for_it(
    knowledge: Knowledge, complaint: str, flag: str
) -> None:
    assert flag in knowledge.complaints[complaint].red_flags


def test_every_flag_is_asked_somewhere_and_has_a_source(knowledge: Knowledge) -> None:
    asked = {flag for c in knowledge.complaints.values() for flag in c.red_flags}
    assert asked == set(knowledge.red_flags)
    for flag in knowledge.red_flags.values():
        assert flag.source.strip(), flag.slug


def test_the_new_complaints_are_there_with_sources_and_what_they_avoid(knowledge: Knowledge) -> None:
    avoids = {
        slug: knowledge.complaints[slug].avoids for slug in ("calf", "side-of-hip", "below-kneecap", "top-of-foot")
    }
    assert avoids["calf"] == {"impact", "rolling-calves"}
    assert avoids["side-of-hip"] >= {"crossed-hip", "side-lying", "rolling-glutes"}
    assert avoids["below-kneecap"] == {"impact", "kneeling", "deep-knee-bend"}
    assert avoids["top-of-foot"] >= {"impact", "forefoot-load"}
    for slug in avoids:
        assert knowledge.complaints[slug].sources, slug


def test_complaints_are_worded_as_often_linked_with(knowledge: Knowledge) -> None:
    for slug, complaint in knowledge.complaints.items():
        assert "often linked with" in complaint.reasoning, slug


def test_noehren_is_cited_for_knee_adduction_not_the_knee_falling_in(knowledge: Knowledge) -> None:
    outer = knowledge.complaints["outer-knee"]
    texts = " ".join((*outer.contributors, outer.reasoning, *(s.about for s in outer.sources))).lower()
    assert "knee adduction" in texts
    assert "outwards" in texts
    assert "falling in" not in texts
    assert "knee collapse" not in texts


# -- broken files are named by file and field -----------------------------------------------------


@pytest.mark.parametrize(
    ("file", "old", "new", "field", "words"),
    [
        ("red_flags.toml", 'level = "emergency"', 'level = "urgent"', "flags.saddle-numbness.level", "'urgent'"),
        ("red_flags.toml", 'level = "soon"\nsource', "source", "flags.sudden-start.level", "missing"),
        ("red_flags.toml", 'level = "same-day"', "urgent = true", "flags.calf-swelling-redness.urgent", "unknown"),
        ("red_flags.toml", "[advice.levels.soon]", "[advice.levels.later]", "advice.levels.later", "unknown"),
        ("red_flags.toml", 'label = "emergency"\n', "", "advice.levels.emergency.label", "missing"),
        ("complaints/heel.toml", '"heel-squeeze",', '"heel-sqeeze",', "red_flags", "'heel-sqeeze'"),
        ("complaints/heel.toml", '"heel-squeeze",', '"swelling",', "red_flags", "twice"),
        ("complaints/hip-front.toml", 'limp = "same-day"', 'limp = "urgent"', "flag_levels.limp", "'urgent'"),
        (
            "complaints/hip-front.toml",
            'limp = "same-day"',
            'swelling = "same-day"',
            "flag_levels.swelling",
            "a red flag this complaint asks",
        ),
        (
            "complaints/hip-front.toml",
            'night-pain = "same-day"',
            'hot-swollen-joint-fever = "soon"',
            "flag_levels.hot-swollen-joint-fever",
            "below the flag's own level",
        ),
        (
            "complaints/calf.toml",
            'avoids = ["impact"',
            'switches_off = []\navoids = ["impact"',
            "switches_off",
            "unknown",
        ),
        (
            "complaints/calf.toml",
            'avoids = ["impact"',
            'urgent_red_flags = []\navoids = ["impact"',
            "urgent_red_flags",
            "unknown",
        ),
    ],
)
def test_a_broken_level_or_question_is_named(
    copy: Path, catalogue: Catalogue, file: str, old: str, new: str, field: str, words: str
) -> None:
    edit(copy / file, old, new)
    with pytest.raises(CatalogueError) as caught:
        load_knowledge(catalogue.exercises, root=copy)
    assert caught.value.field == field, str(caught.value)
    assert Path(caught.value.file).name == Path(file).name
    assert words in str(caught.value)
