"""The console's request pages over HTTP on SQLite and PostgreSQL: queue, intake, each step, refusals as pages."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import console_http
import pytest
from fastapi.testclient import TestClient

from hogo.adapters.mail import MemoryMailer
from hogo.bootstrap import Container
from hogo.clock import FixedClock
from hogo.identity.policy import Role, system_actor
from hogo.requests.workflow import Status
from hogo.web.app import create_app

PASSWORD = "a long desk password"


def signed_in(client: TestClient, login: str) -> str:
    return console_http.signed_in(client, login, PASSWORD)


@pytest.fixture
def client(vault: Container, outbox: MemoryMailer) -> Iterator[TestClient]:
    actor = system_actor("test")
    vault.operators.create("sato", "佐藤 窓口", Role.desk, ["identity", "contact"], PASSWORD, actor)
    vault.operators.create("kobayashi", "小林 監査", Role.auditor, None, PASSWORD, actor)
    with TestClient(create_app(vault)) as test_client:
        yield test_client


def test_desk_records_a_post_request_and_takes_it_to_the_answer(client: TestClient, vault: Container) -> None:
    csrf = signed_in(client, "sato")
    assert 'href="/console/requests"' in client.get("/console/").text
    form = {"csrf": csrf, "kind": "disclosure", "channel": "post", "identifier_kind": "email"}
    form |= {"identifier": "hanako@example.jp", "name": "山田 花子", "postal_address": "東京都千代田区1-1"}
    filed = client.post("/console/requests/new", data=form | {"received_at": "2026-11-18T09:30"})
    assert filed.status_code == 201, filed.text
    request_id = re.search(r'id="request-id">(rq_[0-9a-f]+)<', filed.text)
    assert request_id is not None and 'id="link-withheld"' in filed.text  # sato is not cleared for every category
    assert 'id="details-withheld"' in filed.text and 'id="details-form"' not in filed.text
    assert "/portal/requests/status/" not in filed.text  # the link would open every item of the disclosure
    rid = request_id.group(1)
    queue = client.get("/console/requests").text
    assert rid in queue and "2026-12-09" in queue  # 14 business days after 18 Nov (23 Nov is a holiday)
    assert "2026-12-03" in queue  # Art. 39: two weeks after arrival

    step = client.post(f"/console/requests/{rid}/identity", data={"csrf": csrf, "document": "passport"})
    assert step.status_code == 200 and "本人確認を記録しました" in step.text  # followed the 303 back to the page
    wrong = client.post(
        f"/console/requests/{rid}/fee", data={"csrf": csrf, "method": "postal_money_order", "amount_jpy": "300"}
    )
    assert wrong.status_code == 422 and "この請求の手数料は 500 円です" in wrong.text
    client.post(
        f"/console/requests/{rid}/fee", data={"csrf": csrf, "method": "postal_money_order", "amount_jpy": "500"}
    )
    client.post(f"/console/requests/{rid}/decision", data={"csrf": csrf, "outcome": "full"})
    answered = client.post(f"/console/requests/{rid}/fulfilment", data={"csrf": csrf})
    assert 'data-status="fulfilled"' in answered.text
    assert "本人への通知：書面（郵送） / person told by: letter" in answered.text
    assert 'data-notified="no"' in answered.text and "回答書を印刷して郵送してください" in answered.text
    letter = client.get(f"/console/requests/{rid}/letter")
    assert letter.status_code == 200 and letter.content.startswith(b"%PDF")
    posted = client.post(f"/console/requests/{rid}/letter-posted", data={"csrf": csrf})
    assert 'data-notified="yes"' in posted.text and "書面を郵送" in posted.text
    assert vault.requests.get(rid, system_actor("test")).notified_at is not None
    again = client.post(f"/console/requests/{rid}/letter-posted", data={"csrf": csrf})
    assert again.status_code == 409 and "はすでに通知済みです" in again.text
    client.post(f"/console/requests/{rid}/closure", data={"csrf": csrf})
    view = vault.requests.get(rid, system_actor("test"))
    assert view.status is Status.closed and view.identity_method == "passport"
    assert rid not in client.get("/console/requests").text and rid in client.get("/console/requests?show=all").text
    actions = [e.action for e in vault.audit.events(limit=200) if e.entity_id == rid]
    assert {"request.received", "request.decided", "request.fulfilled", "request.letter_printed"} <= set(actions)
    assert actions.count("request.notified") == 1


def test_refusals_come_back_as_the_page_with_the_reason(client: TestClient, vault: Container) -> None:
    csrf = signed_in(client, "sato")
    unknown = client.post(
        "/console/requests/new",
        data={"csrf": csrf, "kind": "disclosure", "channel": "phone", "identifier": "nobody@example.jp"},
    )
    assert unknown.status_code == 404 and "受け付けられませんでした" in unknown.text
    assert "nobody@example.jp" not in unknown.text  # the identifier typed is not echoed
    bad = client.post(
        "/console/requests/new",
        data={"csrf": csrf, "kind": "disclosure", "channel": "phone", "email": "not an address"},
    )
    assert bad.status_code == 422 and "contact.email" in bad.text and "not an address" not in bad.text
    correction = client.post(
        "/console/requests/new",
        data={"csrf": csrf, "kind": "correction", "channel": "phone", "identifier": "hanako@example.jp"},
    )
    rid = re.search(r'id="request-id">(rq_[0-9a-f]+)<', correction.text).group(1)  # type: ignore[union-attr]
    refused = client.post(
        f"/console/requests/{rid}/identity",
        data={"csrf": csrf, "document": "drivers_licence", "reference": "1234 5678 9012"},
    )
    assert refused.status_code == 422 and "never record a My Number" in refused.text
    assert vault.requests.get(rid, system_actor("test")).status is Status.received
    forged = client.post(f"/console/requests/{rid}/withdrawal", data={"csrf": "forged"})
    assert forged.status_code == 403 and "text/html" in forged.headers["content-type"]
    assert vault.requests.get(rid, system_actor("test")).status is Status.received


def test_an_auditor_does_not_handle_requests(client: TestClient) -> None:
    signed_in(client, "kobayashi")
    assert 'href="/console/requests"' not in client.get("/console/").text
    refused = client.get("/console/requests")
    assert refused.status_code == 403 and "監査担当者の権限では本人からの請求を扱えません" in refused.text
    assert client.get("/console/requests/new").status_code == 403


def test_without_a_session_the_pages_send_to_the_sign_in(vault: Container) -> None:
    with TestClient(create_app(vault)) as anonymous:
        answer = anonymous.get("/console/requests", follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"] == "/console/login?next=/console/requests"


def test_the_queue_flags_overdue_requests_and_filters_them(client: TestClient, clock: FixedClock) -> None:
    csrf = signed_in(client, "sato")
    form = {"csrf": csrf, "kind": "complaint", "channel": "phone", "identifier": "hanako@example.jp"}
    late = client.post("/console/requests/new", data=form | {"received_at": "2026-10-01T10:00"})
    fresh = client.post("/console/requests/new", data=form)
    late_id, fresh_id = (re.search(r'id="request-id">(rq_[0-9a-f]+)<', p.text).group(1) for p in (late, fresh))  # type: ignore[union-attr]
    queue = client.get("/console/requests").text
    late_row = queue.split(f'data-id="{late_id}"')[1].split("</tr>")[0]
    assert 'class="overdue"' in late_row and "期限超過" in late_row
    overdue = client.get("/console/requests?show=overdue").text
    assert late_id in overdue and fresh_id not in overdue
    clock.advance(dt.timedelta(days=40))  # the session has ended too: sign in again
    signed_in(client, "sato")
    assert fresh_id in client.get("/console/requests?show=overdue").text


def test_an_agent_must_show_the_evidence_the_ledger_asks_for(client: TestClient, vault: Container) -> None:
    csrf = signed_in(client, "sato")
    form = {"csrf": csrf, "kind": "disclosure", "channel": "post", "identifier": "hanako@example.jp"}
    form |= {"agent_kind": "appointed_agent", "agent_name": "代理 一郎", "agent_document": "drivers_licence"}
    short = client.post("/console/requests/new", data=form | {"agent_evidence": ["power_of_attorney"]})
    assert short.status_code == 422 and "seal_certificate" in short.text
    assert vault.requests.queue(system_actor("test")) == []
    full = client.post(
        "/console/requests/new", data=form | {"agent_evidence": ["power_of_attorney", "seal_certificate"]}
    )
    assert (
        full.status_code == 201
        and "本人が委任した代理人 / appointed agent（運転免許証 / driver&#39;s license）" in full.text
    )


def test_an_officer_cleared_for_everything_reads_what_the_person_wrote(client: TestClient, vault: Container) -> None:
    vault.operators.create("kato", "加藤 管理者", Role.officer, None, PASSWORD, system_actor("test"))
    csrf = signed_in(client, "kato")
    form = {"csrf": csrf, "kind": "correction", "channel": "post", "identifier_kind": "email"}
    form |= {"identifier": "hanako@example.jp", "name": "山田 花子", "details": "電話番号を 03-1111-2222 に訂正"}
    filed = client.post("/console/requests/new", data=form)
    rid = re.search(r'id="request-id">(rq_[0-9a-f]+)<', filed.text).group(1)  # type: ignore[union-attr]
    assert "03-1111-2222" not in filed.text and 'id="details-form"' in filed.text  # shown only when asked
    shown = client.post(f"/console/requests/{rid}/details", data={"csrf": csrf})
    assert shown.status_code == 200 and "電話番号を 03-1111-2222 に訂正" in shown.text and "山田 花子" in shown.text
    forged = client.post(f"/console/requests/{rid}/details", data={"csrf": "forged"})
    assert forged.status_code == 403 and "03-1111-2222" not in forged.text
    [read] = vault.audit.events(action_prefix="request.details_read")
    assert read.actor.startswith("operator:") and read.entity_id == rid


def test_the_desk_links_a_request_filed_for_nobody_known(client: TestClient, vault: Container) -> None:
    csrf = signed_in(client, "sato")
    filed = client.post("/console/requests/new", data={"csrf": csrf, "kind": "complaint", "channel": "phone"})
    rid = re.search(r'id="request-id">(rq_[0-9a-f]+)<', filed.text).group(1)  # type: ignore[union-attr]
    assert 'id="link-form"' in filed.text
    wrong = client.post(
        f"/console/requests/{rid}/person",
        data={"csrf": csrf, "identifier_kind": "email", "identifier": "nobody@example.jp"},
    )
    assert wrong.status_code == 404 and "nobody@example.jp" not in wrong.text
    linked = client.post(
        f"/console/requests/{rid}/person",
        data={"csrf": csrf, "identifier_kind": "email", "identifier": "hanako@example.jp"},
    )
    assert "本人と結び付けました" in linked.text and 'id="link-form"' not in linked.text
    assert vault.requests.get(rid, system_actor("t")).person_id is not None


def test_an_unknown_ground_is_refused_with_the_page_and_nothing_is_decided(
    client: TestClient, vault: Container
) -> None:
    csrf = signed_in(client, "sato")
    form = {"csrf": csrf, "kind": "disclosure", "channel": "phone", "identifier": "hanako@example.jp"}
    rid = re.search(r'id="request-id">(rq_[0-9a-f]+)<', client.post("/console/requests/new", data=form).text)
    assert rid is not None
    request_id = rid.group(1)
    client.post(f"/console/requests/{request_id}/identity", data={"csrf": csrf, "document": "passport"})
    client.post(
        f"/console/requests/{request_id}/fee",
        data={"csrf": csrf, "method": "postal_money_order", "amount_jpy": "500"},
    )
    before = vault.requests.get(request_id, system_actor("test"))
    assert before.status is Status.in_review
    last = vault.audit.events(limit=1)[0].seq

    refused = client.post(
        f"/console/requests/{request_id}/decision",
        data={"csrf": csrf, "outcome": "refused", "ground": "because-we-said-so", "reason": "理由"},
    )
    assert refused.status_code == 422
    assert 'id="error"' in refused.text and "入力内容に誤りがあります：ground" in refused.text
    assert f'id="request-id">{request_id}<' in refused.text and 'id="decision-form"' in refused.text
    assert "because-we-said-so" not in refused.text  # the value typed is not echoed
    after = vault.requests.get(request_id, system_actor("test"))
    assert after.status is Status.in_review and after.outcome is None and after.ground is None
    assert [e.action for e in vault.audit.events(limit=20) if e.seq > last] == []

    decided = client.post(
        f"/console/requests/{request_id}/decision",
        data={"csrf": csrf, "outcome": "refused", "ground": "business_hindrance", "reason": "理由"},
    )
    assert decided.status_code == 200 and 'id="outcome"' in decided.text  # the same form with a known ground
    assert vault.requests.get(request_id, system_actor("test")).ground == "business_hindrance"
