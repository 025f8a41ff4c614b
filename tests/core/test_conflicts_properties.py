"""Sessions fit the complaint: no item involves what an active complaint avoids (hypothesis, real catalogue).

Every complaint, with random kit, budget, kind, date, levels, history and other complaints:
triage sessions, focus sessions and everyday sessions. Triage sessions open with the
complaint's first-line work and keep every composer rule (budget, melt straight before mould).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supple.core.composer import compose, session_seconds
from supple.core.conflicts import avoids_for, conflicts
from supple.core.exercises import Exercise
from supple.core.session import ComposeRequest, Session
from supple.core.triage_session import triage_request
from supple.core.vocabulary import EQUIPMENT, TARGET_REGIONS
from tests.core.strategies import (
    AVOIDS,
    CATALOGUE,
    KNOWLEDGE,
    complaints,
    dates,
    equipment,
    histories,
    kinds,
    levels,
    minutes,
)

INDEX, RULES = CATALOGUE.index, CATALOGUE.rules
ALL = tuple(KNOWLEDGE.complaints)
#: Complaints often linked with too much hip internal rotation (Noehren 2014; KNOWLEDGE.md section 4).
HIP_ROTATION = ("outer-knee", "shin")


@st.composite
def bases(draw: st.DrawFn, kind: st.SearchStrategy[str] = kinds) -> ComposeRequest:
    """An athlete's own request: random kit, budget, kind, date, levels, history, regions and complaints."""
    date = draw(dates)
    active = draw(complaints)
    return ComposeRequest(
        date=date,
        kind=draw(kind),
        minutes=draw(minutes),
        equipment=draw(equipment),
        regions=tuple(draw(st.lists(st.sampled_from(TARGET_REGIONS), unique=True, min_size=1))),
        history=draw(histories(date)),
        levels=draw(levels),
        complaints=active,
        avoids=avoids_for(active, AVOIDS),
        all_regions=draw(st.booleans()),
    )


def _conflicting(session: Session, request: ComposeRequest) -> list[tuple[str, dict[str, tuple[str, ...]]]]:
    found = ((i.exercise, conflicts(CATALOGUE.exercises[i.exercise].involves, request.avoids)) for i in session.items)
    return [(slug, why) for slug, why in found if why]


def _melt_then_mould(session: Session) -> None:
    for block in session.blocks:
        assert block.items, "a block is never empty"
        assert [i.role for i in block.items] != ["melt"]
        for position, item in enumerate(block.items):
            assert block.region in item.regions
            if item.role == "melt":
                following = block.items[position + 1]
                assert following.role == "mould", block
                assert block.region in following.regions, block


def _resting(request: ComposeRequest, exercise: Exercise) -> bool:
    """Done within its rest hours before the request's day (loaded tendon work waits 48 hours)."""
    rest = exercise.pace.rest_hours if exercise.pace is not None else 0
    done = [e.date for e in request.history if exercise.slug in e.exercises and e.date <= request.date]
    return bool(done) and (request.date - max(done)).days * 24 < rest


def _usable(request: ComposeRequest) -> list[str]:
    """The first-line exercises the request allows: in the catalogue, kit at hand, no conflict, rested."""
    out = []
    for slug in request.first_line:
        exercise = CATALOGUE.exercises[slug]
        fits = exercise.usable_with(request.equipment) and not conflicts(exercise.involves, request.avoids)
        if fits and not _resting(request, exercise):
            out.append(slug)
    return out


@pytest.mark.parametrize("complaint", ALL)
@given(base=bases())
@settings(max_examples=60, deadline=None)
def test_a_triage_session_never_holds_what_an_active_complaint_avoids(complaint: str, base: ComposeRequest) -> None:
    request = triage_request(KNOWLEDGE.complaints[complaint], base)
    assert complaint in request.avoids
    session = compose(request, INDEX, RULES)
    assert session.kind == "focus"
    assert _conflicting(session, request) == []
    assert session.total_seconds <= request.minutes * 60
    assert session.total_seconds == session_seconds(session.items, RULES.timing)
    for item in session.items:
        assert CATALOGUE.exercises[item.exercise].equipment <= request.equipment
    _melt_then_mould(session)


