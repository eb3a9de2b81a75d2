"""The portal's request flow in real headless Chromium with JavaScript switched off: the person files a
disclosure, types the code from the mail, sees the fee, and after the desk's answer downloads the disclosure."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from hogo.adapters.mail import MemoryMailer
from hogo.bootstrap import Container
from hogo.identity.policy import system_actor
from hogo.ledger.schemas.procedures import PaymentMethod
from hogo.requests.policy import Outcome
from hogo.requests.schemas import DecisionIn, FeeIn, FulfilIn


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False, accept_downloads=True, locale="ja-JP")
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_person_files_verifies_and_downloads_without_javascript(
    vault: Container, outbox: MemoryMailer, live_url: str, page: Page, tmp_path: Path
) -> None:
    page.goto(f"{live_url}/portal/requests")
    assert page.locator("h1").inner_text() == "開示等のご請求"
    page.select_option("#kind", "disclosure")
    page.fill("#email", "hanako@example.jp")
    page.click("button[type=submit]")
    assert page.locator("#status").get_attribute("data-status") == "identity_pending"
    code = re.search(r"\b(\d{6})\b", outbox.outbox[-1].body)
    assert code is not None
    page.fill("#code", code.group(1))
    page.get_by_role("button", name="確認する").click()
    assert page.locator("#status").get_attribute("data-status") == "fee_pending"
    assert "手数料 500 円" in page.locator("#fee").inner_text()

    officer = system_actor("officer")
    [request] = vault.requests.queue(officer)
    vault.requests.record_fee(request.id, FeeIn(method=PaymentMethod.postal_money_order, amount_jpy=500), officer)
    vault.requests.decide(request.id, DecisionIn(outcome=Outcome.full), officer)
    vault.requests.fulfil(request.id, FulfilIn(), officer)

    page.reload()
    assert page.locator("#status").get_attribute("data-status") == "fulfilled"
    assert "ご請求のとおり対応しました" in page.locator("#outcome").inner_text()
    with page.expect_download() as download:
        page.click("text=JSON")
    saved = tmp_path / "disclosure.json"
    download.value.save_as(saved)
    package = json.loads(saved.read_text(encoding="utf-8"))
    held = vault.usage.read(package["person_id"], ["name", "email", "phone"], "service", officer).values
    assert {r["item"]: r["value"] for r in package["records"]} == held
