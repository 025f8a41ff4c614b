"""The SVG charts: well-formed, accessible, placed where their scales say, escaped, deterministic.

The rendered examples are written to tests/charts/screenshots/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supple import charts
from supple.charts import frame, scales, svg
from supple.core.assessment import AssessmentResult, AssessmentTest, Instructions, MeasurementError, Norm
from supple.core.progression import LevelChange, SorenessReading

NS = "{http://www.w3.org/2000/svg}"
SCREENSHOTS = Path(__file__).parent / "screenshots"
MONDAY = dt.date(2026, 11, 2)


def make_test(
    *,
    slug: str = "knee-to-wall",
    name: str = "Knee-to-wall",
    unit: str = "cm",
    low: float = 0,
    high: float = 30,
    per_side: bool = True,
    higher_is_better: bool = True,
    noisy: bool = False,
    norm: tuple[float, float] = (10.0, 12.5),
    error: tuple[str, float] = ("MDC", 1.9),
) -> AssessmentTest:
    return AssessmentTest(
        slug=slug,
        name=name,
        measures="how far",
        unit=unit,
        low=low,
        high=high,
        whole=False,
        per_side=per_side,
        higher_is_better=higher_is_better,
        noisy=noisy,
        norm=Norm(norm[0], norm[1], "Clinic guidance", "secondary"),
        error=MeasurementError(error[0], error[1], "Powden 2015"),
        regions=("calves",),
        instructions=Instructions((), (), ()),
    )


KNEE = make_test()
THOMAS = make_test(
    slug="modified-thomas",
    name="Modified Thomas test",
    unit="°",
    high=90,
    higher_is_better=False,
    noisy=True,
    norm=(0.0, 0.0),
    error=("SEM", 7.0),
)


def day(offset: int) -> dt.date:
    return MONDAY + dt.timedelta(days=offset)


KNEE_RESULTS = [
    AssessmentResult("knee-to-wall", "left", day(0), 8.0),
    AssessmentResult("knee-to-wall", "right", day(0), 8.5),
    AssessmentResult("knee-to-wall", "left", day(14), 9.0),
    AssessmentResult("knee-to-wall", "right", day(14), 9.5),
    AssessmentResult("knee-to-wall", "left", day(28), 11.0),
    AssessmentResult("knee-to-wall", "right", day(29), 10.0),
]
LEVEL_CHANGES = [
    LevelChange("calf-raise", day(0), 1, "hold", "", 1),
    LevelChange("calf-raise", day(2), 2, "progress", "", 2),
    LevelChange("calf-raise", day(9), 2, "hold", "", 3),
    LevelChange("calf-raise", day(9), 1, "regress", "", 3),
    LevelChange("cat-camel", day(1), 1, "hold", "", 1),
    LevelChange("cat-camel", day(4), 2, "progress", "", 2),
]
NAMES = {"calf-raise": "Single-leg calf raise", "cat-camel": "Cat-camel", "calves": "Calves", "quads": "Quads"}
TOPS = {"calf-raise": 4, "cat-camel": 3}
READINGS = [
    SorenessReading(day(0), "calves", 2),
    SorenessReading(day(3), "calves", 5),
    SorenessReading(day(3), "quads", 1),
    SorenessReading(day(7), "calves", 3),
]
WEEKS = [
    charts.Week(MONDAY + dt.timedelta(weeks=i), minutes, sessions, sessions, current=i == 3)
    for i, (minutes, sessions) in enumerate([(12, 2), (0, 0), (41, 5), (9, 1)])
]


def parse(drawn: str) -> ET.Element:
    return ET.fromstring(drawn)


def find(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [e for e in root.iter(NS + tag) if e.get("class") == "chart-" + cls]


def legend_words(root: ET.Element) -> str:
    """The legend's words as one line: a long label wraps over two rows."""
    (legend,) = find(root, "g", "legend")
    return " ".join(e.text or "" for e in legend.iter(NS + "text"))


