"""The compiled catalogue: the same as a fresh parse, rebuilt when any file changes, never trusted
from a folder or file someone else may write."""

from __future__ import annotations

import os
import pickle
import time
from pathlib import Path

import pytest

from supple.catalogue import Catalogue, load_catalogue
from supple.catalogue.compiled import fingerprint, load_or_build
from supple.catalogue.loader import HERE

CLAM = (HERE / "exercises" / "clamshell.toml").read_text()


def _mine(folder: Path, slug: str, name: str) -> None:
    text = CLAM.replace('slug = "clamshell"', f'slug = "{slug}"')
    (folder / f"{slug}.toml").write_text(text.replace('name = "Clamshell"', f'name = "{name}"'))


def test_the_compiled_copy_is_the_parsed_catalogue(tmp_path: Path, catalogue: Catalogue) -> None:
    first = load_catalogue(cache_dir=tmp_path / "cache")
    assert list((tmp_path / "cache").glob("catalogue-*.pickle")), "a copy is kept"
    again = load_catalogue(cache_dir=tmp_path / "cache")
    assert again.exercises == catalogue.exercises
    assert again.rules == catalogue.rules
    assert again.region_names == catalogue.region_names
    assert again.positions == catalogue.positions
    assert first.exercises == again.exercises


def test_a_changed_added_or_removed_user_file_rebuilds_it(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    cache = tmp_path / "cache"
    _mine(mine, "my-clam", "My clam")
    assert load_catalogue(mine, cache_dir=cache).exercises["my-clam"].name == "My clam"
    _mine(mine, "my-clam", "My clam, changed")
    later = time.time() + 5
    os.utime(mine / "my-clam.toml", (later, later))  # a new modification time, as an editor gives
    assert load_catalogue(mine, cache_dir=cache).exercises["my-clam"].name == "My clam, changed"
    _mine(mine, "my-other-clam", "Another")
    assert "my-other-clam" in load_catalogue(mine, cache_dir=cache).exercises, "an added file is seen"
    (mine / "my-clam.toml").unlink()
    assert "my-clam" not in load_catalogue(mine, cache_dir=cache).exercises, "a removed file is gone"


def test_the_key_covers_size_time_version_and_the_file_list(tmp_path: Path) -> None:
    one = tmp_path / "one.toml"
    one.write_text("a = 1\n")
    base = fingerprint([one], version="1")
    assert fingerprint([one], version="2") != base
    assert fingerprint([one, tmp_path / "two.toml"], version="1") != base
    one.write_text("a = 12\n")
    assert fingerprint([one], version="1") != base


def test_a_copy_anyone_else_may_write_is_never_loaded(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    assert load_or_build(lambda: "fresh", key="k", folder=folder, name="x.pickle") == "fresh"
    planted = folder / "x.pickle"
    planted.write_bytes(pickle.dumps(("k", "planted")))
    assert load_or_build(lambda: "fresh", key="k", folder=folder, name="x.pickle") == "planted", "ours: used"
    planted.write_bytes(pickle.dumps(("k", "planted")))
    planted.chmod(0o666)
    assert load_or_build(lambda: "fresh", key="k", folder=folder, name="x.pickle") == "fresh"
    folder.chmod(0o777)
    planted.chmod(0o600)
    planted.write_bytes(pickle.dumps(("k", "planted")))
    assert load_or_build(lambda: "fresh", key="k", folder=folder, name="x.pickle") == "fresh", "a shared folder"


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps(("other key", "old"))])
def test_a_damaged_or_stale_copy_is_rebuilt(tmp_path: Path, damage: bytes) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    (folder / "x.pickle").write_bytes(damage)
    assert load_or_build(lambda: "fresh", key="k", folder=folder, name="x.pickle") == "fresh"
    assert load_or_build(lambda: "other", key="k", folder=folder, name="x.pickle") == "fresh", "kept for next time"


def test_a_broken_user_file_is_still_reported_and_nothing_is_kept(tmp_path: Path) -> None:
    from supple.catalogue import CatalogueError

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "bad.toml").write_text("slug = \n")
    with pytest.raises(CatalogueError):
        load_catalogue(mine, cache_dir=tmp_path / "cache")
    assert not list((tmp_path / "cache").glob("catalogue-*.pickle"))
