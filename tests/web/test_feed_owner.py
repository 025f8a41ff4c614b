"""A calendar feed token opens its own athlete's plan, whoever the server was started for, and
nothing else: not another athlete's plan, not a page, not a write."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from supple.config import Settings
from supple.services import profile as profiles
from supple.services.context import Context
from supple.web.app import create_app
from tests.web.conftest import LOOPBACK


def _runner(settings: Settings, athlete: str, days: str) -> str:
    ctx = Context.open(settings, athlete=athlete)
    profiles.save_profile(ctx, profile=profiles.update_profile(ctx, profiles.get_profile(ctx), run_days=days))
    return ctx.data.feed_token()


def test_each_token_opens_its_own_athletes_plan_on_any_athletes_server(settings: Settings) -> None:
    alice = _runner(settings, "alice", "mon,wed,fri")
    bob = _runner(settings, "bob", "tue")
    bobs_server = dataclasses.replace(settings, athlete="bob")
    with TestClient(create_app(bobs_server), base_url="http://127.0.0.1", client=LOOPBACK) as client:
        hers = client.get(f"/calendar/{alice}.ics")
        his = client.get(f"/calendar/{bob}.ics")
        assert hers.status_code == 200
        assert his.status_code == 200
        assert "UID:alice-" in hers.text
        assert "UID:bob-" not in hers.text, "Alice's token never shows the server's own athlete"
        assert "UID:bob-" in his.text
        assert "UID:alice-" not in his.text
        assert client.get(f"/calendar/{alice}x.ics").status_code == 404
        assert client.get("/calendar/.ics").status_code == 404


@pytest.mark.parametrize("token", ["%00", "a%00b", "%C3%A9", "x" * 300, "a.b", "%20"])
def test_a_token_that_cannot_be_one_is_a_404_on_both_databases(database_url: str, tmp_path: Path, token: str) -> None:
    settings = Settings(data_dir=tmp_path, database_url_override=database_url)
    with TestClient(create_app(settings), base_url="http://127.0.0.1", client=LOOPBACK) as client:
        assert client.get(f"/calendar/{token}.ics").status_code == 404