def points(root: ET.Element) -> list[ET.Element]:
    return find(root, "path", "pt")


def where(marker: ET.Element) -> tuple[float, float]:
    found = re.fullmatch(r"translate\(([-\d.]+) ([-\d.]+)\)", marker.get("transform", ""))
    assert found, marker.attrib
    return float(found[1]), float(found[2])


def plot(root: ET.Element) -> tuple[float, float, float, float]:
    (area,) = find(root, "rect", "plot")
    x, y = float(area.get("x", "")), float(area.get("y", ""))
    return x, y, x + float(area.get("width", "")), y + float(area.get("height", ""))


def y_scale(root: ET.Element) -> dict[float, float]:
    """Each y tick value and the y of its grid line, read from the drawn axis."""
    (axis,) = find(root, "g", "y-axis")
    children = list(axis)
    out = {}
    for line, label in zip(children[0::2], children[1::2], strict=False):
        if line.tag == NS + "line" and label.tag == NS + "text":
            out[float(label.text or "")] = float(line.get("y1", ""))
    return out


def value_to_y(root: ET.Element, value: float) -> float:
    ticks = sorted(y_scale(root).items())
    (v1, y1), (v2, y2) = ticks[0], ticks[-1]
    return y1 + (value - v1) / (v2 - v1) * (y2 - y1)


def x_ticks(root: ET.Element, year: int) -> list[tuple[dt.date, float]]:
    (axis,) = find(root, "g", "x-axis")
    lines = [e for e in axis if e.tag == NS + "line"][1:]  # the first is the base line
    labels = [e for e in axis if e.tag == NS + "text"]
    found = []
    for line, label in zip(lines, labels, strict=True):
        day_, month = (label.text or "").split()[:2]
        found.append((dt.date(year, scales.MONTHS.index(month) + 1, int(day_)), float(line.get("x1", ""))))
    return found


def date_to_x(root: ET.Element, date: dt.date) -> float:
    found = x_ticks(root, date.year)
    (d1, x1), (d2, x2) = found[0], found[-1]
    return x1 + (date - d1).days / (d2 - d1).days * (x2 - x1)


def all_charts() -> Iterator[tuple[str, str]]:
    yield "assessment", charts.assessment_chart(KNEE, KNEE_RESULTS, uid="c-assess")
    yield (
        "assessment-noisy",
        charts.assessment_chart(
            THOMAS,
            [
                AssessmentResult("modified-thomas", "left", day(0), 12),
                AssessmentResult("modified-thomas", "left", day(30), 4),
            ],
            uid="c-thomas",
        ),
    )
    yield "levels", charts.levels_chart(LEVEL_CHANGES, uid="c-levels", names=NAMES, tops=TOPS)
    yield "weekly", charts.weekly_chart(WEEKS, uid="c-weekly", target_minutes=30, target_days=3, note="A note.")
    yield "soreness", charts.soreness_chart(READINGS, uid="c-soreness", names=NAMES)
    yield "assessment-empty", charts.assessment_chart(KNEE, [], uid="e-assess")
    yield "levels-empty", charts.levels_chart([], uid="e-levels", names=NAMES, tops=TOPS)
    yield (
        "weekly-empty",
        charts.weekly_chart([charts.Week(MONDAY, 0, 0, 0)], uid="e-weekly", target_minutes=30, target_days=3),
    )
    yield "soreness-empty", charts.soreness_chart([], uid="e-soreness", names=NAMES)


CHARTS = dict(all_charts())


