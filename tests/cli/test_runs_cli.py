"""`supple runs`: the import, list, add and delete contracts, run as a person would, with real files."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ACTIVITIES = Path(__file__).parents[2] / ".." / "shared" / "data" / "activities"
FIT_RUN = ACTIVITIES / "fit" / "activity-small-fenix2-run.fit"
ROUTE = ACTIVITIES / "odd" / "route.gpx"
NO_CLOCK = ACTIVITIES / "fit" / "compressed-speed-distance.fit"
LIST_KEYS = {
    "id",
    "start",
    "local_offset",
    "sport",
    "elapsed_seconds",
    "moving_seconds",
    "distance_m",
    "avg_hr",
    "source",
    "planned",
}


def test_import_json_reports_each_file_and_exits_0_with_refused_files(cli: Any, tmp_path: Path) -> None:
    result = cli("runs", "import", str(FIT_RUN), str(ROUTE), str(NO_CLOCK), str(tmp_path / "missing.fit"), "--json")
    assert result.code == 0, result.err
    files = result.json()["files"]
    assert [set(f) for f in files] == [{"path", "status", "reason", "activities"}] * 4
    by_status = {f["status"]: f for f in files}
    assert set(by_status) == {"imported", "skipped", "refused"}
    assert by_status["imported"]["path"] == FIT_RUN.as_posix()
    assert len(by_status["imported"]["activities"]) == 1
    assert by_status["imported"]["reason"] == ""
    assert [f["status"] for f in files if f["path"] == ROUTE.as_posix()] == ["skipped"]
    refused = [f for f in files if f["status"] == "refused"]
    assert {Path(f["path"]).name for f in refused} == {NO_CLOCK.name, "missing.fit"}
    assert all(f["reason"] and f["activities"] == [] for f in refused)

    again = cli("runs", "import", str(FIT_RUN), "--json")
    assert again.code == 0, again.err
    [line] = again.json()["files"]
    assert line["status"] == "duplicate"
    assert line["activities"] == by_status["imported"]["activities"]


def test_import_with_no_readable_path_exits_2_and_names_it(
    cli: Any, tmp_path: Path, bad_input: Callable[..., None]
) -> None:
    result = cli("runs", "import", str(tmp_path / "nowhere"), "--json")
    bad_input(result, "nowhere", "no such file")
    assert cli("runs", "list", "--json").json() == []


def test_import_text_says_what_became_of_the_files(cli: Any) -> None:
    result = cli("runs", "import", str(FIT_RUN), str(ROUTE))
    assert result.code == 0, result.err
    assert "1 imported" in result.out
    assert "1 skipped" in result.out
    assert "route" in result.out


def test_list_json_done_and_planned(cli: Any) -> None:
    assert cli("runs", "import", str(FIT_RUN)).code == 0
    added = cli("runs", "add", "--date", "2015-08-18", "--time", "07:00", "--distance", "12.5", "--kind", "long")
    assert added.code == 0, added.err
    done = cli("runs", "add", "--date", "2015-08-16", "--time", "19:00", "--minutes", "30", "--done")
    assert done.code == 0, done.err
    result = cli("runs", "list", "--json")
    assert result.code == 0, result.err
    rows = result.json()
    assert len(rows) == 3
    for row in rows:
        assert set(row) >= LIST_KEYS, row
    planned, by_hand, fit = rows
    assert planned["planned"] is True
    assert planned["distance_m"] == 12_500.0
    assert planned["kind"] == "long"
    assert str(planned["id"]).startswith("p")
    assert by_hand["planned"] is False
    assert by_hand["elapsed_seconds"] == 1800.0
    assert re.fullmatch(r"[+-]\d\d:\d\d", by_hand["local_offset"])
    assert fit["planned"] is False
    assert fit["sport"] == "running"
    assert fit["start"] == "2015-08-15T14:45:08+00:00"
    assert dt.datetime.fromisoformat(fit["start"]).utcoffset() == dt.timedelta(0)
    assert fit["local_offset"] == "+02:00"
    assert fit["elapsed_seconds"] == pytest.approx(2832, abs=1)
    assert fit["distance_m"] == pytest.approx(9008, abs=2)
    assert fit["source"] == FIT_RUN.as_posix()
    window = cli("runs", "list", "--from", "2015-08-16", "--to", "2015-08-17", "--json").json()
    assert [row["id"] for row in window] == [by_hand["id"]]


def test_delete_a_planned_and_a_done_run(cli: Any, bad_input: Callable[..., None]) -> None:
    assert cli("runs", "import", str(FIT_RUN)).code == 0
    assert cli("runs", "add", "--date", "2015-08-18", "--time", "07:00").code == 0
    planned, fit = cli("runs", "list", "--json").json()
    assert cli("runs", "delete", planned["id"]).code == 0
    bad_input(cli("runs", "delete", planned["id"]), planned["id"])
    deleted = cli("runs", "delete", str(fit["id"]), "--json")
    assert deleted.code == 0, deleted.err
    assert deleted.json() == {"deleted": str(fit["id"])}
    assert cli("runs", "list", "--json").json() == []


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (("--date", "2026-02-30"), ("date", "2026-02-30")),
        (("--date", "2026-12-01", "--time", "25:00"), ("time", "25:00")),
        (("--date", "2026-12-01", "--kind", "tempo"), ("kind", "tempo")),
        (("--date", "2026-12-01", "--distance", "-4"), ("distance",)),
        (("--date", "2026-12-01", "--minutes", "0"), ("--minutes",)),
        (("--date", "2026-12-01", "--done", "--time", "07:00"), ("--minutes",)),
        (("--date", "2026-12-01", "--done", "--minutes", "30"), ("--time",)),
        (("--date", "2026-12-01", "--done", "--time", "07:00", "--minutes", "30", "--sport", "ski"), ("sport", "ski")),
    ],
)
def test_bad_input_to_add_writes_nothing(
    cli: Any, bad_input: Callable[..., None], args: tuple[str, ...], names: tuple[str, ...]
) -> None:
    bad_input(cli("runs", "add", *args), *names)
    assert cli("runs", "list", "--json").json() == []


def test_bad_dates_to_list(cli: Any, bad_input: Callable[..., None]) -> None:
    bad_input(cli("runs", "list", "--from", "yesterday"), "from", "yesterday")
    bad_input(cli("runs", "list", "--from", "2026-12-02", "--to", "2026-12-01"), "2026-12-02")
