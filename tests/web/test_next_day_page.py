"""The one-tap next-day question on Today and the soreness page, over the real ASGI app."""

from __future__ import annotations

import dataclasses
import datetime as dt

from fastapi.testclient import TestClient

from supple.config import Settings
from supple.core.session import ItemResult
from supple.services import followups, levels, logbook, routines
from tests.contexts import ctx_for
from tests.web.conftest import csrf

YESTERDAY = dt.date.today() - dt.timedelta(days=1)


def _log(settings: Settings, day: dt.date) -> int:
    session = routines.today(ctx_for(settings), date=day, focus=["calves"], minutes=6)
    results = [ItemResult(done=True, level=i.level, control=5, discomfort=1) for i in session.items]
    return logbook.log_session(ctx_for(settings), session=logbook.from_results(session, results))


def test_today_asks_once_and_one_tap_records_the_answer(client: TestClient, settings: Settings) -> None:
    assert "How did yesterday" not in client.get("/").text
    session_id = _log(settings, YESTERDAY)
    page = client.get("/").text
    assert "How did yesterday&#39;s work feel?" in page or "How did yesterday's work feel?" in page
    assert "How did yesterday" in client.get("/soreness").text, "the soreness page asks it too"
    token = csrf(client)
    done = client.post(
        "/next-day",
        data={"csrf_token": token, "session_id": str(session_id), "answer": "same", "back": "today"},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    assert done.headers["location"] == "/?next_day=same"
    assert followups.answer(ctx_for(settings), session_id=session_id) == "same"
    after = client.get(done.headers["location"]).text
    assert "Noted: the day after felt same." in after
    assert "How did yesterday" not in after


def test_a_bad_answer_or_someone_elses_session_writes_nothing(client: TestClient, settings: Settings) -> None:
    session_id = _log(settings, YESTERDAY)
    theirs = _log(dataclasses.replace(settings, athlete="someone-else"), YESTERDAY)
    before = levels.history(ctx_for(settings))
    token = csrf(client)
    bad = client.post("/next-day", data={"csrf_token": token, "session_id": str(session_id), "answer": "fine"})
    assert bad.status_code == 422
    assert "better, same, worse" in bad.text
    other = client.post("/next-day", data={"csrf_token": token, "session_id": str(theirs), "answer": "same"})
    assert other.status_code == 404
    no_token = client.post("/next-day", data={"session_id": str(session_id), "answer": "same"})
    assert no_token.status_code == 403
    assert followups.answer(ctx_for(settings), session_id=session_id) is None
    assert levels.history(ctx_for(settings)) == before
