"""Signing in, signing out everywhere, and pairing a phone, in Debian's Chromium.

Each test runs its own `supple serve` on its own database: an account turns sign-in on for
every page, which the other browser tests (one runner, no accounts) must not see.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, PHONE, Tab, _open, screenshot
from tests.browser.test_player import do_item, items_of, results_of, stored
from tests.serving import serving

PASSWORD = "a password long enough"


@dataclass
class Served:
    url: str
    output: Path
    env: dict[str, str]


def _serve(tmp_path: Path, *extra: str, setup: tuple[tuple[str, ...], ...] = ()) -> Iterator[Served]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
    env |= {"SUPPLE_DATA_DIR": str(tmp_path / "data"), "SUPPLE_TIME_SCALE": "0.02"}
    for args in setup:
        done = subprocess.run([sys.executable, "-m", "supple", *args], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    output = tmp_path / "serve.out"
    with serving(env, *extra, log=output) as (url, _):
        yield Served(url, output, env)


@pytest.fixture
def with_account(tmp_path: Path) -> Iterator[Served]:
    secret = tmp_path / "password"
    secret.write_text(PASSWORD)
    add = ("users", "add", "ana@example.org", "--name", "Ana", "--password-file", str(secret))
    yield from _serve(tmp_path, setup=(add,))


@pytest.fixture
def on_the_lan(tmp_path: Path) -> Iterator[Served]:
    yield from _serve(tmp_path, "--lan")


def _tab(browser: Any, viewport: dict[str, int], size: str) -> Tab:
    return _open(browser, viewport, size)


def _sign_in(tab: Tab, url: str, password: str) -> None:
    tab.page.goto(f"{url}/week")
    assert "/sign-in" in tab.page.url
    tab.page.get_by_label("Email").fill("ana@example.org")
    tab.page.get_by_label("Password").fill(password)
    tab.page.get_by_role("button", name="Sign in").click()


def test_sign_in_then_sign_out_everywhere(browser: Any, with_account: Served) -> None:
    desktop, phone = _tab(browser, DESKTOP, "desktop"), _tab(browser, PHONE, "phone")
    try:
        _sign_in(desktop, with_account.url, "not the password")
        problem = desktop.page.get_by_role("alert")
        assert "not recognised" in problem.inner_text()
        desktop.errors.clear()  # the 401 of the refused sign-in is logged by the browser: it is the point
        _sign_in(desktop, with_account.url, PASSWORD)
        desktop.page.wait_for_url(f"{with_account.url}/week")
        assert "week" in desktop.page.get_by_role("heading", level=1).inner_text().lower()
        _sign_in(phone, with_account.url, PASSWORD)
        phone.page.wait_for_url(f"{with_account.url}/week")
        screenshot(phone, "signed-in-week")

        desktop.page.goto(f"{with_account.url}/devices")
        assert desktop.page.locator(".badge", has_text="this device").count() == 1
        assert desktop.page.locator(".device-list li").count() == 2, "the desktop and the phone are both listed"
        desktop.page.get_by_role("button", name="Sign out everywhere").click()
        desktop.page.wait_for_url(re.compile(r".*/sign-in.*"))
        phone.page.goto(f"{with_account.url}/")
        assert "/sign-in" in phone.page.url, "signing out everywhere signs the phone out too"
        desktop.expect_clean()
    finally:
        desktop.page.context.close()
        phone.page.context.close()


def _pairing_link(served: Served) -> str:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = re.search(r"http://\S+/pair/\S+", served.output.read_text())
        if found:
            return found.group(0)
        time.sleep(0.1)
    pytest.fail(f"no pairing link printed: {served.output.read_text()}")


def _whole_session(phone: Tab, base: str) -> None:
    """Today's session done on the paired phone, item by item, as far as its summary; stored finished."""
    page = phone.page
    page.goto(f"{base}/")
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Start").click()
    page.wait_for_url(re.compile(r"/session/\d+$"))
    served = SimpleNamespace(url=base)
    names = [item["name"] for item in items_of(stored(phone, served))]  # type: ignore[arg-type]
    while page.locator("#player").is_visible():
        do_item(phone, names)
    page.locator("#summary").wait_for()
    session = stored(phone, served)  # type: ignore[arg-type]
    assert session["finished_at"] is not None
    assert all(result is not None for result in results_of(session)), "every item's result is stored"


def test_a_phone_pairs_by_its_link_once_and_can_be_signed_out(browser: Any, on_the_lan: Served) -> None:
    link = _pairing_link(on_the_lan)
    lan_base = link.split("/pair/")[0]
    assert not lan_base.startswith("http://127."), "the phone gets the machine's network address"
    printed = on_the_lan.output.read_text()
    assert "█" in printed, "a QR code is printed for the phone's camera"

    stranger = _tab(browser, PHONE, "phone")
    phone = _tab(browser, PHONE, "phone")
    desktop = _tab(browser, DESKTOP, "desktop")
    try:
        stranger.page.goto(f"{lan_base}/")
        assert "/pairing-needed" in stranger.page.url, "an unpaired device on the network gets nothing"
        stranger.errors.clear()

        phone.page.goto(link)
        phone.page.get_by_role("button", name="Sign this device in").click()
        phone.page.wait_for_url(f"{lan_base}/")
        assert phone.page.get_by_role("heading", level=1).count() == 1
        _whole_session(phone, lan_base)
        phone.page.goto(f"{lan_base}/week")
        assert phone.page.url == f"{lan_base}/week"
        screenshot(phone, "paired-week")
        phone.expect_clean()

        stranger.page.goto(link)
        stranger.page.get_by_role("button", name="Sign this device in").click()
        assert "expired or was already used" in stranger.page.get_by_role("alert").inner_text()
        stranger.errors.clear()

        desktop.page.goto(f"{on_the_lan.url}/devices")  # the computer itself: no pairing needed
        desktop.page.get_by_role("button", name=re.compile("Sign out.*browser")).first.click()
        desktop.page.wait_for_url(re.compile(r".*/devices\?revoked=1"))
        phone.page.goto(f"{lan_base}/week")
        assert "/pairing-needed" in phone.page.url, "a signed-out phone is no longer let in"
        desktop.expect_clean()
    finally:
        for tab in (stranger, phone, desktop):
            tab.page.context.close()
