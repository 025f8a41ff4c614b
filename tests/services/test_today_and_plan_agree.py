"""`today` and `plan` agree: the routine shown for a day is exactly the one the plan counted.

Random weeks (run days, run times, minutes, kit and priority regions) on a real SQLite
database: for every day of the plan, `routines.today` for that date gives the plan's first
session, and asked with a planned session's kind and minutes (what the Week page's link
sends) gives exactly that session, the one after a run included.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supple.config import Settings
from supple.core.vocabulary import EQUIPMENT, TARGET_REGIONS, WEEKDAYS
from supple.services import profile as profiles
from supple.services import routines
from tests.contexts import ctx_for


@st.composite
def weeks(draw: st.DrawFn) -> dict[str, object]:
    days = draw(st.lists(st.sampled_from(WEEKDAYS), unique=True))
    hour, minute = draw(st.integers(4, 20)), draw(st.sampled_from((0, 10, 30, 45)))
    return {
        "run_days": ",".join(days) or "none",
        "run_time": f"{hour:02d}:{minute:02d}",
        "minutes": draw(st.integers(min_value=1, max_value=40)),
        "equipment": draw(st.lists(st.sampled_from(EQUIPMENT), unique=True)),
        "priorities": draw(st.lists(st.sampled_from(TARGET_REGIONS), unique=True, min_size=1, max_size=6)),
    }


@given(weeks(), st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2027, 12, 31)))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_today_is_the_session_the_plan_counted_on_every_day(values: dict[str, object], start: dt.date) -> None:
    with tempfile.TemporaryDirectory() as folder:
        config = Settings(data_dir=Path(folder) / "data")
        current = profiles.get_profile(ctx_for(config))
        profiles.save_profile(
            ctx_for(config),
            profile=profiles.update_profile(ctx_for(config), current, **values),  # type: ignore[arg-type]
        )
        week = routines.plan(ctx_for(config), start=start)
        for day in week.days:
            assert day.sessions
            assert routines.today(ctx_for(config), date=day.date) == day.sessions[0].session
            assert routines.day_plan(ctx_for(config), date=day.date) == day
            for planned in day.sessions:
                session = planned.session
                linked = routines.today(ctx_for(config), date=day.date, kind=session.kind, minutes=session.minutes)
                assert linked == session, (day.date, session.kind, planned.after_run)
