"""Recording a screening result that got worse beyond its error steps the region's exercises down."""

from __future__ import annotations

import datetime as dt
import json

from supple.config import Settings
from supple.services import assess, levels, logbook, routines, shapes
from tests.contexts import ctx_for

DAY = dt.date(2026, 11, 24)


def _log_calves(settings: Settings, day: dt.date) -> None:
    session = routines.today(ctx_for(settings), date=day, kind="focus", focus=["calves"], minutes=8)
    data = shapes.session_dict(session)
    for block in data["blocks"]:
        for item in block["items"]:
            item["result"] = {"done": True, "control": 5, "discomfort": 1}
    logbook.log_session(ctx_for(settings), session=logbook.parse_log(ctx_for(settings), json.dumps(data)))


def test_a_worse_knee_to_wall_moves_calf_work_down_and_keeps_it_in_the_history(settings: Settings) -> None:
    assess.record(ctx_for(settings), test="knee-to-wall", value="12", side="left", date=DAY - dt.timedelta(days=30))
    _log_calves(settings, DAY - dt.timedelta(days=2))
    calf_work = {e.exercise for e in levels.decisions(ctx_for(settings))}
    assert calf_work
    assert all(e.decision.decision != "regress" for e in levels.decisions(ctx_for(settings)))

    assess.record(ctx_for(settings), test="knee-to-wall", value="9", side="left", date=DAY)
    after = {e.exercise: e.decision for e in levels.decisions(ctx_for(settings))}
    moved = {slug for slug, d in after.items() if d.decision == "regress"}
    assert moved  # every exercise that works the calves
    for slug in moved:
        assert "12 to 9 cm" in after[slug].reason
    latest = {c.exercise: c for c in levels.history(ctx_for(settings))}
    assert all(latest[slug].decision == "regress" for slug in moved)

    # Within the error (9 -> 8.5) is not a drop: nothing more moves.
    assess.record(ctx_for(settings), test="knee-to-wall", value="8.5", side="left", date=DAY + dt.timedelta(days=1))
    assert not any(d.decision == "regress" for d in (e.decision for e in levels.decisions(ctx_for(settings))))
