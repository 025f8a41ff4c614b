"""`supple plan` and `supple today` for a runner who runs every day: targets, strength after the run, agreement."""

from __future__ import annotations

import datetime as dt

MONDAY = "2026-11-23"
EVERY_DAY = "mon,tue,wed,thu,fri,sat,sun"


def _init(cli, minutes: str) -> None:
    result = cli("init", "--run-days", EVERY_DAY, "--run-time", "07:00", "--minutes", minutes, "--equipment", "none")
    assert result.code == 0, result.err


def test_a_daily_runner_gets_strength_after_the_run_and_today_shows_it(cli):
    _init(cli, "12")
    plan = cli("plan", "--start", MONDAY, "--json").json()
    assert plan["meets_targets"], plan["coverage"]
    for region, cover in plan["coverage"].items():
        if cover["priority"]:
            assert cover["strength_days"] >= 2, region
            assert cover["days"] >= 5, region
    for day in plan["days"]:
        primer, *after = day["sessions"]
        assert primer["kind"] == "primer"
        assert not any(i["role"] == "strengthen" for b in primer["blocks"] for i in b["items"])
        shown = cli("today", "--date", day["date"], "--json").json()
        assert shown == {k: v for k, v in primer.items() if k not in ("at", "after_run")}
        for session in after:
            assert session["after_run"] is True
            again = cli("today", "--date", day["date"], "--kind", "daily", "--json").json()
            assert again == {k: v for k, v in session.items() if k not in ("at", "after_run")}
            text = cli("today", "--date", day["date"])
            assert "After your run" in text.out
            assert f"supple today --date {day['date']} --kind daily" in text.out.replace("\n", "")


def test_plan_text_reports_both_targets_per_priority_region(cli):
    _init(cli, "4")
    result = cli("plan", "--start", MONDAY)
    assert result.code == 0, result.err
    assert "Targets per priority region" in result.out
    assert "strength on 2 days" in result.out
    assert "This week falls short of a target." in result.out, "4 minutes a day cannot hold six regions"
    assert "Could not fit strength on 2 days" in result.out.replace("\n", " ")
    assert dt.date.fromisoformat(MONDAY).strftime("%a %d %b") in result.out


def test_a_primer_asked_for_more_than_the_cap_gets_the_cap(cli):
    _init(cli, "30")
    session = cli("today", "--date", MONDAY, "--kind", "primer", "--minutes", "25", "--json").json()
    assert session["minutes"] == 10
    assert any("kept to 10 min" in note for note in session["notes"])
    planned = cli("today", "--date", MONDAY, "--json").json()
    assert planned["kind"] == "primer"
    assert planned["minutes"] <= 10
