"""The week plan as iCalendar: parsed back with a small RFC 5545 reader, it says what the plan says."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from hypothesis import given
from hypothesis import strategies as st

from supple.catalogue import Catalogue
from supple.core.athlete import Profile
from supple.core.calendar import (
    DEFAULT_TIME,
    dose_text,
    duration_text,
    escape_text,
    fold,
    week_calendar,
)
from supple.core.plan import DayPlan, PlannedSession, WeekPlan, plan_week
from supple.core.session import Session

STAMP = dt.datetime(2026, 11, 20, 8, 30, tzinfo=dt.UTC)
MONDAY = dt.date(2026, 11, 23)


# -- a tiny reader ----------------------------------------------------------------------------


@dataclass
class Component:
    name: str
    props: list[tuple[str, dict[str, str], str]] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def get(self, name: str) -> str:
        found = [value for key, _, value in self.props if key == name]
        assert len(found) == 1, f"{self.name} has {len(found)} {name}"
        return found[0]

    def all(self, name: str) -> list[Component]:
        return [c for c in self.children if c.name == name]


def unescape(value: str) -> str:
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            nxt = next(chars)
            out.append("\n" if nxt in "nN" else nxt)
        else:
            out.append(char)
    return "".join(out)


def unfold(text: str) -> list[str]:
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", ""), "every line ends in CRLF"
    physical = text.split("\r\n")[:-1]
    for line in physical:
        assert len(line.encode("utf-8")) <= 75, f"line over 75 octets: {line!r}"
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def parse(text: str) -> Component:
    stack: list[Component] = []
    root: Component | None = None
    for line in unfold(text):
        head, _, value = line.partition(":")
        name, *raw_params = head.split(";")
        params = dict(p.split("=", 1) for p in raw_params)
        if name == "BEGIN":
            component = Component(value)
            if stack:
                stack[-1].children.append(component)
            stack.append(component)
        elif name == "END":
            done = stack.pop()
            assert done.name == value, f"END:{value} closes {done.name}"
            root = done if not stack else root
        else:
            stack[-1].props.append((name, params, value))
    assert not stack
    assert root is not None
    return root


def seconds_of(duration: str) -> int:
    assert duration.startswith("PT")
    total, number = 0, ""
    for char in duration[2:]:
        if char.isdigit():
            number += char
        else:
            total += int(number) * {"H": 3600, "M": 60, "S": 1}[char]
            number = ""
    return total


# -- the plan, written and read back ----------------------------------------------------------


def _plan(catalogue: Catalogue) -> WeekPlan:
    profile = Profile(
        run_times=(("mon", dt.time(7, 0)), ("sat", dt.time(9, 30))),
        minutes=10,
        equipment=frozenset({"roller", "box"}),
        priorities=("hip-flexors", "hamstrings", "glutes", "it-band"),
    )
    return plan_week(start=MONDAY, profile=profile, index=catalogue.index, rules=catalogue.rules)


def test_every_session_is_an_event_with_its_time_length_and_items(catalogue: Catalogue) -> None:
    plan = _plan(catalogue)
    names = catalogue.region_names
    root = parse(week_calendar(plan, stamp=STAMP, names=names, uid_prefix="ann"))
    assert root.name == "VCALENDAR"
    assert root.get("VERSION") == "2.0"
    assert root.get("PRODID").startswith("-//Supple//")
    events = root.all("VEVENT")
    planned = [(day, p) for day in plan.days for p in day.sessions]
    assert len(events) == len(planned) == 7
    assert len({e.get("UID") for e in events}) == 7
    for event, (day, session) in zip(events, planned, strict=True):
        start = dt.datetime.strptime(event.get("DTSTART"), "%Y%m%dT%H%M%S")
        assert start == dt.datetime.combine(day.date, session.at or DEFAULT_TIME)
        assert event.get("DTSTAMP") == "20261120T083000Z"
        assert seconds_of(event.get("DURATION")) == session.session.total_seconds
        summary = unescape(event.get("SUMMARY"))
        assert session.session.kind in summary
        assert all(names[b.region] in summary for b in session.session.blocks)
        description = unescape(event.get("DESCRIPTION"))
        assert all(item.name in description for item in session.session.items)
        alarm = event.all("VALARM")
        assert len(alarm) == 1
        assert alarm[0].get("ACTION") == "DISPLAY"
        assert alarm[0].get("TRIGGER") == "-PT10M"
        assert alarm[0].get("DESCRIPTION")


def test_primers_start_before_the_run_and_other_days_at_the_default_time(catalogue: Catalogue) -> None:
    events = parse(week_calendar(_plan(catalogue), stamp=STAMP, names=catalogue.region_names)).all("VEVENT")
    starts = [e.get("DTSTART") for e in events]
    assert starts[0] < "20261123T070000"  # Monday's primer ends by the 07:00 run
    assert starts[1] == "20261124T180000"
    assert "primer" in unescape(events[5].get("SUMMARY"))  # Saturday
    assert starts[5] < "20261128T093000"


def test_the_same_plan_gives_the_same_text_and_stable_uids(catalogue: Catalogue) -> None:
    plan = _plan(catalogue)
    first = week_calendar(plan, stamp=STAMP, names=catalogue.region_names, uid_prefix="ann")
    assert first == week_calendar(plan, stamp=STAMP, names=catalogue.region_names, uid_prefix="ann")
    uids = [e.get("UID") for e in parse(first).all("VEVENT")]
    assert uids[0] == "ann-2026-11-23-0@supple"
    other = parse(week_calendar(plan, stamp=STAMP, names=catalogue.region_names, uid_prefix="bob")).all("VEVENT")
    assert not set(uids) & {e.get("UID") for e in other}


def test_a_session_with_nothing_in_it_is_left_out() -> None:
    empty = Session(MONDAY, "daily", 1, 0, (), ("1 min is too short",))
    plan = WeekPlan(MONDAY, (DayPlan(MONDAY, (), (PlannedSession(None, empty),)),), {}, ())
    root = parse(week_calendar(plan, stamp=STAMP, names={}))
    assert root.all("VEVENT") == []


def test_a_local_stamp_is_written_in_utc(catalogue: Catalogue) -> None:
    local = dt.datetime(2026, 11, 20, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    event = parse(week_calendar(_plan(catalogue), stamp=local, names={})).all("VEVENT")[0]
    assert event.get("DTSTAMP") == "20261120T083000Z"


# -- text and folding -------------------------------------------------------------------------


def test_text_escapes_the_characters_rfc_5545_names() -> None:
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    assert escape_text("line\r\nbreak") == "line\\nbreak"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r")))
def test_escaped_text_reads_back_unchanged(text: str) -> None:
    assert unescape(escape_text(text)) == text


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"), max_size=400))
def test_folded_lines_fit_75_octets_keep_characters_whole_and_unfold_back(text: str) -> None:
    line = "DESCRIPTION:" + text
    folded = fold(line)
    for physical in folded.split("\r\n"):
        assert len(physical.encode("utf-8")) <= 75
    assert folded.replace("\r\n ", "") == line


def test_words_for_doses_and_durations() -> None:
    assert dose_text(sets=2, reps=None, hold_seconds=30, per_side=True) == "2 × 30 s each side"
    assert dose_text(sets=1, reps=10, hold_seconds=None, per_side=False) == "10 reps"
    assert duration_text(53) == "53 s"
    assert duration_text(587) == "9 min 47 s"
    assert duration_text(600) == "10 min"
