"""`supple report`: a runner's real log, results and soreness, read back from the PDF and the HTML."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from supple.config import Settings
from supple.services import assess, followups, routines, shapes, soreness
from tests.conftest import Cli
from tests.contexts import ctx_for
from tests.report import Page, pdf_pages, pdf_text, poppler, preview, words

SINCE = "2026-09-01"
UNTIL = "2026-11-24"
PERIOD = "1 Sep 2026 to 24 Nov 2026"
#: Days with a logged 8-minute daily session (all inside the period), and one before it.
SESSION_DAYS = ("2026-10-13", "2026-10-15", "2026-10-20", "2026-10-22", "2026-10-27", "2026-11-03", "2026-11-05")
EARLIER_SESSION = "2026-08-04"


@dataclass(frozen=True)
class Athlete:
    cli: Cli
    folder: Path
    levels: list[dict[str, Any]]


def _cli(folder: Path) -> Cli:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
    env |= {"SUPPLE_DATA_DIR": str(folder / "data"), "COLUMNS": "200"}
    return Cli(env=env, cwd=folder)


def _log(cli: Cli, config: Settings, day: str) -> None:
    """Compose the day's routine, mark every item done, and log it through `supple log --file -`."""
    session = shapes.session_dict(
        routines.today(ctx_for(config), date=dt.date.fromisoformat(day), kind="daily", minutes=8)
    )
    for block in session["blocks"]:
        for item in block["items"]:
            item["result"] = {"done": True, "control": 4, "discomfort": 2}
    done = cli("log", "--file", "-", input=json.dumps(session))
    assert done.code == 0, done.err


@pytest.fixture(scope="module")
def athlete(tmp_path_factory: pytest.TempPathFactory) -> Athlete:
    """A runner with twelve weeks of screening results, sessions and soreness ratings."""
    folder = tmp_path_factory.mktemp("athlete")
    cli = _cli(folder)
    config = Settings(data_dir=folder / "data")
    named = cli("init", "--name", "Sam Runner", "--json")
    assert named.code == 0, named.err
    for test, value, side, day in (
        ("knee-to-wall", "7.0", "left", "2026-08-01"),  # before the period: must not count
        ("knee-to-wall", "8.5", "left", "2026-09-08"),
        ("knee-to-wall", "9.0", "right", "2026-09-08"),
        ("knee-to-wall", "11.5", "left", "2026-11-17"),
        ("knee-to-wall", "9.5", "right", "2026-11-17"),  # still below the norm of 10 cm
        ("active-straight-leg-raise", "70", "left", "2026-09-15"),
        ("active-straight-leg-raise", "82", "left", "2026-11-20"),
        ("overhead-reach", "150", None, "2026-10-20"),
    ):
        assess.record(ctx_for(config), test=test, value=value, side=side, date=dt.date.fromisoformat(day))
    for day in (EARLIER_SESSION, *SESSION_DAYS):
        _log(cli, config, day)
        # the one-tap answer the next day: it felt the same
        next_day = dt.date.fromisoformat(day) + dt.timedelta(days=1)
        asked = followups.waiting(ctx_for(config), today=next_day)
        assert asked is not None
        followups.record(ctx_for(config), session_id=asked.session_id, answer="same", today=next_day)
    for ratings, day, after_run in (
        (["calves=3", "hamstrings=1"], "2026-10-20", True),
        (["calves=2"], "2026-11-03", False),
        (["calves=1", "glutes=4"], "2026-11-22", True),
    ):
        soreness.record(ctx_for(config), ratings=ratings, date=dt.date.fromisoformat(day), after_run=after_run)
    levels = cli("levels", "--json")
    assert levels.code == 0, levels.err
    return Athlete(cli, folder, levels.json())


@dataclass(frozen=True)
class Printed:
    path: Path
    printed: dict[str, Any]
    text: str


@pytest.fixture(scope="module")
def report_pdf(athlete: Athlete) -> Printed:
    path = athlete.folder / "report.pdf"
    done = athlete.cli("report", "--from", SINCE, "--to", UNTIL, "--out", str(path), "--json")
    assert done.code == 0, done.err
    return Printed(path, done.json(), pdf_text(path))


