"""The officer's dashboard in a real headless Chromium: each number links to a list with as many rows, the
charts are drawn from the store, and desk staff see the request numbers but not the officer's."""

from __future__ import annotations

import datetime as dt

from browser import console_sign_in
from live_server import live_server
from playwright.sync_api import Browser, expect

from hogo.bootstrap import Container
from hogo.identity.policy import Role, system_actor
from hogo.ledger.schemas.procedures import RequestChannel, RequestKind
from hogo.pms.schemas import CourseIn
from hogo.requests.schemas import RequestIn
from hogo.subjects.schemas import AcquisitionIn, IdentifierIn
from hogo.web.app import create_app

PASSWORD = "a long officer password"


def test_numbers_link_to_lists_of_the_same_length(browser: Browser, vault: Container) -> None:
    actor = system_actor("test")
    vault.operators.create("kimura", "木村 管理者", Role.officer, None, PASSWORD, actor)
    vault.operators.create("sato", "佐藤 窓口", Role.desk, None, PASSWORD, actor)
    person = vault.subjects.acquire(
        AcquisitionIn(
            subject_kind="customer",
            identifiers=[IdentifierIn(kind="email", value="hanako@example.jp")],
            values={"name": "山田 花子", "email": "hanako@example.jp"},
            channel="web-order",
        ),
        actor,
    ).person_id
    vault.pms.training.add_course(CourseIn(title="個人情報保護の基礎"), actor)  # nobody has attended: due now
    desk = system_actor("desk")
    for days_ago, kind, channel in ((45, "disclosure", "post"), (10, "complaint", "phone"), (0, "complaint", "email")):
        received = vault.clock.now() - dt.timedelta(days=days_ago)
        kind_, channel_ = RequestKind(kind), RequestChannel(channel)
        vault.requests.file(RequestIn(kind=kind_, channel=channel_, person_id=person, received_at=received), desk)
    with live_server(create_app(vault)) as url:
        page = console_sign_in(browser, url, "kimura", PASSWORD)
        for key in ("open", "week", "overdue"):
            number = int(page.locator(f"#n-{key}").inner_text())
            page.click(f"#n-{key}")
            expect(page.locator("#queue tr[data-id]")).to_have_count(number)
            page.go_back()
        assert int(page.locator("#n-overdue").inner_text()) >= 1 and int(page.locator("#n-open").inner_text()) == 3
        cycle = int(page.locator("#n-pms").inner_text())
        assert cycle >= 2  # both operators are due the course
        page.click("#n-pms")
        expect(page.locator("#due-list tr.due")).to_have_count(cycle)
        page.go_back()
        bars = page.locator("#chart-0 rect[data-count]")
        assert sum(int(c) for c in bars.evaluate_all("els => els.map(e => e.dataset.count)")) == 3
        expect(page.locator("#chart-0 title").first).to_contain_text("種類別の請求件数")
        expect(page.locator("#n-outbox-failed")).to_contain_text("0")

        desk_page = console_sign_in(browser, url, "sato", PASSWORD)
        expect(desk_page.locator("#n-open")).to_have_text("3")
        expect(desk_page.locator("#n-outbox-failed")).to_have_count(0)
        expect(desk_page.locator("svg.chart")).to_have_count(0)
