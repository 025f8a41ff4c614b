"""Today's routine and the week plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from supple.core import vocabulary
from supple.core.composer import compose, rank_regions, resolve_focus
from supple.core.errors import InvalidInput
from supple.core.session import ComposeRequest, Session
from supple.services.context import Context

if TYPE_CHECKING:
    from supple.core.athlete import AthleteState
    from supple.core.plan import DayPlan, WeekPlan
    from supple.core.triage import Complaint
from supple.core.vocabulary import check_equipment, check_kind, check_minutes, check_regions
from supple.services import assess


def avoids(ctx: Context, complaints: Collection[str]) -> dict[str, frozenset[str]]:
    """What each of the active ``complaints`` avoids (``core.conflicts``); no file is read when there are none."""
    if not complaints:
        return {}
    from supple.core.conflicts import avoids_for

    known = ctx.knowledge.complaints
    return avoids_for(complaints, {slug: found.avoids for slug, found in known.items()})


def _complaint(ctx: Context, slug: str, *, kind: str | None, focus: Sequence[str]) -> Complaint:
    """The complaint whose triage session is asked for; InvalidInput for an unknown one or a clashing option."""
    from supple.services.triage import find_complaint  # here: triage imports this module

    found = find_complaint(ctx, slug=slug)
    if kind not in (None, "focus"):
        raise InvalidInput("kind", kind, "focus, or none, with a complaint: its session is a focus session")
    if focus:
        raise InvalidInput(
            "focus", ",".join(focus), "no focus regions with a complaint: its session works the regions behind it"
        )
    return found


def today(
    ctx: Context,
    *,
    date: dt.date,
    kind: str | None = None,
    minutes: int | None = None,
    equipment: Sequence[str] | None = None,
    focus: Sequence[str] = (),
    complaint: str | None = None,
) -> Session:
    """Compose the routine for ``date`` from the profile, with any of its values overridden.

    With ``complaint`` it is that complaint's triage session (``core.triage_session``): its
    first-line work first, then the regions often behind it. Nothing that involves a position
    an active complaint (the profile's, and ``complaint``) avoids is ever chosen. With
    screening-test results, the regions they flag come first (``assess.priorities_for``).
    """
    if kind is not None:
        check_kind(kind)
    if minutes is not None:
        check_minutes(minutes)
    kit = check_equipment(equipment) if equipment is not None else None
    focus_regions = check_regions(focus, field="focus")
    found = None if complaint is None else _complaint(ctx, complaint, kind=kind, focus=focus_regions)
    cat = ctx.catalogue
    state = ctx.state(date)
    profile = ctx.profile_or_default(state.profile)
    asked_kind, asked_minutes = kind, minutes
    dated = [run for run in state.planned if run.date == date]
    run_day = bool(dated) or profile.run_time_on(date) is not None
    if found is not None:
        kind = "focus"
    if kind is None:
        kind = "focus" if focus_regions else ("primer" if run_day else "daily")
    if minutes is None:
        minutes = min(profile.minutes, cat.rules.primer.max_minutes) if kind == "primer" else profile.minutes
    if state.red_flags:
        from supple.services import redflags

        return Session(date, kind, minutes, 0, (), stop=redflags.stop_for(ctx, state.red_flags))
    if found is None and not focus_regions and kit is None:
        # The routine the week plan counted for this day (`core.plan.plan_day`): the day's first
        # session, or the one of the kind asked for (the session after a run is a daily one).
        for planned in _day_plan(ctx, date, state).sessions:
            session = planned.session
            if asked_kind in (None, session.kind) and asked_minutes in (None, session.minutes):
                return session
    regions: tuple[str, ...] = ()  # a complaint's triage request names its own
    notes: tuple[str, ...] = ()
    if focus_regions:
        regions, notes = resolve_focus(focus_regions, cat.rules)
    elif found is None:
        priorities, notes = resolve_focus(profile.priorities or cat.rules.week.default_priorities, cat.rules)
        priorities, leading = assess.priorities_for(ctx, priorities)
        regions = rank_regions(priorities, state.history, date)
        if leading:
            from supple.core.assessment import leading_first

            regions = leading_first(regions, leading)
    request = ComposeRequest(
        date=date,
        kind=kind,
        minutes=minutes,
        equipment=profile.equipment if kit is None else kit,
        regions=regions,
        history=state.history,
        levels=state.levels,
        complaints=profile.complaints,
        notes=notes,
        all_regions=bool(focus_regions),
        avoids=avoids(ctx, profile.complaints),
    )
    if found is not None:
        from supple.core.triage_session import triage_request

        request = triage_request(found, request)
    return compose(request, cat.index, cat.rules)


def plan(ctx: Context, *, start: dt.date) -> WeekPlan:
    """The 7-day plan from ``start``: a primer before each run, daily sessions otherwise."""
    from supple.core.plan import DayPlan, WeekPlan, plan_week  # here: only when asked for

    state = ctx.state(start)
    profile = ctx.profile_or_default(state.profile)
    if state.red_flags:
        from supple.services import redflags

        days = tuple(
            DayPlan(day, tuple(t for t in (profile.run_time_on(day),) if t is not None), ())
            for day in (start + dt.timedelta(days=n) for n in range(7))
        )
        return WeekPlan(start, days, {}, (), stop=redflags.stop_for(ctx, state.red_flags))
    return plan_week(start=start, **_planner_inputs(ctx, state))


def _planner_inputs(ctx: Context, state: AthleteState) -> dict[str, Any]:
    """What ``core.plan`` needs, the same for a day (``today``) and a week (``plan``)."""
    cat = ctx.catalogue
    profile = ctx.profile_or_default(state.profile)
    priorities, _ = resolve_focus(profile.priorities or cat.rules.week.default_priorities, cat.rules)
    _, leading = assess.priorities_for(ctx, priorities)
    index = cat.index
    active = avoids(ctx, profile.complaints)
    if active:
        # The same rule as every ComposeRequest's `avoids`, applied by handing the planner only the
        # exercises the profile's complaints allow: its day requests carry the complaints alone.
        from supple.core.composer import ExerciseIndex
        from supple.core.conflicts import conflicts

        index = ExerciseIndex(e for e in cat.exercises.values() if not conflicts(e.involves, active))
    return {
        "profile": profile,
        "index": index,
        "rules": cat.rules,
        "history": state.history,
        "levels": state.levels,
        "leading": leading,
        "runs": state.planned,
    }


def _day_plan(ctx: Context, date: dt.date, state: AthleteState) -> DayPlan:
    from supple.core.plan import plan_day

    return plan_day(date=date, **_planner_inputs(ctx, state))


def day_plan(ctx: Context, *, date: dt.date) -> DayPlan:
    """The sessions the week plan holds for ``date``: what `supple today` and Today show for it."""
    return _day_plan(ctx, date, ctx.state(date))


def parse_date(text: str, *, field: str = "date") -> dt.date:
    return vocabulary.parse_date(text, field=field)
