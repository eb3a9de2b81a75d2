"""Shared by the browser tests: Debian's Chromium driven by Playwright (never `playwright install`)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, Page, expect, sync_playwright

from services import service_unavailable

CHROMIUM = os.environ.get("HOGO_CHROMIUM") or "/usr/bin/chromium"


@contextmanager
def chromium() -> Iterator[Browser]:
    """A headless Chromium; without one the test skips (and fails where HOGO_REQUIRE_SERVICES=1, as in CI)."""
    if shutil.which(CHROMIUM) is None:
        reason = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium, or set HOGO_CHROMIUM)"
        service_unavailable(reason)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"], headless=True)
        try:
            yield browser
        finally:
            browser.close()


def console_sign_in(browser: Browser, url: str, login: str, password: str) -> Page:
    """A new page signed in to the console as `login`, on the dashboard."""
    page = browser.new_page()
    page.goto(f"{url}/console/login")
    page.fill("#login", login)
    page.fill("#password", password)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("ダッシュボード")
    return page
