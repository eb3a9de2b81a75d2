"""What a person's requests hold about them (the name and address typed at intake, the text of the request, the
reasons, where their identity was checked) goes with their erasure: at once for requests they were told the answer
of, and for an open one as soon as its answer has reached them (the answer needs the address)."""

from __future__ import annotations

import sqlalchemy as sa
from request_support import Desk, trail

from hogo.identity.policy import Actor
from hogo.ledger.schemas.procedures import IdentityDocument, PaymentMethod, RequestChannel, RequestKind
from hogo.requests.models import PersonRequest
from hogo.requests.policy import ClaimedGround, Outcome
from hogo.requests.schemas import ContactIn, DecisionIn, FeeIn, FulfilIn, IdentityCheckIn, RequestIn


def filed(desk: Desk, admin: Actor, kind: RequestKind) -> str:
    data = RequestIn(
        kind=kind,
        channel=RequestChannel.post,
        person_id=desk.hanako,
        contact=ContactIn(name="山田 花子", email="hanako@example.jp", postal_address="東京都千代田区丸の内1-1"),
        details="山田 花子です。登録内容を確認したい",
        claimed_ground=ClaimedGround.no_longer_needed if kind is RequestKind.erasure else None,
    )
    rid = desk.c.requests.file(data, admin).request.id
    check = IdentityCheckIn(document=IdentityDocument.passport, reference="山田 花子 様の旅券を窓口で確認")
    desk.c.requests.check_identity(rid, check, admin)
    if kind is RequestKind.disclosure:
        desk.c.requests.record_fee(rid, FeeIn(method=PaymentMethod.postal_money_order, amount_jpy=500), admin)
    desk.c.requests.decide(rid, DecisionIn(outcome=Outcome.full, reason="山田 花子 様のご依頼どおり"), admin)
    return rid


def row(desk: Desk, rid: str) -> PersonRequest:
    with desk.c.uow(read_only=True) as uow:
        found = uow.session.get(PersonRequest, rid)
        assert found is not None
        uow.session.expunge(found)
        return found


def test_the_details_of_an_erased_persons_requests_are_deleted(desk: Desk, admin: Actor) -> None:
    answered = filed(desk, admin, RequestKind.disclosure)
    desk.c.requests.fulfil(answered, FulfilIn(), admin)  # answered and mailed: notified
    assert row(desk, answered).identity_reference is None  # the typed reference is sealed, never a clear column
    assert desk.c.requests.book.sealed(row(desk, answered))["identity_reference"] == "山田 花子 様の旅券を窓口で確認"
    erasure = filed(desk, admin, RequestKind.erasure)

    desk.c.requests.fulfil(erasure, FulfilIn(), admin)  # erases the person, then answers them by mail
    book = desk.c.requests.book
    assert book.sealed(row(desk, answered)) == {"erased": True}
    assert book.sealed(row(desk, erasure)) == {"erased": True}  # gone once the answer reached them
    answer = desk.outbox.outbox[-1]
    assert answer.to == "hanako@example.jp" and erasure in answer.subject  # the address served its last purpose
    assert trail(desk.c, erasure)[-2:] == ["request.notified", "request.details_deleted"]
    assert "request.details_deleted" in trail(desk.c, answered)
    with desk.c.uow(read_only=True) as uow:
        kept = uow.session.execute(sa.select(PersonRequest.identity_reference)).scalars().all()
    assert kept == [None, None]


def test_an_erased_persons_request_that_ends_unanswered_loses_its_details_when_it_ends(
    desk: Desk, admin: Actor
) -> None:
    data = RequestIn(
        kind=RequestKind.correction,
        channel=RequestChannel.phone,
        person_id=desk.hanako,
        contact=ContactIn(name="山田 花子", postal_address="東京都千代田区丸の内1-1"),
    )
    pending = desk.c.requests.file(data, admin).request.id  # received: not answered
    desk.c.subjects.erase(desk.hanako, "REQ-8", admin)
    assert desk.c.requests.book.sealed(row(desk, pending))["contact"]["name"] == "山田 花子"  # may still be answered
    desk.c.requests.withdraw(pending, admin)
    assert desk.c.requests.book.sealed(row(desk, pending)) == {"erased": True}