# -- every chart ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CHARTS)
def test_every_chart_is_an_accessible_scalable_svg(name: str) -> None:
    root = parse(CHARTS[name])
    uid = root.get("id", "")
    assert root.tag == NS + "svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{uid}-title {uid}-desc"
    assert re.fullmatch(r"0 0 380 [\d.]+", root.get("viewBox", ""))
    assert root.get("preserveAspectRatio") == "xMidYMid meet"
    height = root.get("viewBox", "").split()[3]
    assert (root.get("width"), root.get("height")) == ("380", height), "its natural size: one CSS pixel a unit"
    title, desc = root[0], root[1]
    assert (title.tag, title.get("id")) == (NS + "title", f"{uid}-title")
    assert (desc.tag, desc.get("id")) == (NS + "desc", f"{uid}-desc")
    assert (title.text or "").strip()
    assert len((desc.text or "").split()) >= 4
    background = root[2]
    assert background.get("fill") == "#ffffff", "white paper, so it prints and reads on any page"
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert all(i.startswith(uid) for i in ids)
    assert len(ids) == len(set(ids))
    assert "<style" not in CHARTS[name]
    assert " style=" not in CHARTS[name], "presentation attributes only: no CSS from the page needed"


@pytest.mark.parametrize("name", CHARTS)
def test_text_is_big_enough_to_read_on_a_phone(name: str) -> None:
    sizes = [float(e.get("font-size", "0")) for e in parse(CHARTS[name]).iter(NS + "text")]
    assert sizes
    assert min(sizes) >= 11


@pytest.mark.parametrize("name", CHARTS)
def test_text_stays_near_body_size_at_the_widest_a_page_draws_it(name: str) -> None:
    """At its natural size, a unit is a pixel; a page stretches it at most to ``MAX_WIDTH_REM``."""
    root = parse(CHARTS[name])
    scale = frame.MAX_WIDTH_REM * 16 / float(root.get("width", ""))
    sizes = {float(e.get("font-size", "0")) for e in root.iter(NS + "text")}
    labels = sizes - {svg.TITLE_SIZE, 18.0}  # the title and the empty state's message may be a little larger
    assert max(labels) * scale <= 16 * 1.15, f"labels {max(labels) * scale:.1f} px beside 16 px body text"
    assert max(sizes) * scale <= 16 * 1.45
    assert min(sizes) * 0.95 >= 11, "on a 360-px phone the chart shrinks a little: still readable"


def test_the_pages_cap_a_charts_width_to_match() -> None:
    css = (Path(charts.__file__).parents[1] / "web" / "static" / "app.css").read_text(encoding="utf-8")
    rule = re.search(r"\.chart svg \{([^}]*)\}", css)
    assert rule, "app.css has no rule for charts"
    assert f"max-width: {frame.MAX_WIDTH_REM}rem" in rule.group(1)
    printed = (Path(charts.__file__).parents[1] / "report" / "templates" / "print.css").read_text(encoding="utf-8")
    rule = re.search(r"figure svg \{([^}]*)\}", printed)
    assert rule, "print.css has no rule for charts"
    assert f"width: {frame.PRINT_WIDTH_MM}mm" in rule.group(1)
    # 13-unit tick labels at that width: about 8 pt beside 9-pt text
    assert 7 <= svg.TICK_SIZE * frame.PRINT_WIDTH_MM / 380 / 25.4 * 72 <= 9


@pytest.mark.parametrize("name", [n for n in CHARTS if not n.endswith("empty")])
def test_no_legend_entry_reads_like_data(name: str) -> None:
    (legend,) = find(parse(CHARTS[name]), "g", "legend")
    words = [e.text or "" for e in legend.iter(NS + "text")]
    assert words
    for label in words:
        assert not re.match(r"\d", label), f"legend entry {label!r} reads like a figure"


def test_the_weekly_legend_says_what_the_number_over_a_bar_is() -> None:
    (legend,) = find(parse(CHARTS["weekly"]), "g", "legend")
    words = [e.text for e in legend.iter(NS + "text")]
    assert "Number over a bar: sessions" in words
    assert "3" not in words


