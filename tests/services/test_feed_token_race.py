"""The calendar feed's token, asked for the first time by many requests at once, is made once.

Reading "no token yet" and writing a new one are one locked transaction: every caller gets
the token that was stored, so no one is handed a feed link that does not work.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from supple.config import Settings
from supple.services import calendar, profile_api
from tests.contexts import ctx_for

CALLERS = 8


def test_first_feed_token_asked_at_once_is_one_token(database_url: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url_override=database_url)
    profile_api.put_profile(ctx_for(settings))  # the athlete exists; first writes have their own test
    barrier = threading.Barrier(CALLERS)

    def ask(_: int) -> str:
        ctx = ctx_for(settings)
        barrier.wait()
        return calendar.feed_token(ctx)

    with ThreadPoolExecutor(max_workers=CALLERS) as pool:
        handed = set(pool.map(ask, range(CALLERS)))
    assert handed == {calendar.feed_token(ctx_for(settings))}
