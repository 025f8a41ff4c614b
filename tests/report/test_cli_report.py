"""Bad input to `supple report` and `supple handout`: exit 2, one line naming the value, and no file at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli, Result


def _refused(result: Result, *names: str) -> None:
    assert result.code == 2, (result.code, result.out, result.err)
    assert result.out == ""
    message = result.err.strip()
    assert "\n" not in message, message
    assert message.startswith("supple: error:"), message
    for name in names:
        assert name in message, (name, message)


def _files(folder: Path) -> list[str]:
    """Everything in ``folder`` (hidden files too), the data folder left out."""
    return sorted(p.name for p in folder.iterdir() if p.name != "data")


@pytest.mark.parametrize("command", ["report", "handout"])
@pytest.mark.parametrize("name", ["routine.txt", "routine.PDFX", "routine", "routine.pdf.bak"])
def test_an_unknown_ending_is_refused(cli: Cli, tmp_path: Path, command: str, name: str) -> None:
    _refused(cli(command, "--out", str(tmp_path / name)), repr(str(tmp_path / name)), ".pdf or .html")
    assert _files(tmp_path) == []


def test_from_after_to_is_refused_and_an_existing_file_is_left_alone(cli: Cli, tmp_path: Path) -> None:
    kept = tmp_path / "report.pdf"
    kept.write_bytes(b"%PDF-1.7 an older report")
    result = cli("report", "--from", "2026-11-10", "--to", "2026-11-01", "--out", str(kept))
    _refused(result, "from", "'2026-11-10'", "2026-11-01")
    assert kept.read_bytes() == b"%PDF-1.7 an older report"
    assert _files(tmp_path) == ["report.pdf"]


@pytest.mark.parametrize(("option", "value"), [("--from", "2026-13-01"), ("--to", "yesterday"), ("--from", "")])
def test_a_bad_date_is_refused(cli: Cli, tmp_path: Path, option: str, value: str) -> None:
    result = cli("report", option, value, "--out", str(tmp_path / "report.pdf"))
    _refused(result, option.removeprefix("--"), repr(value), "YYYY-MM-DD")
    assert _files(tmp_path) == []


def test_a_handout_date_is_checked(cli: Cli, tmp_path: Path) -> None:
    _refused(cli("handout", "--date", "2026-02-30", "--out", str(tmp_path / "h.pdf")), "date", "'2026-02-30'")
    assert _files(tmp_path) == []


@pytest.mark.parametrize("command", ["report", "handout"])
def test_a_folder_that_does_not_exist_is_refused(cli: Cli, tmp_path: Path, command: str) -> None:
    target = tmp_path / "missing" / "out.pdf"
    _refused(cli(command, "--out", str(target)), repr(str(target)), "folder")
    assert not (tmp_path / "missing").exists()
    assert _files(tmp_path) == []


def test_a_folder_is_not_a_file_name(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "looks.pdf"
    folder.mkdir()
    _refused(cli("report", "--out", str(folder)), repr(str(folder)), "not a folder")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    ("options", "names"),
    [
        (("--kind", "nap"), ("kind", "'nap'", "primer")),
        (("--minutes", "0"), ("minutes", "0", "1 to 120")),
        (("--minutes", "121"), ("minutes", "121", "1 to 120")),
    ],
)
def test_bad_handout_options_write_nothing(
    cli: Cli, tmp_path: Path, options: tuple[str, ...], names: tuple[str, ...]
) -> None:
    _refused(cli("handout", *options, "--out", str(tmp_path / "routine.pdf")), *names)
    assert _files(tmp_path) == []


def test_out_is_required(cli: Cli) -> None:
    result = cli("report")
    assert result.code == 2
    assert "--out" in result.err


def test_json_says_what_was_written_and_replaces_the_old_file_whole(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "Routine.HTML"
    path.write_text("<!doctype html><html><body>an older handout</body></html>")
    done = cli("handout", "--out", str(path), "--date", "2026-11-24", "--json")
    assert done.code == 0, done.err
    assert done.json() == {"out": str(path), "format": "html", "pages": None}
    assert done.out.endswith("}\n")
    written = path.read_text(encoding="utf-8")
    assert written.startswith("<!doctype html>")
    assert written.rstrip().endswith("</html>")
    assert _files(tmp_path) == ["Routine.HTML"], "a temporary file was left behind"


def test_text_output_names_the_file_and_its_pages(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "routine.pdf"
    done = cli("handout", "--out", str(path), "--date", "2026-11-24")
    assert done.code == 0, done.err
    assert done.out.strip() == f"Wrote the handout to {path} (PDF, 1 page)."
    assert path.read_bytes().startswith(b"%PDF-")
    assert _files(tmp_path) == ["routine.pdf"]
