"""`supple red-flags`, and how an open red flag stops `today`, `plan` and `go` in the terminal."""

from __future__ import annotations

from typing import Any

DAY = "2026-11-24"


def test_a_red_flag_in_triage_stops_the_plan_until_cleared(cli: Any) -> None:
    referred = cli("triage", "heel", "--red-flags", "numbness", "--date", DAY, "--json")
    assert referred.code == 0, referred.err
    assert referred.json()["refer"] is True
    assert referred.json()["plan"] is None

    listed = cli("red-flags", "--json")
    assert listed.code == 0, listed.err
    assert [(f["slug"], f["complaint"]) for f in listed.json()["open"]] == [("numbness", "heel")]
    listed_text = cli("red-flags").out
    assert listed_text.startswith("Open red flags: See a physio or doctor within days")
    assert "numbness or tingling (heel) · within days" in listed_text

    today = cli("today", "--date", DAY, "--json").json()
    assert today["blocks"] == []
    assert today["stop"]["red_flags"] == ["numbness"]
    text = cli("today", "--date", DAY)
    assert text.code == 0
    assert "Stop: See a physio or doctor within days" in text.out
    assert "supple red-flags --clear" in text.out
    week = cli("plan", "--start", DAY, "--json").json()
    assert week["stop"] is not None
    assert all(day["sessions"] == [] for day in week["days"])
    go = cli("go", "--no-timer", "--date", DAY)
    assert go.code == 1
    assert "physio or doctor" in go.err
    assert cli("history", "--json").json() == []

    cleared = cli("red-flags", "--clear", "--json")
    assert cleared.code == 0
    assert cleared.json() == {"open": [], "cleared": 1}
    resumed = cli("today", "--date", DAY, "--json").json()
    assert resumed["stop"] is None
    assert resumed["blocks"]
    assert cli("red-flags").out.startswith("No open red flags")


def test_clearing_with_nothing_open_says_so(cli: Any) -> None:
    done = cli("red-flags", "--clear")
    assert done.code == 0
    assert "Cleared 0 red flags" in done.out


def test_today_reminds_a_retest_once_four_weeks_have_passed(cli: Any) -> None:
    assert cli("today", "--date", DAY).out.count("re-test") == 0  # never tested: no nagging
    assert cli("assess", "record", "knee-to-wall", "8", "--side", "left", "--date", "2026-10-20").code == 0
    assert "Time to re-test" not in cli("today", "--date", "2026-11-16").out  # 27 days later
    due = cli("today", "--date", "2026-11-17").out  # 4 weeks later
    assert "Time to re-test (every 4 weeks): knee-to-wall" in due


def test_a_flag_the_complaint_does_not_ask_or_an_unknown_complaint_exits_2_and_stores_nothing(
    cli: Any, bad_input: Any
) -> None:
    bad_input(cli("triage", "heel", "--red-flags", "saddle-numbness", "--json"), "saddle-numbness", "heel-squeeze")
    bad_input(cli("triage", "heel", "--red-flags", "numbness,sore"), "'sore'", "heel-squeeze")
    bad_input(cli("triage", "knee", "--red-flags", "none"), "'knee'", "top-of-foot")
    assert cli("red-flags", "--all", "--json").json() == {"open": [], "cleared": 0, "all": []}
    bad_input(cli("red-flags", "--all", "--clear"), "--clear", "--all")