@pytest.fixture(scope="module")
def report_html(athlete: Athlete) -> Page:
    path = athlete.folder / "report.html"
    done = athlete.cli("report", "--from", SINCE, "--to", UNTIL, "--out", str(path))
    assert done.code == 0, done.err
    assert done.out.strip() == f"Wrote the report to {path} (HTML).", done.out
    return Page(path.read_text(encoding="utf-8"))


def test_the_pdf_opens_with_who_when_and_that_supple_does_not_diagnose(report_pdf: Printed) -> None:
    text = report_pdf.text
    assert text.startswith("Mobility progress report"), text[:200]
    assert "Athlete: Sam Runner" in text  # the display name (`supple init --name`), not the athlete key
    assert f"Period: {PERIOD}" in text
    assert f"Generated {dt.date.today().day} {dt.date.today():%b %Y}" in text
    assert "Supple measures and suggests; it does not diagnose." in text


def test_each_test_and_side_shows_first_latest_change_and_whether_it_is_real(report_html: Page) -> None:
    assert report_html.row("Knee-to-wall", "left") == [
        "Knee-to-wall",
        "left",
        "8.5 cm 8 Sep 2026",  # the result from before the period (7 cm) is left out
        "11.5 cm 17 Nov 2026",
        "+3 cm",
        "real change MDC 1.9 cm",
        "10 cm–12.5 cm Clinic guidance: about 10–12.5 cm or more is commonly called normal (from a secondary source)",
    ]
    assert report_html.row("Knee-to-wall", "right")[2:7] == [
        "9 cm 8 Sep 2026",
        "9.5 cm 17 Nov 2026",
        "+0.5 cm",
        "within measurement error MDC 1.9 cm",
        # 9.5 cm is 0.5 cm short of 10 cm: within the 1.9 cm error, so not called below the usual range
        "10 cm–12.5 cm Clinic guidance: about 10–12.5 cm or more is commonly called normal (from a secondary source)",
    ]
    asl = report_html.row("Active straight-leg raise", "left")
    assert asl[2:6] == ["70° 15 Sep 2026", "82° 20 Nov 2026", "+12°", "real change MDC 10°"]
    assert asl[6].startswith("60°–75° Functional movement screen scoring"), asl[6]
    assert "87" not in asl[6], "the footballers' figure is no floor for runners"
    reach = report_html.row("Overhead reach", "—")
    assert reach[2:6] == ["150° 20 Oct 2026", "150°", "—", "one result MDC 10°"]
    assert not any(r[0] == "Thoracic rotation" for r in report_html.rows), "a test with no results has no row"


def test_the_pdf_shows_the_results_and_their_sources(report_pdf: Printed) -> None:
    text = report_pdf.text
    for shown in (
        "Knee-to-wall",
        "Active straight-leg raise",
        "Overhead reach",
        "8.5 cm",
        "11.5 cm",
        "+3 cm",
        "+12°",
        "real change",
        "within measurement error",
        "one result",
        "Clinic guidance: about 10–12.5 cm or more is commonly called normal (from a secondary source)",
    ):
        assert shown in text, shown
    for mark in ("(2°)", "(u)", "2°)"):
        assert mark not in text
    assert "7 cm" not in text, "a result from before the period was reported"
    assert "Thoracic rotation" not in text


def test_every_current_level_is_listed_with_its_reason(report_pdf: Printed, athlete: Athlete) -> None:
    assert athlete.levels, "the seeded sessions should have produced ladder decisions"
    for entry in athlete.levels:
        assert words(entry["reason"]) in report_pdf.text, entry
    moved = [e for e in athlete.levels if e["decision"] == "progress"]
    assert moved, "two good sessions at a level should move some exercise up"
    assert "up one" in report_pdf.text


def test_sessions_are_summarised_against_the_weekly_target(report_pdf: Printed, report_html: Page) -> None:
    count = len(SESSION_DAYS)  # the session before the period is left out
    summary = f"Over 12.1 weeks the runner logged {count} sessions (0.6 a week) on {count} days."
    assert summary in report_pdf.text
    assert "falls short of the weekly target of 30 minutes of work spread over at least 5 days" in report_pdf.text
    # the four figures at the top of the section
    assert f"{count} sessions logged" in report_html.text
    assert "0.6 days a week (target 5 or more)" in report_html.text
    assert "min a week (target 30)" in report_html.text  # 5 minutes for each of the 6 default priority regions


