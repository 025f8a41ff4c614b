"""`supple export`, `supple import-export`, `supple backup`: your data, out of Supple and back."""

from __future__ import annotations

from pathlib import Path

import typer

from supple.cli import outputs
from supple.cli.common import JSON_OPTION, fail, guarded, open_context, print_json, settings

FORCE_OPTION = outputs.FORCE_OPTION
ATHLETE_OPTION = typer.Option(None, "--athlete", help="The athlete's key (default: SUPPLE_ATHLETE, else local).")


@guarded
def export(
    out: str = typer.Option(..., "--out", help="The zip file to write (an existing zip is replaced)."),
    athlete: str | None = ATHLETE_OPTION,
    force: bool = FORCE_OPTION,
) -> None:
    """Write every row of your data to a zip: JSON, one CSV per table, and a README.

    Restore it with `supple import-export`. See docs/data.md for the format.

    Example: supple export --out supple-data.zip
    """
    from supple.services import data

    path = outputs.check(Path(out).expanduser(), option="--out", kind=outputs.ZIP, force=force)
    ctx = open_context(athlete=athlete)
    made = data.export(ctx)
    if made.empty:
        raise fail(
            f"--athlete: {ctx.athlete!r} has nothing stored in this database; "
            "expected the key of an athlete with data (--athlete or SUPPLE_ATHLETE)"
        )
    outputs.write(path, made.data, option="--out")
    total = sum(n for table, n in made.rows.items() if table != "athletes")
    print(f"Exported {total} row{'' if total == 1 else 's'} of {ctx.athlete!r} to {path}")


@guarded
def import_export(
    file: str = typer.Argument(..., help="A zip written by `supple export`."),
    athlete: str | None = ATHLETE_OPTION,
    as_json: bool = JSON_OPTION,
) -> None:
    """Restore a zip written by `supple export` into an athlete that has no data yet.

    Everything is checked first; on any problem nothing is written.

    Example: supple import-export supple-data.zip --athlete sam
    """
    from supple.services import data

    path = Path(file).expanduser()
    if path.is_dir():
        raise fail(f"{file!r} is a folder; expected a zip written by `supple export`")
    if not path.is_file():
        raise fail(f"{file!r}: no such file; expected a zip written by `supple export`")
    if path.stat().st_size > data.MAX_UNPACKED:
        cap = data.MAX_UNPACKED // 2**20
        raise fail(f"{file!r} is larger than {cap} MB; expected a zip written by `supple export`")
    content = path.read_bytes()
    ctx = open_context(athlete=athlete)
    restored = data.import_zip(ctx, content)
    if as_json:
        print_json({"athlete": ctx.athlete, "restored": restored})
        return
    print(f"Restored into {ctx.athlete!r}:")
    for table, count in restored.items():
        print(f"  {table}: {count}")


@guarded
def backup(
    out: str = typer.Option(
        ..., "--out", help="The file to copy the database to (an existing SQLite file is replaced)."
    ),
    force: bool = FORCE_OPTION,
) -> None:
    """Copy the whole SQLite database to a file, safely while Supple runs.

    On PostgreSQL it tells you the pg_dump command to use instead. To restore, see docs/data.md.

    Example: supple backup --out supple-backup.sqlite
    """
    from supple.services import data

    path = outputs.check(Path(out).expanduser(), option="--out", kind=outputs.SQLITE, force=force)
    written = data.backup(settings().database_url, path)
    print(f"Backed up the database to {written} ({written.stat().st_size} bytes), checked whole")
