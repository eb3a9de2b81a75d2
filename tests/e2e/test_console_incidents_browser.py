"""The incident pages in a real headless Chromium: the officer records a stolen laptop from the form, reads why it is
reportable and the two due dates, tells the persons, edits the 速報 and marks it filed; the desk has no link."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from live_server import live_server
from playwright.sync_api import Browser, expect
from test_console_jobs_browser import PASSWORD, sign_in

from hogo.adapters.mail import MemoryMailer
from hogo.bootstrap import Container
from hogo.identity.policy import Role, system_actor
from hogo.web.app import create_app


@pytest.fixture
def console(vault: Container, outbox: MemoryMailer) -> Iterator[str]:
    actor = system_actor("test")
    vault.operators.create("kimura", "木村 管理者", Role.officer, None, PASSWORD, actor)
    vault.operators.create("sato", "佐藤 窓口", Role.desk, None, PASSWORD, actor)
    with live_server(create_app(vault)) as url:
        yield url


def test_the_officer_records_a_stolen_laptop_and_files_the_preliminary_report(
    browser: Browser, console: str, outbox: MemoryMailer
) -> None:
    page = sign_in(browser, console, "kimura")
    page.click("a[href='/console/incidents']")
    page.click("#new-incident")
    page.select_option("#kind", "stolen_device")
    page.fill("#aware_at", "2026-11-20T08:30")
    page.fill("#description", "営業担当のノートPCが車ごと盗まれた（暗号化なし）")
    for item in ("name", "email", "phone"):
        page.check(f"#items input[value='{item}']")
    page.click("#incident-form button[type=submit]")
    expect(page.locator("#outcome")).to_have_attribute("data-outcome", "reportable")
    expect(page.locator("#reasons")).to_contain_text("規則第7条第3号")
    expect(page.locator("#headcount")).to_have_attribute("data-persons", "1")
    expect(page.locator("tr.report[data-kind='preliminary'] .due")).to_contain_text("2026-11-24")
    expect(page.locator("tr.report[data-kind='final'] .due")).to_contain_text("2027-01-18")
    page.click("#notices-form button")
    expect(page.locator("#notice-summary")).to_contain_text("送信済み")
    assert [m.to for m in outbox.outbox] == ["hanako@example.jp"]
    page.click("tr.report[data-kind='preliminary'] a")
    expect(page.locator("#item-1")).to_contain_text("発覚日：2026-11-20")
    page.fill("#item-4", "車上荒らしによる盗難")
    page.click("#report-form button[type=submit]")
    expect(page.locator("#version")).to_have_text("1")
    page.fill("#reference", "PPC-2026-11-0001")
    page.click("#filing-form button[type=submit]")
    expect(page.locator("#state")).to_have_attribute("data-state", "filed")
    page.click("text=← 事案")
    expect(page.locator("#status")).to_have_attribute("data-status", "preliminary_filed")
    expect(page.locator("#timeline tr[data-action='report_filed']")).to_have_count(1)


def test_the_desk_has_no_incident_pages(browser: Browser, console: str) -> None:
    page = sign_in(browser, console, "sato")
    expect(page.locator("a[href='/console/incidents']")).to_have_count(0)
    response = page.goto(f"{console}/console/incidents")
    assert response is not None and response.status == 403
