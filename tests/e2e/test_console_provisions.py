"""The provision registers in the console (real Chromium): check states, a failed check recorded, records listed."""

from __future__ import annotations

from live_server import live_server
from playwright.sync_api import Browser, expect

from hogo.bootstrap import Container
from hogo.consent.schemas import ConsentIn, ConsentKind, ConsentMethod
from hogo.identity.policy import Role, system_actor
from hogo.provision.schemas import Basis, Register
from hogo.subjects.schemas import AcquisitionIn
from hogo.web.app import create_app

PASSWORD = "a long officer password"


def test_officer_records_a_failed_check_and_the_gate_then_refuses(browser: Browser, provisioning: Container) -> None:
    actor = system_actor("test")
    provisioning.operators.create("kimura", "木村 管理者", Role.officer, None, PASSWORD, actor)
    person = provisioning.subjects.acquire(
        AcquisitionIn(
            subject_kind="customer", values={"name": "山田 花子", "phone": "03-1234-5678"}, channel="web-order"
        ),
        actor,
    ).person_id
    delivered = provisioning.provision.provide(
        [person], ["name", "phone"], "delivery", Basis.entrustment, actor, purpose="service"
    )
    assert delivered.allowed and delivered.allowed[0].record_id is None  # entrustment: not a third party
    consent = ConsentIn(kind=ConsentKind.provision, target="partner-shop", method=ConsentMethod.web_checkbox)
    provisioning.consents.give(person, consent, actor)
    shared = provisioning.provision.provide([person], ["name"], "partner-shop", Basis.consent, actor)
    assert shared.allowed and shared.allowed[0].record_id is not None
    abroad = ConsentIn(kind=ConsentKind.foreign_transfer, target="us-cloud", method=ConsentMethod.web_checkbox)
    provisioning.consents.give(person, abroad, actor)
    assert provisioning.provision.provide([person], ["name"], "us-cloud", Basis.consent, actor).allowed
    with live_server(create_app(provisioning)) as url:
        page = browser.new_page()
        page.goto(f"{url}/console/login")
        page.fill("#login", "kimura")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        page.click("a[href='/console/provisions']")
        expect(page.locator("#entrustees tr[data-id=delivery] .state")).to_contain_text("ok")
        expect(page.locator("#abroad tr[data-id=us-cloud] .state")).not_to_have_text("—")
        page.select_option("#kind", "foreign")
        page.fill("#recipient", "us-cloud")
        page.check("input[name=passed][value=false]")
        page.fill("#findings", "AUDIT-2026-11")
        page.click("button[type=submit] >> text=記録")
        expect(page.locator("#saved")).to_contain_text("us-cloud")
        expect(page.locator("#abroad tr[data-id=us-cloud] .state")).to_contain_text("failed")
        page.click("a[href='/console/provisions/records']")
        expect(page.locator("#records")).to_contain_text(person)
        expect(page.locator("#records")).to_contain_text("partner-shop")
        with page.expect_download() as download:
            page.click("#records-csv")
        lines = download.value.path().read_text(encoding="utf-8-sig").splitlines()
        assert lines[0].startswith("id,direction,route,method,person_id,counterpart")
        assert len(lines) - 1 == page.locator("#records tr").count() - 1  # every record the page lists
        assert all(person in line for line in lines[1:])
    refused = provisioning.provision.provide([person], ["name"], "us-cloud", Basis.consent, actor).outcomes[0]
    assert (refused.decision.allowed, refused.decision.reason.value) == (False, "foreign-check-failed")
    assert [c.passed for c in provisioning.provision.checks(Register.foreign, "us-cloud", actor)] == [False]
