"""The yearly cycle's console pages in a real headless Chromium: the officer adds a course, records a training and a
ledger review, and runs an audit finding to its closure; a refusal shows its reason and stores nothing; the auditor
reads and downloads the records; the desk is refused."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

import pytest
from live_server import live_server
from playwright.sync_api import Browser, expect
from sqlalchemy import func, select
from test_console_jobs_browser import PASSWORD, sign_in

from hogo.bootstrap import Container
from hogo.identity.policy import Role, system_actor
from hogo.pms.models import LedgerReview, Training
from hogo.pms.schemas import CourseIn, TrainingIn
from hogo.web.app import create_app


@pytest.fixture
def console(vault: Container) -> Iterator[str]:
    actor = system_actor("test")
    vault.operators.create("kimura", "木村 管理者", Role.officer, None, PASSWORD, actor)
    vault.operators.create("sato", "佐藤 窓口", Role.desk, None, PASSWORD, actor)
    vault.operators.create("kato", "加藤 監査", Role.auditor, None, PASSWORD, actor)
    with live_server(create_app(vault)) as url:
        yield url


def _count(c: Container, model: type[LedgerReview] | type[Training]) -> int:
    with c.uow(read_only=True) as uow:
        return int(uow.session.execute(select(func.count()).select_from(model)).scalar_one())


def test_the_officer_records_a_training_and_a_ledger_review(browser: Browser, console: str, vault: Container) -> None:
    page = sign_in(browser, console, "kimura")
    page.goto(f"{console}/console/pms")
    expect(page.locator("h1")).to_contain_text("年間サイクル")
    # the measures start from what the ledger's notice promises
    expect(page.locator("tr.measure[data-category='technical']")).to_contain_text("アクセス制御を行っています。")

    # a training: the course, then who attended; the desk's operator is then the one overdue
    page.fill("#course-title", "個人情報保護の年次研修")
    page.click("#course-form button[type=submit]")
    expect(page.locator("#done")).to_contain_text("研修コースを追加しました")
    expect(page.locator("#training-overdue li")).to_have_count(3)  # nobody attended yet
    page.select_option("#operator", "kimura")
    page.fill("#attended_on", "2026-11-19")
    page.click("#training-form button[type=submit]")
    expect(page.locator("#done")).to_contain_text("受講を記録しました")
    expect(page.locator("tr.training")).to_contain_text("木村 管理者")
    expect(page.locator("#training-overdue")).not_to_contain_text("kimura")
    expect(page.locator("#training-overdue")).to_contain_text("sato")
    expect(page.locator("#due-counts [data-kind='training']")).to_contain_text("2")

    # a refusal: a training dated tomorrow is shown with its reason and not stored
    page.fill("#attended_on", "2026-11-21")
    page.click("#training-form button[type=submit]")
    expect(page.locator("#error")).to_contain_text("the attendance date 2026-11-21 is after today")
    assert _count(vault, Training) == 1

    # a ledger review of the items, signed by the officer signed in
    page.select_option("#section", "items")
    page.fill("#review-findings", "項目に変更なし。電話番号の保存期間を確認した。")
    page.click("#review-form button[type=submit]")
    expect(page.locator("#done")).to_contain_text("台帳の見直しを記録しました")
    row = page.locator("tr.review[data-section='items']")
    expect(row).to_contain_text("kimura")
    expect(row).to_contain_text("2026-11-20")
    expect(row).to_contain_text("2027-11-20")
    expect(row).to_contain_text("電話番号の保存期間を確認した")
    assert _count(vault, LedgerReview) == 1

    # an internal audit: a finding cannot close before its corrective action
    page.fill("#audit-title", "2026年度 内部監査")
    page.select_option("#auditor", "kato")
    page.click("#audit-form button[type=submit]")
    page.click("tr.audit a")
    page.fill("#finding-text", "退職者のアカウントが残っていた")
    page.select_option("#severity", "major")
    page.click("#finding-form button[type=submit]")
    page.click(".close-form button")
    expect(page.locator("#error")).to_contain_text("has no corrective action recorded")
    page.fill(".action-form textarea", "退職時にアカウントを無効化する手順を定める")
    page.select_option(".action-form select", "sato")
    page.fill(".action-form input[name=due]", "2026-12-20")
    page.click(".action-form button")
    page.fill(".close-form textarea", "手順書 v2 を施行した")
    page.click(".close-form button")
    expect(page.locator("section.finding")).to_have_attribute("data-closed", "yes")
    page.click("#close-audit button")
    expect(page.locator("#audit-state")).to_contain_text("完了")


def test_the_auditor_reads_and_downloads_and_the_desk_is_refused(
    browser: Browser, console: str, vault: Container
) -> None:
    officer = system_actor("test")
    course = vault.pms.training.add_course(CourseIn(title="=研修"), officer)
    vault.pms.training.record(TrainingIn(course=course.id, operator="sato", attended_on=dt.date(2026, 10, 1)), officer)
    page = sign_in(browser, console, "kato")
    page.goto(f"{console}/console/pms")
    expect(page.locator("tr.training")).to_contain_text("佐藤 窓口")
    expect(page.locator("#review-form")).to_have_count(0)  # the auditor reads, never writes
    with page.expect_download() as got:
        page.click("#training-csv")
    text = got.value.path().read_text(encoding="utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [
        ["attended_on", "course_id", "course", "operator", "operator_name"],
        ["2026-10-01", course.id, "'=研修", "sato", "佐藤 窓口"],
    ]
    desk = sign_in(browser, console, "sato")
    response = desk.goto(f"{console}/console/pms")
    assert response is not None and response.status == 403
