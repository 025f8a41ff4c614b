"""`supple assess list|show|record|history`: screening tests, your results and what they change."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import typer

from supple.cli import layout
from supple.cli.common import JSON_OPTION, console, guarded, open_context, print_json, write_svg
from supple.cli.outputs import FORCE_OPTION

if TYPE_CHECKING:
    from supple.services.assess import Row

app = typer.Typer(
    name="assess",
    help="Screening tests: how to do them, your results, and whether a change is real.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _when(date: str | None) -> dt.date:
    from supple.services import routines

    return routines.parse_date(date) if date is not None else dt.date.today()


@app.command("list")
@guarded
def list_tests(as_json: bool = JSON_OPTION) -> None:
    """List the screening tests with their units, norms, measurement errors and how to do them.

    Example: supple assess list --json
    """
    from rich.markup import escape

    from supple.services import assess

    found = assess.tests(open_context())
    if as_json:
        print_json([assess.test_dict(t) for t in found])
        return
    out = console()
    for test in found:
        sides = "each side" if test.per_side else "both sides together"
        more = "more" if test.higher_is_better else "less"
        low, high = test.norm.low, test.norm.high
        norm = f"{low:g} {test.unit} or {more}" if low == high else f"{low:g}–{high:g} {test.unit}"
        out.print(f"[bold]{test.slug}[/bold]  {test.name} · {test.unit}, {sides}")
        out.print(f"   {test.measures}")
        out.print(f"   usual range: {norm}{_checked(test.norm.checked)} ({escape(test.norm.source)})")
        noisy = "; too noisy to prove change" if test.noisy else ""
        error = f"{test.error.kind} {test.error.value:g} {test.unit}{_checked(test.error.checked)}"
        out.print(f"   error: {error} ({escape(test.error.source)}){noisy}")
        out.print(f"   informs: {', '.join(test.regions)}")
        for title, lines in (
            ("Set-up", test.instructions.setup),
            ("Steps", test.instructions.steps),
            ("Reading", test.instructions.reading),
        ):
            out.print(f"   {title}: " + " ".join(lines))
        out.print()


def _checked(checked: str) -> str:
    """ " (from a secondary source)" or " (not yet confirmed)" after a figure; nothing for a checked one."""
    from supple.services import assess

    words = assess.checked_words(checked)
    return f" ({words})" if words else ""


@app.command("show")
@guarded
def show(
    slug: str = typer.Argument(..., metavar="TEST", help="Test slug, as listed by `supple assess list`."),
    as_json: bool = JSON_OPTION,
    svg: str | None = typer.Option(
        None,
        "--svg",
        metavar="FILE",
        help="Instead of the text, write the test's picture as SVG to FILE ('-' for standard output).",
    ),
    force: bool = FORCE_OPTION,
) -> None:
    """Show how to do one screening test: set-up, steps, reading, its norm and its measurement error.

    Example: supple assess show knee-to-wall --svg knee-to-wall.svg
    """
    from supple.services import assess, assess_pictures

    ctx = open_context()
    if svg is not None:
        write_svg(assess_pictures.illustration(ctx, slug=slug.lower()), svg, force=force)
        return
    found = assess.find_test(ctx, slug=slug.lower())
    if as_json:
        print_json(assess.test_dict(found))
        return
    from rich.markup import escape

    out = console()
    columns = layout.width(out)
    sides = "each side" if found.per_side else "both sides together"
    out.print(f"[bold]{escape(found.name)}[/bold] ({found.slug}) · {found.unit}, {sides}")
    for text in layout.wrap(found.measures, columns):
        out.print(text, markup=False)
    steps = found.instructions
    for title, lines in (("Set-up", steps.setup), ("Steps", steps.steps), ("Reading", steps.reading)):
        out.print(f"\n[bold]{title}[/bold]")
        for text in layout.numbered(lines, columns):
            out.print(text, markup=False)
    norm, error, unit = found.norm, found.error, found.unit
    more = "more" if found.higher_is_better else "less"
    usual = f"{norm.low:g} {unit} or {more}" if norm.low == norm.high else f"{norm.low:g}–{norm.high:g} {unit}"
    better = "higher is better" if found.higher_is_better else "lower is better"
    out.print("\n[bold]What the numbers mean[/bold]")
    out.print(f"  Unit: {unit}, {better}; results from {found.low:g} to {found.high:g}.")
    out.print(f"  Usual range: {usual}{_checked(norm.checked)}. Source: {escape(norm.source)}")
    edge = norm.low if found.higher_is_better else norm.high
    side = "below" if found.higher_is_better else "above"
    out.print(
        f"     A result counts as {side} the usual range only when it is {side} {edge:g} {unit} by more than "
        "the measurement error; otherwise it is within or near the usual range."
    )
    if norm.about:
        out.print(f"     {escape(norm.about)}")
    out.print(
        f"  Measurement error: {error.kind} {error.value:g} {unit}{_checked(error.checked)}. "
        f"Source: {escape(error.source)}"
    )
    if error.about:
        out.print(f"     {escape(error.about)}")
    if found.noisy:
        out.print("  Too noisy to show a real change: use it as a rough guide only.")
    else:
        out.print(f"  A change counts as real only when it is larger than {error.value:g} {unit}.")
    out.print(f"  Informs: {', '.join(found.regions)}")
    out.print("\n[bold]Sources[/bold]")
    for source in found.sources:
        for text in layout.bullet(f"{source.cite}: {source.about}", columns):
            out.print(text, markup=False)
    out.print(f"\nPicture: supple assess show {found.slug} --svg {found.slug}.svg")


@app.command(
    "record",
    # so that a negative number such as -3 reaches the command (and is refused with a clear message)
    context_settings={"ignore_unknown_options": True},
)
@guarded
def record(
    test: str = typer.Argument(..., metavar="TEST", help="Test slug, as listed by `supple assess list`."),
    value: str = typer.Argument(..., metavar="VALUE", help="The result, in the test's unit (cm, ° or rating)."),
    side: str | None = typer.Option(
        None, "--side", help="left or right: required for per-side tests, refused by others."
    ),
    date: str | None = typer.Option(None, "--date", help="Day of the test, YYYY-MM-DD (default: today)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Record one test result. Nothing is written unless the test, value, side and date are all valid.

    Example: supple assess record knee-to-wall 9.5 --side left
    """
    from supple.services import assess

    ctx = open_context()
    when = _when(date)
    row = assess.record(ctx, test=test.lower(), value=value, side=side, date=when)
    if as_json:
        print_json(assess.row_dict(row))
        return
    side_words = f" ({row.result.side})" if row.result.side else ""
    out = console()
    out.print(f"Recorded {row.test.slug}{side_words}: {row.result.value:g} {row.test.unit} on {row.result.date}.")
    out.print(_change_words(row))


