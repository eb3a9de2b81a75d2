"""Swagger UI at /docs with no network: its assets come from the package, and a browser that may reach nothing
but hogo still shows the operations."""

from __future__ import annotations

from urllib.parse import urlsplit

import httpx
from browser import chromium
from live_server import live_server
from playwright.sync_api import Route, expect

from hogo.bootstrap import Container
from hogo.web.app import create_app


def test_docs_page_names_only_local_assets(vault: Container) -> None:
    with live_server(create_app(vault)) as url:
        html = httpx.get(f"{url}/docs").text
        assert "/docs/assets/swagger-ui-bundle.js" in html and "/docs/assets/swagger-ui.css" in html
        assert "cdn" not in html.lower() and "https://" not in html
        assert httpx.get(f"{url}/docs/assets/swagger-ui-bundle.js").status_code == 200
        assert httpx.get(f"{url}/redoc").status_code == 404  # FastAPI's CDN-loaded ReDoc is off


def test_swagger_ui_renders_the_operations_with_the_network_blocked(vault: Container) -> None:
    blocked: list[str] = []
    with live_server(create_app(vault)) as url, chromium() as browser:
        page = browser.new_page()
        here = urlsplit(url).netloc

        def only_hogo(route: Route) -> None:
            if urlsplit(route.request.url).netloc == here:
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        page.route("**/*", only_hogo)
        page.goto(f"{url}/docs")
        expect(page.locator(".swagger-ui .info .title")).to_contain_text("hogo API")
        expect(page.locator(".opblock-summary-path").first).to_be_visible()
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        assert any("/api/v1/persons" in p for p in paths)
        assert any("/api/v1/requests" in p for p in paths)
        assert blocked == []  # nothing even tried to leave
