"""A screening test over time: each side's results, the norm, and the measurement error around the first result.

The measurement-error band is drawn around the first (baseline) result of each series and
runs on to the right, so a later point outside it is visibly a change larger than the test
can measure. A test too noisy to prove change says so under the legend.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from supple.charts import frame, svg, thin
from supple.charts.scales import Dates, Linear, date_domain, day_month, nice_domain, ticks, tidy
from supple.core.assessment import SIDES, AssessmentResult, AssessmentTest, checked_words, real_change

PLOT_HEIGHT = 220.0
NORM_INK = "#00704f"


def number(value: float) -> str:
    return f"{tidy(value):g}"


def amount(value: float, unit: str) -> str:
    """A value with its unit as people write it: "11 cm", "35°", "3" (a rating)."""
    if unit == "°":
        return f"{number(value)}°"
    if unit == "rating":
        return number(value)
    return f"{number(value)} {unit}"


def side_name(side: str | None) -> str:
    return side.capitalize() if side else "Result"


def norm_words(test: AssessmentTest) -> str:
    """The legend's key for the usual range, with how well it is checked in words (never a raw mark)."""
    norm = test.norm
    if norm.high > norm.low:
        words = f"Usual range {number(norm.low)}–{amount(norm.high, test.unit)}"
    else:
        words = f"Usual range {amount(norm.low, test.unit)} or {'more' if test.higher_is_better else 'less'}"
    checked = checked_words(norm.checked)
    return f"{words} ({checked})" if checked else words


def error_words(test: AssessmentTest) -> str:
    return f"± {test.error.kind} {amount(test.error.value, test.unit)}"


def _series(test: AssessmentTest, results: Sequence[AssessmentResult]) -> dict[str | None, list[AssessmentResult]]:
    """The test's results per side (left, right, then none), each oldest first; same-day order is kept."""
    found: dict[str | None, list[AssessmentResult]] = {}
    for side in (*SIDES, None):
        chosen = sorted((r for r in results if r.test == test.slug and r.side == side), key=lambda r: r.date)
        if chosen:
            # The first result is the baseline the error band is drawn around: always kept.
            found[side] = chosen[:1] + thin.thin(chosen[1:], lambda r: r.date, cap=thin.MAX_POINTS - 1)
    return found


def _series_words(test: AssessmentTest, side: str | None, rows: list[AssessmentResult]) -> str:
    first, last = rows[0], rows[-1]
    start = f"{side_name(side)}: {amount(first.value, test.unit)} on {day_month(first.date, year=True)}"
    if len(rows) == 1:
        return start + " (one result)."
    latest = f"{start}, latest {amount(last.value, test.unit)} on {day_month(last.date, year=True)}"
    if test.noisy:
        return latest + ", a difference this test is too noisy to prove."
    if real_change(first.value, last.value, test):
        return latest + f", a real change (more than the {test.error.kind} of {amount(test.error.value, test.unit)})."
    return latest + ", within the measurement error."


def describe(test: AssessmentTest, series: dict[str | None, list[AssessmentResult]]) -> str:
    count = sum(len(rows) for rows in series.values())
    unit = "a rating" if test.unit == "rating" else test.unit
    words = [f"{test.name} results in {unit}, {count} in all."]
    words.extend(_series_words(test, side, rows) for side, rows in series.items())
    words.append(f"{norm_words(test)}; source: {test.norm.source}.")
    words.append(
        f"The band around each first result is {error_words(test)} ({test.error.source}): "
        "a later result outside it is a change larger than the measurement error."
    )
    if test.noisy:
        words.append("This test is too noisy to prove change.")
    return " ".join(words)


