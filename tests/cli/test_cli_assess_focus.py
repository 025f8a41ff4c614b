"""`supple assess focus`: test, melt and mould, re-test, scripted through standard input."""

from __future__ import annotations

from typing import Any

DAY = "2026-11-24"


def _items(cli: Any, regions: str) -> int:
    session = cli("today", "--json", "--kind", "focus", "--focus", regions, "--minutes", "6", "--date", DAY).json()
    return sum(len(block["items"]) for block in session["blocks"])


def test_before_session_after_is_recorded_and_judged_against_the_error(cli: Any) -> None:
    items = _items(cli, "calves")
    answers = "8\n8.5\n" + "4\n2\n" * items + "10.5\n9\n"
    done = cli("assess", "focus", "knee-to-wall", "--no-timer", "--date", DAY, "--json", input=answers)
    assert done.code == 0, done.err
    found = done.json()
    assert found["test"] == "knee-to-wall"
    assert [(r["side"], r["value"]) for r in found["before"]] == [("left", 8), ("right", 8.5)]
    assert [(r["side"], r["value"], r["real_change"]) for r in found["after"]] == [
        ("left", 10.5, True),  # +2.5 cm is beyond the 1.9 cm MDC
        ("right", 9, False),  # +0.5 cm is not
    ]
    logged = cli("history", "--json").json()
    assert [s["id"] for s in logged] == [found["session"]]
    assert logged[0]["kind"] == "focus"
    assert all(block["region"] == "calves" for block in logged[0]["blocks"])
    assert all(i["result"]["control"] == 4 for b in logged[0]["blocks"] for i in b["items"])
    assert len(cli("assess", "history", "--json").json()) == 4

    text = cli("assess", "focus", "knee-to-wall", "--no-timer", "--date", DAY, input=answers)
    assert text.code == 0, text.err
    assert "8 -> 10.5 cm" in text.out
    assert "a real change" in text.out
    assert "within the measurement error" in text.out


def test_a_test_done_once_asks_one_value_each_time(cli: Any) -> None:
    regions = cli("assess", "list", "--json").json()
    reach = next(t for t in regions if t["slug"] == "overhead-reach")
    items = _items(cli, ",".join(reach["regions"]))
    done = cli(
        "assess",
        "focus",
        "overhead-reach",
        "--no-timer",
        "--date",
        DAY,
        "--json",
        input="150\n" + "\n\n" * items + "158\n",
    )
    assert done.code == 0, done.err
    assert [r["side"] for r in done.json()["after"]] == [None]
    assert done.json()["after"][0]["value"] == 158


def test_a_bad_before_value_in_a_script_exits_2_and_writes_nothing(cli: Any) -> None:
    done = cli("assess", "focus", "knee-to-wall", "--no-timer", "--date", DAY, input="eight\n")
    assert done.code == 2
    assert "value" in done.err
    assert "cm" in done.err
    assert cli("assess", "history", "--json").json() == []
    assert cli("history", "--json").json() == []


def test_unknown_tests_and_open_red_flags_stop_before_anything_is_asked(cli: Any) -> None:
    unknown = cli("assess", "focus", "sit-and-reach", "--no-timer", input="1\n")
    assert unknown.code == 2
    assert "sit-and-reach" in unknown.err
    assert cli("triage", "shin", "--red-flags", "pain-on-hop", "--json").code == 0
    stopped = cli("assess", "focus", "knee-to-wall", "--no-timer", "--date", DAY, input="8\n8\n")
    assert stopped.code == 1
    assert "physio or doctor" in stopped.err
    assert cli("assess", "history", "--json").json() == []


def test_a_blank_or_bad_re_test_answer_exits_2_and_writes_nothing(cli: Any) -> None:
    items = _items(cli, "calves")
    for retest in ("\n", "ten\n8\n", ""):  # blank, bad, and input ending before the re-test
        answers = "8\n8.5\n" + "4\n2\n" * items + retest
        done = cli("assess", "focus", "knee-to-wall", "--no-timer", "--date", DAY, input=answers)
        assert done.code == 2, (retest, done.err)
        assert "after value" in done.err or "value" in done.err
        assert cli("assess", "history", "--json").json() == []  # no "before" results
        assert cli("history", "--json").json() == []  # and no session


def test_the_result_says_a_gain_straight_after_rolling_fades_within_about_30_minutes(cli: Any, catalogue: Any) -> None:
    note = catalogue.rules.retest_fades
    assert "30 minutes" in note.text
    assert "Behm 2016" in note.source
    assert "Depino 2000" in note.source
    items = _items(cli, "calves")
    answers = "8\n8.5\n" + "4\n2\n" * items + "10.5\n9\n"
    text = cli("assess", "focus", "knee-to-wall", "--no-timer", "--date", DAY, input=answers)
    assert text.code == 0, text.err
    assert f"{note.text} ({note.source})" in text.out
    done = cli("assess", "focus", "knee-to-wall", "--no-timer", "--date", DAY, "--json", input=answers)
    assert done.json()["note"] == f"{note.text} ({note.source})"
