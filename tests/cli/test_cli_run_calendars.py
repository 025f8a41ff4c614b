"""`supple runs calendar`: subscribe to a training plan served over real HTTP, list, refresh, remove; bad
input exits 2 with one line and writes nothing. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from tests.services.plan_feed import WEEKS, PlanServer, next_monday, plan_feed, plan_server

__all__ = ["plan_server"]

MONDAY = next_monday(dt.date.today())  # the commands read the calendar from the real today


@pytest.fixture
def on(cli: Any, database_url: str) -> Any:
    """The `cli` fixture on the database of ``database_url``."""
    cli.env["SUPPLE_DATABASE_URL"] = database_url
    return cli


def _planned(cli: Any) -> list[dict[str, Any]]:
    listed = cli("runs", "list", "--json")
    assert listed.code == 0, listed.err
    return [row for row in listed.json() if row["planned"]]


def test_add_list_refresh_and_remove_a_calendar(on: Any, plan_server: PlanServer) -> None:
    url = plan_server.serve("/plan.ics", plan_feed(MONDAY))
    added = on("runs", "calendar", "add", url)
    assert added.code == 0, added.err
    assert f"{WEEKS + 2} runs taken, 2 events left out" in added.out
    assert "left out" in added.out
    assert "Bike ride 40 km: a bike ride, not a run" in added.out
    assert "Rest day: a rest day" in added.out
    assert "Long run 18 km: long run, 18 km" in added.out
    planned = _planned(on)
    assert len(planned) == WEEKS + 2
    assert {row["source"] for row in planned} == {"calendar"}

    listed = on("runs", "calendar", "list", "--json")
    assert listed.code == 0, listed.err
    (calendar,) = listed.json()
    assert calendar["source"] == url
    assert calendar["name"] == "Half marathon plan"
    assert [line["summary"] for line in calendar["left_out"]] == ["Bike ride 40 km", "Rest day"]

    plan_server.serve("/plan.ics", plan_feed(MONDAY, with_race=False))
    refreshed = on("runs", "calendar", "refresh", "--json")
    assert refreshed.code == 0, refreshed.err
    assert refreshed.json()[0]["status"] == f"{WEEKS + 1} runs taken, 2 events left out"
    assert [row["kind"] for row in _planned(on)].count("race") == 0
    assert len(_planned(on)) == WEEKS + 1

    plan_server.pages["/plan.ics"] = (404, "text/plain", b"gone")
    failed = on("runs", "calendar", "refresh", str(calendar["id"]))
    assert failed.code == 0, failed.err
    assert "last refresh failed" in failed.out
    assert "404" in failed.out
    assert len(_planned(on)) == WEEKS + 1, "the runs taken before are kept"

    removed = on("runs", "calendar", "remove", str(calendar["id"]))
    assert removed.code == 0, removed.err
    assert _planned(on) == []
    assert on("runs", "calendar", "list", "--json").json() == []


def test_a_file_can_be_subscribed_from_the_command_line(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "plan.ics"
    path.write_bytes(plan_feed(MONDAY, weeks=2))
    added = cli("runs", "calendar", "add", str(path), "--json")
    assert added.code == 0, added.err
    assert len(added.json()["taken"]) == 4
    assert {line["reason"] for line in added.json()["left_out"]} == {"a bike ride, not a run", "a rest day"}


@pytest.mark.parametrize(
    ("page", "said"),
    [
        ((404, "text/plain", b"gone"), "404"),
        ((200, "text/html", b"<!doctype html><title>Sign in</title>"), "HTML page"),
        ((200, "text/calendar", b"BEGIN:VCALENDAR\r\n" + b"X" * (3 * 1024 * 1024)), "too big"),
    ],
)
def test_a_feed_that_cannot_be_used_is_bad_input_and_writes_nothing(
    cli: Any, plan_server: PlanServer, bad_input: Any, page: tuple[int, str, bytes], said: str
) -> None:
    url = plan_server.url("/bad.ics")
    plan_server.pages["/bad.ics"] = page
    bad_input(cli("runs", "calendar", "add", url), url, said)
    assert cli("runs", "calendar", "list", "--json").json() == []


def test_unknown_ids_and_missing_files_are_bad_input(cli: Any, bad_input: Any, tmp_path: Path) -> None:
    bad_input(cli("runs", "calendar", "remove", "7"), "7", "calendar")
    bad_input(cli("runs", "calendar", "refresh", "7"), "7", "calendar")
    missing = str(tmp_path / "nowhere.ics")
    bad_input(cli("runs", "calendar", "add", missing), missing, "no such file")
    bad_input(cli("runs", "calendar", "add", "ftp://example.com/plan.ics"), "ftp://example.com/plan.ics")
    assert cli("runs", "calendar", "list", "--json").json() == []
