"""Requests handled in the console, in real headless Chromium: the issue's path from the portal to the download,
desk intake by phone with an identity check, a correction and a suspension that change what the vault says,
a refusal that needs its ground, a forged form, and a desk operator not cleared for an item category."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from hogo.adapters.mail import MemoryMailer
from hogo.bootstrap import Container
from hogo.identity.policy import Role, system_actor
from hogo.ledger.schemas.procedures import IdentityDocument, RequestChannel, RequestKind
from hogo.requests.policy import Outcome
from hogo.requests.schemas import DecisionIn, IdentityCheckIn, RequestIn
from hogo.requests.workflow import Status
from hogo.subjects.schemas import IdentifierIn
from hogo.usage.policy import Reason

PASSWORD = "a long desk password"
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture
def desk(vault: Container, outbox: MemoryMailer) -> MemoryMailer:
    """Two desk operators: sato (identity and contact items) and ito (contact items only)."""
    actor = system_actor("test")
    vault.operators.create("sato", "佐藤 窓口", Role.desk, ["identity", "contact"], PASSWORD, actor)
    vault.operators.create("ito", "伊藤 窓口", Role.desk, ["contact"], PASSWORD, actor)
    return outbox


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """The console works without JavaScript too; the forms are plain POSTs."""
    made = browser.new_context(java_script_enabled=False, accept_downloads=True, locale="ja-JP")
    try:
        yield made
    finally:
        made.close()


def sign_in(context: BrowserContext, url: str, login: str) -> Page:
    page = context.new_page()
    page.goto(f"{url}/console/requests")
    expect(page).to_have_url(f"{url}/console/login?next=/console/requests")
    page.fill("#login", login)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("開示等の請求")
    return page


def submit(page: Page, form: str) -> None:
    page.click(f"#{form} button[type=submit]")


def test_a_portal_disclosure_is_handled_in_the_console_and_downloaded(
    vault: Container, desk: MemoryMailer, live_url: str, context: BrowserContext, browser: Browser, tmp_path: Path
) -> None:
    person = browser.new_context(java_script_enabled=False, accept_downloads=True, locale="ja-JP")
    portal = person.new_page()
    portal.goto(f"{live_url}/portal/requests")
    portal.select_option("#kind", "disclosure")
    portal.fill("#email", "hanako@example.jp")
    portal.click("button[type=submit]")
    code = re.search(r"\b(\d{6})\b", desk.outbox[-1].body)
    assert code is not None
    portal.fill("#code", code.group(1))
    portal.get_by_role("button", name="確認する").click()
    assert portal.locator("#status").get_attribute("data-status") == "fee_pending"

    page = sign_in(context, live_url, "sato")
    row = page.locator("#queue tr[data-status=fee_pending]")
    expect(row).to_have_count(1)
    expect(row.locator(".due")).to_contain_text(
        "2026-12-11"
    )  # 14 business days after Fri 20 Nov (Mon 23 Nov a holiday)
    row.locator("a").click()
    expect(page.locator("#needs")).to_contain_text("手数料")
    page.select_option("#pay-method", "postal_money_order")
    page.fill("#amount", "500")
    submit(page, "fee-form")
    expect(page.locator("#done")).to_contain_text("手数料の入金を記録しました")
    expect(page.locator("#status")).to_have_attribute("data-status", "in_review")
    page.select_option("#outcome-choice", "full")
    submit(page, "decision-form")
    expect(page.locator("#status")).to_have_attribute("data-status", "decided")
    submit(page, "fulfil-form")
    expect(page.locator("#status")).to_have_attribute("data-status", "fulfilled")
    expect(page.locator("#answered")).to_contain_text("本人への通知：電子メール / person told by: e-mail")

    portal.reload()
    assert portal.locator("#status").get_attribute("data-status") == "fulfilled"
    with portal.expect_download() as download:
        portal.click("text=JSON")
    saved = tmp_path / "disclosure.json"
    download.value.save_as(saved)
    package = json.loads(saved.read_text(encoding="utf-8"))
    held = vault.usage.read(package["person_id"], ["name", "email", "phone"], "service", system_actor("test")).values
    assert {r["item"]: r["value"] for r in package["records"]} == held
    person.close()


def phone_intake(
    page: Page, url: str, kind: str, *, items: tuple[str, ...] = (), purposes: tuple[str, ...] = (), ground: str = ""
) -> str:
    """A request taken by phone through the intake form, then the identity document checked at the desk."""
    page.goto(f"{url}/console/requests")
    page.click("a[href='/console/requests/new']")
    page.select_option("#kind", kind)
    page.select_option("#channel", "phone")
    page.select_option("#identifier_kind", "email")
    page.fill("#identifier", "hanako@example.jp")
    page.fill("#name", "山田 花子")
    page.fill("#postal_address", "東京都千代田区丸の内1-1-1")
    for item in items:
        page.check(f"#scope input[name=items][value={item}]")
    for purpose in purposes:
        page.check(f"#scope input[name=purposes][value={purpose}]")
    if ground:
        page.select_option("#claimed_ground", ground)
    page.click("button[type=submit] >> text=受け付ける")
    expect(page.locator("#link-withheld")).to_be_visible()  # sato is not cleared for every item category
    expect(page.locator("#status")).to_have_attribute("data-status", "received")
    page.select_option("#document", "drivers_licence")
    page.fill("#reference", "call-back to the number on file; licence copy by post")
    submit(page, "identity-form")
    expect(page.locator("#identity")).to_contain_text("運転免許証 / driver's license")
    expect(page.locator("#status")).to_have_attribute("data-status", "in_review")
    return page.locator("#request-id").inner_text()


def test_phone_intake_a_correction_and_a_suspension_change_what_the_vault_says(
    vault: Container, desk: MemoryMailer, live_url: str, context: BrowserContext
) -> None:
    admin = system_actor("test")
    hanako = vault.subjects.find("email", "hanako@example.jp", admin)
    page = sign_in(context, live_url, "sato")
    phone_intake(page, live_url, "correction", items=("phone",))
    page.select_option("#outcome-choice", "full")
    submit(page, "decision-form")
    page.fill("#corrections input[data-item=phone]", "03-5555-0101")
    submit(page, "fulfil-form")
    expect(page.locator("#status")).to_have_attribute("data-status", "fulfilled")
    expect(page.locator("#answered")).to_contain_text("本人への通知：書面（郵送） / person told by: letter")
    assert vault.usage.read(hanako, ["phone"], "service", admin).values == {"phone": "+81355550101"}  # normalised
    with page.expect_download() as download:
        page.click("#letter")
    assert download.value.suggested_filename.endswith(".pdf")

    assert vault.usage.check_use(hanako, ["name"], "service", admin).allowed
    phone_intake(page, live_url, "suspension_of_use", purposes=("service",), ground="no_longer_needed")
    page.select_option("#outcome-choice", "full")
    submit(page, "decision-form")
    submit(page, "fulfil-form")
    expect(page.locator("#status")).to_have_attribute("data-status", "fulfilled")
    decision = vault.usage.check_use(hanako, ["name"], "service", admin)
    assert (decision.allowed, decision.reason) == (False, Reason.use_suspended)


def test_a_refusal_needs_its_ground_and_a_forged_form_is_refused(
    vault: Container, desk: MemoryMailer, live_url: str, context: BrowserContext, browser: Browser
) -> None:
    page = sign_in(context, live_url, "sato")
    request_id = phone_intake(page, live_url, "erasure", ground="harm_to_rights")
    page.select_option("#outcome-choice", "refused")
    page.fill("#reason", "法令に基づき保存が義務付けられています。")
    submit(page, "decision-form")
    expect(page.locator("#error")).to_contain_text("の決定には法の根拠が必要です")
    expect(page.locator("#status")).to_have_attribute("data-status", "in_review")
    page.select_option("#outcome-choice", "refused")
    page.select_option("#ground", "alternative_measure")
    page.fill("#reason", "利用停止により対応します。")
    submit(page, "decision-form")
    expect(page.locator("#outcome")).to_contain_text("Art. 35(2)/(4)/(6) proviso")
    submit(page, "fulfil-form")
    expect(page.locator("#status")).to_have_attribute("data-status", "answered")

    scripted = browser.new_context()  # JavaScript on, to forge the hidden CSRF field as an attacker's page would
    forged = scripted.new_page()
    forged.goto(f"{live_url}/console/login")
    forged.fill("#login", "sato")
    forged.fill("#password", PASSWORD)
    forged.click("button[type=submit]")
    forged.goto(f"{live_url}/console/requests/{request_id}")
    forged.locator("#close-form input[name=csrf]").evaluate("e => e.value = 'forged'")
    forged.click("#close-form button[type=submit]")
    expect(forged.locator("h1")).to_contain_text("この操作は許可されていません")
    assert vault.requests.get(request_id, system_actor("test")).status is Status.answered
    scripted.close()


def test_a_desk_operator_not_cleared_for_an_item_cannot_fulfil_its_disclosure(
    vault: Container, desk: MemoryMailer, live_url: str, context: BrowserContext
) -> None:
    officer = system_actor("officer")
    data = RequestIn(
        kind=RequestKind.disclosure,
        channel=RequestChannel.post,
        identifier=IdentifierIn(kind="email", value="hanako@example.jp"),
    )
    rid = vault.requests.file(data, officer).request.id
    vault.requests.check_identity(rid, IdentityCheckIn(document=IdentityDocument.passport), officer)
    page = sign_in(context, live_url, "ito")
    page.goto(f"{live_url}/console/requests/{rid}")
    page.select_option("#pay-method", "postal_money_order")
    submit(page, "fee-form")
    vault.requests.decide(rid, DecisionIn(outcome=Outcome.full), officer)
    page.reload()
    submit(page, "fulfil-form")
    expect(page.locator("#error")).to_contain_text("窓口担当者の権限では、次の項目の区分を扱えません：name")
    expect(page.locator("#status")).to_have_attribute("data-status", "decided")
    assert vault.requests.get(rid, officer).status is Status.decided
    assert "山田" not in page.content()
