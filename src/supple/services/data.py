"""Your data is yours: export an athlete to a zip, import it back, delete it, back up the database.

The zip (format ``supple-export``, version ``FORMAT_VERSION``) holds:

- ``supple-export.json``: what was exported (format, version, time, app version, athlete)
  and every table as a list of rows; the file an import reads;
- one ``TABLE.csv`` per table (UTF-8, a header row): the same rows for a spreadsheet;
- ``README.txt``: what each file holds and how to restore it, in plain words.

An import is strict: anything that is not such a zip, or any value that does not fit, is
refused with an ``InvalidInput`` naming the file, table, row and field, and nothing is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from supple import __version__
from supple.core.errors import InvalidInput
from supple.services.context import Context

FORMAT = "supple-export"
FORMAT_VERSION = 1
JSON_NAME = "supple-export.json"
README_NAME = "README.txt"
#: The most an import unpacks (the sum of the sizes the zip declares), checked before reading.
MAX_UNPACKED = 50 * 1024 * 1024
#: The most files an export zip may hold (ours holds one per table and two more).
MAX_MEMBERS = 200


# -- export ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Export:
    """An export zip and how many rows of each table it holds."""

    data: bytes
    rows: dict[str, int]

    @property
    def empty(self) -> bool:
        """True when the athlete does not exist in the database (nothing at all was exported)."""
        return not self.rows.get("athletes")


def export_zip(ctx: Context, *, now: dt.datetime | None = None) -> bytes:
    """The athlete's data as the bytes of a zip (see the module docstring)."""
    return export(ctx, now=now).data


def export(ctx: Context, *, now: dt.datetime | None = None) -> Export:
    """The athlete's data as a zip, with the rows per table."""
    tables = ctx.data.dump()
    when = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    document = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "exported_at": when.isoformat(),
        "app_version": __version__,
        "athlete": ctx.athlete,
        "tables": tables,
    }
    stamp = when.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def add(name: str, text: str) -> None:
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), text.encode("utf-8"), zipfile.ZIP_DEFLATED)

        add(README_NAME, readme(ctx.athlete, when, tables))
        add(JSON_NAME, json.dumps(document, indent=1, ensure_ascii=False) + "\n")
        for name, rows in tables.items():
            add(f"{name}.csv", _csv(ctx, name, rows))
    return Export(out.getvalue(), {name: len(rows) for name, rows in tables.items()})


def _csv(ctx: Context, table: str, rows: list[dict[str, Any]]) -> str:
    from supple.store.athlete_rows import columns

    names = columns()[table]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in names])
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


#: What each table holds, for the README (a table without a line here is still exported).
TABLE_WORDS = {
    "athletes": "you: the name Supple knows you by and when you started",
    "profiles": "your settings: run days and times, minutes a day, equipment, priorities, complaints, display name",
    "sessions": "every session logged: day, kind, planned minutes, seconds, when logged and finished",
    "session_items": "each exercise of each session (session_id links to sessions.csv) with what you reported",
    "assessment_results": "screening-test results: test, side, day, value",
    "soreness": "soreness ratings: day, region, 0-10, whether after a run",
    "level_history": "each ladder-level decision: exercise, day, level, progress/hold/regress and why",
    "red_flag_reports": "red flags you reported, their level, and the day a clinician cleared you",
    "session_followups": "how a session felt the next day: better, same or worse",
    "activities": "runs and other activities done: start (UTC), sport, times, distance, heart rate, source file",
    "activity_files": "each file an activity was read from (activity_id links to activities.csv) and its hash",
    "calendars": "training-plan calendars you subscribed to, and how their last read went",
    "planned_runs": "runs you plan to do: day, time, kind, distance or minutes, from you or a calendar",
}


def readme(athlete: str, when: dt.datetime, tables: dict[str, list[dict[str, Any]]]) -> str:
    lines = [
        "Your Supple data",
        "================",
        "",
        f"Everything Supple stored for the athlete {athlete!r}, exported on {when.isoformat()} "
        f"by Supple {__version__}.",
        "",
        f"{JSON_NAME}  all of it in one file (format {FORMAT!r}, version {FORMAT_VERSION}): what was",
        '    exported, then "tables": each table as a list of rows. This is the file an import reads.',
        "",
        "One CSV file per table holds the same rows for a spreadsheet (UTF-8, first row = column",
        "names; an empty cell is no value; lists are written as JSON). The files:",
        "",
    ]
    for name, rows in tables.items():
        words = TABLE_WORDS.get(name, "rows of this table")
        lines.append(f"  {name}.csv ({len(rows)} row{'' if len(rows) == 1 else 's'}): {words}")
    lines += [
        "",
        "Dates are YYYY-MM-DD; times are in UTC (ISO 8601). Each row's id is its number within",
        "this export, and columns ending in _id point at that number in another file (e.g. an",
        "item's session_id is the id of its row in sessions.csv).",
        "",
        "Not included: the private address of your calendar feed (a new one is made after an",
        "import) and anything about accounts or sign-ins.",
        "",
        "To restore it, into an athlete that has no data yet:",
        "",
        "    supple import-export THIS-FILE.zip --athlete NAME",
        "",
        "The import reads supple-export.json only; change the CSV files as you like, they are",
        "copies. An import checks everything first and writes nothing if anything is wrong.",
        "",
    ]
    return "\n".join(lines)


