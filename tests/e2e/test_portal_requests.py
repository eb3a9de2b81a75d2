"""The portal's request pages over real HTTP, as a browser without JavaScript uses them: forms, CSRF, the
code, the fee notice, the answer and the downloads."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator

import httpx
import pytest

from hogo.adapters.mail import MemoryMailer
from hogo.audit.checkpoints import verify_bundle
from hogo.audit.keys import AuditKeyFile
from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.errors import Gone
from hogo.identity.policy import system_actor
from hogo.ledger.schemas.procedures import PaymentMethod
from hogo.requests.policy import Outcome
from hogo.requests.schemas import DecisionIn, FeeIn, FulfilIn


@pytest.fixture
def browser(live_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_url, timeout=10, follow_redirects=True) as client:
        yield client


def csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def test_file_confirm_pay_and_download_on_the_portal(
    vault: Container, outbox: MemoryMailer, browser: httpx.Client
) -> None:
    form = browser.get("/portal/requests")
    assert form.status_code == 200 and "開示等のご請求" in form.text and "<td>500円</td>" in form.text
    assert form.headers["referrer-policy"] == "no-referrer"
    page = browser.post(
        "/portal/requests",
        data={
            "csrf": csrf(form.text),
            "kind": "disclosure",
            "email": "hanako@example.jp",
            "disclosure_method": "electronic",
        },
    )
    assert page.status_code == 200 and "/portal/requests/status/" in str(page.url)
    assert 'data-status="identity_pending"' in page.text and "確認コード" in page.text
    token = str(page.url).split("/status/")[1].split("?")[0]
    code = re.search(r"\b(\d{6})\b", outbox.outbox[-1].body)
    assert code is not None
    wrong = browser.post(f"/portal/requests/status/{token}/code", data={"csrf": csrf(page.text), "code": "99999x"})
    assert wrong.status_code == 422 and "確認コードが一致しません" in wrong.text
    paid = browser.post(f"/portal/requests/status/{token}/code", data={"csrf": csrf(page.text), "code": code.group(1)})
    assert 'data-status="fee_pending"' in paid.text and "手数料 500 円" in paid.text
    request_id = vault.requests.person.status(token).id
    officer = system_actor("officer")
    vault.requests.record_fee(request_id, FeeIn(method=PaymentMethod.postal_money_order, amount_jpy=500), officer)
    vault.requests.decide(request_id, DecisionIn(outcome=Outcome.full), officer)
    vault.requests.fulfil(request_id, FulfilIn(), officer)
    done = browser.get(f"/portal/requests/status/{token}", params={"lang": "en"})
    assert 'data-status="fulfilled"' in done.text and "We did what you asked" in done.text
    package = browser.get(f"/portal/requests/status/{token}/download/json").json()
    held = vault.usage.read(package["person_id"], ["name", "email", "phone"], "service", officer).values
    assert {r["item"]: r["value"] for r in package["records"]} == held and held["name"] == "山田 花子"
    assert browser.get(f"/portal/requests/status/{token}/download/pdf").content.startswith(b"%PDF")
    # The answer's event in the audit log, and its inclusion proof once a checkpoint holds it.
    assert f'href="/portal/requests/status/{token}/audit-proof"' in done.text
    pending = browser.get(f"/portal/requests/status/{token}/audit-proof").json()
    assert pending["inclusion"] is None and pending["proof_path"] == f"/portal/requests/status/{token}/audit-proof"
    AuditKeyFile(vault.settings.key_file.with_name("hogo-audit.key")).create("portal.example/audit")
    vault.checkpoints.write()
    proof = browser.get(f"/portal/requests/status/{token}/audit-proof").json()
    body = json.loads(proof["inclusion"]["body"])
    assert (body["action"], body["entity"], body["seq"]) == (
        "request.fulfilled",
        ["request", request_id],
        proof["event"],
    )
    assert verify_bundle(proof["inclusion"], vault.checkpoints.keys.verifiers()).size >= proof["event"]
    assert browser.get("/portal/requests/status/not-a-token/audit-proof").status_code == 404


def test_forms_without_the_csrf_token_change_nothing(
    vault: Container, outbox: MemoryMailer, browser: httpx.Client
) -> None:
    refused = browser.post("/portal/requests", data={"kind": "disclosure", "email": "hanako@example.jp", "csrf": "x"})
    assert refused.status_code == 422 and "有効期限" in refused.text
    assert vault.requests.queue(system_actor("officer"), open_only=False) == []
    form = browser.get("/portal/requests")
    page = browser.post(
        "/portal/requests", data={"csrf": csrf(form.text), "kind": "correction", "email": "hanako@example.jp"}
    )
    token = str(page.url).split("/status/")[1].split("?")[0]
    browser.cookies.clear()
    forged = browser.post(f"/portal/requests/status/{token}/withdrawal", data={"csrf": csrf(page.text)})
    assert forged.status_code == 422
    assert vault.requests.person.status(token).status.value == "identity_pending"


def test_filing_is_rate_limited_and_bad_links_are_not_found(outbox: MemoryMailer, browser: httpx.Client) -> None:
    codes = []
    for _ in range(6):
        form = browser.get("/portal/requests")
        page = browser.post(
            "/portal/requests", data={"csrf": csrf(form.text), "kind": "disclosure", "email": "a@example.jp"}
        )
        codes.append(page.status_code)
    assert codes == [200] * 5 + [429]
    assert browser.get("/portal/requests/status/not-a-token").status_code == 404
    assert browser.get("/portal/requests/status/not-a-token/download/json").status_code == 404


def disclosed(vault: Container, outbox: MemoryMailer, browser: httpx.Client) -> tuple[str, str]:
    """A disclosure filed on the portal, confirmed with the code, paid, decided and fulfilled: (token, request id)."""
    form = browser.get("/portal/requests")
    page = browser.post(
        "/portal/requests",
        data={"csrf": csrf(form.text), "kind": "disclosure", "email": "hanako@example.jp"},
    )
    token = str(page.url).split("/status/")[1].split("?")[0]
    code = re.search(r"\b(\d{6})\b", outbox.outbox[-1].body)
    assert code is not None
    browser.post(f"/portal/requests/status/{token}/code", data={"csrf": csrf(page.text), "code": code.group(1)})
    request_id = vault.requests.person.status(token).id
    officer = system_actor("officer")
    vault.requests.record_fee(request_id, FeeIn(method=PaymentMethod.postal_money_order, amount_jpy=500), officer)
    vault.requests.decide(request_id, DecisionIn(outcome=Outcome.full), officer)
    vault.requests.fulfil(request_id, FulfilIn(), officer)
    return token, request_id


def test_the_download_ends_with_its_period(
    vault: Container, outbox: MemoryMailer, browser: httpx.Client, clock: FixedClock
) -> None:
    token, _ = disclosed(vault, outbox, browser)
    page = browser.get(f"/portal/requests/status/{token}")
    assert 'id="package-until"' in page.text and "2026-12-20 10:00 までダウンロードできます" in page.text  # 30 days
    assert 'id="notified"' in page.text  # the answer mail was sent (the outbox took it at once)
    clock.advance(dt.timedelta(days=30, minutes=1))
    for fmt in ("json", "csv", "pdf"):
        gone = browser.get(f"/portal/requests/status/{token}/download/{fmt}")
        assert gone.status_code == 410, fmt
    page = browser.get(f"/portal/requests/status/{token}")
    assert 'data-why="expired"' in page.text and "/download/json" not in page.text


def test_an_erasure_ends_every_download_and_letter_of_the_persons_disclosure(
    vault: Container, outbox: MemoryMailer, browser: httpx.Client
) -> None:
    token, request_id = disclosed(vault, outbox, browser)
    assert browser.get(f"/portal/requests/status/{token}/download/json").status_code == 200
    officer = system_actor("officer")
    person = vault.requests.get(request_id, officer).person_id
    assert person is not None
    vault.subjects.erase(person, "REQ-77", officer)
    for fmt in ("json", "csv", "pdf"):
        assert browser.get(f"/portal/requests/status/{token}/download/{fmt}").status_code == 410, fmt
    with pytest.raises(Gone):
        vault.requests.letter(request_id, officer)  # the desk cannot print the values any more either
    page = browser.get(f"/portal/requests/status/{token}", params={"lang": "en"})
    assert 'data-why="erased"' in page.text and "the disclosure file was deleted too" in page.text
    assert vault.requests.get(request_id, officer).package_ready is False
    assert [e.action for e in vault.audit.events(action_prefix="request.package_deleted")] == [
        "request.package_deleted"
    ]


def test_a_form_with_a_mistake_says_which_field_and_does_not_count_against_the_limit(
    vault: Container, outbox: MemoryMailer, browser: httpx.Client
) -> None:
    form = browser.get("/portal/requests")
    token = csrf(form.text)
    for _ in range(4):  # typos: not filings
        typo = browser.post("/portal/requests", data={"csrf": token, "kind": "disclosure", "email": "hanako@@example"})
        assert typo.status_code == 422 and "入力内容をご確認ください：ご登録のメールアドレス" in typo.text
    codes = [
        browser.post("/portal/requests", data={"csrf": token, "kind": "disclosure", "email": "hanako@example.jp"})
        for _ in range(6)
    ]
    assert [c.status_code for c in codes] == [200] * 5 + [429]  # five accepted filings, then the limit
