"""Importing a Strava-like export: the whole import, a re-import, and full FIT decoding of the same files.

Builds (once, cached in the temp folder) a Strava-like bulk export: ``activities.csv`` and
``activities/`` holding mostly gzipped FIT files (written with fit-tool, an hour's run of
records each), some GPX and some TCX, each activity on its own day. Then, in
the same run:

- the whole import, ``supple runs import export.zip`` into a new SQLite database, in a child
  process (time and peak memory);
- the same import again (every file already there);
- a full decode of the same FIT files with fitdecode (every message, as an importer that reads
  the whole file would), in a child process;

and prints the figures with ratios. Targets (issue #11): the import < 10 s, >= 10x faster than
full decoding, peak memory < 150 MB; the re-import < 3 s.

    python benchmarks/runs_import.py [--files 2000] [--quick]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.importers.fit_files import activity_file  # noqa: E402 - after the path is set

START = dt.datetime(2019, 1, 1, 6, 30, tzinfo=dt.UTC)
#: Records per FIT file: one every 6 s of an hour's run. fit-tool writes about a thousand records a
#: second here, so the export takes a while to build the first time (it is cached).
RECORDS = 600


def _gpx(start: dt.datetime, points: int) -> bytes:
    rows = []
    for n in range(points):
        moment = (start + dt.timedelta(seconds=5 * n)).strftime("%Y-%m-%dT%H:%M:%SZ")
        rows.append(
            f'<trkpt lat="{46.0 + n * 0.00003:.6f}" lon="{14.5 + n * 0.00002:.6f}"><time>{moment}</time></trkpt>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="bench" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><type>running</type><trkseg>'
        + "".join(rows)
        + "</trkseg></trk></gpx>"
    ).encode()


def _tcx(start: dt.datetime, points: int) -> bytes:
    rows = []
    for n in range(points):
        moment = (start + dt.timedelta(seconds=5 * n)).strftime("%Y-%m-%dT%H:%M:%SZ")
        rows.append(f"<Trackpoint><Time>{moment}</Time><DistanceMeters>{n * 14.0:.1f}</DistanceMeters></Trackpoint>")
    first = start.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TrainingCenterDatabase '
        'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>'
        f'<Activity Sport="Running"><Id>{first}</Id><Lap StartTime="{first}">'
        f"<TotalTimeSeconds>{5 * (points - 1)}</TotalTimeSeconds><DistanceMeters>{(points - 1) * 14.0}</DistanceMeters>"
        f"<Track>{''.join(rows)}</Track></Lap></Activity></Activities></TrainingCenterDatabase>"
    ).encode()


def build_export(target: Path, files: int) -> tuple[Path, Path]:
    """The export zip and a folder of the plain FIT files in it (for the full decode)."""
    export = target / f"strava-{files}.zip"
    fits = target / f"fits-{files}"
    if export.exists() and fits.exists():
        return export, fits
    fits.mkdir(parents=True, exist_ok=True)
    rows = []
    with zipfile.ZipFile(export, "w", zipfile.ZIP_STORED) as out:
        for n in range(files):
            start = START + dt.timedelta(days=n)
            kind = "gpx" if n % 20 == 7 else ("tcx" if n % 20 == 13 else "fit")
            if kind == "fit":
                data = activity_file(start, elapsed=3600, timer=3550, metres=10_000 + n, records=RECORDS, avg_hr=150)
                (fits / f"{n}.fit").write_bytes(data)
                name = f"activities/{n}.fit.gz"
                out.writestr(name, gzip.compress(data, compresslevel=6))
            else:
                data = _gpx(start, 720) if kind == "gpx" else _tcx(start, 720)
                name = f"activities/{n}.{kind}"
                out.writestr(name, data)
            rows.append(
                {
                    "Activity ID": str(n),
                    "Activity Date": start.strftime("%b %d, %Y, %I:%M:%S %p"),
                    "Activity Name": f"Morning Run {n}",
                    "Activity Type": "Run",
                    "Filename": name,
                }
            )
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        out.writestr("activities.csv", text.getvalue())
    return export, fits


def _child(args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Seconds and peak memory (MB) of one child process; its stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=True, timeout=3600)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024, done.stdout


FULL_DECODE = """
import sys, fitdecode
from pathlib import Path
count = 0
for path in sorted(Path(sys.argv[1]).glob("*.fit")):
    with fitdecode.FitReader(str(path)) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                count += len(frame.fields)
print(count)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="150 files (a smoke run, not the issue's figure)")
    args = parser.parse_args()
    files = 150 if args.quick else args.files
    cache = Path(tempfile.gettempdir()) / "supple-bench-runs"
    cache.mkdir(exist_ok=True)
    print(f"Building a Strava-like export of {files} activities (cached in {cache})…", flush=True)
    export, fits = build_export(cache, files)
    size = export.stat().st_size / 2**20
    print(f"export: {size:.0f} MB, {len(list(fits.glob('*.fit')))} FIT files", flush=True)
    with tempfile.TemporaryDirectory() as data:
        env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
        env |= {"SUPPLE_DATA_DIR": data, "PYTHONPATH": str(ROOT / "src")}
        command = [sys.executable, "-m", "supple", "runs", "import", str(export), "--json"]
        first, peak, out = _child(command, env)
        imported = out.count('"imported"')
        again, _, out_again = _child(command, env)
        duplicates = out_again.count('"duplicate"')
    full, full_peak, _ = _child([sys.executable, "-c", FULL_DECODE, str(fits)], os.environ.copy())
    print(f"import:      {first:7.2f} s, peak {peak:5.0f} MB, {imported} files imported")
    print(f"re-import:   {again:7.2f} s, {duplicates} duplicates")
    print(f"full decode: {full:7.2f} s (fitdecode, FIT files only), peak {full_peak:5.0f} MB")
    print(
        f"full decode ÷ import: {full / first:.1f}x (target >= 10x); import < 10 s: {first < 10}; "
        f"re-import < 3 s: {again < 3}; peak < 150 MB: {peak < 150}"
    )


if __name__ == "__main__":
    main()
