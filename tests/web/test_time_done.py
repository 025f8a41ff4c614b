"""One definition of time done (core/time_done.py): the CLI, History, the player, the report and the API agree.

A session is logged with a hold ended after 2 s (tapped through), a rep item done in full and
an item not done. Every surface must show the same time, and it is not the planned time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from supple.config import Settings
from supple.core.calendar import duration_text
from supple.services import routines, shapes
from tests.contexts import ctx_for

HTML = {"Accept": "text/html"}
DAY = dt.date(2026, 11, 24)


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
    env |= {"SUPPLE_DATA_DIR": str(settings.data_dir), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "supple", *args], capture_output=True, text=True, env=env, timeout=120)


def _logged(client: TestClient, settings: Settings) -> tuple[dict[str, Any], int]:
    """Log a session with a tapped-through hold, a rep item and an item not done; return it and its expected time."""
    session = shapes.session_dict(routines.today(ctx_for(settings), date=DAY, kind="daily", minutes=12))
    items = [item for block in session["blocks"] for item in block["items"]]
    hold = next(i for i in items if i["hold_seconds"] is not None and i["hold_seconds"] > 2)
    reps = next(i for i in items if i["hold_seconds"] is None)
    expected = 0
    for item in items:
        if item is hold:
            item["result"] = {"done": True, "hold_seconds": 2, "control": 3}
            holds = item["sets"] * (2 if item["per_side"] else 1)
            expected += item["seconds"] - holds * (item["hold_seconds"] - 2)
        elif item is reps:
            item["result"] = {"done": True, "control": 4}
            expected += item["seconds"]
        else:
            item["result"] = {"done": False}
    body = session | {"finished": True}
    reply = client.post("/api/v1/sessions", json=body)
    assert reply.status_code == 201, reply.text
    stored: dict[str, Any] = reply.json()
    planned = sum(i["seconds"] for i in items)
    assert expected < planned - 10, "the tapped-through hold must make a visible difference"
    return stored, expected


def test_every_surface_shows_the_same_time_done(client: TestClient, settings: Settings, tmp_path: Path) -> None:
    stored, expected = _logged(client, settings)
    words = duration_text(expected)
    # API
    assert stored["seconds_done"] == expected
    assert client.get(f"/api/v1/sessions/{stored['id']}").json()["seconds_done"] == expected
    # CLI, JSON and text
    listed = _cli(settings, "history", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [s["seconds_done"] for s in json.loads(listed.stdout)] == [expected]
    text = _cli(settings, "history")
    assert text.returncode == 0, text.stderr
    assert f" {words} " in text.stdout, (words, text.stdout)
    # History page
    page = client.get("/history", headers=HTML)
    assert page.status_code == 200
    assert f"· {words}" in page.text
    # the player's summary, as served for a finished session
    player = client.get(f"/session/{stored['id']}", headers=HTML).text
    assert f"You did 2 of {len([i for b in stored['blocks'] for i in b['items']])} items: {words} of work." in player
    # report
    out = tmp_path / "report.html"
    done = _cli(settings, "report", "--from", DAY.isoformat(), "--to", DAY.isoformat(), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert f"<b>{round(expected / 60)} min</b> of work done" in out.read_text(encoding="utf-8")
