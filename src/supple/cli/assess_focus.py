"""`supple assess focus TEST`: test, melt and mould, re-test, to see the change a session makes at once."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from typing import TYPE_CHECKING, Any

import typer

from supple.cli.common import JSON_OPTION, fail, guarded, open_context, print_json
from supple.cli.terminal import Keys

if TYPE_CHECKING:
    from supple.services.context import Context


def _ask_values(ctx: Context, keys: Keys, slug: str, when: str) -> dict[str | None, str]:
    """One value per side (or one for a test done once), asked again on a terminal until it is valid."""
    from supple.services import assess
    from supple.services.errors import InvalidInput

    test = assess.find_test(ctx, slug=slug)
    values: dict[str | None, str] = {}
    for side in ("left", "right") if test.per_side else (None,):
        where = f" {side}" if side else ""
        while True:
            text = keys.line(f"{when}: {test.name}{where} ({test.unit}, {test.low:g}-{test.high:g}): ")
            if text is None:
                raise fail(f"{when.lower()} value{where}: input ended; expected a number in {test.unit}")
            try:
                assess.parse_value(text, test)
            except InvalidInput as error:  # ask again on a terminal; a script stops with exit 2
                if not keys.tty:
                    raise
                sys.stdout.write(f"   {error}\n")
                continue
            values[side] = text
            break
    return values


def _verdict(row: Any) -> str:
    unit, error = row.test.unit, row.test.error
    if row.change is None:
        return "no earlier result to compare with"
    change = f"{row.change:+g} {unit}"
    if row.test.noisy:
        return f"{change}: this test is too noisy to prove a change"
    if row.real_change:
        return f"{change}: a real change, beyond the measurement error ({error.kind} {error.value:g} {unit})"
    return f"{change}: within the measurement error ({error.kind} {error.value:g} {unit}), not a real change yet"


@guarded
def focus(
    test: str = typer.Argument(..., metavar="TEST", help="The screening test, e.g. knee-to-wall."),
    minutes: int = typer.Option(6, "--minutes", help="Length of the melt-and-mould session, 1-120."),
    date: str | None = typer.Option(None, "--date", help="Day, YYYY-MM-DD (default: today)."),
    no_timer: bool = typer.Option(False, "--no-timer", help="No countdowns or key presses (for scripts)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Test, melt and mould, re-test: measure, do a short focus session on the test's regions, measure again.

    Asks for the result (each side for a per-side test), guides the session with timers,
    then asks for the re-test and says whether the change is beyond the test's measurement
    error. The results and the session are stored together at the end: a run refused or
    stopped part-way stores nothing. A script can pipe the answers in.

    Example: supple assess focus knee-to-wall --minutes 6
    """
    from supple.cli.player import guide
    from supple.services import assess, logbook, routines

    ctx = open_context()
    found = assess.find_test(ctx, slug=test.strip().lower())
    when = routines.parse_date(date) if date is not None else dt.date.today()
    session = routines.today(ctx, date=when, kind="focus", minutes=minutes, focus=found.regions)
    if session.stop is not None:
        raise fail(session.stop.advice, code=1)
    if not session.items:
        raise fail(" ".join(session.notes) or "nothing fits this budget; try more minutes")
    with contextlib.redirect_stdout(sys.stderr) if as_json else contextlib.nullcontext(), Keys() as keys:
        sys.stdout.write(f"{found.name}: {found.measures}\n")
        before = _ask_values(ctx, keys, found.slug, "Before")
        sys.stdout.write(
            f"\nNow melt and mould: {len(session.items)} items, about {session.total_seconds // 60} min.\n"
        )
        results = guide(ctx, session, keys, timers=not no_timer)
        sys.stdout.write("Now re-test, the same way as before.\n")
        after = _ask_values(ctx, keys, found.slug, "After")
    # One transaction, once every answer is in: a refused or interrupted run writes nothing.
    session_id, before_rows, after_rows = assess.record_focus(
        ctx,
        test=found.slug,
        before=before,
        session=logbook.from_results(session, results),
        after=after,
        date=when,
    )
    if as_json:
        print_json(
            {
                "test": found.slug,
                "session": session_id,
                "before": [assess.row_dict(r) for r in before_rows],
                "after": [assess.row_dict(r) for r in after_rows],
                "note": assess.retest_fades(ctx),
            }
        )
        return
    sys.stdout.write(f"\nLogged session {session_id}.\nBefore -> after\n")
    for row in after_rows:
        side = f"{row.result.side:<6}" if row.result.side else "      "
        first = row.previous.value if row.previous is not None else float("nan")
        sys.stdout.write(f"   {side}{first:g} -> {row.result.value:g} {found.unit}  {_verdict(row)}\n")
    sys.stdout.write(f"{assess.retest_fades(ctx)}\n")