def _change_words(row: Row) -> str:
    if row.previous is None or row.change is None:
        return "First result for this test and side: later results are compared with it."
    unit, error = row.test.unit, row.test.error
    change = f"{row.change:+g} {unit} since {row.previous.date}"
    if row.test.noisy:
        return f"{change}. This test is too noisy to show a real change; treat it as a rough guide."
    if row.real_change:
        return f"{change}: a real change, larger than the measurement error ({error.value:g} {unit})."
    return f"{change}: within the measurement error ({error.value:g} {unit}), so not a real change yet."


@app.command("history")
@guarded
def history(
    test: str | None = typer.Option(None, "--test", help="Only this test."),
    as_json: bool = JSON_OPTION,
) -> None:
    """List your results, newest first, each marked when it is a real change from the one before.

    Example: supple assess history --test knee-to-wall --json
    """
    from supple.services import assess

    ctx = open_context()
    rows = assess.history(ctx, test=test.lower() if test else None)
    if as_json:
        print_json([assess.row_dict(r) for r in rows])
        return
    out = console()
    if not rows:
        out.print("No results yet. See `supple assess list` for the tests, then `supple assess record`.")
        return
    for row in rows:
        side = row.result.side or "-"
        out.print(f"{row.result.date}  {row.test.slug}  {side}  {row.result.value:g} {row.test.unit}")
        out.print(f"   {_change_words(row)}")
    concerns = assess.concerns(ctx)
    if concerns:
        out.print("\n[bold]Regions your latest results put first[/bold]")
        by_slug = {t.slug: t for t in assess.tests(ctx)}
        for concern in concerns:
            side = f" {concern.side}" if concern.side else ""
            uneven = "sides differ beyond the error"
            what = by_slug[concern.test].standing_words(concern.value) if concern.kind == "below-norm" else uneven
            out.print(f"   {concern.region}: {concern.test}{side} {concern.value:g} ({what})")
    due = [test.slug for test, last, is_due in assess.retests(ctx, today=dt.date.today()) if last and is_due]
    if due:
        out.print(f"\nRe-test due: {', '.join(due)}.")
