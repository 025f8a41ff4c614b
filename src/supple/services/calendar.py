"""The week plan as iCalendar: a file to download and a private feed to subscribe to.

The feed's address holds a secret token (kept in the store, one per athlete) instead of a
login, so a calendar app can fetch it on its own; making a new token ends the old address.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from supple.config import Settings
from supple.core.calendar import week_calendar
from supple.services import context, routines


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def week_ics(*, settings: Settings, start: dt.date, now: dt.datetime | None = None) -> str:
    """The 7-day plan from ``start`` as an iCalendar text (CRLF line ends, folded lines)."""
    plan = routines.plan(settings=settings, start=start)
    names = context.catalogue(settings).region_names
    return week_calendar(plan, stamp=now or _now(), names=names, uid_prefix=settings.athlete)


def feed_token(*, settings: Settings, new: bool = False) -> str:
    """The athlete's feed token, made on first use; ``new`` replaces it (the old address stops working)."""
    return context.store(settings).feed_token(settings.athlete, new=new)


def feed_ics(*, settings: Settings, token: str, today: dt.date, now: dt.datetime | None = None) -> str | None:
    """The feed for whoever owns ``token``: their plan from ``today``; None when no one does."""
    if not token:
        return None
    athlete = context.store(settings).athlete_for_feed(token)
    if athlete is None:
        return None
    return week_ics(settings=dataclasses.replace(settings, athlete=athlete), start=today, now=now)
