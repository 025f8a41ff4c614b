"""Properties the composer keeps for every input (hypothesis over the real catalogue)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from supple.core.composer import compose, item_seconds, rank_regions, resolve_focus, session_seconds
from supple.core.conflicts import conflicts
from supple.core.session import ComposeRequest, HistoryEntry, Session
from supple.core.vocabulary import TARGET_REGIONS
from tests.core.strategies import CATALOGUE, dates, equipment, focus, minutes, requests

INDEX, RULES = CATALOGUE.index, CATALOGUE.rules


def _compose(request: ComposeRequest) -> Session:
    return compose(request, INDEX, RULES)


@given(requests())
@settings(max_examples=400)
def test_total_time_never_exceeds_the_budget(request: ComposeRequest) -> None:
    session = _compose(request)
    assert session.total_seconds <= request.minutes * 60
    assert session.total_seconds == session_seconds(session.items, RULES.timing)


@given(requests())
@settings(max_examples=300)
def test_item_seconds_match_their_dose(request: ComposeRequest) -> None:
    for item in _compose(request).items:
        exercise = CATALOGUE.exercises[item.exercise]
        expected = item_seconds(
            sets=item.sets,
            reps=item.reps,
            hold_seconds=item.hold_seconds,
            per_side=item.per_side,
            seconds_per_rep=exercise.dose.seconds_per_rep,
            timing=RULES.timing,
        )
        assert item.seconds == expected
        assert 1 <= item.sets <= exercise.dose.sets


@given(requests())
@settings(max_examples=400)
def test_every_melt_is_followed_by_a_mould_for_the_same_region(request: ComposeRequest) -> None:
    for block in _compose(request).blocks:
        roles = [item.role for item in block.items]
        assert roles, "a block is never empty"
        assert roles != ["melt"], "no block is melt only"
        for position, item in enumerate(block.items):
            assert block.region in item.regions
            if item.role == "melt":
                later = block.items[position + 1 :]
                assert any(i.role == "mould" and block.region in i.regions for i in later), block


@given(requests())
@settings(max_examples=300)
def test_nothing_ever_targets_or_rolls_the_it_band(request: ComposeRequest) -> None:
    session = _compose(request)
    for block in session.blocks:
        assert block.region in TARGET_REGIONS
        for item in block.items:
            assert "it-band" not in item.regions


@given(
    dates,
    st.integers(min_value=1, max_value=15),
    equipment,
    focus,
)
@settings(max_examples=300)
def test_it_band_focus_is_redirected_to_its_sources_with_the_reason(
    date: dt.date, budget: int, kit: frozenset[str], chosen: list[str]
) -> None:
    regions, notes = resolve_focus([*chosen, "it-band"], RULES)
    assert "it-band" not in regions
    assert set(RULES.redirects["it-band"].sources) <= set(regions)
    assert RULES.redirects["it-band"].reason in notes
    session = _compose(ComposeRequest(date, "focus", budget, kit, regions, notes=notes, all_regions=True))
    assert RULES.redirects["it-band"].reason in session.notes


@given(requests().map(lambda r: replace(r, kind="primer")))
@settings(max_examples=400)
def test_a_primer_holds_nothing_static_too_long_and_ends_with_prime_drills(request: ComposeRequest) -> None:
    session = _compose(request)
    limit = RULES.primer.max_static_hold_seconds
    for item in session.items:
        if item.static and item.hold_seconds is not None:
            assert item.hold_seconds <= limit
            assert item.sets <= RULES.primer.max_static_sets
        if item.role == "mould":
            assert CATALOGUE.exercises[item.exercise].primer
    if session.items:
        assert session.items[-1].role == "prime"
        for number, block in enumerate(session.blocks):
            if number == 0 and block.items[0].role == "prime" and len(session.blocks) > 1:
                continue  # an opener: the first block's drill comes first (see the next test)
            assert block.items[-1].role == "prime"


@given(requests().map(lambda r: replace(r, kind="primer")))
@settings(max_examples=400, deadline=None)
def test_a_primer_starts_moving_and_lies_still_for_at_most_its_share(request: ComposeRequest) -> None:
    """Behm 2016: a primer opens with moving work; releases never push the still part past its share."""
    session = _compose(request)
    assert session.minutes <= RULES.primer.max_minutes, "the primer cap holds for any request"
    items = session.items
    if not items:
        return
    first = items[0]
    moving = first.role in ("mould", "prime") and not first.static
    holds_only = len(session.blocks) == 1 and all(i.static for i in items if i.role == "mould")
    assert moving or holds_only, [(i.exercise, i.role, i.static) for i in items]
    still = sum(i.seconds for i in items if i.role == "melt" or i.static)
    if any(i.role == "melt" for i in items):
        assert still <= RULES.primer.max_passive_share * session.total_seconds


@given(requests().filter(lambda r: r.minutes >= 3).map(lambda r: replace(r, kind="primer", equipment=frozenset())))
@settings(max_examples=100)
def test_a_primer_of_three_minutes_or_more_is_never_empty(request: ComposeRequest) -> None:
    assert _compose(request).items


@given(requests())
@settings(max_examples=300)
def test_only_equipment_at_hand_is_used(request: ComposeRequest) -> None:
    for item in _compose(request).items:
        assert CATALOGUE.exercises[item.exercise].equipment <= request.equipment


@given(requests())
@settings(max_examples=300)
def test_nothing_that_involves_what_an_active_complaint_avoids_is_chosen(request: ComposeRequest) -> None:
    assert set(request.avoids) == request.complaints
    for item in _compose(request).items:
        assert not conflicts(CATALOGUE.exercises[item.exercise].involves, request.avoids), item.exercise


@given(dates, st.sampled_from(["daily", "recovery", "focus", "primer"]), st.sampled_from(TARGET_REGIONS))
@settings(max_examples=300)
def test_with_no_equipment_every_region_still_gets_work(date: dt.date, kind: str, region: str) -> None:
    session = _compose(ComposeRequest(date, kind, 5, frozenset(), (region,), all_regions=True))
    assert [b.region for b in session.blocks] == [region]
    roles = {item.role for item in session.items}
    assert roles & {"mould", "prime"}, "work in range, not only release"


@given(dates, equipment)
@settings(max_examples=50)
def test_with_an_hour_every_region_gets_a_block(date: dt.date, kit: frozenset[str]) -> None:
    session = _compose(ComposeRequest(date, "daily", 60, kit, TARGET_REGIONS, all_regions=True))
    assert {b.region for b in session.blocks} == set(TARGET_REGIONS)


@given(requests())
@settings(max_examples=200)
def test_same_inputs_give_the_same_output(request: ComposeRequest) -> None:
    assert _compose(request) == _compose(replace(request))


@given(dates, minutes.filter(lambda m: m >= 8), equipment)
@settings(max_examples=100)
def test_a_week_of_daily_sessions_rotates_over_the_priority_regions(
    start: dt.date, budget: int, kit: frozenset[str]
) -> None:
    priorities = RULES.week.default_priorities
    history: list[HistoryEntry] = []
    worked: set[str] = set()
    exercises_by_day: list[tuple[str, ...]] = []
    for offset in range(7):
        date = start + dt.timedelta(days=offset)
        regions = rank_regions(priorities, history, date)
        session = _compose(ComposeRequest(date, "daily", budget, kit, regions, history=tuple(history)))
        worked.update(b.region for b in session.blocks)
        exercises_by_day.append(tuple(i.exercise for i in session.items))
        history.append(HistoryEntry(date, exercises_by_day[-1], tuple(b.region for b in session.blocks)))
    assert worked >= set(priorities)
    assert len(set(exercises_by_day)) > 1, "the exercises change from day to day"


def test_rank_regions_puts_the_longest_unworked_first() -> None:
    date = dt.date(2026, 11, 23)
    history = (
        HistoryEntry(date - dt.timedelta(days=1), (), ("glutes",)),
        HistoryEntry(date - dt.timedelta(days=3), (), ("calves",)),
    )
    ranked = rank_regions(("glutes", "calves", "quads"), history, date)
    assert ranked == ("quads", "calves", "glutes")


def test_rank_regions_ignores_history_on_or_after_the_day() -> None:
    date = dt.date(2026, 11, 23)
    history = (HistoryEntry(date, (), ("glutes",)), HistoryEntry(date + dt.timedelta(days=1), (), ("calves",)))
    assert set(rank_regions(("glutes", "calves"), history, date)) == {"glutes", "calves"}
    assert rank_regions(("glutes", "calves"), history, date) == rank_regions(("glutes", "calves"), (), date)


def test_levels_pick_the_ladder_rung_and_its_dose() -> None:
    slug = "hip-flexor-stretch-overhead-reach"
    exercise = CATALOGUE.exercises[slug]
    top = exercise.ladder[-1]
    request = ComposeRequest(dt.date(2026, 11, 24), "focus", 10, frozenset(), ("hip-flexors",), all_regions=True)
    for level, expected in ((1, exercise.ladder[0]), (len(exercise.ladder), top), (99, top)):
        session = _compose(replace(request, levels={slug: level}))
        item = next(i for i in session.items if i.exercise == slug)
        assert item.level == expected.level
        if expected.hold_seconds is not None:
            assert item.hold_seconds == expected.hold_seconds


def test_a_budget_too_small_says_so() -> None:
    session = _compose(ComposeRequest(dt.date(2026, 11, 24), "daily", 1, frozenset(), ("glutes",)))
    assert session.blocks == ()
    assert session.notes == ("1 min is too short for a daily session; try a longer budget.",)


TENDON = sorted(s for s, e in CATALOGUE.exercises.items() if e.pace is not None and e.pace.rest_hours > 0)


@given(requests(), st.sets(st.sampled_from(TENDON), min_size=1), st.integers(min_value=0, max_value=3))
@settings(max_examples=300, deadline=None)
def test_loaded_tendon_work_keeps_its_rest_between_sessions(
    request: ComposeRequest, done: set[str], days_ago: int
) -> None:
    """An exercise done within its rest_hours is never served; the session says why when one was passed over."""
    earlier = HistoryEntry(request.date - dt.timedelta(days=days_ago), tuple(sorted(done)), ())
    session = _compose(replace(request, history=(*request.history, earlier)))
    for item in session.items:
        pace = CATALOGUE.exercises[item.exercise].pace
        assert pace is not None
        last = max(
            (h.date for h in (*request.history, earlier) if item.exercise in h.exercises and h.date <= request.date),
            default=None,
        )
        assert last is None or (request.date - last).days * 24 >= pace.rest_hours, (item.exercise, last)
    if days_ago >= 2:
        assert not any("Resting today" in n and "(done " + earlier.date.isoformat() in n for n in session.notes)


def test_a_heel_drop_done_yesterday_is_swapped_and_the_session_says_so() -> None:
    day = dt.date(2026, 11, 25)
    base = ComposeRequest(
        date=day,
        kind="focus",
        minutes=20,
        equipment=frozenset({"box", "wall", "roller"}),
        regions=("calves",),
        all_regions=True,
    )
    fresh = _compose(base)
    served = {i.exercise for i in fresh.items} & set(TENDON)
    assert served, "a calves session with a box uses loaded calf work"
    yesterday = HistoryEntry(day - dt.timedelta(days=1), tuple(sorted(served)), ("calves",))
    rested = _compose(replace(base, history=(yesterday,)))
    assert not {i.exercise for i in rested.items} & served
    note = next(n for n in rested.notes if n.startswith("Resting today"))
    for slug in served:
        assert CATALOGUE.exercises[slug].name in note
    assert "48 hours" in note
    two_days = _compose(replace(base, history=(replace(yesterday, date=day - dt.timedelta(days=2)),)))
    assert not any(n.startswith("Resting today") for n in two_days.notes)
