"""Imports of runs as background jobs: files and folders on this machine, or one uploaded file.

The job's report is the import's (``{"files": [...]}``, as ``supple runs import --json``
prints it) with a count per status. An uploaded file travels to the worker inside the job
(``store.job_rows``), so a worker on any machine can run it, and a job started again after its
worker died reads it again from the start: the import stores each activity once however often
it runs.
"""

from __future__ import annotations

import tempfile
import unicodedata
from collections.abc import Iterator
from typing import IO, Any

from supple.jobs import Progress
from supple.services import runs
from supple.services.context import Context
from supple.services.errors import InvalidInput
from supple.services.jobs import JobView, kind, rows, run_here, submit
from supple.store.job_rows import CHUNK, JobRow

KIND = "runs.import"
#: An upload is kept in memory up to this size while a worker reads it, then in a temporary file.
SPOOL_BYTES = 16 * 2**20
#: The largest upload the web app takes (a Strava export of ~2,000 activities is about 300 MB);
#: import a larger one with `supple runs import` on the server.
MAX_UPLOAD = 1 * 2**30
#: The longest uploaded file name kept.
MAX_NAME = 200


def _report(found: runs.ImportReport) -> dict[str, Any]:
    return found.as_dict() | {"counts": {status: found.count(status) for status in runs.STATUSES}}


@kind(KIND)
def _run(ctx: Context, job: JobRow, progress: Progress) -> dict[str, Any]:
    paths = job.params.get("paths")
    if paths:
        return _report(runs.import_paths(ctx, [str(p) for p in paths], progress=progress))
    with tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES) as spool:
        for chunk in rows(ctx).file_chunks(job.id):
            spool.write(chunk)
        spool.seek(0)
        upload: IO[bytes] = spool
        return _report(runs.import_upload(ctx, job.title or "upload", upload, progress=progress))


def import_here(ctx: Context, paths: list[str], *, progress: Progress) -> JobView:
    """Import ``paths`` now, in this process, as a job (its row and report kept); bad paths raise InvalidInput."""
    title = paths[0] if len(paths) == 1 else f"{paths[0]} and {len(paths) - 1} more"
    return run_here(ctx, KIND, title=title, params={"paths": paths}, progress=progress)


def upload_name(name: str) -> str:
    """An uploaded file's own name (any folders a client sent dropped); InvalidInput when it will not do."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not base:
        raise InvalidInput("file name", name, "the file's name, ending .fit, .gpx, .tcx (each maybe .gz) or .zip")
    if len(base) > MAX_NAME or any(unicodedata.category(c).startswith("C") for c in base):
        expected = f"a name of at most {MAX_NAME} characters without control characters"
        raise InvalidInput("file name", base[:40], expected)
    return base


def upload(ctx: Context, name: str, data: IO[bytes]) -> JobView:
    """Queue the import of one uploaded file called ``name`` (a FIT, GPX or TCX file, gzipped or not, or a zip).

    The file is checked to be non-empty and kept with the job, read ``CHUNK`` bytes at a time."""
    title = upload_name(name)
    first = data.read(CHUNK)
    if not first:
        raise InvalidInput("file", title, "a file with something in it: a FIT, GPX or TCX file, or a zip of them")

    def chunks() -> Iterator[bytes]:
        yield first
        while piece := data.read(CHUNK):
            yield piece

    return submit(ctx, KIND, title=title, params={"name": title}, chunks=chunks())
