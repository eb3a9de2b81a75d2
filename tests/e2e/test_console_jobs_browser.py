"""The console's page of scheduled jobs in a real headless Chromium: an officer finds it from the dashboard and
reads each job's last run, outcome, error and next due time in JST; a desk operator has neither link nor page."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator

import pytest
from browser import console_sign_in
from live_server import live_server
from playwright.sync_api import Browser, Page, expect

from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.identity.policy import Role, system_actor
from hogo.jobs.catalogue import default_registry
from hogo.jobs.registry import Job
from hogo.jobs.runner import run_due
from hogo.schedule.schemas import JobResult
from hogo.web.app import create_app

PASSWORD = "a long officer password"
SCREENSHOT = os.environ.get("HOGO_SCREENSHOT")


def outbox(container: Container, due_at: dt.datetime) -> JobResult:
    raise ConnectionRefusedError("[Errno 111] Connection refused to smtp.example.jp:25 for hanako@example.jp")


@pytest.fixture
def console(vault: Container) -> Iterator[str]:
    actor = system_actor("test")
    vault.operators.create("kimura", "木村 管理者", Role.officer, None, PASSWORD, actor)
    vault.operators.create("sato", "佐藤 窓口", Role.desk, None, PASSWORD, actor)
    jobs = default_registry()
    jobs.add(Job("webhook-delivery", dt.timedelta(seconds=10), ja="通知を送る", en="Sends webhooks", run=outbox))
    vault.schedule.register(jobs.specs())
    run_due(vault, jobs, "test-worker")
    with live_server(create_app(vault)) as url:
        yield url


def sign_in(browser: Browser, url: str, login: str) -> Page:
    return console_sign_in(browser, url, login, PASSWORD)


def test_an_officer_reads_how_the_jobs_ran(browser: Browser, console: str, clock: FixedClock) -> None:
    page = sign_in(browser, console, "kimura")
    page.click("a[href='/console/jobs']")
    expect(page.locator("h1")).to_have_text("定期処理 Scheduled jobs")
    rows = page.locator("#jobs tr[data-job]")

    expect(rows).to_have_count(13)
    failed = page.locator("tr[data-job='webhook-delivery']")
    expect(failed.locator(".outcome")).to_contain_text("失敗")
    expect(failed.locator(".fault")).to_contain_text("ConnectionRefusedError")
    expect(failed.locator(".fault")).to_contain_text("Connection refused to")
    assert "hanako" not in failed.inner_text()  # the address the error quoted is not kept
    expect(failed.locator(".next")).to_have_text("2026-11-20 10:00 JST")  # ten seconds later, shown to the minute
    retention = page.locator("tr[data-job='provision-record-retention']")
    expect(retention).to_contain_text("保存期間を過ぎた提供記録")
    expect(retention.locator(".outcome")).to_contain_text("対象なし")
    expect(retention.locator(".last")).to_have_text("2026-11-20 10:00 JST")
    expect(retention.locator(".next")).to_have_text("2026-11-21 10:00 JST")
    if SCREENSHOT:
        page.screenshot(path=SCREENSHOT, full_page=True)
    expect(page.locator("tr[data-job='change-journal-pruning'] .next")).to_have_text("2026-11-20 11:00 JST")


def test_a_desk_operator_has_no_jobs_page(browser: Browser, console: str) -> None:
    page = sign_in(browser, console, "sato")
    expect(page.locator("a[href='/console/jobs']")).to_have_count(0)
    response = page.goto(f"{console}/console/jobs")
    assert response is not None and response.status == 403
