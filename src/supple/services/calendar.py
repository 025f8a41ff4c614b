"""The week plan as iCalendar: a file to download and a private feed to subscribe to.

The feed's address holds a secret token (kept in the store, one per athlete) instead of a
login, so a calendar app can fetch it on its own; making a new token ends the old address.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from supple.core.calendar import week_calendar
from supple.services import routines
from supple.services.context import Context
from supple.store.athlete import shared_store

if TYPE_CHECKING:
    from supple.config import Settings


_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,200}")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def week_ics(ctx: Context, *, start: dt.date, now: dt.datetime | None = None) -> str:
    """The 7-day plan from ``start`` as an iCalendar text (CRLF line ends, folded lines)."""
    plan = routines.plan(ctx, start=start)
    names = ctx.catalogue.region_names
    return week_calendar(plan, stamp=now or _now(), names=names, uid_prefix=ctx.athlete)


def feed_token(ctx: Context, *, new: bool = False) -> str:
    """The athlete's feed token, made on first use; ``new`` replaces it (the old address stops working)."""
    return ctx.data.feed_token(new=new)


def feed_owner(settings: Settings, token: str) -> str | None:
    """The athlete whose feed ``token`` opens, or None. A skin builds that athlete's context from it:
    a token opens its own athlete's feed only, whoever runs the server."""
    if not _TOKEN.fullmatch(token):  # ours are URL-safe base64; anything else (a NUL byte, say) is no one's
        return None
    return shared_store(settings.database_url).athlete_for_feed(token)


def feed_ics(ctx: Context, *, today: dt.date, now: dt.datetime | None = None) -> str:
    """The feed of ``ctx``'s athlete: the plan from ``today``."""
    return week_ics(ctx, start=today, now=now)
