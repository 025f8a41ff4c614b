"""Pictures show the rung the runner is at: ``/illustrations/<slug>.svg?level=N`` and the pages that ask for it."""

from __future__ import annotations

import datetime as dt
import re

from fastapi.testclient import TestClient

from supple.config import Settings
from supple.core.athlete import Profile
from supple.core.session import Item, ItemResult, LoggedItem, LoggedSession
from supple.services import logbook, profile
from tests.contexts import ctx_for

BANDED = "clamshell"  # level 4 adds a loop band round the knees


def _log_clamshell(settings: Settings, level: int) -> None:
    item = Item(BANDED, "Clamshell", "strengthen", ("glutes",), 1, 15, None, True, False, 90, level, "why")
    result = ItemResult(done=True, control=4, discomfort=1)
    day = dt.date.today() - dt.timedelta(days=1)
    session = LoggedSession(day, "daily", 10, 90, (LoggedItem(0, "glutes", item, result),))
    logbook.log_session(ctx_for(settings), session=session)


def _kinds(svg: str) -> set[str]:
    return set(re.findall(r"prop-([a-z]+)", svg))


def test_the_level_picks_the_rung_picture(client: TestClient) -> None:
    first = client.get(f"/illustrations/{BANDED}.svg?level=1")
    banded = client.get(f"/illustrations/{BANDED}.svg?level=4")
    assert first.status_code == banded.status_code == 200
    assert "band" not in _kinds(first.text)
    assert "band" in _kinds(banded.text), "the banded rung is drawn with its band"
    plain = client.get(f"/illustrations/{BANDED}.svg").text
    assert _kinds(plain) == _kinds(first.text), "no level: the first rung"
    assert "Equipment" not in plain
    assert "band" in _kinds(client.get(f"/illustrations/{BANDED}.svg?level=5").text), "a higher rung keeps the band"
    assert "Equipment: band" in banded.text


def test_a_level_outside_the_ladder_is_refused(client: TestClient) -> None:
    reply = client.get(f"/illustrations/{BANDED}.svg?level=9")
    assert reply.status_code == 422
    assert reply.json()["field"] == "level"
    assert "1 to 5" in reply.json()["detail"]
    assert client.get(f"/illustrations/{BANDED}.svg?level=two").status_code == 422


def test_the_library_pages_ask_for_the_runners_level(client: TestClient, settings: Settings) -> None:
    profile.save_profile(ctx_for(settings), profile=Profile(equipment=frozenset({"band"})))
    _log_clamshell(settings, 4)
    detail = client.get(f"/library/{BANDED}").text
    assert f'src="/illustrations/{BANDED}.svg?level=4"' in detail
    assert "you are here" in detail
    listing = client.get("/library").text
    assert f'src="/illustrations/{BANDED}.svg?level=4"' in listing


def test_without_a_band_the_library_shows_the_last_rung_without_one(client: TestClient, settings: Settings) -> None:
    profile.save_profile(ctx_for(settings), profile=Profile(equipment=frozenset()))
    _log_clamshell(settings, 5)
    detail = client.get(f"/library/{BANDED}").text
    assert f'src="/illustrations/{BANDED}.svg?level=3"' in detail


def test_a_runner_who_has_not_done_it_sees_the_first_rung(client: TestClient) -> None:
    assert f'src="/illustrations/{BANDED}.svg"' in client.get(f"/library/{BANDED}").text
