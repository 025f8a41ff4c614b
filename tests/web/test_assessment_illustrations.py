"""GET /illustrations/assessments/<slug>.svg: every screening test's picture, served by the real app."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from supple.catalogue import load_catalogue
from supple.catalogue.knowledge import load_knowledge

TESTS = load_knowledge(load_catalogue().exercises).tests


def test_every_test_has_a_cacheable_svg_named_after_it(client: TestClient) -> None:
    for slug, test in TESTS.items():
        reply = client.get(f"/illustrations/assessments/{slug}.svg")
        assert reply.status_code == 200, slug
        assert reply.headers["content-type"].startswith("image/svg+xml")
        assert reply.headers["cache-control"] == "public, max-age=3600"
        root = ET.fromstring(reply.text)
        assert root.get("role") == "img"
        title = root.find("{http://www.w3.org/2000/svg}title")
        assert title is not None
        assert title.text == test.name
        assert title.get("id") == f"ill-test-{slug}-title"


def test_the_svg_is_the_same_each_time(client: TestClient) -> None:
    first = client.get("/illustrations/assessments/knee-to-wall.svg").text
    assert client.get("/illustrations/assessments/knee-to-wall.svg").text == first


@pytest.mark.parametrize("slug", ["no-such-test", "roll-glutes"])
def test_an_unknown_test_is_a_404_problem(client: TestClient, slug: str) -> None:
    reply = client.get(f"/illustrations/assessments/{slug}.svg")
    assert reply.status_code == 404
    assert reply.headers["content-type"] == "application/problem+json"
    body = reply.json()
    assert body["status"] == 404
    assert body["field"] == "test"
    assert slug in body["detail"]


def test_a_test_slug_is_not_an_exercise_and_only_svg_is_served(client: TestClient) -> None:
    assert client.get("/illustrations/knee-to-wall.svg").status_code == 404
    assert client.get("/illustrations/assessments/knee-to-wall.png").status_code == 404
