"""Processed information in Chromium: the officer reads an anonymised job's report and its loss-against-k chart in
the console; once made, the portal publishes the items (Art. 43(3)); before, it lists none."""

from __future__ import annotations

from pathlib import Path

import pytest
from live_server import live_server
from playwright.sync_api import Browser, expect

from hogo.adapters.sample_shop import make_shop
from hogo.bootstrap import Container
from hogo.identity.policy import Role, system_actor
from hogo.ledger.loader import load_ledger_file
from hogo.web.app import create_app

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "a long officer password"


@pytest.fixture
def japanet(container: Container, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Container:
    db = tmp_path / "shop.sqlite"
    make_shop(db, 800)
    monkeypatch.setenv("HOGO_JAPANET_SHOP_URL", f"sqlite:///{db}")
    container.ledger.apply(load_ledger_file(ROOT / "examples" / "japanet" / "ledger.yaml"), actor="test")
    container.operators.create("kimura", "木村 管理者", Role.officer, None, PASSWORD, system_actor("test"))
    return container


def test_report_chart_and_published_items(browser: Browser, japanet: Container, tmp_path: Path) -> None:
    with live_server(create_app(japanet)) as url:
        page = browser.new_page()
        page.goto(f"{url}/portal/anonymised")
        expect(page.locator("#none")).to_be_visible()
        page.goto(f"{url}/console/login")
        page.fill("#login", "kimura")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.goto(f"{url}/console/processed")
        expect(page.locator("#processing-jobs tr[data-job=customers-anonymised]")).to_contain_text("匿名加工情報")
        page.click("a[href='/console/processed/customers-anonymised']")
        expect(page.locator("#k")).to_contain_text("満たしています")
        expect(page.locator("#checks")).to_contain_text("Rule 34(3)")
        expect(page.locator("svg#loss-chart circle")).to_have_count(6)
        written = japanet.processed.run("customers-anonymised", tmp_path / "out", "test")
        assert written.report["k_holds"] is True
        page.goto(f"{url}/portal/anonymised")
        expect(page.locator(".anonymised h2")).to_have_text("顧客購買の匿名加工情報")
        expect(page.locator(".anonymised .items li")).to_have_count(5)
        page.goto(f"{url}/portal/anonymised?lang=en")
        expect(page.locator(".anonymised .items")).to_contain_text("Month of purchase")
