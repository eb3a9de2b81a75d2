"""The ledger in the console (real Chromium): another company's ledger shows what it would orphan, is refused
until the officer says how, and is applied with the data handed to retention; the desk cannot apply."""

from __future__ import annotations

import io
from pathlib import Path

from browser import console_sign_in
from live_server import live_server
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

from hogo.bootstrap import Container
from hogo.identity.policy import Role, system_actor
from hogo.ledger.loader import load_ledger_file
from hogo.subjects.schemas import AcquisitionIn, IdentifierIn
from hogo.web.app import create_app

PASSWORD = "a long officer password"
CHINOOK = Path(__file__).resolve().parents[2] / "examples" / "chinook" / "ledger.yaml"


def sign_in(browser: Browser, url: str, login: str) -> Page:
    return console_sign_in(browser, url, login, PASSWORD)


def test_officer_sees_what_would_be_orphaned_and_resolves_it(browser: Browser, vault: Container) -> None:
    actor = system_actor("test")
    vault.operators.create("kimura", "木村 管理者", Role.officer, None, PASSWORD, actor)
    vault.operators.create("suzuki", "鈴木 窓口", Role.desk, None, PASSWORD, actor)
    for n in range(2):
        vault.subjects.acquire(
            AcquisitionIn(
                subject_kind="applicant",
                identifiers=[IdentifierIn(kind="email", value=f"a{n}@example.jp")],
                values={"name": "鈴木 次郎", "email": f"a{n}@example.jp"},
                channel="recruit-form",
            ),
            actor,
        )
    with live_server(create_app(vault)) as url:
        desk = sign_in(browser, url, "suzuki")
        desk.goto(f"{url}/console/ledger")
        assert desk.locator("#ledger-preview").count() == 0

        page = sign_in(browser, url, "kimura")
        page.click("a[href='/console/ledger']")
        expect(page.locator("#ledger-current")).to_contain_text("第1版")
        with page.expect_download() as download:
            page.click("#register-download")
        sheet = load_workbook(io.BytesIO(download.value.path().read_bytes()))["個人情報管理台帳"]
        assert download.value.suggested_filename == "kojin-joho-kanri-daicho-v1.xlsx"
        pairs = [(r[7], r[2]) for r in sheet.iter_rows(min_row=3, values_only=True)]
        assert pairs == [(p.id, i) for p in vault.ledger.current().ledger.purposes for i in p.items]
        page.fill("#ledger-text", CHINOOK.read_text(encoding="utf-8"))
        page.click("#ledger-preview button[type=submit]")
        orphaned = page.locator("#ledger-impact tr.orphaning[data-key='subject_kinds:applicant']")
        expect(orphaned).to_contain_text("扱いの指定が必要")
        expect(orphaned.locator("td").nth(1)).to_have_text("2")
        expect(page.locator("#ledger-diff")).to_contain_text("hiring")

        page.click("#ledger-apply button[type=submit]")
        expect(page.locator("#ledger-error")).to_contain_text("保存期間の処理による廃棄（--dispose）を指定してください")
        expect(page.locator("#ledger-current")).to_contain_text("第1版")

        page.check("#ledger-apply input[name=dispose]")
        page.click("#ledger-apply button[type=submit]")
        expect(page.locator("#ledger-applied")).to_contain_text("第2版を適用しました")
        expect(page.locator("#ledger-applied")).to_contain_text("4件の記録を保存期間の処理")
        expect(page.locator("#ledger-current")).to_contain_text("第2版")
    event = vault.audit.events(action_prefix="ledger.", limit=1)[0]
    assert event.actor.startswith("operator:") or "kimura" in event.actor
    assert event.data["resolution"]["disposal_due"] == 4


def test_officer_sees_why_a_pasted_ledger_is_refused_line_by_line(browser: Browser, vault: Container) -> None:
    vault.operators.create("kimura", "木村 管理者", Role.officer, None, PASSWORD, system_actor("test"))
    broken_yaml = "operator:\n  name: [株式会社テスト\npurposes: {}\n"
    in_force = vault.ledger.current()
    with live_server(create_app(vault)) as url:
        page = sign_in(browser, url, "kimura")
        page.goto(f"{url}/console/ledger")
        page.fill("#ledger-text", broken_yaml)
        page.click("#ledger-preview button[type=submit]")
        expect(page.locator("#ledger-error")).to_contain_text("台帳に誤りがあるため、何も適用していません")
        row = page.locator("#ledger-problems tr[data-code=yaml-syntax]")
        expect(row).to_have_count(1)
        expect(row.locator("td").first).not_to_have_text("—")
        expect(page.locator("#ledger-text")).to_have_value(broken_yaml)
        assert page.locator("#ledger-apply").count() == 0

        page.fill("#ledger-text", CHINOOK.read_text(encoding="utf-8").replace("subject_kinds:", "subject_kind:", 1))
        page.click("#ledger-preview button[type=submit]")
        unknown = page.locator("#ledger-problems tr[data-code=unknown-key]")
        expect(unknown).to_have_count(1)
        expect(unknown).to_contain_text("subject_kind")
        line = CHINOOK.read_text(encoding="utf-8").splitlines().index("subject_kinds:") + 1
        expect(unknown.locator("td").first).to_have_text(str(line))

        carbgem = CHINOOK.parents[1] / "carbgem" / "ledger.yaml"
        page.fill("#ledger-text", carbgem.read_text(encoding="utf-8"))
        page.click("#ledger-preview button[type=submit]")
        expect(page.locator("#ledger-diff")).to_be_visible()
        findings = vault.ledger.preview(load_ledger_file(carbgem)).findings
        assert findings, "CarbGeM's ledger has warnings the officer must see before applying"
        expect(page.locator("#ledger-problems tr.accepted")).to_have_count(sum(1 for f in findings if f.accepted))
        expect(page.locator("#ledger-problems tr[data-code]")).to_have_count(len(findings))
        expect(page.locator(f"#ledger-problems tr[data-code='{findings[0].code}']").first).to_be_visible()
    assert vault.ledger.current().version == in_force.version
