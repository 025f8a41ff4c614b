"""GET /api/v1/exercises and /api/v1/exercises/{slug}: the catalogue, as `supple exercises --json`."""

from __future__ import annotations

from typing import get_args

import pytest
from fastapi.testclient import TestClient

from supple.catalogue import Catalogue
from supple.config import Settings
from supple.core.vocabulary import EQUIPMENT, KINDS, ROLES, SYMPTOM_REGIONS, TARGET_REGIONS, WEEKDAYS
from supple.services import library, shapes
from supple.web import schemas
from tests.conftest import Cli
from tests.contexts import ctx_for
from tests.web.conftest import problem as _problem


def test_the_list_is_the_whole_catalogue_in_order(client: TestClient, settings: Settings) -> None:
    response = client.get("/api/v1/exercises")
    assert response.status_code == 200
    expected = [
        shapes.exercise_dict(e, library.left_out(ctx_for(settings), exercise=e))
        for e in library.exercises(ctx_for(settings))
    ]
    assert response.json() == expected


@pytest.mark.parametrize(
    ("query", "args"),
    [
        ({"region": "glutes", "role": "strengthen"}, ["--region", "glutes", "--role", "strengthen"]),
        ({"role": "melt"}, ["--role", "melt"]),
        ({"region": "feet"}, ["--region", "feet"]),
    ],
)
def test_filters_match_the_cli(client: TestClient, cli: Cli, query: dict[str, str], args: list[str]) -> None:
    printed = cli("exercises", "--json", *args)
    assert printed.code == 0, printed.err
    found = client.get("/api/v1/exercises", params=query).json()
    assert found == printed.json()
    assert found
    for exercise in found:
        assert query.get("role", exercise["role"]) == exercise["role"]
        assert query.get("region", exercise["regions"][0]) in exercise["regions"]


def test_one_exercise_is_what_explain_prints(client: TestClient, cli: Cli) -> None:
    printed = cli("explain", "elevated-hamstring-stretch", "--json")
    assert printed.code == 0, printed.err
    response = client.get("/api/v1/exercises/elevated-hamstring-stretch")
    assert response.status_code == 200
    assert response.json() == printed.json()


def test_every_exercise_is_served_in_full(client: TestClient, catalogue: Catalogue, settings: Settings) -> None:
    for slug, exercise in catalogue.exercises.items():
        expected = shapes.exercise_dict(exercise, library.left_out(ctx_for(settings), exercise=exercise))
        assert client.get(f"/api/v1/exercises/{slug}").json() == expected


@pytest.mark.parametrize("slug", ["no-such-exercise", "CLAMSHELL", "clam shell"])
def test_an_unknown_slug_is_a_404_problem(client: TestClient, slug: str) -> None:
    body = _problem(client.get(f"/api/v1/exercises/{slug}"), 404, "slug")
    assert body["title"] == "Not found"
    assert repr(slug) in body["detail"]


def test_a_near_miss_suggests_close_slugs(client: TestClient) -> None:
    body = _problem(client.get("/api/v1/exercises/clamshel"), 404, "slug")
    assert "did you mean clamshell" in body["detail"]


@pytest.mark.parametrize(
    ("query", "field"),
    [({"region": "elbow"}, "region"), ({"role": "stretch"}, "role"), ({"region": "Glutes"}, "region")],
)
def test_unknown_filters_are_422_problems(client: TestClient, query: dict[str, str], field: str) -> None:
    _problem(client.get("/api/v1/exercises", params=query), 422, field)


def test_the_it_band_is_refused_naming_its_sources(client: TestClient) -> None:
    body = _problem(client.get("/api/v1/exercises", params={"region": "it-band"}), 422, "region")
    assert "glutes" in body["detail"]


def test_the_schema_vocabulary_is_the_domains() -> None:
    """The Literal types in the OpenAPI schema must list exactly the domain's words."""
    assert get_args(schemas.Kind) == KINDS
    assert get_args(schemas.Role) == ROLES
    assert get_args(schemas.Region) == TARGET_REGIONS
    assert get_args(schemas.NamedRegion) == TARGET_REGIONS + SYMPTOM_REGIONS
    assert get_args(schemas.Equipment) == EQUIPMENT
    assert get_args(schemas.Weekday) == WEEKDAYS


def test_the_complaints_are_the_catalogues(catalogue: Catalogue) -> None:
    assert get_args(schemas.Complaint) == catalogue.complaints


def test_the_openapi_document_lists_roles_regions_and_kit(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    exercise = document["components"]["schemas"]["ExerciseOut"]["properties"]
    assert exercise["role"]["enum"] == list(ROLES)
    assert exercise["equipment"]["items"]["enum"] == list(EQUIPMENT)
    assert exercise["regions"]["items"]["enum"] == list(TARGET_REGIONS)
    assert "404" in document["paths"]["/api/v1/exercises/{slug}"]["get"]["responses"]