def test_the_weekly_chart_starts_at_the_runners_first_week() -> None:
    empty_before = [charts.Week(MONDAY - dt.timedelta(weeks=n), 0, 0, 0) for n in (3, 2, 1)]
    weeks = [*empty_before, charts.Week(MONDAY, 20, 2, 2), charts.Week(MONDAY + dt.timedelta(7), 0, 0, 0)]
    started = MONDAY + dt.timedelta(days=2)  # a Wednesday
    root = parse(charts.weekly_chart(weeks, uid="w", target_minutes=30, target_days=3, started=started))
    bars = [b.get("data-date") for b in find(root, "rect", "bar")]
    assert bars == [MONDAY.isoformat(), (MONDAY + dt.timedelta(7)).isoformat()], "an empty week after the start stays"
    everything = parse(charts.weekly_chart(weeks, uid="w", target_minutes=30, target_days=3))
    assert len(find(everything, "rect", "bar")) == 5, "without a start (began before the window) every week shows"


@pytest.mark.parametrize("name", [n for n in CHARTS if not n.endswith("empty")])
def test_charts_with_data_have_a_legend_and_points_inside_the_plot(name: str) -> None:
    root = parse(CHARTS[name])
    assert find(root, "g", "legend")
    left, top, right, bottom = plot(root)
    drawn = points(root) + find(root, "rect", "bar")
    assert drawn
    for marker in points(root):
        x, y = where(marker)
        assert left <= x <= right
        assert top <= y <= bottom
    assert not find(root, "rect", "empty")


@pytest.mark.parametrize("name", [n for n in CHARTS if n.endswith("empty")])
def test_no_data_draws_a_clear_empty_state(name: str) -> None:
    root = parse(CHARTS[name])
    words = [e.text for e in root.iter(NS + "text")]
    assert "No results yet" in words
    assert find(root, "rect", "empty")
    assert not points(root)
    assert not find(root, "rect", "bar")
    assert not find(root, "g", "legend")


def test_the_same_data_gives_the_same_string() -> None:
    assert dict(all_charts()) == CHARTS
    shuffled = list(reversed(READINGS[1:3]))
    same_day_order = [READINGS[0], *shuffled, READINGS[3]]
    assert charts.soreness_chart(same_day_order, uid="c-soreness", names=NAMES) == CHARTS["soreness"]


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_class_is_prefixed_so_page_styles_cannot_reshape_a_chart(name: str) -> None:
    # A page's `.bar { height: 100% }` once stretched every bar of an inline chart.
    classes = {e.get("class") for e in parse(CHARTS[name]).iter() if e.get("class")}
    assert classes
    assert all(c.startswith("chart-") for c in classes), classes


def test_ids_start_with_the_uid_so_charts_share_a_page() -> None:
    a = charts.soreness_chart(READINGS, uid="one", names=NAMES)
    b = charts.soreness_chart(READINGS, uid="two", names=NAMES)
    ids = [set(re.findall(r'id="([^"]+)"', drawn)) for drawn in (a, b)]
    assert ids[0]
    assert not ids[0] & ids[1]
    with pytest.raises(ValueError, match="uid"):
        charts.soreness_chart(READINGS, uid='x" onload="alert(1)', names=NAMES)


def test_text_is_escaped() -> None:
    odd = '<&>"'
    test = make_test(name=f"Test {odd}", unit=odd)
    drawn = charts.assessment_chart(test, KNEE_RESULTS, uid="odd")
    root = parse(drawn)  # would fail on a bare < or &
    assert root[0].text == f"Test {odd}"
    assert odd in (root[1].text or "")
    levels = parse(charts.levels_chart(LEVEL_CHANGES, uid="odd-levels", names={"cat-camel": odd}, tops=TOPS))
    assert odd in [e.text for e in levels.iter(NS + "text")]
    sore = parse(charts.soreness_chart(READINGS, uid="odd-sore", names={"calves": odd}, title=odd))
    assert sore[0].text == odd
    assert odd in [e.text for e in sore.iter(NS + "text")]
    weekly = parse(charts.weekly_chart(WEEKS, uid="odd-week", target_minutes=30, target_days=3, note=odd))
    assert (weekly[1].text or "").endswith(odd)


