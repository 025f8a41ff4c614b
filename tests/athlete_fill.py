"""A realistic athlete, built through the services as the CLI and the web would build it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from supple.config import Settings
from supple.core.session import ItemResult
from supple.services import assess, followups, logbook, profile, redflags, routines, run_imports, runs, soreness, triage
from supple.services.context import Context
from tests.contexts import ctx_for

DAY = dt.date(2026, 11, 24)
#: Real activity files (../shared beside the checkout).
ACTIVITIES = Path(__file__).parents[1] / ".." / "shared" / "data" / "activities"


def fill(settings: Settings, athlete: str, *, day: dt.date = DAY) -> None:
    """Profile, sessions with results, soreness, screening, a focus session, red flags raised and cleared,
    next-day answers and the level history they lead to, over the four weeks before ``day``."""

    def ctx() -> Context:
        return ctx_for(settings, athlete)

    def ago(days: int) -> dt.date:
        return day - dt.timedelta(days)

    c = ctx()
    mine = profile.update_profile(
        c, c.profile_or_default(None), run_days="tue,thu,sat", run_time="07:00", minutes=12, name='Zoë Ünïcode, "Z"'
    )
    profile.save_profile(c, profile=mine)
    assess.record(ctx(), test="knee-to-wall", value="7", side="left", date=ago(28))
    assess.record(ctx(), test="knee-to-wall", value="11", side="right", date=ago(28))
    session_ids = []
    for days, control in ((26, 3), (24, 4), (21, 5), (19, 2)):
        when = day - dt.timedelta(days)
        plan = routines.today(ctx(), date=when, kind="daily", minutes=10)
        count = sum(len(b.items) for b in plan.blocks)
        results = [
            ItemResult(done=i % 3 != 2, control=control, discomfort=i % 4) if i % 5 else ItemResult(done=False)
            for i in range(count)
        ]
        session_ids.append(logbook.log_session(ctx(), session=logbook.from_results(plan, results)))
        soreness.record(ctx(), ratings=["calves=2", "hamstrings=4"], date=when + dt.timedelta(1))
    followups.record(ctx(), session_id=session_ids[0], answer="better", today=ago(25))
    followups.record(ctx(), session_id=session_ids[1], answer="worse", today=ago(23))
    focus_day = ago(17)
    plan = routines.today(ctx(), date=focus_day, kind="focus", minutes=8, focus=["calves"])
    count = sum(len(b.items) for b in plan.blocks)
    assess.record_focus(
        ctx(),
        test="knee-to-wall",
        before={"left": "7.5", "right": "11"},
        session=logbook.from_results(plan, [ItemResult(done=True, control=4, discomfort=1)] * count),
        after={"left": "9", "right": "11.5"},
        date=focus_day,
    )
    triage.answer(ctx(), complaint="achilles", red_flags=["swelling"], date=ago(10))
    redflags.clear(ctx(), date=ago(6))
    triage.answer(ctx(), complaint="hip-front", red_flags=["night-pain"], date=ago(2))
    files = [ACTIVITIES / "gpx" / "cerknicko-jezero.gpx", ACTIVITIES / "tcx" / "sup_activity_1.tcx"]
    imported = run_imports.import_here(ctx(), [str(f) for f in files], progress=lambda done, total: None)
    assert imported.report["counts"]["imported"] == 2  # an import job, done, with its report kept
    runs.add_done_by_hand(ctx(), ago(3), "18:30", 35, 6.5, sport="treadmill", offset=dt.timedelta(hours=1))
    runs.add_planned(ctx(), day + dt.timedelta(4), "07:15", "long", 18.0, None, "Sunday long run")
    ctx().data.add_calendar("https://example.org/plan.ics", "Training plan")


def grow(settings: Settings, athlete: str, *, days: int, end: dt.date = DAY, every: int = 1) -> int:
    """A runner who has used Supple every ``every`` days for ``days`` days up to ``end``; sessions logged.

    Built through the services as the CLI would: a daily routine logged with its ratings (a few items
    skipped, control and discomfort varying so that levels move up, hold and step down), a soreness
    check-in three times a week, knee-to-wall and overhead reach every fortnight, and the next-day
    answer for most sessions. Three years at ``every=1`` is about the audit's heavy user (1,096
    sessions, 10,000+ items, 468 soreness ratings, 250 test results).
    """
    c = ctx_for(settings, athlete)
    mine = profile.update_profile(c, c.profile_or_default(None), run_days="tue,thu,sat", run_time="07:00")
    profile.save_profile(c, profile=mine)
    logged = 0
    first = end - dt.timedelta(days=days - 1)
    for n in range(0, days, every):
        when = first + dt.timedelta(days=n)
        ctx = ctx_for(settings, athlete)
        plan = routines.today(ctx, date=when, kind="daily", minutes=10)
        count = sum(len(b.items) for b in plan.blocks)
        results = [
            ItemResult(done=(n + i) % 9 != 4, control=3 + (n // 7 + i) % 3, discomfort=(n // 5 + i) % 5)
            for i in range(count)
        ]
        session_id = logbook.log_session(ctx, session=logbook.from_results(plan, results))
        logged += 1
        if n % 4 != 3:
            followups.record(ctx_for(settings, athlete), session_id=session_id, answer=_ANSWERS[n % 3], today=when)
        if when.weekday() in (0, 3, 5):
            soreness.record(ctx_for(settings, athlete), ratings=[f"calves={n % 4}"], date=when)
        if n % 14 == 0:
            for side, value in (("left", 7 + (n // 14) % 5), ("right", 8 + (n // 28) % 4)):
                assess.record(ctx_for(settings, athlete), test="knee-to-wall", value=value, side=side, date=when)
            assess.record(ctx_for(settings, athlete), test="overhead-reach", value=150 + n % 20, side=None, date=when)
    return logged


_ANSWERS = ("better", "same", "better")
