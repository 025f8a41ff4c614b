"""The article's four exercises, drawn by the running server and seen in a real browser.

Screenshots go to tests/browser/screenshots/ for a person to look at.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.browser.conftest import Server, Tab

ARTICLE = (
    "hip-flexor-stretch-overhead-reach",
    "elevated-hamstring-stretch",
    "elevated-hip-internal-rotation",
    "roll-glutes",
    "roll-quads",
)

CONTACT_SHEET = "display:grid;grid-template-columns:repeat(3,420px);font:14px sans-serif"


def test_the_article_exercises_side_by_side(server: Server, desktop: Tab, shot: Callable[[Tab, str], Path]) -> None:
    desktop.page.goto(f"{server.url}/healthz")
    cards = "".join(
        f'<figure><img src="/illustrations/{slug}.svg" alt="" width="400"><figcaption>{slug}</figcaption></figure>'
        for slug in ARTICLE
    )
    desktop.page.set_content(f"<!doctype html><html lang='en'><title>Illustrations</title><body>{cards}</body></html>")
    # Styled through the CSSOM: the site's Content-Security-Policy refuses style attributes.
    desktop.page.evaluate("css => { document.body.style.cssText = css }", CONTACT_SHEET)
    desktop.page.wait_for_load_state("networkidle")
    loaded = desktop.page.eval_on_selector_all("img", "imgs => imgs.map(i => i.complete && i.naturalWidth > 0)")
    assert loaded == [True] * len(ARTICLE)
    assert shot(desktop, "illustrations").exists()
    desktop.expect_clean()


@pytest.mark.parametrize("slug", ARTICLE)
def test_each_picture_opens_on_its_own(
    server: Server, desktop: Tab, shot: Callable[[Tab, str], Path], slug: str
) -> None:
    reply = desktop.page.goto(f"{server.url}/illustrations/{slug}.svg")
    assert reply is not None
    assert reply.status == 200
    assert reply.headers["content-type"].startswith("image/svg+xml")
    assert desktop.page.evaluate("document.querySelector('title').textContent")
    assert desktop.page.evaluate("document.documentElement.getAttribute('role')") == "img"
    desktop.page.goto(f"{server.url}/healthz")
    desktop.page.set_content(
        f"<!doctype html><html lang='en'><title>{slug}</title><body>"
        f"<img src='/illustrations/{slug}.svg' alt='' width='800'></body></html>"
    )
    desktop.page.evaluate("() => { document.body.style.margin = '0' }")
    desktop.page.wait_for_load_state("networkidle")
    assert desktop.page.eval_on_selector("img", "i => i.complete && i.naturalWidth > 0")
    assert shot(desktop, f"illustration-{slug}").exists()
    desktop.expect_clean()
