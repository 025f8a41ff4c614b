"""The report's red-flag history: every flag open in the period, with its level words and cleared day (PDF text)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from supple.config import Settings
from supple.services import redflags, triage
from supple.services.report import write_report
from tests.contexts import ctx_for
from tests.report import Page, pdf_text

SINCE, UNTIL = dt.date(2026, 9, 1), dt.date(2026, 11, 24)


def _history(settings: Settings) -> None:
    """A cleared flag before the period, a same-day one cleared in it, and an emergency still open."""
    triage.answer(ctx_for(settings), complaint="kneecap", red_flags=["swelling"], date=dt.date(2026, 8, 1))
    redflags.clear(ctx_for(settings), date=dt.date(2026, 8, 5))
    triage.answer(ctx_for(settings), complaint="calf", red_flags=["calf-swelling-redness"], date=dt.date(2026, 10, 1))
    redflags.clear(ctx_for(settings), date=dt.date(2026, 10, 3))
    triage.answer(ctx_for(settings), complaint="low-back", red_flags=["saddle-numbness"], date=dt.date(2026, 11, 20))


@pytest.fixture
def flagged(settings: Settings) -> Settings:
    _history(settings)
    return settings


def test_the_pdf_lists_every_flag_of_the_period_with_level_words_and_cleared_day(
    flagged: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "report.pdf"
    write_report(ctx_for(flagged), out=str(path), since=SINCE, until=UNTIL, today=UNTIL)
    text = pdf_text(path)
    section = text[text.index("Red flags and referrals") : text.index("Methods and sources")]
    # The one still open, with its level's words.
    assert "and has not yet been cleared" in section
    assert "Get emergency care now (emergency)." in section
    assert "Reported 20 Nov 2026, in triage for: Low back; still open." in section
    # The history table: the cleared same-day flag with its cleared day, and the open emergency.
    assert "Every red flag in the period" in section
    history = section[section.index("Every red flag in the period") :]
    assert "1 Oct 2026" in history
    assert "See a doctor today (same day)" in history
    assert "3 Oct 2026" in history, "the day it was cleared"
    assert "Get emergency care now (emergency)" in history
    assert "still open" in history
    assert history.index("1 Oct 2026") < history.index("20 Nov 2026"), "oldest first"
    # Cleared before the period began: not part of this report.
    assert "5 Aug 2026" not in section
    assert "Kneecap" not in section
    assert "No red flags are open" not in section


def test_after_the_all_clear_the_history_stays_and_nothing_is_open(flagged: Settings, tmp_path: Path) -> None:
    redflags.clear(ctx_for(flagged), date=dt.date(2026, 11, 22))
    path = tmp_path / "report.html"
    write_report(ctx_for(flagged), out=str(path), since=SINCE, until=UNTIL, today=UNTIL)
    text = Page(path.read_text(encoding="utf-8")).text
    assert "No red flags are open" in text
    assert "Every red flag in the period" in text
    assert "22 Nov 2026" in text, "the emergency flag, cleared, is still in the history"
    assert "Get emergency care now (emergency)" in text
    assert "still open" not in text
