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
        expect(page.locator("#ledger-error")).to_contain_text("--dispose")
        expect(page.locator("#ledger-current")).to_contain_text("第1版")

        page.check("#ledger-apply input[name=dispose]")
        page.click("#ledger-apply button[type=submit]")
        expect(page.locator("#ledger-applied")).to_contain_text("第2版を適用しました")
        expect(page.locator("#ledger-applied")).to_contain_text("4件の記録を保存期間の処理")
        expect(page.locator("#ledger-current")).to_contain_text("第2版")
    event = vault.audit.events(action_prefix="ledger.", limit=1)[0]
    assert event.actor.startswith("operator:") or "kimura" in event.actor
    assert event.data["resolution"]["disposal_due"] == 4
