"""The report and the handout as self-contained HTML: one Jinja environment, two render functions.

The pages carry their stylesheet and every picture inline, so the same text prints from a
browser and converts to PDF with nothing to fetch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache

import jinja2
from markupsafe import Markup

from supple.core.assessment import AssessmentTest, checked_words
from supple.report import Handout, HandoutBlock, Report

#: Handout layouts from the most generous to the most compact; a longer routine needs a denser one.
DENSITIES: tuple[str, ...] = ("roomy", "regular", "compact", "tight")
#: The most items each layout is meant for (the last takes any number).
_DENSITY_ITEMS = (6, 9, 16)

_SIDES = {"left": "left", "right": "right", None: "—"}
_DECISIONS = {"progress": "up one", "hold": "stays", "regress": "down one"}


def density_for(items: int) -> str:
    """The layout to try first for a handout of ``items`` exercises."""
    for density, most in zip(DENSITIES, _DENSITY_ITEMS, strict=False):
        if items <= most:
            return density
    return DENSITIES[-1]


#: Columns of blocks on the page for each layout.
_COLUMNS = {"roomy": 2, "regular": 2, "compact": 2, "tight": 3}


def columns(blocks: Sequence[HandoutBlock], count: int) -> list[list[tuple[int, HandoutBlock]]]:
    """``blocks`` (numbered from 1) cut, in order, into at most ``count`` columns, the tallest as short as can be.

    A block weighs its items plus one for its heading. Among equally tall cuts, the one that fills the
    left columns more wins, as a reader expects.
    """
    weights = [len(b.items) + 1 for b in blocks]
    numbered = list(enumerate(blocks, start=1))
    count = max(1, min(count, len(blocks)))
    # best[k][i]: the least possible tallest column when the first i blocks go into k columns.
    best = [[float("inf")] * (len(blocks) + 1) for _ in range(count + 1)]
    cut = [[0] * (len(blocks) + 1) for _ in range(count + 1)]
    best[0][0] = 0
    for k in range(1, count + 1):
        for i in range(1, len(blocks) + 1):
            for j in range(k - 1, i):
                tallest = max(best[k - 1][j], sum(weights[j:i]))
                if tallest <= best[k][i]:
                    best[k][i], cut[k][i] = tallest, j
    out: list[list[tuple[int, HandoutBlock]]] = []
    end = len(blocks)
    for k in range(count, 0, -1):
        start = cut[k][end]
        out.insert(0, numbered[start:end])
        end = start
    return [column for column in out if column] or [[]]


def denser(density: str) -> str | None:
    """The next more compact layout, or None when ``density`` is already the most compact."""
    position = DENSITIES.index(density)
    return DENSITIES[position + 1] if position + 1 < len(DENSITIES) else None


def day(value: dt.date | None) -> str:
    """ "24 Nov 2026"; a dash for no date."""
    return "—" if value is None else f"{value.day} {value:%b %Y}"


def _plain(value: float, test: AssessmentTest) -> str:
    return f"{value:.0f}" if test.whole else f"{value:.1f}".removesuffix(".0")


def number(value: float, test: AssessmentTest) -> str:
    """A result in the test's unit: "12.5 cm", "35°", a rating as "2/3"."""
    text = _plain(value, test)
    if test.unit == "°":
        return f"{text}°"
    if test.unit == "rating":
        return f"{text}/{test.high:g}"
    return f"{text} {test.unit}"


def amount(value: float, test: AssessmentTest) -> str:
    """A difference in the test's unit: "1.9 cm", "10°", "1 step" on a rating."""
    if test.unit == "rating":
        text = _plain(value, test)
        return f"{text} step" if text == "1" else f"{text} steps"
    return number(value, test)


def signed(value: float | None, test: AssessmentTest) -> str:
    """A change with its sign ("+2.5 cm", "−4°"); a dash when there is nothing to compare."""
    if value is None:
        return "—"
    if round(value, 9) == 0:
        return "no change"
    return ("+" if value > 0 else "−") + amount(abs(value), test)


def norm(test: AssessmentTest) -> str:
    """The usual range in words: "10 cm–12.5 cm", "0° or less", "3 of 3 or more"."""
    if test.norm.low != test.norm.high:
        return f"{number(test.norm.low, test)}–{number(test.norm.high, test)}"
    return f"{number(test.norm.low, test)} or {'more' if test.higher_is_better else 'less'}"


def checked(value: str) -> str:
    """ " (from a secondary source)", " (not yet confirmed)", or nothing: never a raw mark."""
    words = checked_words(value)
    return f" ({words})" if words else ""


def error(test: AssessmentTest) -> str:
    """The measurement error in words: "MDC 1.9 cm", "SEM 7°"."""
    return f"{test.error.kind} {amount(test.error.value, test)}"


def verdict(real: bool | None, test: AssessmentTest) -> str:
    if real is None:
        return "one result"
    if test.noisy:
        return "too noisy to show change"
    return "real change" if real else "within measurement error"


def sentence(text: str) -> str:
    """``text`` ending with a full stop (added only when it has none)."""
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("supple.report", "templates"),
        autoescape=jinja2.select_autoescape(("html",)),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(
        day=day,
        number=number,
        signed=signed,
        norm=norm,
        checked=checked,
        error=error,
        verdict=verdict,
        sentence=sentence,
    )
    env.filters["svg"] = Markup  # our own drawings: trusted SVG text, put in as it is
    env.globals.update(sides=_SIDES, decisions=_DECISIONS)
    return env


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The shared Jinja environment (built once)."""
    return _environment()


def render_report(report: Report) -> str:
    """The progress report as one HTML page."""
    return environment().get_template("report.html").render(report=report)


def render_handout(handout: Handout, *, density: str | None = None) -> str:
    """The one-page routine as HTML, laid out for its length (or as ``density`` says)."""
    chosen = density or density_for(handout.item_count)
    if chosen not in DENSITIES:
        raise ValueError(f"density must be one of {', '.join(DENSITIES)}")
    return (
        environment()
        .get_template("handout.html")
        .render(handout=handout, density=chosen, columns=columns(handout.blocks, _COLUMNS[chosen]))
    )
