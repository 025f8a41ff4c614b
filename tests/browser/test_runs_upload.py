"""Importing runs on the Runs page in a real browser: choose a file, send it, watch the import end.

A server of its own (a fresh SQLite database), so the runs imported here change no other test's week.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.conftest import Server, Tab
from tests.runs_built import RUN_FIT, shifted_gpx, zip_of
from tests.serving import serving

#: Long enough for the app's job thread to import a few files on a busy machine.
IMPORT_WAIT_MS = 120_000


@pytest.fixture(scope="module")
def runs_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data = tmp_path_factory.mktemp("browser-runs") / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
    env |= {"SUPPLE_DATA_DIR": str(data)}
    with serving(env, log=tmp_path_factory.getbasetemp() / "serve-runs.log") as (url, process):
        yield Server(url, data, process, env)


def _send(tab: Tab, server: Server, *files: Path) -> None:
    page = tab.page
    page.goto(f"{server.url}/runs")
    page.locator("#upload-file").set_input_files([str(f) for f in files])
    with page.expect_navigation():
        page.get_by_role("button", name="Import").click()


def test_a_fit_file_and_a_recent_gpx_are_imported_and_listed(runs_server: Server, desktop: Tab, tmp_path: Path) -> None:
    recent = tmp_path / "this-morning.gpx"
    start = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(hours=3)
    recent.write_bytes(shifted_gpx(start))
    _send(desktop, runs_server, recent)
    line = desktop.page.locator("li.import-line").filter(has_text="this-morning.gpx")
    line.get_by_text("done: 1 imported").wait_for(timeout=IMPORT_WAIT_MS)
    desktop.page.reload()
    table = desktop.page.locator("table.runs-table")
    assert "14.9" in table.inner_text()
    assert "running" in table.inner_text()

    _send(desktop, runs_server, RUN_FIT)
    fit_line = desktop.page.locator("li.import-line").filter(has_text=RUN_FIT.name)
    fit_line.get_by_text("done: 1 imported").wait_for(timeout=IMPORT_WAIT_MS)
    desktop.expect_clean()
    listed = desktop.page.request.get(f"{runs_server.url}/api/v1/runs").json()
    assert len(listed) == 2


def test_a_zip_export_imports_all_its_runs(runs_server: Server, desktop: Tab, tmp_path: Path) -> None:
    first = dt.datetime(2025, 3, 1, 7, tzinfo=dt.UTC)
    export = tmp_path / "export_42.zip"
    export.write_bytes(zip_of({f"activities/{n}.gpx": shifted_gpx(first + dt.timedelta(days=n)) for n in range(4)}))
    _send(desktop, runs_server, export)
    line = desktop.page.locator("li.import-line").filter(has_text="export_42.zip")
    line.get_by_text("done: 4 imported").wait_for(timeout=IMPORT_WAIT_MS)
    desktop.expect_clean()
    listed = desktop.page.request.get(f"{runs_server.url}/api/v1/runs?from=2025-03-01&to=2025-03-31").json()
    assert len(listed) == 4
