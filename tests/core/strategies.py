"""Hypothesis strategies over the real catalogue's vocabulary."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from supple.catalogue import load_catalogue
from supple.catalogue.knowledge import load_knowledge
from supple.core.athlete import Profile
from supple.core.conflicts import avoids_for
from supple.core.session import ComposeRequest, HistoryEntry
from supple.core.vocabulary import EQUIPMENT, KINDS, SYMPTOM_REGIONS, TARGET_REGIONS, WEEKDAYS

CATALOGUE = load_catalogue()
SLUGS = sorted(CATALOGUE.exercises)
COMPLAINTS = CATALOGUE.complaints
KNOWLEDGE = load_knowledge(CATALOGUE.exercises, positions=tuple(CATALOGUE.positions))
#: Every complaint's avoided positions (complaint slug -> position slugs).
AVOIDS = {slug: complaint.avoids for slug, complaint in KNOWLEDGE.complaints.items()}

dates = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2032, 12, 31))
kinds = st.sampled_from(KINDS)
minutes = st.integers(min_value=1, max_value=120)
equipment = st.frozensets(st.sampled_from(EQUIPMENT))
regions = st.lists(st.sampled_from(TARGET_REGIONS), unique=True, min_size=1, max_size=len(TARGET_REGIONS))
focus = st.lists(st.sampled_from(TARGET_REGIONS + SYMPTOM_REGIONS), unique=True, max_size=4)
levels = st.dictionaries(st.sampled_from(SLUGS), st.integers(min_value=1, max_value=6), max_size=10)
complaints = st.frozensets(st.sampled_from(COMPLAINTS), max_size=3)


@st.composite
def histories(draw: st.DrawFn, before: dt.date) -> tuple[HistoryEntry, ...]:
    entries = draw(
        st.lists(
            st.tuples(
                st.integers(min_value=1, max_value=14),
                st.lists(st.sampled_from(SLUGS), max_size=6),
                st.lists(st.sampled_from(TARGET_REGIONS), max_size=4),
            ),
            max_size=10,
        )
    )
    return tuple(HistoryEntry(before - dt.timedelta(days=d), tuple(ex), tuple(rg)) for d, ex, rg in entries)


@st.composite
def requests(draw: st.DrawFn) -> ComposeRequest:
    date = draw(dates)
    active = draw(complaints)
    return ComposeRequest(
        date=date,
        kind=draw(kinds),
        minutes=draw(minutes),
        equipment=draw(equipment),
        regions=tuple(draw(regions)),
        history=draw(histories(date)),
        levels=draw(levels),
        complaints=active,
        all_regions=draw(st.booleans()),
        avoids=avoids_for(active, AVOIDS),
    )


@st.composite
def profiles(draw: st.DrawFn, min_minutes: int = 1, max_priorities: int = len(TARGET_REGIONS)) -> Profile:
    days = draw(st.lists(st.sampled_from(WEEKDAYS), unique=True))
    times = draw(st.lists(st.times(), min_size=len(days), max_size=len(days)))
    return Profile(
        run_times=tuple((d, t.replace(second=0, microsecond=0)) for d, t in zip(days, times, strict=True)),
        minutes=draw(st.integers(min_value=min_minutes, max_value=120)),
        equipment=draw(equipment),
        priorities=tuple(draw(st.lists(st.sampled_from(TARGET_REGIONS), unique=True, max_size=max_priorities))),
        complaints=draw(complaints),
    )
