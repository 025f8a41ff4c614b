"""Ladder decisions: up only on controlled, comfortable sessions; down on pain, soreness or a red flag."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supple.catalogue import load_catalogue
from supple.catalogue.knowledge import load_knowledge
from supple.core.progression import (
    Attempt,
    SorenessReading,
    decide,
    decide_all,
    run_at_latest_level,
    soreness_around,
)

CATALOGUE = load_catalogue()
RULES = load_knowledge(CATALOGUE.exercises).progression
LADDERED = sorted(slug for slug, e in CATALOGUE.exercises.items() if len(e.ladder) >= 3)
CALF_RAISE = CATALOGUE.exercises["single-leg-calf-raise"]
DAY = dt.date(2026, 11, 24)
#: A next-day answer, days at the level and a flat trend that let a good run move up.
READY: dict[str, Any] = {"next_day": "same", "days_at_level": 60, "trend": ()}
SAME = dict.fromkeys(range(10), "same")


def _attempts(*ratings: tuple[int | None, int | None], level: int = 1) -> list[Attempt]:
    return [
        Attempt(n, DAY - dt.timedelta(days=len(ratings) - n), CALF_RAISE.slug, level, control, discomfort)
        for n, (control, discomfort) in enumerate(ratings)
    ]


def test_the_rules_are_the_documented_ones() -> None:
    assert (RULES.sessions, RULES.min_control, RULES.max_discomfort, RULES.regress_discomfort) == (2, 4, 3, 5)
    assert RULES.retest_weeks == 4


def test_two_controlled_comfortable_sessions_move_up_one_level_and_say_why() -> None:
    found = decide(CALF_RAISE, 1, _attempts((4, 2), (5, 1)), 2, 2, False, rules=RULES, **READY)
    assert (found.decision, found.level) == ("progress", 2)
    for words in ("level 2", "4/5", "5/5", "2/10", "1/10", "did not rise"):
        assert words in found.reason


@pytest.mark.parametrize(
    ("ratings", "before", "after", "decision", "level", "words"),
    [
        ([(4, 2)], None, None, "hold", 2, "1 of the 2 sessions"),
        ([(3, 2), (4, 2)], None, None, "hold", 2, "control was 3/5 and 4/5"),
        ([(4, 4), (4, 2)], None, None, "hold", 2, "discomfort was 4/10 and 2/10"),
        ([(4, 2), (None, 2)], None, None, "hold", 2, "not recorded"),
        ([(4, 2), (4, 6)], None, None, "regress", 1, "6/10"),
        ([(5, 0), (5, 0)], 2, 4, "regress", 1, "rose from 2/10 to 4/10"),
        ([(5, 0), (5, 0)], 4, 2, "progress", 3, "did not rise"),
        ([(5, 0), (5, 0)], None, 7, "progress", 3, "no rise in next-day soreness was recorded"),
    ],
)
def test_decisions_name_their_numbers(ratings, before, after, decision, level, words) -> None:  # type: ignore[no-untyped-def]
    found = decide(CALF_RAISE, 2, _attempts(*ratings, level=2), before, after, False, rules=RULES, **READY)
    assert (found.decision, found.level) == (decision, level)
    assert words in found.reason


def test_a_red_flag_always_moves_down() -> None:
    found = decide(CALF_RAISE, 2, _attempts((5, 0), (5, 0), level=2), 1, 1, True, rules=RULES, **READY)
    assert (found.decision, found.level) == ("regress", 1)
    assert "physio or doctor" in found.reason


def test_the_first_and_top_levels_are_never_left_behind() -> None:
    top = len(CALF_RAISE.ladder)
    at_top = decide(CALF_RAISE, top, _attempts((5, 0), (5, 0), level=top), None, None, False, rules=RULES, **READY)
    assert (at_top.decision, at_top.level) == ("hold", top)
    assert "top of the ladder" in at_top.reason
    at_bottom = decide(CALF_RAISE, 1, _attempts((2, 8)), None, None, False, rules=RULES, **READY)
    assert (at_bottom.decision, at_bottom.level) == ("regress", 1)
    assert "level 1" in at_bottom.reason


def test_an_exercise_without_a_ladder_stays_at_level_1() -> None:
    melt = CATALOGUE.exercises["roll-glutes"]
    assert not melt.ladder
    found = decide(melt, 1, _attempts((5, 0), (5, 0)), None, None, False, rules=RULES, **READY)
    assert (found.decision, found.level) == ("hold", 1)


ratings = st.tuples(st.none() | st.integers(1, 5), st.none() | st.integers(0, 10))


@given(
    st.sampled_from(LADDERED),
    st.integers(min_value=1, max_value=8),
    st.lists(ratings, max_size=5),
    st.none() | st.integers(0, 10),
    st.none() | st.integers(0, 10),
    st.booleans(),
)
@settings(max_examples=500)
def test_decisions_move_at_most_one_level_and_never_up_on_a_red_flag(
    slug, level, recent, before, after, red_flag
) -> None:  # type: ignore[no-untyped-def]
    exercise = CATALOGUE.exercises[slug]
    top = len(exercise.ladder)
    attempts = [Attempt(n, DAY, slug, level, c, d) for n, (c, d) in enumerate(recent)]
    found = decide(exercise, level, attempts, before, after, red_flag, rules=RULES, **READY)
    start = min(level, top)
    assert 1 <= found.level <= top
    assert abs(found.level - start) <= 1
    assert found.decision in ("progress", "hold", "regress")
    assert {"progress": 1, "hold": 0, "regress": -1}[found.decision] == found.level - start or found.level in (1, top)
    assert found.reason
    assert decide(exercise, level, attempts, before, after, red_flag, rules=RULES, **READY) == found, "deterministic"
    if red_flag:
        assert found.decision == "regress"
    if found.decision == "progress":
        last = attempts[-RULES.sessions :]
        assert len(last) == RULES.sessions
        assert all(a.control is not None and a.control >= RULES.min_control for a in last)
        assert all(a.discomfort is not None and a.discomfort <= RULES.max_discomfort for a in last)
        assert before is None or after is None or after <= before
    if attempts and attempts[-1].discomfort is not None and attempts[-1].discomfort > RULES.regress_discomfort:
        assert found.decision == "regress"


# -- reading the log --------------------------------------------------------------------------------


def test_only_the_latest_run_at_one_level_counts() -> None:
    levels = [1, 2, 2, 1, 2, 2]
    attempts = [Attempt(n, DAY + dt.timedelta(days=n), "x", lv, 4, 2) for n, lv in enumerate(levels)]
    assert [a.session_id for a in run_at_latest_level(attempts)] == [4, 5]
    twice = [Attempt(1, DAY, "x", 1, 2, 2), Attempt(1, DAY, "x", 1, 5, 0)]
    assert run_at_latest_level(twice) == (twice[1],), "one per session: its last"


def test_soreness_is_read_around_the_session_in_the_worst_region() -> None:
    readings = [
        SorenessReading(DAY - dt.timedelta(days=3), "calves", 1),
        SorenessReading(DAY, "calves", 2),
        SorenessReading(DAY, "feet", 1),
        SorenessReading(DAY + dt.timedelta(days=1), "calves", 2),
        SorenessReading(DAY + dt.timedelta(days=1), "feet", 5),
        SorenessReading(DAY + dt.timedelta(days=2), "calves", 9),
        SorenessReading(DAY + dt.timedelta(days=1), "quads", 9),
    ]
    assert soreness_around(readings, ("calves", "feet"), DAY) == (1, 5)
    assert soreness_around(readings, ("calves",), DAY) == (2, 2), "the next reading, not a later one"
    assert soreness_around(readings, ("glutes",), DAY) == (None, None)
    assert soreness_around(readings[3:4], ("calves",), DAY) == (None, 2)


def test_decide_all_counts_it_band_soreness_for_its_sources() -> None:
    slug = "side-lying-hip-abduction"
    attempts = [Attempt(n, DAY + dt.timedelta(days=7 * n), slug, 1, 5, 0) for n in range(2)]
    soreness = [
        SorenessReading(DAY + dt.timedelta(days=7), "it-band", 1),
        SorenessReading(DAY + dt.timedelta(days=8), "it-band", 6),
    ]
    redirects = {"it-band": ("glutes", "hip-rotators")}
    plain = decide_all(attempts, [], CATALOGUE.exercises, rules=RULES, followups=SAME)
    assert plain[slug][0].decision == "progress"
    sore = decide_all(attempts, soreness, CATALOGUE.exercises, rules=RULES, redirects=redirects, followups=SAME)
    assert sore[slug][0].decision == "regress"
    assert sore[slug][1] == attempts[-1]
    flagged = decide_all(attempts, [], CATALOGUE.exercises, rules=RULES, red_flag=True, followups=SAME)
    assert flagged[slug][0].decision == "regress"
    assert decide_all([Attempt(1, DAY, "gone", 1)], [], CATALOGUE.exercises, rules=RULES, followups={}) == {}


# -- the body's pace: days at a level, the next-day answer, a rising trend ------------------------------


def test_no_next_day_answer_holds_and_says_it_is_waiting() -> None:
    ready = {**READY, "next_day": None}
    found = decide(CALF_RAISE, 1, _attempts((5, 0), (5, 0)), None, None, False, rules=RULES, **ready)
    assert (found.decision, found.level) == ("hold", 1)
    assert "waiting for how the day after" in found.reason
    assert (DAY - dt.timedelta(days=1)).isoformat() in found.reason


def test_a_worse_next_day_moves_down_and_better_or_same_lets_it_move_up() -> None:
    attempts = _attempts((5, 0), (5, 0), level=2)
    worse = decide(CALF_RAISE, 2, attempts, None, None, False, rules=RULES, **{**READY, "next_day": "worse"})
    assert (worse.decision, worse.level) == ("regress", 1)
    assert "felt worse" in worse.reason
    for answer in ("better", "same"):
        up = decide(CALF_RAISE, 2, attempts, None, None, False, rules=RULES, **{**READY, "next_day": answer})
        assert (up.decision, up.level) == ("progress", 3)
        assert f"the day after felt {answer}" in up.reason


def test_a_level_is_kept_for_the_exercises_minimum_days() -> None:
    assert CALF_RAISE.pace is not None
    assert CALF_RAISE.pace.min_days == 14
    early = decide(
        CALF_RAISE, 1, _attempts((5, 0), (5, 0)), None, None, False, rules=RULES, **{**READY, "days_at_level": 13}
    )
    assert (early.decision, early.level) == ("hold", 1)
    assert "13 of the 14 days" in early.reason
    on_time = decide(
        CALF_RAISE, 1, _attempts((5, 0), (5, 0)), None, None, False, rules=RULES, **{**READY, "days_at_level": 14}
    )
    assert on_time.decision == "progress"


def test_a_rising_discomfort_trend_holds_even_under_the_limit() -> None:
    attempts = _attempts((5, 1), (5, 2))
    rising = decide(CALF_RAISE, 1, attempts, None, None, False, rules=RULES, **{**READY, "trend": (0, 1, 2)})
    assert (rising.decision, rising.level) == ("hold", 1)
    assert "0/10, 1/10 and 2/10" in rising.reason
    flat = decide(CALF_RAISE, 1, attempts, None, None, False, rules=RULES, **{**READY, "trend": (1, 1, 2)})
    assert flat.decision == "progress"


def test_decide_all_counts_days_from_the_first_session_at_the_level_and_reads_the_answer() -> None:
    slug = CALF_RAISE.slug
    attempts = [Attempt(n, DAY + dt.timedelta(days=7 * n), slug, 1, 5, 0) for n in range(3)]
    found = decide_all(attempts, [], CATALOGUE.exercises, rules=RULES, followups={2: "better"})
    assert found[slug][0].decision == "progress"
    waiting = decide_all(attempts, [], CATALOGUE.exercises, rules=RULES, followups={1: "better"})
    assert "waiting for how the day after" in waiting[slug][0].reason
    short = decide_all(attempts[:2], [], CATALOGUE.exercises, rules=RULES, followups={1: "better"})
    assert "7 of the 14 days" in short[slug][0].reason


answers = st.none() | st.sampled_from(("better", "same", "worse"))


@given(
    st.sampled_from(LADDERED),
    st.integers(min_value=1, max_value=3),
    st.lists(
        st.tuples(st.integers(0, 30), st.none() | st.integers(1, 5), st.none() | st.integers(0, 10)),
        min_size=1,
        max_size=6,
    ),
    st.dictionaries(st.integers(0, 5), st.sampled_from(("better", "same", "worse")), max_size=6),
    st.none() | st.integers(0, 10),
    st.none() | st.integers(0, 10),
)
@settings(max_examples=400, deadline=None)
def test_never_up_without_a_known_no_worse_answer_before_the_minimum_days_or_on_a_rising_trend(
    slug, level, sessions, followups, before, after
) -> None:  # type: ignore[no-untyped-def]
    exercise = CATALOGUE.exercises[slug]
    assert exercise.pace is not None
    day = DAY
    attempts = []
    for n, (gap, control, discomfort) in enumerate(sessions):
        day += dt.timedelta(days=gap)
        attempts.append(Attempt(n, day, slug, level, control, discomfort))
    readings = [] if before is None else [SorenessReading(attempts[-1].date, exercise.main_region, before)]
    if after is not None:
        readings.append(SorenessReading(attempts[-1].date + dt.timedelta(days=1), exercise.main_region, after))
    found, last = decide_all(attempts, readings, CATALOGUE.exercises, rules=RULES, followups=followups)[slug]
    assert last == attempts[-1]
    answer = followups.get(last.session_id)
    if answer == "worse":
        assert found.decision == "regress"
    if found.decision == "progress":
        assert answer in ("better", "same"), "up only on a known, no-worse next-day answer"
        assert (last.date - attempts[0].date).days >= exercise.pace.min_days, "up only after the minimum days"
        tail = [a.discomfort for a in attempts][-RULES.rising_sessions :]
        rising = len(tail) == RULES.rising_sessions and all(
            b is not None and a is not None and b > a for a, b in itertools.pairwise(tail)
        )
        assert not rising, "never up on a rising trend"
