"""The desk's path on every channel: intake, identity documents, agents, fees, decisions and their grounds,
and what each kind changes in the vault."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from request_support import Desk, trail

from hogo.clock import FixedClock
from hogo.errors import Conflict, Forbidden, InvalidInput
from hogo.identity.policy import Actor, Role
from hogo.ledger.schemas.procedures import AgentEvidence, IdentityDocument, PaymentMethod, RequestChannel
from hogo.ledger.schemas.procedures import RequestKind as K
from hogo.provision.schemas import Basis
from hogo.requests.policy import AgentKind, ClaimedGround, Ground, Outcome, RequestRefused
from hogo.requests.schemas import (
    AgentIn,
    ContactIn,
    DecisionIn,
    FeeIn,
    FulfilIn,
    IdentityCheckIn,
    PortalRequestIn,
    RequestIn,
    ScopeIn,
)
from hogo.requests.workflow import Status, TransitionNotAllowed
from hogo.subjects.schemas import IdentifierIn
from hogo.usage.policy import Reason

GROUND = {
    K.suspension_of_use: ClaimedGround.no_longer_needed,
    K.erasure: ClaimedGround.harm_to_rights,
    K.suspension_of_provision: ClaimedGround.unlawful_provision,
}


def intake(desk: Desk, clerk: Actor, kind: K, channel: RequestChannel, **extra: object) -> str:
    data = RequestIn(
        kind=kind,
        channel=channel,
        identifier=IdentifierIn(kind="email", value="hanako@example.jp"),
        contact=ContactIn(name="山田 花子", postal_code="100-0005", postal_address="東京都千代田区丸の内1-1-1"),
        claimed_ground=GROUND.get(kind),
        **extra,  # type: ignore[arg-type]
    )
    return desk.c.requests.file(data, clerk).request.id


def verified(desk: Desk, clerk: Actor, kind: K, channel: RequestChannel = RequestChannel.post, **extra: object) -> str:
    request_id = intake(desk, clerk, kind, channel, **extra)
    view = desk.c.requests.check_identity(
        request_id, IdentityCheckIn(document=IdentityDocument.drivers_licence, reference="copy enclosed"), clerk
    )
    if view.status is Status.fee_pending:
        desk.c.requests.record_fee(request_id, FeeIn(method=PaymentMethod.postal_money_order, amount_jpy=500), clerk)
    return request_id


@pytest.mark.parametrize("channel", [RequestChannel.post, RequestChannel.email, RequestChannel.phone])
@pytest.mark.parametrize("kind", list(K))
def test_every_kind_through_every_channel(
    desk: Desk, clerk: Actor, admin: Actor, kind: K, channel: RequestChannel
) -> None:
    if kind is K.complaint:
        request_id = intake(desk, clerk, kind, channel, details="電話対応についての苦情")
    else:
        request_id = verified(desk, admin, kind, channel)
    assert desk.c.requests.get(request_id, clerk).status is Status.in_review
    desk.c.requests.decide(request_id, DecisionIn(outcome=Outcome.full), admin)
    corrections = {"name": "山田 華子"} if kind is K.correction else {}
    done = desk.c.requests.fulfil(request_id, FulfilIn(corrections=corrections), admin)
    end = Status.answered if kind is K.complaint else Status.fulfilled  # a complaint is answered, not carried out
    assert done.status is end and done.measures is not None
    assert done.measures["notified_by"] == "letter"
    assert trail(desk.c, request_id)[-2:] == ["request.decided", f"request.{end.value}"]


def test_correction_supersedes_the_value_and_keeps_its_provenance(desk: Desk, clerk: Actor, admin: Actor) -> None:
    request_id = verified(desk, clerk, K.correction, scope=ScopeIn(items=["name"]))
    desk.c.requests.decide(request_id, DecisionIn(outcome=Outcome.full), clerk)
    with pytest.raises(InvalidInput, match="corrected values"):
        desk.c.requests.fulfil(request_id, FulfilIn(), clerk)
    done = desk.c.requests.fulfil(request_id, FulfilIn(corrections={"name": "山田 華子"}), clerk)
    assert done.measures is not None and len(done.measures["corrected_records"]) == 1
    assert desk.c.usage.read(desk.hanako, ["name"], "service", admin).values == {"name": "山田 華子"}
    records = [r for r in desk.c.subjects.person(desk.hanako, admin).records if r.item == "name"]
    assert [r.superseded_at is None for r in records] == [False, True]
    assert records[1].purposes == records[0].purposes == ["service"]
    corrected = desk.c.audit.events(action_prefix="records.corrected")[0]
    assert corrected.data["items"] == ["name"] and "華子" not in str(corrected.data)


def test_suspension_of_use_makes_check_use_deny_until_lifted(desk: Desk, clerk: Actor, admin: Actor) -> None:
    request_id = verified(desk, clerk, K.suspension_of_use, RequestChannel.email, scope=ScopeIn(purposes=["service"]))
    desk.c.requests.decide(request_id, DecisionIn(outcome=Outcome.full), clerk)
    done = desk.c.requests.fulfil(request_id, FulfilIn(), clerk)
    decision = desk.c.usage.check_use(desk.hanako, ["name"], "service", admin)
    assert (decision.allowed, decision.reason, decision.article) == (False, Reason.use_suspended, "Art. 35")
    assert done.measures is not None
    desk.c.subjects.lift_suspension(desk.hanako, done.measures["suspension"], clerk)
    assert desk.c.usage.check_use(desk.hanako, ["name"], "service", admin).allowed


def test_provision_stops_through_the_seam_and_erasure_crypto_shreds(desk: Desk, admin: Actor) -> None:
    stop = verified(desk, admin, K.suspension_of_provision, scope=ScopeIn(recipients=["partner-shop"]))
    desk.c.requests.decide(stop, DecisionIn(outcome=Outcome.full), admin)
    done = desk.c.requests.fulfil(stop, FulfilIn(), admin)
    [suspension] = desk.c.provision.suspensions(desk.hanako, admin)
    assert done.measures == {"provision_stop": str(suspension.id), "notified_by": "letter"}
    assert (suspension.recipient, suspension.reference) == ("partner-shop", f"request {stop}")
    refused = desk.c.provision.provide([desk.hanako], ["name"], "partner-shop", Basis.consent, admin).outcomes[0]
    assert refused.decision.reason.value == "provision-suspended"
    request_id = verified(desk, admin, K.erasure)
    desk.c.requests.decide(request_id, DecisionIn(outcome=Outcome.full), admin)
    desk.c.requests.fulfil(request_id, FulfilIn(), admin)
    assert desk.c.usage.check_use(desk.hanako, ["name"], "service", admin).reason is Reason.person_erased
    reference = desk.c.audit.events(action_prefix="person.erased")[0].data["reference"]
    assert reference.startswith("nt_") and desk.c.notes.read(reference, admin) == f"request {request_id}"


@pytest.mark.parametrize(
    ("kind", "outcome", "ground", "article"),
    [
        (K.disclosure, Outcome.refused, Ground.harm_to_life_or_rights, "Art. 33(2)(i)"),
        (K.disclosure, Outcome.refused, Ground.business_hindrance, "Art. 33(2)(ii)"),
        (K.disclosure, Outcome.refused, Ground.other_law_violation, "Art. 33(2)(iii)"),
        (K.disclosure, Outcome.no_such_data, None, "Art. 33(3)"),
        (K.correction, Outcome.refused, Ground.content_not_untrue, "Art. 34(1)"),
        (K.erasure, Outcome.refused, Ground.no_statutory_ground, "Art. 35"),
    ],
)
def test_refusals_are_answered_with_their_ground(
    desk: Desk, clerk: Actor, admin: Actor, kind: K, outcome: Outcome, ground: Ground | None, article: str
) -> None:
    request_id = verified(desk, clerk, kind)
    reason = "調査の結果、ご請求には応じられません" if ground else None
    desk.c.requests.decide(request_id, DecisionIn(outcome=outcome, ground=ground, reason=reason), clerk)
    done = desk.c.requests.fulfil(request_id, FulfilIn(), clerk)
    assert (done.status, done.outcome, done.article, done.package_ready) == (Status.answered, outcome, article, False)
    assert desk.c.usage.check_use(desk.hanako, ["name"], "service", admin).allowed  # nothing changed


def test_a_partial_disclosure_withholds_items_with_its_ground(desk: Desk, clerk: Actor) -> None:
    request_id = verified(desk, clerk, K.disclosure, RequestChannel.email)
    reason = "第三者の権利利益を害するおそれがあるため"
    partial = DecisionIn(outcome=Outcome.partial, ground=Ground.harm_to_life_or_rights, reason=reason)
    assert desk.c.requests.decide(request_id, partial, clerk).article == "Art. 33(2)(i)"
    done = desk.c.requests.fulfil(request_id, FulfilIn(withheld=["phone"]), clerk)
    assert done.measures is not None and done.measures["records_disclosed"] == 2
    letter = "".join(p.extract_text() for p in PdfReader(io.BytesIO(desk.c.requests.letter(request_id, clerk))).pages)
    assert "氏名" in letter and "電話番号" not in letter and reason in letter.replace(" ", "")


def test_a_ground_the_law_does_not_give_for_the_kind_is_refused(desk: Desk, clerk: Actor) -> None:
    request_id = verified(desk, clerk, K.correction)
    with pytest.raises(InvalidInput, match="does not apply"):
        desk.c.requests.decide(
            request_id, DecisionIn(outcome=Outcome.refused, ground=Ground.business_hindrance, reason="x"), clerk
        )
    with pytest.raises(InvalidInput, match=r"Art\. 36"):
        desk.c.requests.decide(request_id, DecisionIn(outcome=Outcome.refused, ground=Ground.content_not_untrue), clerk)
    assert desk.c.requests.get(request_id, clerk).status is Status.in_review


def test_agents_need_the_evidence_the_law_and_the_ledger_name(desk: Desk, clerk: Actor) -> None:
    agent = AgentIn(
        kind=AgentKind.appointed_agent,
        name="代理 一郎",
        evidence=[AgentEvidence.power_of_attorney, AgentEvidence.seal_certificate],
        identity_document=IdentityDocument.passport,
    )
    request_id = intake(desk, clerk, K.disclosure, RequestChannel.post, agent=agent)
    view = desk.c.requests.get(request_id, clerk)
    assert (view.agent_kind, view.agent_identity) == ("appointed_agent", "passport")
    short = agent.model_copy(update={"evidence": [AgentEvidence.power_of_attorney]})
    with pytest.raises(RequestRefused, match="seal_certificate"):
        intake(desk, clerk, K.disclosure, RequestChannel.post, agent=short)
    parent = AgentIn(kind=AgentKind.legal_representative, name="山田 父", evidence=[AgentEvidence.family_register])
    intake(desk, clerk, K.correction, RequestChannel.post, agent=parent)
    with pytest.raises(RequestRefused, match="family_register"):
        intake(desk, clerk, K.correction, RequestChannel.post, agent=parent.model_copy(update={"evidence": []}))


def test_fees_only_where_the_law_allows_and_paid_before_the_answer(desk: Desk, clerk: Actor) -> None:
    correction = intake(desk, clerk, K.correction, RequestChannel.post)
    assert desk.c.requests.get(correction, clerk).fee_jpy == 0
    request_id = intake(desk, clerk, K.disclosure, RequestChannel.post)
    doc = IdentityCheckIn(document=IdentityDocument.my_number_card_front, reference="front only")
    assert desk.c.requests.check_identity(request_id, doc, clerk).status is Status.fee_pending
    with pytest.raises(Conflict, match=r"Art\. 38"):
        desk.c.requests.decide(request_id, DecisionIn(outcome=Outcome.full), clerk)
    with pytest.raises(TransitionNotAllowed):
        desk.c.requests.close(request_id, clerk)
    with pytest.raises(InvalidInput, match="500 yen"):
        desk.c.requests.record_fee(request_id, FeeIn(method=PaymentMethod.postal_money_order, amount_jpy=300), clerk)
    with pytest.raises(InvalidInput, match="postal_money_order"):
        desk.c.requests.record_fee(request_id, FeeIn(method=PaymentMethod.cash, amount_jpy=500), clerk)
    paid = desk.c.requests.record_fee(request_id, FeeIn(method=PaymentMethod.postal_money_order, amount_jpy=500), clerk)
    assert paid.status is Status.in_review and paid.fee_paid_at is not None


def test_identity_documents_never_hold_a_my_number(desk: Desk, clerk: Actor) -> None:
    request_id = intake(desk, clerk, K.disclosure, RequestChannel.in_person)
    for document, reference in [
        (IdentityDocument.my_number_card_front, "1234 5678 9012"),
        (IdentityDocument.pension_book, None),  # not among the ledger's documents
        (IdentityDocument.one_time_code, None),
    ]:
        with pytest.raises(RequestRefused):
            desk.c.requests.check_identity(request_id, IdentityCheckIn(document=document, reference=reference), clerk)
    assert desk.c.requests.get(request_id, clerk).status is Status.received


def test_complaints_need_no_identity_and_only_handlers_see_requests(desk: Desk, clerk: Actor) -> None:
    request_id = intake(desk, clerk, K.complaint, RequestChannel.phone)
    assert desk.c.requests.get(request_id, clerk).status is Status.in_review
    for role in (Role.application, Role.auditor):
        with pytest.raises(Forbidden):
            desk.c.requests.get(request_id, Actor("x", role))
        with pytest.raises(Forbidden):
            desk.c.requests.queue(Actor("x", role))


def test_the_queue_shows_deadlines_and_overdue_requests(desk: Desk, clerk: Actor, clock: FixedClock) -> None:
    late = intake(desk, clerk, K.disclosure, RequestChannel.post, received_at=clock.now() - dt.timedelta(days=30))
    fresh = intake(desk, clerk, K.correction, RequestChannel.post)
    queue = desk.c.requests.queue(clerk)
    assert [v.id for v in queue] == [late, fresh]
    assert [v.overdue for v in queue] == [True, False]
    assert [v.id for v in desk.c.requests.queue(clerk, overdue_only=True)] == [late]
    clock.advance(dt.timedelta(days=40))
    assert {v.id for v in desk.c.requests.queue(clerk, overdue_only=True)} == {late, fresh}
    desk.c.requests.reject(late, "identity documents never arrived", clerk)
    assert [v.id for v in desk.c.requests.queue(clerk)] == [fresh]


def test_sealed_details_stay_out_of_the_columns_and_the_trail(desk: Desk, clerk: Actor) -> None:
    request_id = intake(desk, clerk, K.disclosure, RequestChannel.post, details="住所は東京都千代田区です")
    with desk.c.engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT * FROM person_requests WHERE id = ?"
            if desk.c.engine.dialect.name == "sqlite"
            else "SELECT * FROM person_requests WHERE id = %s",
            (request_id,),
        ).one()
    assert "千代田".encode() not in b"".join(v if isinstance(v, bytes) else str(v).encode() for v in row)
    assert "千代田" not in str([e.data for e in desk.c.audit.events(limit=10_000)])


def test_an_unmatched_request_is_linked_by_the_desk_and_unverified_ones_lapse(
    desk: Desk, admin: Actor, clock: FixedClock
) -> None:
    unknown = desk.c.requests.person.file(PortalRequestIn(kind=K.disclosure, email="stranger@example.jp"))
    assert unknown.request.person_id is None and desk.outbox.outbox == []  # no code to an unknown address
    linked = desk.c.requests.link_person(
        unknown.request.id, IdentifierIn(kind="email", value="hanako@example.jp"), admin
    )
    assert linked.person_id == desk.hanako
    with pytest.raises(Conflict, match="linked to a person already"):
        desk.c.requests.link_person(unknown.request.id, IdentifierIn(kind="email", value="taro@example.jp"), admin)
    waiting = desk.c.requests.person.file(PortalRequestIn(kind=K.correction, email="taro@example.jp")).request.id
    complaint = desk.c.requests.file(RequestIn(kind=K.complaint, channel=RequestChannel.phone), admin).request.id
    clock.advance(dt.timedelta(days=29))
    assert desk.c.requests.lapse_unverified(admin) == []
    clock.advance(dt.timedelta(days=2))
    assert sorted(desk.c.requests.lapse_unverified(admin)) == sorted([unknown.request.id, waiting])
    assert desk.c.requests.get(waiting, admin).status is Status.rejected
    assert desk.c.requests.get(complaint, admin).status is Status.in_review  # needs no identity: left alone
    assert desk.c.requests.lapse_unverified(admin) == []


def test_an_erasure_decided_at_the_desk_is_handed_over_and_carried_out_by_an_officer(
    desk: Desk, clerk: Actor, admin: Actor
) -> None:
    rid = verified(desk, clerk, K.erasure)
    desk.c.requests.decide(rid, DecisionIn(outcome=Outcome.full), clerk)
    with pytest.raises(Forbidden, match="hand the request over") as refused:
        desk.c.requests.fulfil(rid, FulfilIn(), clerk)
    assert refused.value.details == {"hand_over": True}
    narrow_officer = Actor("officer-narrow", Role.officer, frozenset({"identity", "contact"}))
    assert desk.c.requests.get(rid, clerk).status is Status.decided
    handed = desk.c.requests.hand_over(rid, clerk)
    assert handed.status is Status.handed_over
    assert [v.id for v in desk.c.requests.queue(admin, handed_over_only=True)] == [rid]
    with pytest.raises(Forbidden):  # an erasure acts on the whole person: clearance for every category
        desk.c.requests.fulfil(rid, FulfilIn(), narrow_officer)
    done = desk.c.requests.fulfil(rid, FulfilIn(), admin)
    assert done.status is Status.fulfilled and desk.c.subjects.person(desk.hanako, admin).erased_at is not None
    steps = trail(desk.c, rid)
    assert steps.index("request.decided") < steps.index("request.handed_over") < steps.index("request.fulfilled")
