"""Triage: every complaint, without red flags and with each of its red flags, as a table."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from supple.config import Settings
from supple.core.errors import InvalidInput
from supple.services import context, triage

DAY = dt.date(2026, 11, 24)

#: complaint -> its red flags in the order asked, and the ones that make it urgent.
TABLE: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "outer-knee": (("swelling", "locking-giving-way", "night-pain", "limp"), frozenset()),
    "kneecap": (("swelling", "locking-giving-way", "night-pain", "limp"), frozenset()),
    "achilles": (
        ("achilles-rupture-signs", "swelling", "calf-swelling-redness", "night-pain"),
        frozenset({"achilles-rupture-signs"}),
    ),
    "heel": (("numbness", "night-pain", "focal-bone-tenderness", "swelling"), frozenset()),
    "shin": (
        (
            "focal-bone-tenderness",
            "pain-on-hop",
            "night-pain",
            "pain-building-during-run",
            "previous-bone-stress",
            "numbness",
        ),
        frozenset(),
    ),
    "sit-bone": (("numbness", "night-pain", "limp"), frozenset()),
    "low-back": (
        ("saddle-numbness", "numbness", "fever-weight-loss-cancer", "back-pain-age", "night-pain"),
        frozenset({"saddle-numbness"}),
    ),
    "hip-front": (
        ("night-pain", "pain-on-hop", "limp", "previous-bone-stress", "pain-building-during-run"),
        frozenset({"night-pain", "pain-on-hop", "limp"}),
    ),
}
CASES = [(c, None) for c in TABLE] + [(c, flag) for c, (flags, _) in TABLE.items() for flag in flags]
DIAGNOSING = re.compile(r"\byou have\b|\byour (injury|diagnosis|condition)\b", re.I)


def test_the_table_covers_every_complaint(settings: Settings) -> None:
    assert set(TABLE) == set(context.knowledge(settings).complaints)
    for complaint, (flags, _) in TABLE.items():
        assert tuple(f.slug for f in triage.questions(settings=settings, complaint=complaint)) == flags


@pytest.mark.parametrize(("complaint", "flag"), CASES, ids=lambda v: v or "no-flag")
def test_triage_table(settings: Settings, complaint: str, flag: str | None) -> None:
    found = triage.triage(settings=settings, complaint=complaint, red_flags=[flag] if flag else [], date=DAY)
    assert set(found) == {"complaint", "refer", "urgent", "red_flags", "sources", "explanation", "plan"}
    assert found["complaint"] == complaint
    assert found["sources"] == list(context.knowledge(settings).complaints[complaint].source_regions)
    assert not DIAGNOSING.search(found["explanation"])
    if flag is None:
        assert (found["refer"], found["urgent"], found["red_flags"]) == (False, False, [])
        plan = found["plan"]
        assert plan is not None
        assert plan["kind"] == "focus"
        assert plan["blocks"]
        assert {b["region"] for b in plan["blocks"]} <= set(found["sources"])
        avoided = context.knowledge(settings).complaints[complaint].avoids
        for item in (i for b in plan["blocks"] for i in b["items"]):
            assert not avoided & context.catalogue(settings).exercises[item["exercise"]].involves, item
        assert "does not diagnose" in found["explanation"]
        return
    urgent = flag in TABLE[complaint][1]
    assert (found["refer"], found["urgent"], found["red_flags"], found["plan"]) == (True, urgent, [flag], None)
    assert "physio or doctor" in found["explanation"]


def test_saddle_numbness_is_an_emergency_and_said_first(settings: Settings) -> None:
    found = triage.triage(settings=settings, complaint="low-back", red_flags=["saddle-numbness"], date=DAY)
    assert found["explanation"].startswith("This is an emergency")


def test_any_red_flag_refers_even_one_not_asked_for_that_complaint(settings: Settings) -> None:
    found = triage.triage(settings=settings, complaint="outer-knee", red_flags=["fever-weight-loss-cancer"], date=DAY)
    assert (found["refer"], found["plan"]) == (True, None)


def test_outer_knee_works_the_glutes_and_never_the_it_band(settings: Settings) -> None:
    plan = triage.triage(settings=settings, complaint="outer-knee", red_flags=[], date=DAY)["plan"]
    assert plan["blocks"][0]["region"] == "glutes"
    assert all(b["region"] != "it-band" for b in plan["blocks"])


def test_sit_bone_leaves_out_the_elevated_hamstring_stretch(settings: Settings) -> None:
    for offset in range(7):
        day = DAY + dt.timedelta(days=offset)
        plan = triage.triage(settings=settings, complaint="sit-bone", red_flags=[], date=day)["plan"]
        assert "elevated-hamstring-stretch" not in {i["exercise"] for b in plan["blocks"] for i in b["items"]}


@pytest.mark.parametrize(
    ("complaint", "flags", "field"),
    [("knee", [], "complaint"), ("heel", ["sore"], "red flag"), ("heel", ["night-pain", "x"], "red flag")],
)
def test_unknown_input_is_named(settings: Settings, complaint: str, flags: list[str], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        triage.triage(settings=settings, complaint=complaint, red_flags=flags, date=DAY)
    assert caught.value.field == field
