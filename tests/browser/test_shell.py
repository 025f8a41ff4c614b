"""The shell every page shares: it loads without errors and passes axe."""

from __future__ import annotations

from tests.browser.conftest import Server, Tab, axe_violations


def test_healthz_and_static_assets_load(server: Server, phone: Tab) -> None:
    response = phone.page.goto(f"{server.url}/healthz")
    assert response is not None
    assert response.status == 200
    assert "ok" in phone.page.content()
    phone.expect_clean()


def test_the_vendored_htmx_loads_from_our_own_server(server: Server, phone: Tab) -> None:
    response = phone.page.goto(f"{server.url}/static/vendor/htmx-2.0.11/htmx.min.js")
    assert response is not None
    assert response.status == 200


def test_an_unknown_page_is_a_friendly_404(server: Server, phone: Tab) -> None:
    response = phone.page.goto(f"{server.url}/no-such-page")
    assert response is not None
    assert response.status == 404
    assert phone.page.get_by_role("heading", name="Page not found").is_visible()
    assert axe_violations(phone.page) == []