@pytest.mark.parametrize("complaint", ALL)
@given(base=bases())
@settings(max_examples=60, deadline=None)
def test_a_triage_session_opens_with_the_complaints_usable_first_line_work(
    complaint: str, base: ComposeRequest
) -> None:
    request = triage_request(KNOWLEDGE.complaints[complaint], base)
    session = compose(request, INDEX, RULES)
    usable = _usable(request)
    placed = [i.exercise for i in session.items if i.exercise in usable]
    # in the complaint's order within each block, and the blocks holding it come first
    for block in session.blocks:
        mine = [i.exercise for i in block.items if i.exercise in usable]
        assert mine == [s for s in usable if s in mine], block
    holding = [any(i.exercise in usable for i in b.items) for b in session.blocks]
    assert holding == sorted(holding, reverse=True), "first-line blocks lead"
    # each block with first-line work starts with it (or with a release straight before a mould)
    for block, has in zip(session.blocks, holding, strict=True):
        if has:
            first = block.items[0]
            assert first.exercise in usable or (first.role == "melt" and block.items[1].role == "mould"), block
            others = [i for i in block.items if i.exercise not in usable and i.role in ("strengthen", "prime")]
            if others:
                last_mine = max(n for n, i in enumerate(block.items) if i.exercise in usable)
                assert block.items.index(others[0]) > last_mine, block
    # with time to spare, every usable one is there (a release only with a mould to follow it)
    if request.minutes >= 60:
        for slug in usable:
            exercise = CATALOGUE.exercises[slug]
            if exercise.role != "melt":
                assert slug in placed, (slug, placed)
    if placed:
        assert session.blocks[0].items[0].exercise in usable or session.blocks[0].items[0].role == "melt"


@pytest.mark.parametrize("complaint", ALL)
@given(base=bases(kind=st.just("focus")), focus=st.lists(st.sampled_from(TARGET_REGIONS), unique=True, min_size=1))
@settings(max_examples=40, deadline=None)
def test_a_focus_session_while_a_complaint_is_active_holds_nothing_it_avoids(
    complaint: str, base: ComposeRequest, focus: list[str]
) -> None:
    active = base.complaints | {complaint}
    request = ComposeRequest(
        base.date,
        "focus",
        base.minutes,
        base.equipment,
        tuple(focus),
        history=base.history,
        levels=base.levels,
        complaints=active,
        avoids=avoids_for(active, AVOIDS),
        all_regions=True,
    )
    session = compose(request, INDEX, RULES)
    assert _conflicting(session, request) == []
    _melt_then_mould(session)


@pytest.mark.parametrize("complaint", ALL)
@given(base=bases())
@settings(max_examples=40, deadline=None)
def test_an_everyday_session_while_a_complaint_is_active_holds_nothing_it_avoids(
    complaint: str, base: ComposeRequest
) -> None:
    active = base.complaints | {complaint}
    request = ComposeRequest(
        base.date,
        base.kind,
        base.minutes,
        base.equipment,
        base.regions,
        history=base.history,
        levels=base.levels,
        complaints=active,
        avoids=avoids_for(active, AVOIDS),
    )
    assert _conflicting(compose(request, INDEX, RULES), request) == []


@pytest.mark.parametrize("complaint", HIP_ROTATION)
@given(base=bases(), kind=kinds)
@settings(max_examples=60, deadline=None)
def test_the_elevated_hip_internal_rotation_is_never_served_for_outer_knee_or_shin(
    complaint: str, base: ComposeRequest, kind: str
) -> None:
    active = base.complaints | {complaint}
    kit = base.equipment | {"box"}
    everyday = ComposeRequest(
        base.date,
        kind,
        max(base.minutes, 20),
        kit,
        ("hip-rotators", "glutes", "thoracic-spine"),
        history=base.history,
        complaints=active,
        avoids=avoids_for(active, AVOIDS),
        all_regions=True,
    )
    triage = triage_request(KNOWLEDGE.complaints[complaint], everyday)
    for request in (everyday, triage):
        slugs = {i.exercise for i in compose(request, INDEX, RULES).items}
        assert "elevated-hip-internal-rotation" not in slugs


def test_without_those_complaints_the_elevated_hip_internal_rotation_is_served() -> None:
    """The test above could fail: with a box and no complaint, hip-rotator focus days do pick it."""
    served = set()
    for offset in range(14):
        request = ComposeRequest(
            dt.date(2026, 11, 23) + dt.timedelta(days=offset), "focus", 20, frozenset(EQUIPMENT), ("hip-rotators",)
        )
        served.update(i.exercise for i in compose(request, INDEX, RULES).items)
    assert "elevated-hip-internal-rotation" in served
    for complaint in HIP_ROTATION:
        assert "hip-internal-rotation" in AVOIDS[complaint]
    assert "hip-internal-rotation" in CATALOGUE.exercises["elevated-hip-internal-rotation"].involves


def test_conflicts_name_each_complaint_and_the_positions_it_shares() -> None:
    avoids = {"a": frozenset({"kneeling", "impact"}), "b": frozenset({"side-lying"}), "c": frozenset()}
    assert conflicts({"impact", "kneeling", "deep-knee-bend"}, avoids) == {"a": ("impact", "kneeling")}
    assert conflicts(set(), avoids) == {}
    assert conflicts({"side-lying"}, avoids) == {"b": ("side-lying",)}
    assert avoids_for(["b", "zz", "a"], avoids) == {"a": avoids["a"], "b": avoids["b"]}
