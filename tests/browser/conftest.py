"""Real-browser tests: `supple serve` in a subprocess, driven with Debian's Chromium.

Playwright never downloads a browser here: it launches /usr/bin/chromium (installed by
`.ci/run` from Debian). Timers run 50 times faster (SUPPLE_TIME_SCALE). Screenshots go to
tests/browser/screenshots/ (git-ignored) for a person to look at.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.serving import serving

CHROMIUM = os.environ.get("SUPPLE_CHROMIUM", "/usr/bin/chromium")
HERE = Path(__file__).parent
SCREENSHOTS = HERE / "screenshots"
AXE = HERE / "vendor" / "axe-core-4.14.1" / "axe.min.js"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@dataclass
class Server:
    url: str
    data_dir: Path
    process: subprocess.Popen[bytes]
    env: dict[str, str] = field(default_factory=dict)

    def cli(self, *args: str, input: str | None = None) -> subprocess.CompletedProcess[str]:
        """The CLI on the same database, to set up or check what the browser did."""
        return subprocess.run(
            [sys.executable, "-m", "supple", *args],
            env=self.env,
            capture_output=True,
            text=True,
            input=input,
            check=False,
        )


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    data = tmp_path_factory.mktemp("browser") / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("SUPPLE_")}
    env |= {"SUPPLE_DATA_DIR": str(data), "SUPPLE_TIME_SCALE": "0.02"}
    with serving(env, log=tmp_path_factory.getbasetemp() / "serve-browser.log") as (url, process):
        yield Server(url, data, process, env)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM}; install Debian's `chromium` (see .ci/run)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@dataclass
class Tab:
    """A page plus what went wrong on it (console errors, page errors, failed requests)."""

    page: Any
    errors: list[str]
    size: str

    def expect_clean(self) -> None:
        assert self.errors == [], "\n".join(self.errors)


def _failed(request: Any, errors: list[str]) -> None:
    """A failed request is an error, except a picture the page itself replaced before it loaded.

    The player swaps the illustration's address as the runner taps through items; on a busy
    machine the browser then cancels the earlier picture (net::ERR_ABORTED), which is no fault.
    Likewise a page left at once cancels its own icon's request.
    """
    aborted = "ERR_ABORTED" in (request.failure or "")
    if aborted and (request.resource_type == "image" or request.url.endswith("/favicon.svg")):
        return
    errors.append(f"request failed: {request.url} {request.failure}")


def _open(browser: Any, viewport: dict[str, int], size: str) -> Tab:
    context = browser.new_context(viewport=viewport, device_scale_factor=1, has_touch=size == "phone")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"page error: {error}"))
    page.on("requestfailed", lambda request: _failed(request, errors))
    page.set_default_timeout(10_000)
    return Tab(page, errors, size)


@pytest.fixture
def phone(browser: Any) -> Iterator[Tab]:
    tab = _open(browser, PHONE, "phone")
    yield tab
    tab.page.context.close()


@pytest.fixture
def desktop(browser: Any) -> Iterator[Tab]:
    tab = _open(browser, DESKTOP, "desktop")
    yield tab
    tab.page.context.close()


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Serious and critical accessibility violations on the page, from the vendored axe-core."""
    # Evaluated through the DevTools protocol, not added as an inline <script>: the pages'
    # Content-Security-Policy refuses inline scripts, and must not be loosened for a test tool.
    page.evaluate(f"() => {{ {AXE.read_text()}\n}}")
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def screenshot(tab: Tab, name: str) -> Path:
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}-{tab.size}.png"
    tab.page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def shot() -> Callable[[Tab, str], Path]:
    return screenshot
