"""GET /illustrations/<slug>.svg: every exercise's picture, served in-process by the real app."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from supple.catalogue import load_catalogue

SLUGS = sorted(load_catalogue().exercises)


def test_every_exercise_has_a_cacheable_svg(client: TestClient) -> None:
    for slug in SLUGS:
        reply = client.get(f"/illustrations/{slug}.svg")
        assert reply.status_code == 200, slug
        assert reply.headers["content-type"].startswith("image/svg+xml")
        assert reply.headers["cache-control"] == "public, max-age=3600"
        root = ET.fromstring(reply.text)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.get("role") == "img"


def test_the_svg_is_the_same_each_time(client: TestClient) -> None:
    first = client.get("/illustrations/roll-quads.svg").text
    assert client.get("/illustrations/roll-quads.svg").text == first


@pytest.mark.parametrize("path", ["/illustrations/no-such-exercise.svg", "/illustrations/it-band.svg"])
def test_an_unknown_slug_is_a_404_problem(client: TestClient, path: str) -> None:
    reply = client.get(path)
    assert reply.status_code == 404
    assert reply.headers["content-type"] == "application/problem+json"
    body = reply.json()
    assert body["status"] == 404
    assert body["field"] == "exercise"
    assert "no-such-exercise" in body["detail"] or "it-band" in body["detail"]


def test_only_svg_is_served(client: TestClient) -> None:
    assert client.get("/illustrations/roll-quads.png").status_code == 404
