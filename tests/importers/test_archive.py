"""Finding activity files in files, folders, zips and whole exports; refusing what is broken or unsafe."""

from __future__ import annotations

import gzip
import io
import os
import zipfile
import zlib
from pathlib import Path

import pytest

from supple.importers.archive import Found, Limits, Unreadable, count, kind_of, walk, walk_upload
from tests.importers.exports_built import Expected, garmin_export, real, strava_export

RUN = "fit/garmin-fenix-5-run.fit"
GPX = "gpx/track_with_speed.gpx"


def _inside(found: list[Found], root: Path) -> dict[str, Found]:
    prefix = root.as_posix() + "/"
    assert all(f.path.startswith(prefix) for f in found), [f.path for f in found]
    paths = [f.path.removeprefix(prefix) for f in found]
    assert len(paths) == len(set(paths)), "a file was found twice"
    return dict(zip(paths, found, strict=True))


def _check_export(found: dict[str, Found], expected: dict[str, Expected]) -> None:
    activities = {path: f for path, f in found.items() if f.data is not None}
    assert set(activities) == set(expected)
    for path, want in expected.items():
        got = activities[path]
        assert got.data == want.data, path
        assert got.kind == want.kind
        assert not got.problem
        assert not got.refused
        if want.name:
            assert got.hint is not None, path
            assert (got.hint.name, got.hint.sport, got.hint.start) == (want.name, want.sport, want.start)
        else:
            assert got.hint is None, path
    for path, f in found.items():
        if f.data is None:
            assert (f.kind, f.refused, bool(f.problem)) == (None, False, True), path


def test_a_strava_export_zip_gives_every_activity_file_once_with_its_row_from_activities_csv(tmp_path: Path) -> None:
    archive, expected = strava_export(tmp_path)
    found = _inside(list(walk([archive])), archive)
    _check_export(found, expected)
    assert set(found) - set(expected) == {"activities.csv", "profile.csv", "media/photo.jpg"}
    assert "list of its activities" in found["activities.csv"].problem
    assert "not an activity file" in found["media/photo.jpg"].problem


def test_a_strava_export_unzipped_into_a_folder_gets_the_same_hints(tmp_path: Path) -> None:
    folder, expected = strava_export(tmp_path, zipped=False)
    found = _inside(list(walk([folder])), folder)
    _check_export(found, expected)
    assert len(found) == len(expected) + 3


@pytest.mark.parametrize("nested", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED], ids=["deflated", "stored"])
def test_a_garmin_export_gives_the_uploads_inside_its_nested_zips_with_their_summaries(
    tmp_path: Path, nested: int
) -> None:
    archive, expected = garmin_export(tmp_path, nested)
    found = _inside(list(walk([archive])), archive)
    _check_export(found, expected)
    skipped = set(found) - set(expected)
    assert skipped == {
        "DI_CONNECT/DI-Connect-Fitness/runner@example.com_0_summarizedActivities.json",
        "DI_CONNECT/DI-Connect-User/user_profile.json",
    }
    # an upload whose number is not an activity id is found all the same, without a hint
    assert found["DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/runner@example.com_555.tcx"].data


def test_count_agrees_with_walk_on_exports_and_on_a_folder_holding_them(tmp_path: Path) -> None:
    strava, _ = strava_export(tmp_path)
    garmin, _ = garmin_export(tmp_path)
    unpacked, _ = strava_export(tmp_path, zipped=False)
    (tmp_path / "stored").mkdir()
    stored, _ = garmin_export(tmp_path / "stored", zipfile.ZIP_STORED)
    for paths in ([strava], [garmin], [stored], [unpacked], [tmp_path], [strava, garmin, unpacked]):
        assert count(paths) == len(list(walk(paths))), paths
    assert count([tmp_path]) == 9 + 7 + 7 + 9
    everything = list(walk([tmp_path]))
    with_hints = [f.path for f in everything if f.hint is not None]
    assert len(with_hints) == 6 + 4 + 4 + 6, "the exports keep their hints inside a folder holding them"