# -- assessment ----------------------------------------------------------------------------------


def test_the_norm_band_spans_the_norm_values() -> None:
    root = parse(CHARTS["assessment"])
    (band,) = find(root, "rect", "norm")
    top, height = float(band.get("y", "")), float(band.get("height", ""))
    assert top == pytest.approx(value_to_y(root, 12.5), abs=0.1)
    assert top + height == pytest.approx(value_to_y(root, 10.0), abs=0.15)
    left, _, right, _ = plot(root)
    assert float(band.get("x", "")) == left
    assert float(band.get("width", "")) == pytest.approx(right - left)
    assert "Usual range 10–12.5 cm (from a secondary source)" in legend_words(root)


def test_a_single_value_norm_is_a_line_at_that_value() -> None:
    root = parse(CHARTS["assessment-noisy"])
    (rule,) = [e for e in root.iter(NS + "line") if e.get("class") == "chart-norm"]
    assert float(rule.get("y1", "")) == pytest.approx(value_to_y(root, 0.0), abs=0.1)
    assert "Usual range 0° or less (from a secondary source)" in legend_words(root)


def test_points_are_where_the_scales_put_them() -> None:
    root = parse(CHARTS["assessment"])
    found = points(root)
    assert len(found) == len(KNEE_RESULTS)
    for marker in found:
        x, y = where(marker)
        assert y == pytest.approx(value_to_y(root, float(marker.get("data-value", ""))), abs=0.15)
        assert x == pytest.approx(date_to_x(root, dt.date.fromisoformat(marker.get("data-date", ""))), abs=0.15)


def test_left_and_right_differ_in_colour_marker_and_dash() -> None:
    root = parse(CHARTS["assessment"])
    series = {g.get("data-series"): g for g in find(root, "g", "series")}
    assert set(series) == {"left", "right"}
    looks = []
    for group_ in series.values():
        line = group_.find(NS + "polyline")
        marker = group_.find(NS + "path")
        assert line is not None
        assert marker is not None
        looks.append((line.get("stroke"), line.get("stroke-dasharray"), marker.get("d")))
    (colour_a, dash_a, shape_a), (colour_b, dash_b, shape_b) = looks
    assert colour_a != colour_b
    assert dash_a != dash_b
    assert shape_a != shape_b
    labels = [e.text for e in find(root, "g", "legend")[0].iter(NS + "text")]
    assert labels[:2] == ["Left", "Right"]


def test_the_error_band_surrounds_each_first_result_and_runs_right() -> None:
    root = parse(CHARTS["assessment"])
    bands = {b.get("data-series"): b for b in find(root, "rect", "mdc")}
    assert set(bands) == {"left", "right"}
    _, _, right, _ = plot(root)
    for side, first in (("left", 8.0), ("right", 8.5)):
        band = bands[side]
        y, height = float(band.get("y", "")), float(band.get("height", ""))
        assert y == pytest.approx(value_to_y(root, first + 1.9), abs=0.15)
        assert y + height == pytest.approx(value_to_y(root, first - 1.9), abs=0.2)
        x = float(band.get("x", ""))
        assert x == pytest.approx(date_to_x(root, day(0)), abs=0.15)
        assert x + float(band.get("width", "")) == pytest.approx(right)
    assert "± MDC 1.9 cm around each side's first result" in legend_words(root)
    desc = root[1].text or ""
    assert "Left: 8 cm on 2 Nov 2026, latest 11 cm on 30 Nov 2026, a real change" in desc
    assert "Right: 8.5 cm on 2 Nov 2026, latest 10 cm on 1 Dec 2026, within the measurement error." in desc
    assert "Clinic guidance" in desc


