"""One red flag, refreshed many times and cleared, is one event with its reason: in `progress`, on the
Progress page and in the PDF report, never "N steps down"."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient
from tests.report import pdf_text

from supple.config import Settings
from supple.web.app import create_app

DAY = "2026-11-24"  #: the day of the seeded session (tests/cli/conftest.py)
EVENT = re.compile(
    r"Red flag \(pain on hopping\) reported on 2026-11-25, cleared on \d{4}-\d\d-\d\d: every exercise you had done "
    r"stepped down one level, once \((\d+) exercises\)\."
)


def test_a_cleared_red_flag_is_one_event_with_its_reason_everywhere(seeded: Any, tmp_path: Any) -> None:
    done = seeded("levels", "--json")
    assert done.code == 0, done.err
    exercises = len(done.json())
    assert exercises > 1
    flagged = seeded("triage", "shin", "--red-flags", "pain-on-hop", "--date", "2026-11-25", "--json")
    assert flagged.code in (0, 1), flagged.err
    for day, rating in (("2026-11-25", "calves=2"), ("2026-11-26", "calves=3"), ("2026-11-26", "quads=1")):
        assert seeded("soreness", rating, "--date", day).code == 0  # each one refreshes the levels
    assert seeded("red-flags", "--clear").code == 0
    assert seeded("soreness", "calves=1", "--date", "2026-11-27").code == 0

    text = seeded("progress", "--date", "2026-11-28", "--weeks", "2")
    assert text.code == 0, text.err
    events = EVENT.findall(text.out.replace("\n", " ").replace("  ", " "))
    assert events == [str(exercises)], text.out
    assert re.search(r"Ladder decisions: \d+ up, 0 down", text.out), "the flag's steps are not counted one by one"

    settings = Settings(data_dir=tmp_path / "data")
    with TestClient(create_app(settings), base_url="http://127.0.0.1", client=("127.0.0.1", 50000)) as client:
        page = client.get("/progress").text
    assert len(EVENT.findall(page)) == 1
    assert "0 steps down" in page

    path = tmp_path / "report.pdf"
    made = seeded("report", "--from", "2026-11-01", "--to", "2026-11-28", "--out", str(path))
    assert made.code == 0, made.err
    pdf = pdf_text(path)
    assert len(EVENT.findall(pdf)) == 1, pdf
    assert "Down one level for the red flag listed above." in pdf
