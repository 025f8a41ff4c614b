"""Screening-test results in words, and reading the result form: shared by Assess, its focus flow,
Progress and Today, so a result reads the same on every page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from supple.services import assess, display, routines
from supple.services.context import Context
from supple.services.errors import InvalidInput
from supple.web.pages import render

SIDES = ("left", "right")
ERROR_KINDS = {"MDC": "its minimal detectable change", "SEM": "its standard error of measurement"}


# -- words ------------------------------------------------------------------------------------


def amount(value: float, test: Any) -> str:
    """A result in its unit: "8 cm", "35°", "2 of 3"."""
    if test.unit == "°":
        return f"{value:g}°"
    if test.unit == "rating":
        return f"{value:g} of {test.high:g}"
    return f"{value:g} {test.unit}"


def unit_words(test: Any) -> str:
    """What a result is measured in: "centimetres", "degrees", "a rating from 1 to 3"."""
    if test.unit == "rating":
        return f"a rating from {test.low:g} to {test.high:g}"
    return {"cm": "centimetres", "°": "degrees"}.get(test.unit, str(test.unit))


def size(value: float, test: Any) -> str:
    """A difference in the test's unit: "1.9 cm", "10°", "1 step"."""
    if test.unit == "°":
        return f"{value:g}°"
    if test.unit == "rating":
        return f"{value:g} step" + ("" if value == 1 else "s")
    return f"{value:g} {test.unit}"


def change_text(change: float, test: Any) -> str:
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    return sign + size(abs(round(change, 6)), test)


def usual(test: Any) -> str:
    """The edge of the norm a result is compared with."""
    return amount(test.norm.low if test.higher_is_better else test.norm.high, test)


def norm_text(test: Any) -> str:
    """The usual range, and when a result counts as outside it: only beyond the measurement error."""
    norm = test.norm
    if norm.low == norm.high:
        if test.higher_is_better and norm.low >= test.high:
            found = f"{amount(norm.low, test)}: the best score"
        else:
            found = f"{amount(norm.low, test)} or {'more' if test.higher_is_better else 'less'}"
    else:
        found = f"{norm.low:g}–{amount(norm.high, test)}"
    edge = "below" if test.higher_is_better else "above"
    return (
        f"{found}. A result counts as {edge} the usual range only when it is {edge} {usual(test)} by more than "
        f"the measurement error ({size(test.error.value, test)}); otherwise it is within or near the usual range."
    )


def checked_text(checked: str) -> str:
    """ "This figure is from a secondary source." / "... not yet confirmed."; "" for a checked figure."""
    words = assess.checked_words(checked)
    return f"This figure is {words}." if words else ""


def error_text(test: Any) -> str:
    """The measurement error in plain words."""
    error = size(test.error.value, test)
    kind = ERROR_KINDS.get(test.error.kind, test.error.kind)
    if test.noisy:
        return (
            f"Two tries of this test on the same day can differ by about {error} ({kind}), which is as big as the "
            "changes you are looking for. Supple never counts a change in it as real: use it as a rough guide."
        )
    return (
        f"A result can move by up to {error} between two tries with nothing having changed ({kind}). Supple "
        f"counts a change as real only when it is bigger than {error}; anything smaller is within measurement error."
    )


def verdict(row: Any) -> str:
    """How a history row's change counts: the words for the table and the re-test result."""
    if row.real_change is None:
        return "first result"
    if row.test.noisy:
        return "not counted: this test is too noisy"
    if not row.real_change:
        return "within measurement error"
    better = (row.change > 0) == row.test.higher_is_better
    return "real change: better" if better else "real change: worse"


def concern_text(concern: Any, test: Any, names: Mapping[str, str]) -> str:
    region = names.get(concern.region, concern.region)
    where = f" on the {concern.side}" if concern.side else ""
    result = f"{test.name} {amount(concern.value, test)}{where}"
    if concern.kind == "below-norm":
        edge = "below" if test.higher_is_better else "above"
        return (
            f"{region}: {result} is {edge} the usual range ({edge} {usual(test)} by more than the measurement error, "
            f"{size(test.error.value, test)})."
        )
    return (
        f"{region}: {result} trails the other side by more than the measurement error ({size(test.error.value, test)})."
    )