def test_a_noisy_test_says_it_cannot_prove_change() -> None:
    root = parse(CHARTS["assessment-noisy"])
    words = " ".join(e.text or "" for e in root.iter(NS + "text"))
    assert "Too noisy to prove change" in words
    assert "± SEM 7°" in words
    assert "too noisy to prove" in (root[1].text or "")
    assert "Too noisy" not in CHARTS["assessment"]


def test_one_series_for_a_test_done_once() -> None:
    reach = make_test(slug="overhead-reach", name="Overhead reach", unit="°", high=180, per_side=False, norm=(150, 167))
    root = parse(charts.assessment_chart(reach, [AssessmentResult("overhead-reach", None, day(0), 150)], uid="reach"))
    assert [g.get("data-series") for g in find(root, "g", "series")] == ["both"]
    assert "± MDC 1.9° around the first result" in legend_words(root)
    assert "(one result)" in (root[1].text or "")


def test_results_of_other_tests_are_left_out() -> None:
    other = [AssessmentResult("overhead-reach", None, day(0), 150)]
    assert charts.assessment_chart(KNEE, other, uid="x") == charts.assessment_chart(KNEE, [], uid="x")


def test_a_window_widens_the_time_axis() -> None:
    wide = parse(charts.assessment_chart(KNEE, KNEE_RESULTS, uid="w", end=day(120)))
    narrow = parse(CHARTS["assessment"])
    # The same results squeezed to the left: the axis runs on past the last of them.
    wide_xs = sorted(where(p)[0] for p in points(wide))
    narrow_xs = sorted(where(p)[0] for p in points(narrow))
    assert wide_xs[-1] - wide_xs[0] < (narrow_xs[-1] - narrow_xs[0]) / 2


# -- levels, weekly, soreness --------------------------------------------------------------------


def test_levels_step_per_exercise_with_the_last_decision_of_a_day() -> None:
    root = parse(CHARTS["levels"])
    lanes = {g.get("data-series"): g for g in find(root, "g", "series")}
    assert list(lanes) == ["calf-raise", "cat-camel"]
    calf = [(m.get("data-date"), m.get("data-value"), m.get("data-decision")) for m in points(lanes["calf-raise"])]
    assert calf == [
        ("2026-11-02", "1", "hold"),
        ("2026-11-04", "2", "progress"),
        ("2026-11-11", "1", "regress"),  # the hold of the same day is replaced
    ]
    shapes = {m.get("data-decision"): m.get("d") for m in points(root)}
    assert len(set(shapes.values())) == 3, "each decision has its own marker shape"
    polyline = lanes["calf-raise"].find(NS + "polyline")
    assert polyline is not None
    ys = [float(p.split(",")[1]) for p in (polyline.get("points") or "").split()]
    assert ys[0] > ys[2], "up one level"
    assert ys[-1] == ys[0], "then back down, and on to the end"
    desc = root[1].text or ""
    assert "Single-leg calf raise: level 1 since 11 Nov 2026." in desc
    assert "1 moved down" in desc


def test_weekly_bars_target_and_session_counts() -> None:
    root = parse(CHARTS["weekly"])
    bars = find(root, "rect", "bar")
    assert [b.get("data-value") for b in bars] == ["12", "0", "41", "9"]
    _, _, _, bottom = plot(root)
    for bar in bars:
        top = float(bar.get("y", ""))
        assert top == pytest.approx(value_to_y(root, float(bar.get("data-value", ""))), abs=0.15)
        assert top + float(bar.get("height", "")) == pytest.approx(bottom)
    (target,) = [e for e in root.iter(NS + "line") if e.get("class") == "chart-target"]
    assert float(target.get("y1", "")) == pytest.approx(value_to_y(root, 30), abs=0.1)
    assert [t.text for t in find(root, "text", "count")] == ["2", "0", "5", "1"]
    assert bars[-1].get("stroke-dasharray"), "this week is drawn apart"
    assert not bars[0].get("stroke-dasharray")
    desc = root[1].text or ""
    assert "1 week met the target" in desc
    assert "This week (from 23 Nov 2026): 9 minutes in 1 session" in desc