def test_soreness_is_summarised_per_region(report_pdf: Printed) -> None:
    text = report_pdf.text
    assert "5 ratings on 3 days, 4 of them after a run" in text
    assert "The highest was 4/10 (Glutes)." in text
    assert re.search(r"Calves and ankles 3 2\.0 3 1 \(22 Nov 2026\)", text)


def test_no_red_flag_is_said_plainly(report_pdf: Printed) -> None:
    assert "No red flags are open" in report_pdf.text


def test_methods_name_each_norm_and_error_with_its_source(report_pdf: Printed) -> None:
    text = report_pdf.text
    methods = text[text.index("Methods and sources") :]
    assert "Measurement error: MDC 1.9 cm. Powden 2015" in methods
    assert "Usual range: 60°–75° (from a secondary source)" in methods
    assert "Usual range: 25°–45° (not yet confirmed)" not in methods, "only tests with results are listed"
    assert "below that end by more than the test's measurement error" in methods
    assert "after 2 sessions in a row at its level with control of 4/5 or better" in methods


def test_page_count_is_reported_and_within_bounds(report_pdf: Printed) -> None:
    pages = pdf_pages(report_pdf.path)
    assert report_pdf.printed == {"out": str(report_pdf.path), "format": "pdf", "pages": pages}
    assert 3 <= pages <= 8, pages
    assert f"page 1 of {pages}" in report_pdf.text
    assert preview(report_pdf.path, "report").stat().st_size > 10_000


def test_the_html_report_is_well_formed_and_self_contained(report_html: Page) -> None:
    assert report_html.tags[0] == "html"
    assert not report_html.open, f"unclosed tags: {report_html.open}"
    assert not report_html.unclosed, report_html.unclosed
    assert report_html.references == [], "the report must not load anything"
    assert "Supple measures and suggests; it does not diagnose." in report_html.text


def test_the_html_report_has_every_chart_inline(report_html: Page) -> None:
    for chart in ("assess-knee-to-wall", "assess-active-straight-leg-raise", "assess-overhead-reach"):
        assert f"chart-{chart}" in report_html.ids
    for chart in ("chart-weekly", "chart-soreness"):
        assert chart in report_html.ids
    ladder = [i for i in report_html.ids if re.fullmatch(r"chart-levels-\d+", i)]
    assert len(ladder) >= 2, "the ladder chart is printed in parts of a few exercises, each at full size"
    assert report_html.tags.count("svg") == 5 + len(ladder)
    repeated = sorted({i for i in report_html.ids if report_html.ids.count(i) > 1})
    assert not repeated, f"ids used twice break the charts' references: {repeated}"


def test_a_shorter_period_keeps_only_its_own_results(athlete: Athlete) -> None:
    path = athlete.folder / "november.html"
    done = athlete.cli("report", "--from", "2026-11-01", "--to", UNTIL, "--out", str(path), "--json")
    assert done.code == 0, done.err
    assert done.json() == {"out": str(path), "format": "html", "pages": None}
    page = Page(path.read_text(encoding="utf-8"))
    assert "Period: 1 Nov 2026 to 24 Nov 2026" in page.text
    assert "Knee-to-wall left 11.5 cm 17 Nov 2026 11.5 cm — one result" in page.text
    assert "Overhead reach" not in page.text
    assert "2 sessions logged" in page.text


def test_the_default_period_is_the_twelve_weeks_to_today(athlete: Athlete) -> None:
    path = athlete.folder / "default.html"
    done = athlete.cli("report", "--out", str(path))
    assert done.code == 0, done.err
    today = dt.date.today()
    start = today - dt.timedelta(weeks=12)
    assert f"Period: {start.day} {start:%b %Y} to {today.day} {today:%b %Y}" in Page(path.read_text()).text