def chart(
    test: AssessmentTest,
    results: Sequence[AssessmentResult],
    *,
    uid: str,
    title: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> str:
    """The SVG for ``test``'s results (others in ``results`` are ignored); ``start``/``end`` widen the time axis."""
    title = title or test.name
    series = _series(test, results)
    if not series:
        return frame.empty(
            uid=uid,
            title=title,
            desc=f"No {test.name} results yet.",
            message="No results yet",
            hint=f"Record a {test.name} result and it will appear here.",
        )
    error = test.error.value
    keys = [frame.line_key(svg.SIDE_STYLES[side], side_name(side)) for side in series]
    if test.norm.high > test.norm.low:
        keys.append(frame.band_key(svg.NORM_FILL, 0.18, norm_words(test)))
    else:
        keys.append(frame.rule_key(NORM_INK, norm_words(test)))
    around = "each side's first result" if len(series) > 1 else "the first result"
    keys.append(frame.band_key(svg.MUTED, 0.12, f"{error_words(test)} around {around}", edge=svg.MUTED))
    notes = ["Too noisy to prove change: even a point outside the band may be measurement error."] if test.noisy else []
    top, y = frame.header(title, keys, notes)

    values = [r.value for rows in series.values() for r in rows]
    baselines = [rows[0].value for rows in series.values()]
    spread = [*values, test.norm.low, test.norm.high, *(b - error for b in baselines), *(b + error for b in baselines)]
    low, high, step = nice_domain(spread, floor=test.low, ceiling=test.high)
    box = frame.plot_box(y, PLOT_HEIGHT)
    ys = Linear(low, high, box.bottom, box.top)
    first, last = date_domain(frame.span([r.date for rows in series.values() for r in rows], start, end))
    xs = Dates(first, last, box.left, box.right)

    body = frame.plot_area(box)
    body += frame.y_axis(ys, ticks(low, high, step), box, caption=_caption(test.unit), label=number)
    body += _norm(test, box, ys)
    body += "".join(_error_band(side, rows[0], error, box, xs, ys) for side, rows in series.items())
    body += frame.date_axis(xs, box)
    for side, rows in series.items():
        style = svg.SIDE_STYLES[side]
        points = [(xs(r.date), ys(r.value)) for r in rows]
        drawn = svg.series_line(points, style) if len(points) > 1 else ""
        for r, (x, y_) in zip(rows, points, strict=True):
            extra = {"data-date": r.date.isoformat(), "data-value": number(r.value)}
            drawn += svg.marker(x, y_, style.shape, style.colour, extra)
        body += svg.group(drawn, {"class": "chart-series", "data-series": side or "both"})
    desc = describe(test, series)
    return frame.document(uid=uid, title=title, desc=desc, height=box.bottom + 32, body=top + body)


def _clamp(ys: Linear, value: float) -> float:
    """The y of ``value``, kept inside the plot (a band may reach past the axis)."""
    return ys(min(max(value, ys.low), ys.high))


def _norm(test: AssessmentTest, box: frame.Box, ys: Linear) -> str:
    """The norm: a shaded band from its low to its high value, or a dashed line for a single value."""
    norm = test.norm
    if norm.high > norm.low:
        top, bottom = _clamp(ys, norm.high), _clamp(ys, norm.low)
        band: svg.Attrs = {"class": "chart-norm", "fill": svg.NORM_FILL, "fill-opacity": 0.18}
        return svg.rect(box.left, top, box.width, bottom - top, band)
    at = _clamp(ys, norm.low)
    rule: svg.Attrs = {"class": "chart-norm", "stroke": NORM_INK, "stroke-width": 2, "stroke-dasharray": "8 4"}
    return svg.line(box.left, at, box.right, at, rule)


def _error_band(side: str | None, base: AssessmentResult, error: float, box: frame.Box, xs: Dates, ys: Linear) -> str:
    """± the measurement error around the first result, from its date to the right edge, dotted at its edges."""
    colour = svg.SIDE_STYLES[side].colour
    x0 = xs(base.date)
    top, bottom = _clamp(ys, base.value + error), _clamp(ys, base.value - error)
    fill: svg.Attrs = {"class": "chart-mdc", "data-series": side or "both", "fill": colour, "fill-opacity": 0.08}
    dots: svg.Attrs = {"stroke": colour, "stroke-width": 1.2, "stroke-dasharray": "2 3"}
    edges = svg.line(x0, top, box.right, top, dots) + svg.line(x0, bottom, box.right, bottom, dots)
    return svg.rect(x0, top, box.right - x0, bottom - top, fill) + edges


def _caption(unit: str) -> str:
    return {"°": "degrees", "rating": "rating"}.get(unit, unit)
