"""The person's own path: file on the portal, a one-time code, the fee, the decision, the download."""

from __future__ import annotations

import datetime as dt

import pytest
from request_support import Desk, trail

from hogo.clock import FixedClock
from hogo.errors import NotFound
from hogo.identity.policy import Actor
from hogo.ledger.schemas.procedures import PaymentMethod, RequestChannel, RequestKind
from hogo.requests.policy import Outcome, RequestRefused
from hogo.requests.schemas import ContactIn, DecisionIn, FeeIn, FulfilIn, PortalRequestIn, RequestIn
from hogo.requests.workflow import Status


def portal(desk: Desk, email: str = "hanako@example.jp", kind: RequestKind = RequestKind.disclosure) -> str:
    return desk.c.requests.person.file(PortalRequestIn(kind=kind, email=email)).token


def test_disclosure_from_the_portal_matches_what_the_vault_holds(desk: Desk, clerk: Actor, admin: Actor) -> None:
    c = desk.c
    filed = c.requests.person.file(PortalRequestIn(kind=RequestKind.disclosure, email="hanako@example.jp"))
    assert (filed.request.status, filed.request.person_id, filed.request.fee_jpy) == (
        Status.identity_pending,
        desk.hanako,
        500,
    )
    assert filed.request.due_on == dt.date(2026, 12, 11)  # 14 business days, 23 Nov a holiday
    mail = desk.outbox.outbox[-1]
    assert mail.to == "hanako@example.jp" and filed.request.id in mail.subject
    status = c.requests.person.verify_code(filed.token, desk.code())
    assert (status.status, status.identity_verified, status.fee_paid) == (Status.fee_pending, True, False)
    c.requests.record_fee(filed.request.id, FeeIn(method=PaymentMethod.postal_money_order, amount_jpy=500), clerk)
    c.requests.decide(filed.request.id, DecisionIn(outcome=Outcome.full), clerk)
    done = c.requests.fulfil(filed.request.id, FulfilIn(), clerk)
    assert (done.status, done.package_ready, done.measures) == (
        Status.fulfilled,
        True,
        {"records_disclosed": 3, "notified_by": "email"},
    )
    package = c.requests.person.package(filed.token)
    held = c.usage.read(desk.hanako, ["name", "email", "phone"], "service", admin).values
    assert {r["item"]: r["value"] for r in package["records"]} == held
    assert [p["id"] for p in package["purposes"]] == ["service"]
    assert package["records"][0]["channel"] == "web-order" and package["person_id"] == desk.hanako
    assert "ご請求への回答" in desk.outbox.outbox[-1].subject
    assert c.requests.close(filed.request.id, clerk).status is Status.closed
    actions = trail(c, filed.request.id)
    assert actions[:3] == ["request.received", "request.identity_pending", "request.identity_verified"]
    assert {"request.fee_paid", "request.decided", "request.fulfilled", "request.downloaded"} <= set(actions)
    read = c.audit.events(action_prefix="records.read")[-1]
    assert read.data["basis"] == "Art. 33" and read.data["request"] == filed.request.id
    bodies = str([e.data for e in c.audit.events(limit=10_000)])
    assert "hanako" not in bodies and "山田" not in bodies
    assert c.audit.verify().ok


def test_an_unknown_address_gets_the_same_answer_and_no_code(desk: Desk) -> None:
    filed = desk.c.requests.person.file(PortalRequestIn(kind=RequestKind.disclosure, email="nobody@example.jp"))
    assert filed.request.status is Status.identity_pending and filed.request.person_id is None
    assert desk.outbox.outbox == []
    with pytest.raises(RequestRefused, match="not valid"):
        desk.c.requests.person.verify_code(filed.token, "123456")


def test_wrong_codes_use_up_the_attempts_and_old_codes_expire(desk: Desk, clock: FixedClock) -> None:
    token = portal(desk)
    code = desk.code()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for _ in range(5):
        with pytest.raises(RequestRefused, match="does not match"):
            desk.c.requests.person.verify_code(token, wrong)
    with pytest.raises(RequestRefused, match="not valid"):
        desk.c.requests.person.verify_code(token, code)
    with pytest.raises(RequestRefused, match="less than a minute"):
        desk.c.requests.person.send_code(token)
    clock.advance(dt.timedelta(minutes=2))
    desk.c.requests.person.send_code(token)
    clock.advance(dt.timedelta(minutes=16))
    with pytest.raises(RequestRefused, match="expired"):
        desk.c.requests.person.verify_code(token, desk.code())
    for _ in range(3):
        desk.c.requests.person.send_code(token)
        clock.advance(dt.timedelta(minutes=2))
    with pytest.raises(RequestRefused, match="no more codes"):
        desk.c.requests.person.send_code(token)
    assert desk.c.requests.person.status(token).status is Status.identity_pending
    failures = desk.c.audit.events(action_prefix="request.code_failed")
    assert len(failures) == 7 and all(set(e.data) == {"attempts"} for e in failures)


def test_a_person_cannot_read_another_request_or_use_a_tampered_link(desk: Desk) -> None:
    mine, theirs = portal(desk), portal(desk, "taro@example.jp")
    assert desk.c.requests.person.status(mine).id != desk.c.requests.person.status(theirs).id
    tampered = mine[:-1] + ("A" if mine[-1] != "A" else "B")
    for bad in (tampered, mine[:20], "", "../" + mine):
        with pytest.raises(NotFound):
            desk.c.requests.person.status(bad)
        with pytest.raises(NotFound):
            desk.c.requests.person.package(bad)
    with pytest.raises(RequestRefused):  # taro's code does not open hanako's request
        code_for_taro = desk.code()
        desk.c.requests.person.verify_code(mine, code_for_taro)


def test_the_person_withdraws_and_nothing_moves_after(desk: Desk, clerk: Actor) -> None:
    token = portal(desk, kind=RequestKind.purpose_notification)
    assert desk.c.requests.person.withdraw(token).status is Status.withdrawn
    with pytest.raises(Exception, match="cannot become"):
        desk.c.requests.person.withdraw(token)


def test_codes_go_only_to_the_address_on_file_never_to_one_typed_at_intake(desk: Desk, clerk: Actor) -> None:
    def filed(email: str) -> str:
        data = RequestIn(
            kind=RequestKind.correction,
            channel=RequestChannel.phone,
            person_id=desk.hanako,
            contact=ContactIn(email=email),
        )
        return desk.c.requests.file(data, clerk).token

    typed = filed("someone.else@example.jp")
    sent = len(desk.outbox.outbox)
    desk.c.requests.person.send_code(typed)
    assert len(desk.outbox.outbox) == sent  # nothing to an address hogo does not hold for hanako
    with pytest.raises(RequestRefused, match="not valid"):
        desk.c.requests.person.verify_code(typed, "123456")
    on_file = filed("hanako@example.jp")
    desk.c.requests.person.send_code(on_file)
    assert desk.outbox.outbox[-1].to == "hanako@example.jp"
    assert desk.c.requests.person.verify_code(on_file, desk.code()).status is Status.in_review