def test_an_athlete_with_nothing_recorded_gets_a_valid_report(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    done = cli("report", "--to", UNTIL, "--out", str(path), "--json")
    assert done.code == 0, done.err
    assert done.json()["pages"] == pdf_pages(path) >= 1
    text = pdf_text(path)
    assert "No screening tests were recorded in this period" in text
    assert "No exercise has been logged yet" in text
    assert "No sessions were logged in this period" in text
    assert "No soreness ratings were recorded in this period" in text
    assert "No red flags are open" in text
    assert "Supple measures and suggests; it does not diagnose." in text
    assert "Athlete:" not in text, "without a name set, the report names no one (never the key 'local')"
    assert "local" not in text


def test_an_open_red_flag_is_in_the_report(cli: Cli, tmp_path: Path) -> None:
    flagged = cli("triage", "shin", "--red-flags", "pain-on-hop", "--date", "2026-11-20")
    assert flagged.code == 0, flagged.err
    path = tmp_path / "flags.html"
    done = cli("report", "--to", UNTIL, "--out", str(path))
    assert done.code == 0, done.err
    text = Page(path.read_text(encoding="utf-8")).text
    assert "Pain on hopping: Does it hurt to hop on that leg?" in text
    assert "See a physio or doctor within days (within days)." in text
    assert "Reported 20 Nov 2026, in triage for: Shin; still open." in text
    assert "20 Nov 2026 Pain on hopping Shin See a physio or doctor within days (within days) still open" in text
    assert "No red flags are open" not in text


def test_a_same_day_re_test_is_marked_with_how_soon_such_a_gain_fades(cli: Cli, tmp_path: Path) -> None:
    config = Settings(data_dir=Path(cli.env["SUPPLE_DATA_DIR"]))
    for value, day in (("8", "2026-11-10"), ("8.5", "2026-11-17"), ("10.5", "2026-11-17")):
        assess.record(ctx_for(config), test="knee-to-wall", value=value, side="left", date=dt.date.fromisoformat(day))
    path = tmp_path / "report.html"
    assert cli("report", "--from", SINCE, "--to", UNTIL, "--out", str(path)).code == 0
    page = Page(path.read_text(encoding="utf-8"))
    assert page.row("Knee-to-wall (3 results)", "left")[3] == "10.5 cm 17 Nov 2026, re-test*"
    note = assess.retest_fades(ctx_for(config))
    assert "about 30 minutes" in note
    assert "Behm 2016; Depino 2000" in note
    assert f"* Re-tested the same day, straight after a session: {note}" in words(page.text)
    pdf = tmp_path / "report.pdf"
    assert cli("report", "--from", SINCE, "--to", UNTIL, "--out", str(pdf)).code == 0
    assert "fades within about 30 minutes" in " ".join(pdf_text(pdf).split())


def test_results_on_different_days_carry_no_re_test_mark(report_html: Page) -> None:
    assert "re-test*" not in report_html.text
    assert "Re-tested the same day" not in report_html.text


def _word_boxes(path: Path) -> list[tuple[str, float, float, float, float]]:
    """Each word of the PDF with its box in points: (word, x min, y min, x max, y max)."""
    done = subprocess.run([poppler("pdftotext"), "-bbox", str(path), "-"], capture_output=True, text=True, check=True)
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [(w, float(a), float(b), float(c), float(d)) for a, b, c, d, w in re.findall(pattern, done.stdout)]


def test_chart_words_print_near_the_body_size_and_the_ladder_is_not_a_thin_column(report_pdf: Printed) -> None:
    boxes = _word_boxes(report_pdf.path)
    body = next(b[4] - b[2] for b in boxes if b[0] == "measures")  # the disclaimer, 9-pt body text
    # Words found only in the charts' legends ("Moved up", "Target 30 min", "Number over a bar") and titles.
    legend = [b[4] - b[2] for b in boxes if b[0] in ("Moved", "Stayed", "Target", "Number", "Result")]
    titles = [b[4] - b[2] for b in boxes if b[0] in ("Ladder", "Soreness", "Overhead")]
    assert len(legend) >= 5, "the charts' legends were not printed"
    assert "Number over a bar: sessions" in report_pdf.text, "the legend says what the figure over a bar is"
    assert "Sessions that week" not in report_pdf.text
    assert max(legend) <= body * 1.1, (legend, body)
    assert len(titles) >= 3, "the charts' titles were not printed"
    assert max(titles) <= body * 1.25, (titles, body)
    # Each chart's time axis runs from "31 Aug" to "23 Nov": its span on the page is the chart's width.
    starts = [b for b in boxes if b[0] == "31"]
    ends = [b for b in boxes if b[0] == "23"]
    spans = [min(e[3] for e in ends if e[2] == s[2] and e[1] > s[1]) - s[1] for s in starts]
    assert len(spans) >= 3, "the ladder parts and the other charts each have a date axis"
    assert min(spans) >= 150, f"a chart spans only {min(spans):.0f} pt of the page: {spans}"
