"""The catalogue: required content, coverage, and clear refusals of broken files."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from supple.catalogue import Catalogue, CatalogueError, load_catalogue
from supple.catalogue.loader import EXERCISE_DIR
from supple.core.vocabulary import TARGET_REGIONS

ARTICLE = ("hip-flexor-stretch-overhead-reach", "elevated-hamstring-stretch", "elevated-hip-internal-rotation")
ROLLERS = ("glutes", "quads", "calves", "hamstrings", "thoracic-spine", "adductors", "hip-flexors")


def test_at_least_35_exercises(catalogue: Catalogue) -> None:
    assert len(catalogue.exercises) >= 35


@pytest.mark.parametrize("slug", ARTICLE + tuple(f"roll-{r}" for r in ROLLERS))
def test_the_article_exercises_and_roller_releases_are_there(catalogue: Catalogue, slug: str) -> None:
    exercise = catalogue.exercises[slug]
    if slug.startswith("roll-"):
        assert exercise.role == "melt"
        assert "roller" in exercise.equipment
        assert exercise.main_region == slug.removeprefix("roll-")
    else:
        assert exercise.role == "mould"
        assert any("seed article" in s.cite for s in exercise.sources)


def test_every_exercise_declares_what_it_involves_from_the_positions(catalogue: Catalogue) -> None:
    for exercise in catalogue.exercises.values():
        assert exercise.involves <= set(catalogue.positions), exercise.slug
    assert "deep-hip-flexion" in catalogue.exercises["elevated-hamstring-stretch"].involves
    assert "hip-internal-rotation" in catalogue.exercises["elevated-hip-internal-rotation"].involves
    for region in ("glutes", "quads", "calves", "hamstrings", "thoracic-spine", "adductors", "hip-flexors"):
        assert f"rolling-{region}" in catalogue.exercises[f"roll-{region}"].involves


def test_nothing_targets_the_it_band_and_its_sources_are_the_hip(catalogue: Catalogue) -> None:
    for exercise in catalogue.exercises.values():
        assert "it-band" not in exercise.regions
    assert set(catalogue.rules.redirects["it-band"].sources) == {"glutes", "hip-rotators"}


@pytest.mark.parametrize("region", TARGET_REGIONS)
def test_every_region_has_mould_strengthen_and_prime_without_equipment(catalogue: Catalogue, region: str) -> None:
    own = [e for e in catalogue.exercises.values() if e.main_region == region]
    for role in ("mould", "strengthen", "prime"):
        assert any(e.role == role and not e.equipment for e in own), f"{region} lacks an equipment-free {role}"
    if region != "trunk":
        assert any(e.role == "melt" for e in own), f"{region} is rollable but has no melt"


def test_mould_and_strengthen_exercises_have_a_ladder_of_three_or_more(catalogue: Catalogue) -> None:
    for exercise in catalogue.exercises.values():
        if exercise.role in ("mould", "strengthen"):
            assert len(exercise.ladder) >= 3, exercise.slug
            assert len({(lv.variable, lv.unit) for lv in exercise.ladder}) == 1


def test_prime_drills_are_dynamic(catalogue: Catalogue) -> None:
    for exercise in catalogue.exercises.values():
        if exercise.role == "prime":
            assert not exercise.static, exercise.slug
            assert exercise.primer, exercise.slug


def test_every_exercise_has_a_source_and_licence(catalogue: Catalogue) -> None:
    for exercise in catalogue.exercises.values():
        assert exercise.sources, exercise.slug
        assert exercise.licence, exercise.slug
        assert exercise.author, exercise.slug


def _copy(tmp_path: Path, slug: str, new_slug: str, edit: str | None = None) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    text = (EXERCISE_DIR / f"{slug}.toml").read_text()
    text = text.replace(f'slug = "{slug}"', f'slug = "{new_slug}"')
    if edit is not None:
        text = edit if "{}" not in edit else edit.format(text)
    path = folder / f"{new_slug}.toml"
    path.write_text(text)
    return folder


def test_a_user_exercise_is_added(tmp_path: Path) -> None:
    folder = _copy(tmp_path, "clamshell", "my-clamshell")
    loaded = load_catalogue(folder)
    assert "my-clamshell" in loaded.exercises
    assert "clamshell" in loaded.exercises


def _broken(tmp_path: Path, change: tuple[str, str]) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir(exist_ok=True)
    text = (EXERCISE_DIR / "clamshell.toml").read_text().replace('slug = "clamshell"', 'slug = "my-clamshell"')
    old, new = change
    assert old in text, old
    (folder / "my-clamshell.toml").write_text(text.replace(old, new, 1))
    return folder


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (('role = "strengthen"', 'role = "stretch"'), "role", "expected one of melt"),
        (('role = "strengthen"', ""), "role", "missing"),
        (("regions = [", 'regions = ["it-band", '), "regions", "symptom-only and is never a target"),
        (("equipment = [", 'equipment = ["kettlebell", '), "equipment", "kettlebell"),
        (("sets = ", "sets = 0 #"), "dose.sets", "from 1 to 5"),
        (('slug = "my-clamshell"', 'slug = "other"'), "slug", "does not match the file name"),
        (("[[ladder]]", "[[ladder]]\nlevel = 7\n[[ladder]]"), "ladder", "level"),
        (("movement = [", "movment = ["), "cues.movment", "unknown field"),
        (("[[ladder]]", "[[ladder]]\nheight = 3"), "ladder[1].height", "unknown field"),
        (('role = "strengthen"', 'role = "strengthen"\nwhy = ""'), "(file)", "not valid TOML"),
        (('slug = "my-clamshell"', 'slug = "my-clamshell"\ncolour = "red"'), "colour", "unknown field"),
        (('slug = "my-clamshell"', 'slug = "my-clamshell" = ='), "(file)", "not valid TOML"),
    ],
)
def test_a_malformed_file_is_refused_naming_the_file_and_field(
    tmp_path: Path, change: tuple[str, str], field: str, words: str
) -> None:
    folder = _broken(tmp_path, change)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    error = caught.value
    assert error.file.endswith("my-clamshell.toml")
    assert error.field.startswith(field), str(error)
    assert words in str(error)
    assert "my-clamshell.toml" in str(error)


def test_a_user_file_cannot_replace_a_built_in(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(EXERCISE_DIR / "clamshell.toml", folder / "clamshell.toml")
    with pytest.raises(CatalogueError, match="already in the catalogue"):
        load_catalogue(folder)


def test_a_missing_user_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match="is not a folder"):
        load_catalogue(tmp_path / "nope")


def test_every_threshold_in_rules_carries_a_source() -> None:
    rules = tomllib.loads((EXERCISE_DIR.parent / "rules.toml").read_text())
    for name, table in rules.items():
        assert isinstance(table, dict)
        assert table.get("source"), f"[{name}] has no source"


def test_every_exercise_says_how_fast_its_ladder_is_climbed_with_a_source(catalogue: Catalogue) -> None:
    for exercise in catalogue.exercises.values():
        assert exercise.pace is not None, exercise.slug
        assert exercise.pace.source.strip(), exercise.slug
        if exercise.ladder and exercise.role != "melt":
            assert exercise.pace.min_days >= 7, exercise.slug
    # loaded tendon work waits 48 hours and holds a level for two weeks (Rathleff 2015)
    for slug in ("eccentric-heel-drop", "single-leg-calf-raise", "towel-heel-raise"):
        pace = catalogue.exercises[slug].pace
        assert pace is not None, slug
        assert (pace.rest_hours, pace.min_days) == (48, 14), slug
        assert "Rathleff 2015" in pace.source
    assert catalogue.exercises["roll-calves"].pace == catalogue.exercises["roll-quads"].pace
    pace = catalogue.exercises["roll-calves"].pace
    assert pace is not None
    assert pace.rest_hours == 0
