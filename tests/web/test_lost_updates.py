"""Concurrent changes to different fields of the profile all stay: none is silently reverted.

Three writers change three different fields at the same moment, round after round, each
round with values the previous round did not have. After each round every field must hold
the value written to it in that round. Read, change and save used to be separate
transactions, so the last save put back what it had read before the others saved.

Run against a real `supple serve --workers 2` (two processes) on SQLite and on PostgreSQL,
and in-process from threads through the profile service.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from supple.config import Settings
from supple.services import profile_api
from supple.services.profile import get_profile
from tests.conftest import _drop, _postgres_url
from tests.contexts import ctx_for
from tests.serving import serving

SERVED_ROUNDS = 100
THREADED_ROUNDS = 60


def _values(round_no: int) -> dict[str, Any]:
    """The three fields written in round ``round_no``; each differs from the round before."""
    return {
        "minutes": 1 + round_no % 120,
        "name": f"Runner {round_no}",
        "run_times": {"mon": f"{round_no % 24:02d}:{round_no % 60:02d}"},
    }


def _together(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run every call in its own thread, released at the same moment by a barrier."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], Any]) -> Any:
        barrier.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def server_env(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
    env["SUPPLE_DATA_DIR"] = str(tmp_path / "data")
    if request.param == "sqlite":
        yield env
        return
    url = _postgres_url()
    try:
        yield env | {"SUPPLE_DATABASE_URL": url}
    finally:
        _drop(url)


def test_three_concurrent_puts_to_two_workers_keep_every_field(server_env: dict[str, str], tmp_path: Path) -> None:
    with serving(server_env, "--workers", "2", log=tmp_path / "serve.log") as (url, _):
        clients = [httpx.Client(base_url=url, timeout=60) for _ in range(3)]
        try:
            # The athlete's first write on its own: many first writes at once are the
            # first-write race, which has its own test.
            assert clients[0].put("/api/v1/profile", json={}).status_code == 200
            reverted = []
            for round_no in range(SERVED_ROUNDS):
                wanted = _values(round_no)
                puts = [
                    lambda client=client, field=field, value=value: client.put("/api/v1/profile", json={field: value})
                    for client, (field, value) in zip(clients, wanted.items(), strict=True)
                ]
                answers = _together(puts)
                assert [a.status_code for a in answers] == [200, 200, 200], [a.text for a in answers]
                saved = clients[0].get("/api/v1/profile").json()
                lost = {field: saved[field] for field, value in wanted.items() if saved[field] != value}
                if lost:
                    reverted.append((round_no, lost))
        finally:
            for client in clients:
                client.close()
    assert reverted == [], f"{len(reverted)} of {SERVED_ROUNDS} rounds lost a change, e.g. {reverted[:3]}"


def test_threads_changing_different_fields_through_the_service_lose_nothing(database_url: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url_override=database_url)
    profile_api.put_profile(ctx_for(settings))  # the first write on its own (see above)
    reverted = []
    for round_no in range(THREADED_ROUNDS):
        wanted = _values(round_no)
        changes = [
            lambda field=field, value=value: profile_api.put_profile(
                ctx_for(settings), **{field: value.items() if field == "run_times" else value}
            )
            for field, value in wanted.items()
        ]
        _together(changes)
        saved = get_profile(ctx_for(settings))
        got = {
            "minutes": saved.minutes,
            "name": saved.name,
            "run_times": {day: time.strftime("%H:%M") for day, time in saved.run_times},
        }
        if got != wanted:
            reverted.append((round_no, got))
    assert reverted == [], f"{len(reverted)} of {THREADED_ROUNDS} rounds lost a change, e.g. {reverted[:3]}"


def test_a_refused_change_saves_nothing_and_read_only_refuses(database_url: str, tmp_path: Path) -> None:
    from supple.core.errors import InvalidInput, NotAllowed

    settings = Settings(data_dir=tmp_path / "data", database_url_override=database_url)
    profile_api.put_profile(ctx_for(settings), minutes=12, name="Sam")
    with pytest.raises(InvalidInput):
        profile_api.put_profile(ctx_for(settings), minutes=500, name="Other")
    with pytest.raises(NotAllowed):
        profile_api.put_profile(ctx_for(settings, writable=False), minutes=20)
    saved = get_profile(ctx_for(settings))
    assert (saved.minutes, saved.name) == (12, "Sam")