def test_the_order_is_fixed_and_sorted(tmp_path: Path) -> None:
    for name in ("b.gpx", "a/z.fit", "a/y.tcx", "c.FIT", "A.gpx"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(real(GPX))
    paths = [f.path.removeprefix(tmp_path.as_posix() + "/") for f in walk([tmp_path])]
    assert paths == ["A.gpx", "a/y.tcx", "a/z.fit", "b.gpx", "c.FIT"]
    assert [f.path for f in walk([tmp_path])] == [f.path for f in walk([tmp_path])]


def test_kinds_come_from_the_name_in_any_case() -> None:
    assert kind_of("a/B.FIT.GZ") == ("fit", True)
    assert kind_of("run.Gpx") == ("gpx", False)
    assert kind_of("C:\\runs\\x.tcx") == ("tcx", False)
    assert kind_of("notes.txt.gz") == (None, True)
    assert kind_of(".DS_Store") == (None, False)
    assert kind_of("fit") == (None, False)


def test_loose_files_gzipped_or_not_and_a_fit_that_is_not_fit_is_still_handed_over(tmp_path: Path) -> None:
    (tmp_path / "Run.FIT.GZ").write_bytes(gzip.compress(real(RUN)))
    (tmp_path / "secretly-gzipped.gpx").write_bytes(gzip.compress(real(GPX)))
    (tmp_path / "not-really.fit").write_bytes(b"hello, I am text")
    (tmp_path / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (tmp_path / "notes.txt.gz").write_bytes(gzip.compress(b"notes"))
    found = _inside(list(walk(sorted(tmp_path.iterdir()))), tmp_path)
    assert found["Run.FIT.GZ"].data == real(RUN)
    assert found["Run.FIT.GZ"].kind == "fit"
    assert found["secretly-gzipped.gpx"].data == real(GPX)
    assert found["not-really.fit"].data == b"hello, I am text"
    assert found["not-really.fit"].kind == "fit"
    for skipped in (".DS_Store", "notes.txt.gz"):
        assert found[skipped].data is None
        assert found[skipped].kind is None
        assert not found[skipped].refused
    assert "not an activity file" in found[".DS_Store"].problem


def test_symbolic_links_are_not_followed_out_of_the_folder(tmp_path: Path) -> None:
    outside, folder = tmp_path / "outside", tmp_path / "runs"
    outside.mkdir()
    (folder / "sub").mkdir(parents=True)
    (outside / "private.gpx").write_bytes(real(GPX))
    (folder / "sub" / "run.fit").write_bytes(real(RUN))
    os.symlink(outside / "private.gpx", folder / "escape.gpx")
    os.symlink(outside, folder / "escape-folder")
    os.symlink(folder / "sub" / "run.fit", folder / "alias.fit")
    os.symlink(folder / "sub", folder / "loop")
    os.symlink(folder / "self.fit", folder / "self.fit")
    os.symlink(tmp_path / "nothing.fit", folder / "broken.fit")
    (outside / "activities.csv").write_text("Activity Name,Filename\nSecret,sub/run.fit\n")
    os.symlink(outside / "activities.csv", folder / "activities.csv")
    found = _inside(list(walk([folder])), folder)
    assert set(found) == {
        "activities.csv", "alias.fit", "broken.fit", "escape-folder", "escape.gpx", "loop", "self.fit", "sub/run.fit",
    }  # fmt: skip
    assert found["sub/run.fit"].hint is None, "an index outside the folder is not read"
    assert found["alias.fit"].data == real(RUN) == found["sub/run.fit"].data
    for refused in ("escape.gpx", "escape-folder", "broken.fit", "activities.csv", "self.fit"):
        assert found[refused].refused
        assert found[refused].data is None
    assert "outside the folder" in found["escape.gpx"].problem
    assert not found["loop"].refused
    assert "not followed" in found["loop"].problem
    assert count([folder]) == len(found)


def test_a_path_that_does_not_exist_is_unreadable_at_once(tmp_path: Path) -> None:
    (tmp_path / "run.fit").write_bytes(real(RUN))
    with pytest.raises(Unreadable, match=r"missing\.zip"):
        walk([tmp_path / "run.fit", tmp_path / "missing.zip"])
    with pytest.raises(Unreadable, match="no such file"):
        count([tmp_path / "missing"])


def test_an_upload_is_read_from_its_file_object_and_left_open(tmp_path: Path) -> None:
    archive, expected = strava_export(tmp_path)
    with archive.open("rb") as stream:
        found = {f.path: f for f in walk_upload("export_1234.zip", stream)}
        assert not stream.closed
    _check_export({path.removeprefix("export_1234.zip/"): f for path, f in found.items()}, expected)
    single = list(walk_upload("morning.gpx.gz", io.BytesIO(gzip.compress(real(GPX)))))
    assert [(f.path, f.kind, f.data) for f in single] == [("morning.gpx.gz", "gpx", real(GPX))]


# -- bombs, bad names, depth, too many files, broken files ---------------------------------------------


def _zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as bundle:
        for name, data in entries.items():
            bundle.writestr(zipfile.ZipInfo(name), data, compress_type=compression)
    return buffer.getvalue()


def _zeros_gzip(megabytes: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: with a gzip header
    block = bytes(2**20)
    return b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()


def test_a_gzip_bomb_is_refused_at_64_mib(tmp_path: Path) -> None:
    bomb = _zeros_gzip(100)
    assert len(bomb) < 200_000
    (tmp_path / "bomb.fit.gz").write_bytes(bomb)
    [found] = walk([tmp_path / "bomb.fit.gz"])
    assert found.refused
    assert found.data is None
    assert found.kind == "fit"
    assert found.problem == "larger than 64 MiB when unpacked; refused"


def test_a_zip_whose_entry_inflates_past_the_cap_is_refused_and_the_rest_still_read(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    archive.write_bytes(_zip({"big.gpx": bytes(3 * 2**20), "ok.fit": real(RUN)}))
    assert archive.stat().st_size < 20_000
    found = {f.path: f for f in walk([archive], Limits(max_file_bytes=2**20))}
    assert found[f"{archive.as_posix()}/big.gpx"].problem == "larger than 1 MiB when unpacked; refused"
    assert found[f"{archive.as_posix()}/ok.fit"].data == real(RUN)


def test_the_total_for_one_import_is_capped(tmp_path: Path) -> None:
    for name in ("a.gpx", "b.gpx", "c.gpx", "d.gpx"):
        (tmp_path / name).write_bytes(real(GPX))
    limits = Limits(max_total_bytes=len(real(GPX)) * 2 + 10)
    found = list(walk([tmp_path], limits))
    assert [f.data is not None for f in found] == [True, True, False, False]
    assert all(f.refused and "import is larger than" in f.problem for f in found[2:])


def test_zip_entries_with_dotdot_or_absolute_paths_are_refused(tmp_path: Path) -> None:
    names = ["../evil.fit", "/abs.fit", "C:/drive.fit", "..\\back.fit", "a/../../up.gpx", "fine/../ok.gpx"]
    archive = tmp_path / "evil.zip"
    archive.write_bytes(_zip({**dict.fromkeys(names, real(GPX)), "good.gpx": real(GPX)}))
    found = {f.path.removeprefix(archive.as_posix() + "/"): f for f in walk([archive])}
    assert found["good.gpx"].data == real(GPX)
    for name in names:
        shown = name.replace("\\", "/")
        assert (found[shown].refused, found[shown].data) == (True, None), name
    assert "'..'" in found["../evil.fit"].problem
    assert "absolute" in found["/abs.fit"].problem
    assert "absolute" in found["C:/drive.fit"].problem
    assert not (tmp_path.parent / "evil.fit").exists()


def test_zips_nested_deeper_than_the_limit_are_refused(tmp_path: Path) -> None:
    inner = _zip({"deep.fit": real(RUN)})
    for level in (3, 2):
        inner = _zip({f"level{level}.zip": inner}, zipfile.ZIP_STORED if level == 2 else zipfile.ZIP_DEFLATED)
    archive = tmp_path / "level1.zip"
    archive.write_bytes(inner)
    [found] = walk([archive])
    assert found.data == real(RUN)
    assert found.path.endswith("level1.zip/level2.zip/level3.zip/deep.fit")
    archive.write_bytes(_zip({"level0.zip": inner}))
    [too_deep] = walk([archive])
    assert too_deep.refused
    assert too_deep.path.endswith("level0.zip/level2.zip/level3.zip")
    assert "more than 3 deep" in too_deep.problem
    [deeper_allowed] = walk([archive], Limits(max_depth=4))
    assert deeper_allowed.data == real(RUN)
    assert count([archive]) == 1


def test_after_max_files_the_rest_are_left_out_each_with_the_reason(tmp_path: Path) -> None:
    for index in range(5):
        (tmp_path / f"{index}.gpx").write_bytes(real(GPX))
    (tmp_path / "z.zip").write_bytes(_zip({"in.gpx": real(GPX)}))
    found = list(walk([tmp_path], Limits(max_files=3)))
    assert [f.data is not None for f in found] == [True, True, True, False, False, False]
    assert all(f.refused and f.problem == "left out: more than 3 files in one import" for f in found[3:])
    assert count([tmp_path], Limits(max_files=3)) == len(found)
    in_zip = list(walk([tmp_path / "z.zip"], Limits(max_files=0)))
    assert [(f.refused, f.data) for f in in_zip] == [(True, None)]


def test_broken_zips_and_gzips_are_refused_with_the_reason(tmp_path: Path) -> None:
    good = _zip({"run.fit": real(RUN), "b.gpx": real(GPX)})
    (tmp_path / "not-a.zip").write_bytes(b"this is not a zip at all")
    (tmp_path / "cut.zip").write_bytes(good[: len(good) // 2])
    (tmp_path / "not-gzip.fit.gz").write_bytes(real(RUN))
    (tmp_path / "cut.gpx.gz").write_bytes(gzip.compress(real(RUN))[:1000])
    found = _inside(list(walk([tmp_path])), tmp_path)
    assert all(f.refused and f.data is None for f in found.values())
    assert found["not-a.zip"].problem.startswith("not a readable zip")
    assert found["cut.zip"].problem.startswith("not a readable zip")
    assert found["not-gzip.fit.gz"].problem.startswith("not a readable gzip")
    assert found["cut.gpx.gz"].problem.startswith("not a readable gzip")


def test_a_zip_entry_with_a_bad_crc_is_refused(tmp_path: Path) -> None:
    data = bytearray(_zip({"run.gpx": real(GPX)}, zipfile.ZIP_STORED))
    spot = data.index(b"<gpx")
    data[spot + 100] ^= 0xFF
    (tmp_path / "crc.zip").write_bytes(bytes(data))
    [found] = walk([tmp_path / "crc.zip"])
    assert found.refused
    assert "cannot be read" in found.problem
    assert "CRC" in found.problem


def test_encrypted_zip_entries_are_refused(tmp_path: Path) -> None:
    data = bytearray(_zip({"secret.fit": real(RUN), "open.gpx": real(GPX)}))
    # zipfile cannot write encrypted entries: set the "encrypted" flag of the first entry's headers
    data[6] |= 0x1
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x1
    (tmp_path / "locked.zip").write_bytes(bytes(data))
    found = {f.path.rsplit("/", 1)[1]: f for f in walk([tmp_path / "locked.zip"])}
    assert found["secret.fit"].refused
    assert "encrypted" in found["secret.fit"].problem
    assert found["open.gpx"].data == real(GPX)


def test_macos_file_information_in_a_zip_is_skipped_not_refused(tmp_path: Path) -> None:
    archive = tmp_path / "from-a-mac.zip"
    archive.write_bytes(_zip({"runs/a.gpx": real(GPX), "__MACOSX/runs/._a.gpx": b"\0\5\26\7", "runs/._b.fit": b"\0"}))
    found = {f.path.removeprefix(archive.as_posix() + "/"): f for f in walk([archive])}
    assert found["runs/a.gpx"].data == real(GPX)
    for skipped in ("__MACOSX/runs/._a.gpx", "runs/._b.fit"):
        assert (found[skipped].kind, found[skipped].refused) == (None, False)
        assert "macOS" in found[skipped].problem


def test_a_path_that_is_not_a_file_or_folder_is_unreadable(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.fit")
    with pytest.raises(Unreadable, match="not a file or a folder"):
        walk([tmp_path / "pipe.fit"])
    [inside] = walk([tmp_path])
    assert inside.data is None
    assert "not a regular file" in inside.problem


def test_a_zip_inside_a_zip_counts_towards_the_total_and_is_refused_past_it(tmp_path: Path) -> None:
    inner = _zip({"a.gpx": real(GPX)}, zipfile.ZIP_STORED)
    archive = tmp_path / "outer.zip"
    archive.write_bytes(_zip({"a.gpx": real(GPX), "inner.zip": inner}))
    found = list(walk([archive], Limits(max_total_bytes=len(real(GPX)) + len(inner) // 2)))
    assert [f.path.rsplit("/", 1)[1] for f in found] == ["a.gpx", "inner.zip"]
    assert found[0].data == real(GPX)
    assert found[1].refused
    assert found[1].problem.startswith("left out: the import is larger than")


def test_a_zip_stored_inside_a_zip_is_read_in_place_without_counting_its_copy(tmp_path: Path) -> None:
    inner = _zip({"a.gpx": real(GPX), "b.gpx": real(GPX)})
    archive = tmp_path / "outer.zip"
    archive.write_bytes(_zip({"inner.zip": inner}, zipfile.ZIP_STORED))
    limits = Limits(max_total_bytes=2 * len(real(GPX)))  # room for the two files, not for a copy of the zip too
    assert [f.data for f in walk([archive], limits)] == [real(GPX), real(GPX)]
    archive.write_bytes(_zip({"inner.zip": inner}, zipfile.ZIP_DEFLATED))
    first, second = walk([archive], limits)  # the copy of the compressed zip counted: no room for both
    assert first.data == real(GPX)
    assert second.refused
    assert second.problem.startswith("left out: the import is larger than")


def test_folders_nested_too_deep_are_refused_not_a_crash(tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*["d"] * 70)
    deep.mkdir(parents=True)
    (deep / "run.gpx").write_bytes(real(GPX))
    (tmp_path / "d" / "top.gpx").write_bytes(real(GPX))
    found = list(walk([tmp_path]))
    assert [f.data is not None for f in found] == [False, True]
    assert "more than 64 deep" in found[0].problem
    assert found[0].path.endswith("/".join(["d"] * 65))
