"""How long printing takes: gathering a report's data, rendering its HTML, and the PDF.

No target is set for printing (issue #4); the figures show where the time goes. The
baseline in the same run is gathering the data alone, so the ratios show what rendering
HTML and laying out the PDF cost on top of reading the store and drawing the charts.
The athlete has 12 weeks of sessions, soreness ratings and screening results.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from supple.config import Settings
from supple.services import assess, logbook, report, routines, shapes, soreness
from supple.services.context import Context

REPEATS = 5
TODAY = dt.date(2026, 11, 23)


def ctx_for(settings: Settings) -> Context:
    return Context.open(settings, athlete=settings.athlete)


def _seed(settings: Settings) -> None:
    for week in range(12):
        for day in (0, 2, 4):
            date = TODAY - dt.timedelta(weeks=week, days=day)
            data = shapes.session_dict(routines.today(ctx_for(settings), date=date, kind="daily", minutes=10))
            for block in data["blocks"]:
                for item in block["items"]:
                    item["result"] = {"done": True, "control": 4 + (week % 2), "discomfort": 2}
            logbook.log_session(ctx_for(settings), session=logbook.parse_log(ctx_for(settings), json.dumps(data)))
            soreness.record(ctx_for(settings), ratings=[f"calves={week % 4}", f"glutes={day}"], date=date)
        date = TODAY - dt.timedelta(weeks=week)
        if week % 4 == 0:
            for side, value in (("left", 8 + week / 4), ("right", 9 + week / 4)):
                assess.record(ctx_for(settings), test="knee-to-wall", value=value, side=side, date=date)
            assess.record(ctx_for(settings), test="overhead-reach", value=150 + week, side=None, date=date)


def _median_ms(work: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings.from_env({"SUPPLE_DATA_DIR": folder})
        _seed(settings)
        since = TODAY - dt.timedelta(weeks=12)
        out = Path(folder)
        from supple.report import html, pdf

        gathered = report.gather(ctx_for(settings), since=since, until=TODAY, today=TODAY)
        page = html.render_report(gathered)
        report.write_report(ctx_for(settings), out=str(out / "warm.pdf"), since=since, until=TODAY, today=TODAY)
        figures = {
            "gather data and charts": _median_ms(
                lambda: report.gather(ctx_for(settings), since=since, until=TODAY, today=TODAY)
            ),
            "render report HTML": _median_ms(lambda: html.render_report(gathered)),
            "lay out report PDF": _median_ms(lambda: pdf.to_pdf(page)),
            "supple report (PDF, all)": _median_ms(
                lambda: report.write_report(
                    ctx_for(settings), out=str(out / "r.pdf"), since=since, until=TODAY, today=TODAY
                )
            ),
            "supple handout (PDF, all)": _median_ms(
                lambda: report.write_handout(ctx_for(settings), out=str(out / "h.pdf"), date=TODAY)
            ),
        }
        pages = pdf.to_pdf(page).pages
    baseline = figures["gather data and charts"]
    print(f"printing, median of {REPEATS} runs in one process (12 weeks of data; report {pages} pages):")
    for name, ms in figures.items():
        print(f"  {name:<28} {ms:8.1f} ms   {ms / baseline:5.1f} x gather")


if __name__ == "__main__":
    main()