def test_many_weeks_keep_their_labels_apart() -> None:
    weeks = [charts.Week(MONDAY + dt.timedelta(weeks=i), i % 40, i % 7, i % 7) for i in range(52)]
    root = parse(charts.weekly_chart(weeks, uid="year", target_minutes=30, target_days=3))
    labels = [e for e in find(root, "g", "x-axis")[0] if e.tag == NS + "text"]
    assert 2 <= len(labels) <= 12
    assert labels[-1].text == scales.day_month(weeks[-1].start), "the latest week is labelled"


def test_soreness_has_a_line_per_region_with_readings() -> None:
    root = parse(CHARTS["soreness"])
    series = {g.get("data-series"): g for g in find(root, "g", "series")}
    assert list(series) == ["calves", "quads"]
    assert [m.get("data-value") for m in points(series["calves"])] == ["2", "5", "3"]
    for marker in points(root):
        assert where(marker)[1] == pytest.approx(value_to_y(root, float(marker.get("data-value", ""))), abs=0.15)
    assert sorted(y_scale(root)) == [0, 2, 4, 6, 8, 10]
    assert "Calves 3/10 on 9 Nov 2026; Quads 1/10 on 5 Nov 2026" in (root[1].text or "")


# -- scales --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "expected"),
    [([8, 11], (8, 11, 1)), ([0, 45], (0, 50, 10)), ([6.1, 12.5], (6, 14, 2)), ([3, 3], (2, 4, 0.5))],
)
def test_nice_domains_have_round_ends(values: list[float], expected: tuple[float, float, float]) -> None:
    assert scales.nice_domain(values) == expected


def test_dates_read_as_day_and_month_with_the_year_where_it_changes() -> None:
    assert scales.day_month(dt.date(2026, 11, 3)) == "3 Nov"
    ticks = scales.date_ticks(dt.date(2026, 9, 20), dt.date(2027, 2, 10), 5)
    assert scales.date_labels(ticks) == ["1 Oct 2026", "1 Nov", "1 Dec", "1 Jan 2027", "1 Feb"]
    assert scales.date_labels(ticks[:3], years=True) == ["1 Oct 2026", "1 Nov", "1 Dec"]
    assert all(t.weekday() == 0 for t in scales.date_ticks(dt.date(2026, 11, 4), dt.date(2026, 12, 20), 8))


def test_wrapped_text_stays_within_the_width() -> None:
    lines = svg.wrap("one two three four five six seven eight nine ten", 100, 13)
    assert len(lines) > 1
    assert all(svg.text_width(line, 13) <= 100 for line in lines)


# -- properties ----------------------------------------------------------------------------------

