"""/api/v1/runs and /api/v1/jobs on SQLite (the app's own job thread) and PostgreSQL (a worker runs the job)."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services import jobs
from supple.services.context import Context
from supple.web.app import create_app
from tests.conftest import _drop, _postgres_url
from tests.contexts import ctx_for
from tests.importers.exports_built import ACTIVITIES, strava_export
from tests.web.conftest import BASE, LOOPBACK, problem

FIT = ACTIVITIES / "fit" / "activity-small-fenix2-run.fit"
GPX = ACTIVITIES / "gpx" / "korita-zbevnica.gpx"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def run_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    if request.param == "sqlite":
        yield Settings(data_dir=tmp_path / "data")
        return
    url = _postgres_url()
    try:
        yield Settings(data_dir=tmp_path / "data", database_url_override=url)
    finally:
        jobs.stop_local()
        _drop(url)


@pytest.fixture
def api(run_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(run_settings), base_url=BASE, client=LOOPBACK) as test_client:
        yield test_client


def finished(client: TestClient, settings: Settings, job_id: str, *, timeout: float = 120) -> dict[str, Any]:
    """The job once done or failed; on PostgreSQL a worker runs what is waiting while we wait."""
    ctx = ctx_for(settings)
    give_up = time.monotonic() + timeout
    while True:
        answer = client.get(f"/api/v1/jobs/{job_id}")
        assert answer.status_code == 200, answer.text
        job: dict[str, Any] = answer.json()
        if job["state"] in ("done", "failed"):
            return job
        assert time.monotonic() < give_up, f"job still {job['state']} after {timeout} s: {job}"
        if not ctx.data.local_reads:
            assert job["state"] == "queued", "nothing runs a PostgreSQL job before a worker does"
            jobs.worker(Context.for_process(settings, jobs.JOB_ACTOR), once=True)
        else:
            time.sleep(0.1)


def stored_jobs(settings: Settings) -> int:
    return len(ctx_for(settings).data.recent_jobs(limit=100))


# -- the list -------------------------------------------------------------------------------------------
def test_list_window_and_bad_dates(api: TestClient) -> None:
    assert api.get("/api/v1/runs").json() == []
    made = api.post("/api/v1/runs/planned", json={"date": "2026-12-12", "time": "07:30", "kind": "long"})
    assert made.status_code == 201, made.text
    run_id = made.json()["id"]
    assert run_id.startswith("p")
    listed = api.get("/api/v1/runs", params={"from": "2026-12-01", "to": "2026-12-31"}).json()
    assert [(r["id"], r["kind"], r["at"], r["planned"]) for r in listed] == [(run_id, "long", "07:30", True)]
    assert api.get("/api/v1/runs", params={"from": "2026-12-13"}).json() == []
    assert api.get("/api/v1/runs", params={"to": "2026-12-11"}).json() == []
    body = problem(api.get("/api/v1/runs", params={"from": "12/01/2026"}), 422, "from")
    assert "12/01/2026" in body["detail"]
    problem(api.get("/api/v1/runs", params={"to": "2026-13-01"}), 422, "to")
    problem(api.get("/api/v1/runs", params={"from": "2026-12-10", "to": "2026-12-01"}), 422, "from")


def test_plan_refuses_bad_values_and_loose_types(api: TestClient) -> None:
    assert problem(api.post("/api/v1/runs/planned", json={"date": "2026-12-12", "kind": "jog"}), 422, "kind")
    assert api.post("/api/v1/runs/planned", json={"date": "12 Dec"}).status_code == 422
    for loose in ({"date": "2026-12-12", "minutes": "40"}, {"date": 20261212}, {"date": "2026-12-12", "x": 1}):
        assert api.post("/api/v1/runs/planned", json=loose).status_code == 422, loose
    assert api.post("/api/v1/runs/planned", json={"date": "2026-12-12", "distance_km": 0}).status_code == 422
    assert api.get("/api/v1/runs").json() == []


def test_delete_done_and_planned_and_unknown(api: TestClient, run_settings: Settings) -> None:
    planned = api.post("/api/v1/runs/planned", json={"date": "2026-12-12"}).json()["id"]
    job = api.post("/api/v1/runs/imports", content=FIT.read_bytes(), headers={"X-Filename": FIT.name}).json()
    assert finished(api, run_settings, job["id"])["state"] == "done"
    done = [r["id"] for r in api.get("/api/v1/runs").json() if not r["planned"]]
    assert len(done) == 1
    assert api.delete(f"/api/v1/runs/{planned}").status_code == 204
    assert api.delete(f"/api/v1/runs/{done[0]}").status_code == 204
    assert api.get("/api/v1/runs").json() == []
    assert api.delete(f"/api/v1/runs/{planned}").status_code == 404
    assert api.delete("/api/v1/runs/99999").status_code == 404
    problem(api.delete("/api/v1/runs/yesterday"), 422, "id")


def test_another_athletes_runs_and_jobs_are_not_found(api: TestClient, run_settings: Settings) -> None:
    other = ctx_for(run_settings, "someone-else")
    from supple.services import run_imports, runs

    run_id = runs.add_planned(other, "2026-12-12")
    with FIT.open("rb") as data:
        job = run_imports.upload(other, FIT.name, data)
    assert api.delete(f"/api/v1/runs/p{run_id}").status_code == 404
    assert api.get(f"/api/v1/jobs/{job.id}").status_code == 404
    assert api.get("/api/v1/runs").json() == []
    theirs = runs.runs_list(runs.list_runs(ctx_for(run_settings, "someone-else")))
    assert f"p{run_id}" in [r["id"] for r in theirs], "still there, untouched"


# -- imports --------------------------------------------------------------------------------------------
def test_raw_upload_imports_and_again_is_all_duplicates(api: TestClient, run_settings: Settings) -> None:
    started = api.post("/api/v1/runs/imports", content=FIT.read_bytes(), headers={"X-Filename": FIT.name})
    assert started.status_code == 202, started.text
    job = started.json()
    assert started.headers["Location"] == f"/api/v1/jobs/{job['id']}"
    assert job["title"] == FIT.name
    report = finished(api, run_settings, job["id"])
    assert report["state"] == "done", report
    assert report["report"]["counts"] == {"imported": 1, "duplicate": 0, "skipped": 0, "refused": 0}
    listed = api.get("/api/v1/runs").json()
    assert len(listed) == 1
    assert listed[0]["id"] in report["report"]["files"][0]["activities"]
    assert listed[0]["date"] == "2015-08-15" or listed[0]["start"].startswith("20")

    again = api.post("/api/v1/runs/imports", content=FIT.read_bytes(), headers={"X-Filename": FIT.name}).json()
    second = finished(api, run_settings, again["id"])
    assert second["report"]["counts"]["duplicate"] == 1
    assert second["report"]["counts"]["imported"] == 0
    assert len(api.get("/api/v1/runs").json()) == 1


def test_multipart_upload(api: TestClient, run_settings: Settings) -> None:
    started = api.post("/api/v1/runs/imports", files={"file": (GPX.name, GPX.read_bytes(), "application/gpx+xml")})
    assert started.status_code == 202, started.text
    report = finished(api, run_settings, started.json()["id"])
    assert report["report"]["counts"]["imported"] == 1, report
    assert report["title"] == GPX.name
    assert len(api.get("/api/v1/runs").json()) == 1


def test_bad_uploads_are_refused_and_store_nothing(api: TestClient, run_settings: Settings) -> None:
    body = problem(api.post("/api/v1/runs/imports", content=b"", headers={"X-Filename": "a.fit"}), 422, "file")
    assert "a.fit" in body["detail"]
    problem(api.post("/api/v1/runs/imports", content=FIT.read_bytes()), 422, "file name")
    # httpx escapes a control character in a file name, so the multipart body is written here.
    bound = "b0undary"
    raw = (
        (
            f'--{bound}\r\nContent-Disposition: form-data; name="file"; filename="run\x07.fit"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + FIT.read_bytes()
        + f"\r\n--{bound}--\r\n".encode()
    )
    bad_name = api.post(
        "/api/v1/runs/imports", content=raw, headers={"Content-Type": f"multipart/form-data; boundary={bound}"}
    )
    problem(bad_name, 422, "file name")
    problem(api.post("/api/v1/runs/imports", files={"other": ("a.fit", b"x")}), 422, "file")
    assert stored_jobs(run_settings) == 0
    assert api.get("/api/v1/runs").json() == []


def test_an_upload_over_the_cap_is_413_and_stores_nothing(run_settings: Settings) -> None:
    app = create_app(run_settings, body_limits={"/api/v1/runs/imports": 1000})
    with TestClient(app, base_url=BASE, client=LOOPBACK) as client:
        too_big = client.post("/api/v1/runs/imports", content=FIT.read_bytes(), headers={"X-Filename": FIT.name})
        assert too_big.status_code == 413, too_big.text
        assert too_big.headers["content-type"] == "application/problem+json"
        multipart = client.post("/api/v1/runs/imports", files={"file": (FIT.name, FIT.read_bytes())})
        assert multipart.status_code == 413
        assert stored_jobs(run_settings) == 0
        assert client.get("/api/v1/runs").json() == []


def test_a_strava_zip_imports_every_activity(api: TestClient, run_settings: Settings, tmp_path: Path) -> None:
    archive, expected = strava_export(tmp_path)
    with zipfile.ZipFile(archive) as bundle:
        assert {n for n in bundle.namelist() if n.startswith("activities/")} == set(expected)
    started = api.post("/api/v1/runs/imports", content=archive.read_bytes(), headers={"X-Filename": archive.name})
    report = finished(api, run_settings, started.json()["id"])
    assert report["state"] == "done", report
    counts = report["report"]["counts"]
    assert counts["imported"] == len(expected), report["report"]
    assert report["done"] >= len(expected)  # every file in the zip, activities or not
    assert len([r for r in api.get("/api/v1/runs").json() if not r["planned"]]) == len(expected)
