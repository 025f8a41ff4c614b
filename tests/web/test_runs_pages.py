"""The Runs page on the real app (SQLite: the app's own job thread runs the imports)."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services import jobs, run_imports
from tests.contexts import ctx_for
from tests.runs_built import RUN_FIT, shifted_gpx, zip_of
from tests.web.conftest import csrf


def _wait_done(settings: Settings, timeout: float = 120) -> list[Any]:
    give_up = time.monotonic() + timeout
    while True:
        found = jobs.recent(ctx_for(settings))
        if found and all(j.finished for j in found):
            return found
        assert time.monotonic() < give_up, f"imports still running: {found}"
        time.sleep(0.1)


def _upload(client: TestClient, token: str, *files: tuple[str, bytes]) -> Any:
    parts = [("file", (name, data, "application/octet-stream")) for name, data in files]
    return client.post("/runs/upload", data={"csrf_token": token}, files=parts, follow_redirects=False)


def test_the_page_shows_weeks_done_and_planned_runs(client: TestClient, settings: Settings) -> None:
    token = csrf(client)
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=5)
    sent = _upload(client, token, ("today.gpx", shifted_gpx(start)))
    assert sent.status_code == 303
    assert sent.headers["location"] == "/runs#imports"
    (job,) = _wait_done(settings)
    assert job.state == "done"
    assert job.report["counts"]["imported"] == 1
    planned = {"csrf_token": token, "date": (dt.date.today() + dt.timedelta(days=2)).isoformat(), "time": "06:45"}
    added = client.post("/runs/planned", data=planned | {"kind": "long", "distance": "21.1", "title": "Half"})
    assert added.status_code == 200
    assert added.url.path == "/runs"
    page = client.get("/runs").text
    assert "done: 1 imported, 0 already there, 0 skipped, 0 refused" in page
    assert "hx-get" not in page, "a finished import is not polled"
    run_day = start.date()
    this_week = re.search(r"<dt>This week</dt><dd>([\d.]+) km</dd>", page)
    assert this_week, page
    monday = dt.date.today() - dt.timedelta(days=dt.date.today().weekday())
    assert (float(this_week.group(1)) > 10) == (run_day >= monday)
    assert "14.9" in page, "the run's distance, in the week bars or the done table"
    assert re.search(r"<dt>Time</dt><dd>\d+ min</dd>", page)
    assert "06:45 · long · 21.1 km · Half" in page
    assert "running" in page
    run_id = job.report["files"][0]["activities"][0]
    assert f'href="/runs/{run_id}"' in page
    detail = client.get(f"/runs/{run_id}")
    assert detail.status_code == 200
    assert "14.9" in detail.text
    assert client.get("/runs/987654").status_code == 404


def test_a_running_import_is_polled_until_it_ends(client: TestClient, settings: Settings) -> None:
    csrf(client)
    ctx = ctx_for(settings)
    job_id = ctx.data.submit_job(run_imports.KIND, title="big.zip", params={"name": "big.zip"}, chunks=[b"x"])
    claimed = jobs.rows(ctx).claim(job_id=job_id, stale_after=3600)  # as a worker would take it
    assert claimed is not None
    jobs.rows(ctx).progress(job_id, 3, 10)
    page = client.get("/runs").text
    assert f'hx-get="/runs/jobs/{job_id}"' in page
    assert 'hx-trigger="every 1s"' in page
    line = client.get(f"/runs/jobs/{job_id}").text
    assert "importing: 3 files of 10 looked at" in line
    assert 'value="30"' in line
    jobs.rows(ctx).finish(
        job_id, report={"files": [], "counts": dict.fromkeys(("imported", "duplicate", "skipped", "refused"), 0)}
    )
    ended = client.get(f"/runs/jobs/{job_id}").text
    assert "done: 0 imported" in ended
    assert "hx-get" not in ended


def test_upload_needs_the_csrf_token_and_a_file(client: TestClient, settings: Settings) -> None:
    token = csrf(client)
    refused = client.post("/runs/upload", files=[("file", (RUN_FIT.name, RUN_FIT.read_bytes()))])
    assert refused.status_code == 403
    empty = _upload(client, token, ("nothing.fit", b""))
    assert empty.status_code == 422
    assert "nothing.fit" in empty.text
    assert 'id="file-error"' in empty.text
    none = client.post("/runs/upload", data={"csrf_token": token}, follow_redirects=False)
    assert none.status_code == 422
    assert "Choose a file first" in none.text
    assert jobs.recent(ctx_for(settings)) == []


def test_a_fit_and_a_zip_in_one_form(client: TestClient, settings: Settings) -> None:
    token = csrf(client)
    start = dt.datetime(2026, 6, 1, 6, tzinfo=dt.UTC)
    bundle = zip_of({f"activities/{n}.gpx": shifted_gpx(start + dt.timedelta(days=n)) for n in range(3)})
    assert _upload(client, token, (RUN_FIT.name, RUN_FIT.read_bytes()), ("export.zip", bundle)).status_code == 303
    done = _wait_done(settings)
    assert sorted(j.report["counts"]["imported"] for j in done) == [1, 3]
    assert len(ctx_for(settings).data.activities()) == 4


def test_a_bad_planned_run_says_why_beside_the_field_and_writes_nothing(client: TestClient, settings: Settings) -> None:
    token = csrf(client)
    for values, field_text in (
        ({"date": "2026-13-40"}, "2026-13-40"),
        ({"date": "2026-12-20", "distance": "far"}, "Distance in kilometres"),
        ({"date": "2026-12-20", "minutes": "1.5"}, "Minutes as a whole number"),
        ({"date": "2026-12-20", "kind": "jog"}, "jog"),
        ({"date": "2026-12-20", "time": "25:00"}, "25:00"),
    ):
        answer = client.post("/runs/planned", data={"csrf_token": token} | values)
        assert answer.status_code == 422, values
        assert re.search(r'<p class="error" role="alert">[^<]*' + re.escape(field_text), answer.text), values
    assert client.post("/runs/planned", data={"date": "2026-12-20"}).status_code == 403
    assert ctx_for(settings).data.planned_runs() == []


def test_delete_a_planned_run_from_the_page(client: TestClient, settings: Settings) -> None:
    token = csrf(client)
    day = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    client.post("/runs/planned", data={"csrf_token": token, "date": day, "kind": "easy"})
    (planned,) = ctx_for(settings).data.planned_runs()
    assert f'action="/runs/p{planned.id}/delete"' in client.get("/runs").text
    assert client.post(f"/runs/p{planned.id}/delete").status_code == 403
    gone = client.post(f"/runs/p{planned.id}/delete", data={"csrf_token": token}, follow_redirects=False)
    assert gone.status_code == 303
    assert ctx_for(settings).data.planned_runs() == []
    assert client.post(f"/runs/p{planned.id}/delete", data={"csrf_token": token}).status_code == 404


def test_an_upload_over_the_cap_is_413_and_queues_nothing(settings: Settings) -> None:
    from supple.web.app import create_app
    from tests.web.conftest import BASE, LOOPBACK

    with TestClient(create_app(settings, body_limits={"/runs/upload": 1000}), base_url=BASE, client=LOOPBACK) as small:
        token = csrf(small)
        too_big = _upload(small, token, (RUN_FIT.name, RUN_FIT.read_bytes()))
        assert too_big.status_code == 413
        assert jobs.recent(ctx_for(settings)) == []
