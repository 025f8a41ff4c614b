"""Importing real activity files, on SQLite and PostgreSQL: a report line per file, nothing stored twice
(the same file again, or the same activity from a FIT and a GPX file, FIT preferred), two processes at
once, and an import killed with SIGKILL half-way then run again."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from supple.config import Settings
from supple.core.errors import InvalidInput
from supple.services import runs
from supple.services.context import Context
from supple.store.engine import make_engine
from supple.store.repository import open_store
from tests.contexts import ctx_for
from tests.importers.exports_built import garmin_export, strava_export
from tests.services.runs_files import ACTIVITIES, FIT_RUN, gpx_of_fit, many_runs


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data", database_url_override=database_url)


def _rows(settings: Settings) -> tuple[int, int]:
    engine = open_store(settings.database_url).engine
    try:
        with engine.connect() as conn:
            return (
                conn.execute(sa.text("SELECT count(*) FROM activities")).scalar_one(),
                conn.execute(sa.text("SELECT count(*) FROM activity_files")).scalar_one(),
            )
    finally:
        engine.dispose()


def test_every_real_file_gets_a_line_and_a_second_import_stores_nothing(settings: Settings) -> None:
    seen: list[tuple[int, int]] = []
    first = runs.import_paths(ctx_for(settings), [ACTIVITIES], progress=lambda done, total: seen.append((done, total)))
    by_name = {line.path.rsplit("/", 1)[-1]: line for line in first.files}
    assert seen[0][0] == 0
    assert seen[-1] == (len(first.files), len(first.files)), "the count beforehand matches the files walked"
    assert [d for d, _ in seen] == list(range(len(first.files) + 1))
    assert by_name["activity-large-fenxi2-multisport.fit"].status == "imported"
    assert len(by_name["activity-large-fenxi2-multisport.fit"].activities) >= 3, "one activity per leg"
    assert by_name["route.gpx"].status == "skipped"
    assert "route" in by_name["route.gpx"].reason
    assert by_name["compressed-speed-distance.fit"].status == "refused"
    assert "1990" in by_name["compressed-speed-distance.fit"].reason
    assert by_name["README.md"].status == "skipped"
    assert first.count("imported") >= 30
    rows = _rows(settings)
    assert rows[0] >= 30

    again = runs.import_paths(ctx_for(settings), [ACTIVITIES])
    assert [line.path for line in again.files] == [line.path for line in first.files]
    for before, after in zip(first.files, again.files, strict=True):
        if before.status in ("imported", "duplicate"):
            assert after.status == "duplicate", after
            assert after.activities == before.activities, after
        else:
            assert after.status == before.status, after
    assert _rows(settings) == rows, "nothing stored twice"


def test_a_fit_and_a_gpx_of_the_same_run_are_one_activity_fit_preferred_in_either_order(
    settings: Settings, tmp_path: Path
) -> None:
    gpx = tmp_path / "run.gpx"
    gpx.write_text(gpx_of_fit(FIT_RUN), encoding="utf-8")
    for athlete, order in (("amy", [FIT_RUN, gpx]), ("bob", [gpx, FIT_RUN])):
        ctx = ctx_for(settings, athlete)
        lines = [runs.import_paths(ctx, [path]).files[0] for path in order]
        assert [line.status for line in lines] == ["imported", "duplicate"], (athlete, lines)
        assert lines[0].activities == lines[1].activities
        [stored] = ctx.data.activities()
        assert stored.format == "fit", athlete
        assert stored.source.endswith(".fit")
        assert stored.activity.local_offset is not None, "the FIT's figures, with its local offset"
        assert stored.activity.distance_m == pytest.approx(9008.22, abs=1)


def test_a_gzipped_copy_and_a_zip_upload_are_the_same_files(settings: Settings, tmp_path: Path) -> None:
    ctx = ctx_for(settings)
    runs.import_paths(ctx, [FIT_RUN])
    packed = tmp_path / "run.fit.gz"
    packed.write_bytes(gzip.compress(FIT_RUN.read_bytes()))
    assert runs.import_paths(ctx, [packed]).files[0].status == "duplicate", "hash of the decompressed bytes"
    upload = io.BytesIO()
    with zipfile.ZipFile(upload, "w") as archive:
        archive.write(FIT_RUN, "export/activities/1.fit")
        archive.write(ACTIVITIES / "tcx" / "sup_activity_1.tcx", "export/activities/2.tcx")
        archive.writestr("export/notes.txt", "hello")
    upload.seek(0)
    report = runs.import_upload(ctx_for(settings), "export.zip", upload)
    assert [line.status for line in report.files] == ["duplicate", "imported", "skipped"], report
    assert report.files[0].path.startswith("export.zip/")
    assert _rows(settings)[0] == 2


def test_paths_that_cannot_be_read(settings: Settings, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no such file"):
        runs.import_paths(ctx_for(settings), [tmp_path / "missing", tmp_path / "gone.fit"])
    assert _rows(settings) == (0, 0)
    report = runs.import_paths(ctx_for(settings), [tmp_path / "missing", FIT_RUN])
    assert [line.status for line in report.files] == ["refused", "imported"]
    assert "no such file" in report.files[0].reason


def test_hand_runs_planned_runs_and_the_list(settings: Settings) -> None:
    ctx = ctx_for(settings)
    runs.import_paths(ctx, [FIT_RUN])
    hand = runs.add_done_by_hand(ctx, "2015-08-20", "18:00", 30, 5.0, sport="treadmill")
    planned = runs.add_planned(ctx, "2015-08-22", "07:30", "long", 18, None, "Long run")
    for bad in (
        lambda: runs.add_planned(ctx, "2015-02-30", None),
        lambda: runs.add_planned(ctx, "2015-08-22", "7h", "easy"),
        lambda: runs.add_planned(ctx, "2015-08-22", None, "tempo"),
        lambda: runs.add_planned(ctx, "2015-08-22", None, "easy", -3),
        lambda: runs.add_done_by_hand(ctx, "2015-08-22", "07:00", 0),
        lambda: runs.delete_run(ctx, "p999"),
        lambda: runs.delete_run(ctx, "x1"),
    ):
        with pytest.raises(InvalidInput):
            bad()
    listed = runs.runs_list(runs.list_runs(ctx))
    assert [row["id"] for row in listed] == [f"p{planned}", hand, listed[2]["id"]]
    assert listed[0]["planned"] is True
    assert listed[0]["distance_m"] == 18_000.0
    assert listed[2]["start"] == "2015-08-15T14:45:08+00:00"
    assert listed[2]["local_offset"] == "+02:00"
    window = runs.list_runs(ctx, since=dt.date(2015, 8, 16))
    assert len(window.done) == 1
    assert len(window.planned) == 1
    assert runs.delete_run(ctx, f"p{planned}") == f"planned run p{planned}"
    assert runs.delete_run(ctx, str(hand)) == f"run {hand}"
    assert len(runs.runs_list(runs.list_runs(ctx))) == 1


IMPORTER = "from supple.cli.app import main; import sys; sys.argv = ['supple', 'runs', 'import', *sys.argv[1:]]; main()"


def _env(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
    return env | {"SUPPLE_DATA_DIR": str(settings.data_dir), "SUPPLE_DATABASE_URL": settings.database_url}


def test_an_import_killed_half_way_then_run_again_ends_with_every_activity_once(
    settings: Settings, tmp_path: Path
) -> None:
    count = 300
    folder = many_runs(tmp_path / "runs", count)
    runs.list_runs(ctx_for(settings))  # the schema is made before the race
    engine = make_engine(settings.database_url)
    process = subprocess.Popen([sys.executable, "-c", IMPORTER, str(folder)], env=_env(settings))
    stored = 0
    try:
        while process.poll() is None and stored < 10:
            with engine.connect() as conn:
                stored = conn.execute(sa.text("SELECT count(*) FROM activities")).scalar_one()
            time.sleep(0.005)
        os.kill(process.pid, signal.SIGKILL)
    finally:
        assert process.wait(timeout=120) == -signal.SIGKILL, "killed before it finished"
        engine.dispose()
    half = _rows(settings)
    assert 10 <= half[0] < count, half
    assert half[0] == half[1], "each file whole or not at all"
    report = runs.import_paths(ctx_for(settings), [folder])
    assert report.count("duplicate") >= half[0]
    assert report.count("imported") + report.count("duplicate") == count
    assert _rows(settings) == (count, count)


def test_two_processes_importing_the_same_folder_store_each_activity_once(settings: Settings, tmp_path: Path) -> None:
    folder = many_runs(tmp_path / "runs", 40)
    (folder / "run.fit").write_bytes(FIT_RUN.read_bytes())
    (folder / "run.gpx").write_text(gpx_of_fit(FIT_RUN), encoding="utf-8")
    runs.list_runs(ctx_for(settings))
    importers = [
        subprocess.Popen(
            [sys.executable, "-c", IMPORTER, str(folder), "--json"], env=_env(settings), stdout=subprocess.PIPE
        )
        for _ in range(2)
    ]
    for process in importers:
        out, _ = process.communicate(timeout=300)
        assert process.returncode == 0, out
    assert _rows(settings) == (41, 42)
    [fit] = [a for a in ctx_for(settings).data.activities() if a.activity.sport == "running"]
    assert fit.format == "fit"


def test_a_strava_and_a_garmin_export_built_from_the_real_files(settings: Settings, tmp_path: Path) -> None:
    strava, _ = strava_export(tmp_path)
    garmin, _ = garmin_export(tmp_path)
    ctx = ctx_for(settings)
    first = runs.import_paths(ctx, [strava])
    assert first.count("imported") == 6, first
    sports = {a.source.rsplit("/", 1)[-1]: a.activity.sport for a in ctx.data.activities()}
    assert sports["8103.gpx.gz"] == "walking", "a GPX track with no type takes the export's word (Walk)"
    assert sports["8105.gpx"] == "hiking", "Hike"
    assert sports["8101.fit.gz"] == "running"
    second = runs.import_paths(ctx, [garmin])
    assert second.count("imported") == 5, second
    assert sports_of(ctx)["runner@example.com_9001005.gpx"] == "running", "Garmin's summary says running"
    rows = _rows(settings)
    with garmin.open("rb") as upload:
        again = runs.import_upload(ctx_for(settings), garmin.name, upload)
    assert {line.status for line in again.files} <= {"duplicate", "skipped"}
    assert again.count("duplicate") == 5
    assert _rows(settings) == rows


def sports_of(ctx: Context) -> dict[str, str]:
    return {a.source.rsplit("/", 1)[-1]: a.activity.sport for a in ctx.data.activities()}