# -- import ------------------------------------------------------------------------------------
def read_zip(data: bytes) -> dict[str, Any]:
    """The document inside an export zip, checked to be ours; InvalidInput naming what is wrong."""
    if len(data) > MAX_UNPACKED:
        raise InvalidInput("export file", f"{len(data)} bytes", f"an export of at most {MAX_UNPACKED // 2**20} MB")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise InvalidInput("export file", "not a zip (or a damaged one)", "a zip exported from Supple") from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise InvalidInput("export file", f"{len(members)} files", f"at most {MAX_MEMBERS} files")
        declared = sum(m.file_size for m in members)
        if declared > MAX_UNPACKED:
            raise InvalidInput(
                "export file",
                f"{declared} bytes unpacked",
                f"at most {MAX_UNPACKED // 2**20} MB unpacked (this is not an export made by Supple)",
            )
        names = {m.filename: m for m in members}
        if JSON_NAME not in names:
            raise InvalidInput(
                "export file", f"no {JSON_NAME} in it", f"a zip exported from Supple, with {JSON_NAME} at the top"
            )
        try:
            with archive.open(names[JSON_NAME]) as member:
                raw = member.read(MAX_UNPACKED + 1)
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as error:
            raise InvalidInput(JSON_NAME, f"damaged ({error})", "a file that unpacks whole") from None
    if len(raw) > MAX_UNPACKED:
        raise InvalidInput(JSON_NAME, "larger than it says", f"at most {MAX_UNPACKED // 2**20} MB")
    try:
        document = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InvalidInput(JSON_NAME, "not UTF-8 text", "the JSON a Supple export holds") from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise InvalidInput(JSON_NAME, where, f"valid JSON ({error.msg})") from None
    except RecursionError:
        raise InvalidInput(JSON_NAME, "nested too deeply", "the JSON a Supple export holds") from None
    return _checked_header(document)


def _checked_header(document: Any) -> dict[str, Any]:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        found = document.get("format") if isinstance(document, dict) else type(document).__name__
        raise InvalidInput(f"{JSON_NAME}: format", found, f"{FORMAT!r} (a file exported from Supple)")
    version = document.get("version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise InvalidInput(
            f"{JSON_NAME}: version", version, f"{FORMAT_VERSION} (this Supple reads version {FORMAT_VERSION} exports)"
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise InvalidInput(f"{JSON_NAME}: tables", type(tables).__name__, "an object of table names and rows")
    return document


def import_zip(ctx: Context, data: bytes) -> dict[str, int]:
    """Restore an export into the context's athlete, who must have no data yet; rows restored per table.

    Everything is checked before anything is written, and written in one transaction, with the
    level state (not exported) worked out again from what is imported.
    """
    from supple.services import levels

    document = read_zip(data)
    return ctx.data.restore(document["tables"], source=JSON_NAME, settle=levels.settle(ctx, None))


# -- delete ------------------------------------------------------------------------------------
def delete_athlete(ctx: Context) -> dict[str, int]:
    """Delete every row of the context's athlete (needs write access); rows deleted per table."""
    return ctx.data.delete_all()


# -- backup ------------------------------------------------------------------------------------
class UsePgDump(InvalidInput):
    """A backup asked of a PostgreSQL database: its own tools do it; the message says how."""

    def __init__(self, url: str) -> None:
        super().__init__("database", url, "a SQLite database")
        self.args = (
            "backup: the database is PostgreSQL, which Supple does not copy itself; back it up with "
            f"`pg_dump --format=custom --file supple.dump '{url}'` and restore it into an empty database with "
            f"`pg_restore --no-owner --dbname '{url}' supple.dump` (see docs/data.md)",
        )


def backup(database_url: str, out: Path) -> Path:
    """Copy a SQLite database to ``out`` while it stays in use, checked whole; return the path written.

    On PostgreSQL raise ``UsePgDump``, naming the pg_dump and pg_restore commands.
    """
    import sqlalchemy as sa

    url = sa.make_url(database_url)
    if url.get_backend_name() == "postgresql":
        # What pg_dump understands: libpq's own URL, without the driver name and the password
        # (pg_dump asks for it, or reads ~/.pgpass or PGPASSWORD).
        plain = sa.engine.URL.create(
            "postgresql", username=url.username, host=url.host, port=url.port, database=url.database, query=url.query
        )
        raise UsePgDump(plain.render_as_string(hide_password=False))
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise InvalidInput("database", url.render_as_string(), "a SQLite file or a PostgreSQL database")
    from supple.store.backup import backup_sqlite

    return backup_sqlite(Path(url.database).expanduser(), out)
