"""A disclosure is carried out only by someone cleared for every item category it holds: a desk operator without
one is refused (Forbidden) and the request stays decided; it never gets a "full" package with items left out."""

from __future__ import annotations

import pytest
from request_support import Desk

from hogo.errors import Forbidden
from hogo.identity.policy import Actor, Role
from hogo.ledger.schemas.procedures import IdentityDocument, PaymentMethod, RequestChannel, RequestKind
from hogo.requests.policy import Outcome
from hogo.requests.schemas import ContactIn, DecisionIn, FeeIn, FulfilIn, IdentityCheckIn, RequestIn
from hogo.requests.workflow import Status


def decided_disclosure(desk: Desk, actor: Actor) -> str:
    rid = desk.c.requests.file(
        RequestIn(kind=RequestKind.disclosure, channel=RequestChannel.post, person_id=desk.hanako), actor
    ).request.id
    desk.c.requests.check_identity(rid, IdentityCheckIn(document=IdentityDocument.passport), actor)
    desk.c.requests.record_fee(rid, FeeIn(method=PaymentMethod.postal_money_order, amount_jpy=500), actor)
    desk.c.requests.decide(rid, DecisionIn(outcome=Outcome.full), actor)
    return rid


def test_a_desk_operator_not_cleared_for_a_held_item_cannot_disclose(desk: Desk) -> None:
    contact_only = Actor("desk-ito", Role.desk, frozenset({"contact"}))
    rid = decided_disclosure(desk, contact_only)
    with pytest.raises(Forbidden, match="not cleared"):
        desk.c.requests.fulfil(rid, FulfilIn(), contact_only)
    view = desk.c.requests.get(rid, contact_only)
    assert (view.status, view.package_ready) == (Status.decided, False)


def test_a_cleared_operator_discloses_every_item_held(desk: Desk) -> None:
    cleared = Actor("desk-sato", Role.desk, frozenset({"identity", "contact"}))
    rid = decided_disclosure(desk, cleared)
    view = desk.c.requests.fulfil(rid, FulfilIn(), cleared)
    assert view.status is Status.fulfilled and view.measures is not None
    assert view.measures["records_disclosed"] == 3  # name, email, phone


def test_a_desk_operator_corrects_only_items_of_their_categories(desk: Desk) -> None:
    identity_only = Actor("desk-mori", Role.desk, frozenset({"identity"}))
    rid = desk.c.requests.file(
        RequestIn(kind=RequestKind.correction, channel=RequestChannel.phone, person_id=desk.hanako), identity_only
    ).request.id
    desk.c.requests.check_identity(rid, IdentityCheckIn(document=IdentityDocument.drivers_licence), identity_only)
    desk.c.requests.decide(rid, DecisionIn(outcome=Outcome.full), identity_only)
    with pytest.raises(Forbidden, match="not cleared"):
        desk.c.requests.fulfil(rid, FulfilIn(corrections={"phone": "03-5555-0101"}), identity_only)
    assert desk.c.requests.get(rid, identity_only).status is Status.decided
    done = desk.c.requests.fulfil(rid, FulfilIn(corrections={"name": "山田 はなこ"}), identity_only)
    assert (
        done.status is Status.fulfilled and done.measures is not None and len(done.measures["corrected_records"]) == 1
    )


def test_the_answer_letter_is_printed_only_by_someone_cleared_for_what_it_discloses(desk: Desk) -> None:
    cleared = Actor("desk-sato", Role.desk, frozenset({"identity", "contact"}))
    rid = decided_disclosure(desk, cleared)
    desk.c.requests.fulfil(rid, FulfilIn(), cleared)
    identity_only = Actor("desk-mori", Role.desk, frozenset({"identity"}))
    with pytest.raises(Forbidden, match="email, phone") as refused:
        desk.c.requests.letter(rid, identity_only)
    assert refused.value.details == {"items": ["email", "phone"]}
    printed = [e for e in desk.c.audit.events(action_prefix="request.letter_printed") if e.entity_id == rid]
    assert printed == []
    assert desk.c.requests.letter(rid, cleared).startswith(b"%PDF")
    printed = [e for e in desk.c.audit.events(action_prefix="request.letter_printed") if e.entity_id == rid]
    assert [e.actor for e in printed] == ["desk-sato"]


def test_what_the_person_wrote_is_shown_only_to_someone_cleared_for_everything_and_audited(desk: Desk) -> None:
    officer = Actor("officer-kato", Role.officer)
    data = RequestIn(
        kind=RequestKind.correction,
        channel=RequestChannel.post,
        person_id=desk.hanako,
        contact=ContactIn(name="山田 花子", postal_address="東京都千代田区丸の内1-1"),
        details="住所を「大阪府大阪市北区梅田1-1」に訂正してください",
    )
    rid = desk.c.requests.file(data, officer).request.id
    narrow = Actor("desk-sato", Role.desk, frozenset({"identity", "contact"}))
    with pytest.raises(Forbidden):
        desk.c.requests.details(rid, narrow)
    shown = desk.c.requests.details(rid, officer)
    assert shown.details == "住所を「大阪府大阪市北区梅田1-1」に訂正してください"
    assert shown.contact["name"] == "山田 花子" and shown.contact["postal_address"] == "東京都千代田区丸の内1-1"
    reads = [e for e in desk.c.audit.events(action_prefix="request.details_read") if e.entity_id == rid]
    assert [e.actor for e in reads] == ["officer-kato"] and "梅田" not in str(reads[0].data)
