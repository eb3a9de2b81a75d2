"""The console in a real headless Chromium: sign in, find a person, see only cleared items, verify the audit trail."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from live_server import live_server
from playwright.sync_api import Browser, Page, expect

from hogo.audit.keys import AuditKeyFile
from hogo.bootstrap import Container
from hogo.consent.schemas import ConsentIn, ConsentKind, ConsentMethod
from hogo.identity.policy import Role, system_actor
from hogo.subjects.schemas import AcquisitionIn
from hogo.web.app import create_app

PASSWORD = "a long desk password"


@pytest.fixture
def console(vault: Container) -> Iterator[str]:
    actor = system_actor("test")
    vault.operators.create("sato", "佐藤 窓口", Role.desk, ["identity", "contact"], PASSWORD, actor)
    vault.operators.create("kimura", "木村 管理者", Role.officer, None, PASSWORD, actor)
    vault.subjects.acquire(
        AcquisitionIn(
            subject_kind="employee",
            values={"name": "山田 花子", "health-check": "再検査不要"},
            identifiers=[{"kind": "email", "value": "hanako@example.jp"}],
            channel="hr-system",
            purposes=["health-management"],
            consents=[ConsentIn(kind=ConsentKind.special_care, target="health-check", method=ConsentMethod.paper_form)],
        ),
        actor,
    )
    with live_server(create_app(vault)) as url:
        yield url


def sign_in(page: Page, url: str, login: str) -> None:
    page.goto(f"{url}/console/")
    expect(page).to_have_url(f"{url}/console/login?next=/console/")
    page.fill("#login", login)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("h1")).to_contain_text("ダッシュボード")


def test_desk_signs_in_finds_a_person_and_sees_only_cleared_items(
    browser: Browser, console: str, vault: Container
) -> None:
    vault_person = vault.subjects.find("email", "hanako@example.jp", system_actor("test"))
    page = browser.new_page()
    page.goto(f"{console}/console/login")
    page.fill("#login", "sato")
    page.fill("#password", "wrong password!")
    page.click("button[type=submit]")
    expect(page.locator(".error")).to_contain_text("ログイン名またはパスワードが正しくない")
    sign_in(page, console, "sato")
    expect(page.locator("#persons")).to_have_text("1")
    expect(page.locator("a[href='/console/audit']")).to_have_count(0)  # the desk does not read the audit trail
    page.click("a[href='/console/people']")
    page.select_option("#kind", "email")
    page.fill("#value", "Hanako@Example.jp")
    page.click("button[type=submit] >> text=検索")
    expect(page.locator("#person-id")).to_have_text(vault_person)
    records = page.locator("#records").inner_text()
    assert "name" in records and "health-check" not in records  # health is not among the desk's categories
    assert "hanako" not in page.content()  # the identifier typed is not echoed back
    page.click("text=ログアウト")
    expect(page).to_have_url(f"{console}/console/login")
    page.goto(f"{console}/console/")
    expect(page).to_have_url(f"{console}/console/login?next=/console/")


def test_officer_sees_every_item_and_verifies_the_audit_trail(browser: Browser, console: str, vault: Container) -> None:
    AuditKeyFile(vault.settings.key_file.with_name("hogo-audit.key")).create("console.example/audit")
    page = browser.new_page()
    sign_in(page, console, "kimura")
    page.click("a[href='/console/people']")
    page.fill("#value", "hanako@example.jp")
    page.click("button[type=submit] >> text=検索")
    assert "health-check" in page.locator("#records").inner_text()
    page.goto(f"{console}/console/audit")
    expect(page.locator("#events")).to_contain_text("operator.signed_in")
    expect(page.locator("#checkpoint-latest")).to_contain_text("まだありません")
    written = vault.checkpoints.write()
    page.reload()
    expect(page.locator("#checkpoint-latest")).to_contain_text(f"console.example/audit/1 — {written.size} 件")
    expect(page.locator("#checkpoint-verified")).to_contain_text("未検証")
    page.click("text=ハッシュチェーンを検証")
    expect(page.locator("#verify-result")).to_contain_text("改ざんはありません")
    expect(page.locator("#tree-result")).to_contain_text(f"チェックポイント（{written.size} 件）と一致しました")
    expect(page.locator("#checkpoint-verified")).to_contain_text(f"console.example/audit/1 — {written.size} 件")


def test_forms_without_the_session_token_are_refused(console: str) -> None:
    with httpx.Client(base_url=console, follow_redirects=False) as client:
        login = client.get("/console/login")
        assert login.status_code == 200
        refused = client.post("/console/login", data={"login": "sato", "password": PASSWORD, "csrf": "forged"})
        assert refused.status_code == 403 and "text/html" in refused.headers["content-type"]
        csrf = login.text.split('name="csrf" value="')[1].split('"')[0]
        signed = client.post("/console/login", data={"login": "sato", "password": PASSWORD, "csrf": csrf})
        assert signed.status_code == 303 and signed.headers["location"] == "/console/"
        cookie = signed.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/console" in cookie
        forged = client.post("/console/people", data={"kind": "email", "value": "x@example.jp", "csrf": "forged"})
        assert forged.status_code == 403
        assert client.get("/console/audit").status_code == 403  # signed in, but a desk operator


def test_officer_filters_the_trail_by_person_and_exports_it_verified(
    browser: Browser, console: str, vault: Container
) -> None:
    person = vault.subjects.find("email", "hanako@example.jp", system_actor("test"))
    page = browser.new_page()
    sign_in(page, console, "kimura")
    page.goto(f"{console}/console/audit")
    page.fill("#person_value", "hanako@example.jp")
    page.click("#audit-filter button[type=submit] >> text=検索")
    expect(page.locator("#person-filter")).to_contain_text(person)
    shown = page.locator("#events tr[data-seq]")
    expect(shown.first).to_contain_text(person)
    assert "hanako@example.jp" not in page.content()  # the identifier typed is not echoed back
    entities = shown.locator("td:nth-child(5)").all_inner_texts()
    assert entities and all(person in e or "consent" in e for e in entities)
    assert all("operator.signed_in" not in row for row in shown.all_inner_texts())

    with page.expect_download() as download:
        page.click("#audit-export")
    text = download.value.path().read_text(encoding="utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("record,seq,occurred_at") and lines[-1].startswith("verification,")
    assert ",intact," in lines[-1]
    assert len(lines) - 2 == shown.count()  # the same events the page shows

    page.fill("#action", "no-such-action.")
    page.click("#audit-filter button[type=submit] >> text=検索")
    expect(page.locator("#no-events")).to_be_visible()
    page.fill("#since", "2026-13-01")
    page.click("#audit-filter button[type=submit] >> text=検索")
    expect(page.locator("#audit-error")).to_contain_text("2026-13-01")

    # An identifier nobody has never widens the filter to everyone: the page says so, the export refuses.
    page.fill("#since", "")
    page.fill("#action", "")
    page.fill("#person_value", "nobody@example.jp")
    page.click("#audit-filter button[type=submit] >> text=検索")
    expect(page.locator("#audit-error")).to_have_text("入力された識別子（email）に該当する本人は登録されていません")
    assert page.locator("#events tr[data-seq]").count() == 0
    assert "nobody@example.jp" not in page.content()
    csrf = page.locator("#audit-filter input[name=csrf]").input_value()
    export = page.request.post(
        f"{console}/console/audit/export.csv",
        form={"csrf": csrf, "person_kind": "email", "person_value": "nobody@example.jp"},
    )
    assert export.status == 404
    assert "record,seq" not in export.text()