def day_text(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def short_day(day: dt.date) -> str:
    """ "20 Nov", with the year when it is not this year's."""
    return f"{day.day} {day:%b}" if day.year == dt.date.today().year else f"{day.day} {day:%b %Y}"


def side_text(side: str | None) -> str:
    return side.capitalize() if side else "Both"


WORDS = {
    "amount": amount,
    "unit_words": unit_words,
    "size": size,
    "change_text": change_text,
    "usual": usual,
    "verdict": verdict,
    "day_text": day_text,
    "short_day": short_day,
    "side_text": side_text,
}


# -- results ----------------------------------------------------------------------------------


def latest_rows(ctx: Context, test: str | None = None) -> dict[str, dict[str | None, Any]]:
    """The newest history row per test and side."""
    found: dict[str, dict[str | None, Any]] = {}
    for row in assess.history(ctx, test=test):
        found.setdefault(row.test.slug, {}).setdefault(row.result.side, row)
    return found


def sides_of(test: Any) -> tuple[str | None, ...]:
    return SIDES if test.per_side else (None,)


def field_of(side: str | None) -> str:
    return side or "value"


def read_results(form: Any, test: Any) -> tuple[dict[str, str], dict[str | None, float], dt.date, dict[str, str]]:
    """The form's typed values, the parsed results per side, the date, and a message per field that will not do."""
    typed = {field_of(side): str(form.get(field_of(side)) or "").strip() for side in sides_of(test)}
    typed["date"] = str(form.get("date") or "").strip()
    errors: dict[str, str] = {}
    results: dict[str | None, float] = {}
    for side in sides_of(test):
        text = typed[field_of(side)]
        if not text:
            continue
        try:
            results[side] = assess.parse_value(text.replace(",", "."), test)
        except InvalidInput as error:
            errors[field_of(side)] = display.problem_text(error)
    if not results and not errors:
        expected = f"{'a whole number' if test.whole else 'a number'} from {test.low:g} to {test.high:g} ({test.unit})"
        where = "for at least one side" if test.per_side else "your result"
        errors["form"] = f"Nothing to save: enter {where}, {expected}."
    day = dt.date.today()
    try:
        day = routines.parse_date(typed["date"]) if typed["date"] else day
    except InvalidInput as error:
        errors["date"] = display.problem_text(error)
    return typed, results, day, errors


def store_results(ctx: Context, test: Any, results: Mapping[str | None, float], day: dt.date) -> None:
    for side, value in results.items():
        assess.record(ctx, test=test.slug, value=value, side=side, date=day)


def find(ctx: Context, slug: str) -> Any | None:
    try:
        return assess.find_test(ctx, slug=slug)
    except InvalidInput:
        return None


def missing(
    request: Request,
    slug: str,
    *,
    what: str = "screening test",
    back: str = "/assess",
    back_label: str = "See every test",
) -> HTMLResponse:
    """The 404 page for an address that names nothing we know."""
    page = {"title": f"No such {what}", "slug": slug, "what": what, "back": back, "back_label": back_label}
    return render(request, "missing.html", page, status=404)


def form_context(test: Any, values: Mapping[str, str], errors: Mapping[str, str]) -> dict[str, Any]:
    """What the result form (``assess_form.html``) needs."""
    today = dt.date.today().isoformat()
    return {
        "test": test,
        "sides": sides_of(test),
        "values": {"date": today} | dict(values),
        "errors": errors,
        "today": today,
        "input_step": "1" if test.whole else "0.1",
    }


def reminder(ctx: Context, today: dt.date) -> dict[str, str] | None:
    """Today's nudge to screen (nothing tested yet) or re-test (a test done before is due); None otherwise."""
    found = assess.retests(ctx, today=today)
    if all(last is None for _, last, _ in found):
        return {
            "title": "Screen your range to set your priorities",
            "detail": "A few quick tests show which regions need the work most; Supple puts them first.",
        }
    due = [(test, last) for test, last, is_due in found if last is not None and is_due]
    if not due:
        return None
    weeks = (today - max(last for _, last in due)).days // 7
    names = [test.name for test, _ in due]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return {
        "title": f"Time to re-test: last screened {weeks} week{'s' if weeks != 1 else ''} ago",
        "detail": f"Due: {listed}.",
    }