results_strategy = st.lists(
    st.tuples(
        st.integers(0, 400), st.sampled_from(["left", "right"]), st.floats(0, 30, allow_nan=False, allow_infinity=False)
    ),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(results_strategy)
def test_any_results_in_range_draw_well_formed_and_inside_the_plot(found: list[tuple[int, str, float]]) -> None:
    results = [AssessmentResult("knee-to-wall", side, day(offset), value) for offset, side, value in found]
    root = parse(charts.assessment_chart(KNEE, results, uid="p"))
    drawn = points(root)
    assert len(drawn) == len(results)
    if not results:
        return
    left, top, right, bottom = plot(root)
    for marker in drawn:
        x, y = where(marker)
        assert left - 0.05 <= x <= right + 0.05
        assert top - 0.05 <= y <= bottom + 0.05
    for band in find(root, "rect", "mdc") + find(root, "rect", "norm"):
        y, height = float(band.get("y", "")), float(band.get("height", ""))
        assert top - 0.05 <= y
        assert y + height <= bottom + 0.05


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 200), st.sampled_from(sorted(NAMES)), st.integers(0, 10)), max_size=25),
    st.lists(st.tuples(st.integers(0, 300), st.integers(0, 20)), min_size=1, max_size=30),
)
def test_any_soreness_and_weeks_draw_inside_the_plot(
    ratings: list[tuple[int, str, int]], weeks: list[tuple[int, int]]
) -> None:
    sore = parse(charts.soreness_chart([SorenessReading(day(o), r, v) for o, r, v in ratings], uid="s", names=NAMES))
    for marker in points(sore):
        left, top, right, bottom = plot(sore)
        x, y = where(marker)
        assert left - 0.05 <= x <= right + 0.05
        assert top - 0.05 <= y <= bottom + 0.05
    rows = [charts.Week(MONDAY + dt.timedelta(weeks=i), m, s, min(s, 7)) for i, (m, s) in enumerate(weeks)]
    week = parse(charts.weekly_chart(rows, uid="w", target_minutes=30, target_days=3))
    if any(m or s for m, s in weeks):
        left, top, right, bottom = plot(week)
        for bar in find(week, "rect", "bar"):
            assert left <= float(bar.get("x", ""))
            assert top - 0.05 <= float(bar.get("y", "")) <= bottom + 0.05
        for count in find(week, "text", "count"):
            assert float(count.get("y", "")) >= top


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 300),
            st.sampled_from(sorted(TOPS)),
            st.integers(0, 6),
            st.sampled_from(["progress", "hold", "regress"]),
        ),
        max_size=25,
    )
)
def test_any_level_history_draws_inside_the_plot(changes: list[tuple[int, str, int, str]]) -> None:
    rows = [LevelChange(slug, day(offset), level, decision, "", 1) for offset, slug, level, decision in changes]
    root = parse(charts.levels_chart(rows, uid="l", names=NAMES, tops=TOPS))
    last_of_day: dict[str, dict[int, int]] = {}
    for offset, slug, level, _ in sorted(changes, key=lambda c: c[0]):
        last_of_day.setdefault(slug, {})[offset] = level
    moves = 0
    for days in last_of_day.values():
        levels = [days[d] for d in sorted(days)]
        moves += 1 + sum(1 for a, b in itertools.pairwise(levels) if a != b)
    assert len(points(root)) == moves, "a marker for each exercise's first level and each change, not each hold"
    if rows:
        left, top, right, bottom = plot(root)
        for marker in points(root):
            x, y = where(marker)
            assert left - 0.05 <= x <= right + 0.05
            assert top - 0.05 <= y <= bottom + 0.05


# -- for a person to look at ---------------------------------------------------------------------


def test_write_the_examples_for_a_person_to_look_at() -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    for name, drawn in CHARTS.items():
        (SCREENSHOTS / f"{name}.svg").write_text(drawn + "\n", encoding="utf-8")
    page = "".join(f"<figure style='max-width:640px;margin:0 0 24px'>{drawn}</figure>" for drawn in CHARTS.values())
    (SCREENSHOTS / "all.html").write_text(f"<!doctype html><meta charset='utf-8'><body>{page}</body>\n")
    assert sorted(p.stem for p in SCREENSHOTS.glob("*.svg")) >= sorted(CHARTS)


@pytest.mark.parametrize("name", CHARTS)
def test_no_text_runs_off_the_side(name: str) -> None:
    root = parse(CHARTS[name])
    for element in root.iter(NS + "text"):
        x, size, words = float(element.get("x", "0")), float(element.get("font-size", "0")), element.text or ""
        width = svg.text_width(words, size)
        left = {"start": x, "middle": x - width / 2, "end": x - width}[element.get("text-anchor", "start")]
        assert left >= 0, (words, left)
        assert left + width <= frame.WIDTH + 1, (words, left + width)
