"""The provision gate on a real store: each basis, each refusal, opt-out exclusion, abroad, and atomicity."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select

from hogo import bootstrap
from hogo.bootstrap import Container
from hogo.consent.policy import ConsentRejected
from hogo.consent.schemas import ConsentIn, ConsentKind, ConsentMethod
from hogo.errors import Conflict, Forbidden, InvalidInput, NotFound
from hogo.identity.policy import Actor, Role
from hogo.ledger.loader import load_ledger_text
from hogo.ledger.schemas.procedures import IdentityDocument, PaymentMethod, RequestChannel, RequestKind
from hogo.provision.models import ProvisionRecord
from hogo.provision.packages import package_digest
from hogo.provision.policy import Basis
from hogo.provision.reasons import Reason
from hogo.provision.schemas import CheckIn, ConfirmationIn, Register, SuspensionKind
from hogo.requests.policy import Outcome
from hogo.requests.schemas import DecisionIn, FeeIn, FulfilIn, IdentityCheckIn, RequestIn
from hogo.requests.workflow import Status
from hogo.subjects.models import DataKey
from hogo.subjects.schemas import AcquisitionIn

NAME = "山田 花子"


def customer(c: Container, admin: Actor, email: str = "hanako@example.jp") -> str:
    values = {
        "name": NAME,
        "email": email,
        "phone": "03-1234-5678",
        "postal-code": "100-0005",
        "purchase-history": "order 1",
        "cookie-id": "ck-0001",
    }
    return c.subjects.acquire(
        AcquisitionIn(subject_kind="customer", values=values, channel="web-order"), admin
    ).person_id


def consent(c: Container, admin: Actor, person: str, kind: ConsentKind, target: str) -> str:
    return c.consents.give(person, ConsentIn(kind=kind, target=target, method=ConsentMethod.web_checkbox), admin).id


def record_count(c: Container) -> int:
    with c.uow() as uow:
        return uow.session.execute(select(func.count()).select_from(ProvisionRecord)).scalar_one()


def test_entrustment_gives_the_values_and_no_record(provisioning: Container, admin: Actor) -> None:
    c = provisioning
    person = customer(c, admin)
    result = c.provision.provide([person], ["name", "phone"], "delivery", Basis.entrustment, admin, purpose="service")
    [outcome] = result.outcomes
    assert (outcome.decision.allowed, outcome.decision.reason, outcome.decision.article) == (
        True,
        Reason.entrusted,
        "Art. 27(5)(1)",
    )
    assert outcome.values == {"name": NAME, "phone": "+81312345678"}
    assert outcome.record_id is None and record_count(c) == 0
    event = c.audit.events(action_prefix="provision.provided")[0]
    assert (event.entity_id, event.data["recipient"], event.data["reason"]) == (person, "delivery", "entrusted")
    assert NAME not in str(event.data)
    refused = c.provision.provide([person], ["email"], "delivery", Basis.entrustment, admin, purpose="service")
    assert refused.outcomes[0].decision.reason is Reason.item_not_entrusted and refused.outcomes[0].values == {}


def test_joint_use_within_what_was_published(provisioning: Container, admin: Actor) -> None:
    c = provisioning
    person = customer(c, admin)
    ok = c.provision.provide(
        [person],
        ["name", "purchase-history"],
        "group",
        Basis.joint_use,
        admin,
        purpose="service",
        joint_user="sample-west",
    )
    assert ok.outcomes[0].decision.reason is Reason.joint_use and ok.outcomes[0].values["name"] == NAME
    stranger = c.provision.provide(
        [person], ["name"], "group", Basis.joint_use, admin, purpose="service", joint_user="sample-east"
    )
    assert stranger.outcomes[0].decision.reason is Reason.user_not_joint_use
    assert record_count(c) == 0


def test_third_party_needs_consent_to_that_recipient(provisioning: Container, admin: Actor) -> None:
    c = provisioning
    person = customer(c, admin)
    refused = c.provision.provide([person], ["name", "email"], "partner-shop", Basis.consent, admin)
    decision = refused.outcomes[0].decision
    assert (decision.allowed, decision.reason, decision.article) == (False, Reason.consent_missing, "Art. 27(1)")
    assert refused.outcomes[0].values == {} and record_count(c) == 0
    event = c.audit.events(action_prefix="provision.refused")[0]
    assert (event.entity_id, event.data["reason"], event.data["article"]) == (person, "consent-missing", "Art. 27(1)")
    consent_id = consent(c, admin, person, ConsentKind.provision, "partner-shop")
    allowed = c.provision.provide([person], ["name", "email"], "partner-shop", Basis.consent, admin)
    outcome = allowed.outcomes[0]
    assert outcome.decision.reason is Reason.consent_given and outcome.values == {
        "name": NAME,
        "email": "hanako@example.jp",
    }
    [record] = c.provision.records_for_person(person, admin)
    assert record.id == outcome.record_id and record.fields["consent_obtained"]["consent"] == consent_id
    c.consents.withdraw(consent_id, ConsentMethod.email, admin)
    again = c.provision.provide([person], ["name"], "partner-shop", Basis.consent, admin)
    assert again.outcomes[0].decision.reason is Reason.consent_withdrawn


def test_statutory_exception_needs_a_justification_and_leaves_no_record(provisioning: Container, admin: Actor) -> None:
    c = provisioning
    person = customer(c, admin)
    bare = c.provision.provide([person], ["name"], "partner-shop", Basis.law, admin)
    assert bare.outcomes[0].decision.reason is Reason.justification_required
    done = c.provision.provide([person], ["name"], "partner-shop", Basis.law, admin, "court order 2026-ワ-123")
    assert done.outcomes[0].decision.article == "Art. 27(1)(1)" and done.outcomes[0].values == {"name": NAME}
    assert record_count(c) == 0


def test_business_succession(provisioning: Container, admin: Actor) -> None:
    person = customer(provisioning, admin)
    result = provisioning.provision.provide([person], ["name"], "successor", Basis.business_succession, admin)
    assert result.outcomes[0].decision.reason is Reason.business_succession and record_count(provisioning) == 0


def test_opt_out_provides_everyone_but_those_who_opted_out(provisioning: Container, admin: Actor) -> None:
    c = provisioning
    first, second = customer(c, admin), customer(c, admin, "taro@example.jp")
    opted = c.provision.suspend(second, "OPT-2026-7", admin, kind=SuspensionKind.opt_out)
    result = c.provision.provide([first, second], ["name", "postal-code"], "list-broker", Basis.opt_out, admin)
    assert [o.decision.reason for o in result.outcomes] == [Reason.opt_out, Reason.opted_out]
    assert result.outcomes[1].values == {} and result.outcomes[1].decision.article == "Art. 27(2)"
    [record] = c.provision.records_for_person(first, admin)
    assert record.route == "opt_out" and record.fields["provided_on"] == "2026-11-20"
    assert c.provision.records_for_person(second, admin) == []
    c.provision.lift(second, opted.id, admin)
    assert c.provision.provide([second], ["name"], "list-broker", Basis.opt_out, admin).outcomes[0].decision.allowed
    not_filed = c.provision.provide([first], ["email"], "list-broker", Basis.opt_out, admin)
    assert not_filed.outcomes[0].decision.reason is Reason.item_not_declared


def test_suspension_of_provision_blocks_until_lifted(provisioning: Container, admin: Actor) -> None:
    c = provisioning
    person = customer(c, admin)
    consent(c, admin, person, ConsentKind.provision, "partner-shop")
    suspension = c.provision.suspend(person, "REQ-2026-0099", admin)
    refused = c.provision.provide([person], ["name"], "partner-shop", Basis.consent, admin)
    assert (refused.outcomes[0].decision.reason, refused.outcomes[0].decision.article) == (
        Reason.provision_suspended,
        "Art. 35(3)",
    )
    assert [s.id for s in c.provision.suspensions(person, admin, active_only=True)] == [suspension.id]
    c.provision.lift(person, suspension.id, admin)
    with pytest.raises(Conflict):
        c.provision.lift(person, suspension.id, admin)
    assert c.provision.provide([person], ["name"], "partner-shop", Basis.consent, admin).outcomes[0].decision.allowed
    actions = [e.action for e in c.audit.events(action_prefix="provision.")]
    assert {"provision.suspended", "provision.resumed", "provision.refused", "provision.provided"} <= set(actions)


def test_abroad_needs_consent_given_after_the_country_information(provisioning: Container, admin: Actor) -> None:
    c = provisioning
    person = customer(c, admin)
    refused = c.provision.provide([person], ["name"], "sg-support", Basis.consent, admin)
    assert (refused.outcomes[0].decision.reason, refused.outcomes[0].decision.article) == (
        Reason.foreign_consent_missing,
        "Art. 28(1)",
    )
    consent_id = consent(c, admin, person, ConsentKind.foreign_transfer, "sg-support")
    shown = c.consents.get(consent_id, admin).shown
    assert shown["country"] == "SG" and shown["country_regime"] and shown["recipient_measures"]
    allowed = c.provision.provide([person], ["name", "email"], "sg-support", Basis.consent, admin)
    outcome = allowed.outcomes[0]
    assert (outcome.decision.reason, outcome.decision.article) == (Reason.foreign_consent_given, "Art. 28(1)")
    [record] = c.provision.records_for_person(person, admin)
    assert record.fields["consent_obtained"] == {"consent": consent_id, "article": "Art. 28(1)"}


def test_eu_recipient_needs_only_the_art_27_basis(provisioning: Container, admin: Actor) -> None:
    c = provisioning
    person = customer(c, admin)
    assert c.provision.provide([person], ["name"], "eu-crm", Basis.consent, admin).outcomes[0].decision.reason is (
        Reason.consent_missing
    )
    with pytest.raises(ConsentRejected):  # no Rule 17 information is held for an EU recipient, none is due
        consent(c, admin, person, ConsentKind.foreign_transfer, "eu-crm")
    consent(c, admin, person, ConsentKind.provision, "eu-crm")  # the Art. 27(1) consent
    outcome = c.provision.provide([person], ["name"], "eu-crm", Basis.consent, admin).outcomes[0]
    assert outcome.decision.reason is Reason.consent_given and outcome.record_id is not None


def test_equivalent_measures_block_when_the_yearly_check_is_overdue_or_failed(
    provisioning: Container, admin: Actor
) -> None:
    c = provisioning
    person = customer(c, admin)
    consent(c, admin, person, ConsentKind.foreign_transfer, "us-cloud")
    assert c.provision.provide([person], ["name"], "us-cloud", Basis.consent, admin).outcomes[0].decision.allowed
    c.clock.advance(dt.timedelta(days=300))  # 2027-09-16: the ledger's check of 2026-03-01 is over a year old
    state = c.provision.check_state(Register.foreign, "us-cloud", admin)
    assert state.status == "overdue" and state.last_passed == dt.date(2026, 3, 1)
    overdue = c.provision.provide([person], ["name"], "us-cloud", Basis.consent, admin).outcomes[0]
    assert (overdue.decision.reason, overdue.decision.article) == (
        Reason.foreign_check_overdue,
        "Art. 28(3), Rule 18(1)",
    )
    c.provision.record_check(
        CheckIn(kind=Register.foreign, recipient="us-cloud", checked_on=dt.date(2027, 9, 1), passed=True), admin
    )
    assert c.provision.provide([person], ["name"], "us-cloud", Basis.consent, admin).outcomes[0].decision.allowed
    c.provision.record_check(
        CheckIn(
            kind=Register.foreign, recipient="us-cloud", checked_on=dt.date(2027, 9, 10), passed=False, findings="F-12"
        ),
        admin,
    )
    failed = c.provision.provide([person], ["name"], "us-cloud", Basis.consent, admin).outcomes[0]
    assert failed.decision.reason is Reason.foreign_check_failed
    assert [ch.passed for ch in c.provision.checks(Register.foreign, "us-cloud", admin)] == [True, False]
    with pytest.raises(InvalidInput):
        c.provision.record_check(
            CheckIn(kind=Register.foreign, recipient="sg", checked_on=dt.date(2027, 9, 1), passed=True), admin
        )


def test_personally_referable_needs_the_recipients_confirmed_consent(provisioning: Container, admin: Actor) -> None:
    c = provisioning
    person = customer(c, admin)
    refused = c.provision.provide([person], ["cookie-id"], "ad-partner", Basis.personally_referable, admin)
    assert refused.outcomes[0].decision.reason is Reason.referable_not_confirmed
    c.provision.confirm_referable(
        ConfirmationIn(person_id=person, recipient="ad-partner", method="written_pledge"), admin
    )
    outcome = c.provision.provide([person], ["cookie-id"], "ad-partner", Basis.personally_referable, admin).outcomes[0]
    assert outcome.decision.reason is Reason.referable_consent_confirmed and outcome.values == {"cookie-id": "ck-0001"}
    [record] = c.provision.records_for_person(person, admin)
    assert record.route == "personally_referable"
    assert set(record.fields) == {"consent_confirmed", "provided_on", "recipient", "items"}
    assert record.fields["consent_confirmed"]["method"] == "written_pledge"


def test_a_failure_midway_leaves_no_record_no_event_and_no_data(provisioning: Container, admin: Actor) -> None:
    c = provisioning
    first, second = customer(c, admin), customer(c, admin, "taro@example.jp")
    for person in (first, second):
        consent(c, admin, person, ConsentKind.provision, "partner-shop")
    with c.uow() as uow:  # the second person's data key is gone: their values cannot be opened
        uow.session.execute(delete(DataKey).where(DataKey.person_id == second))
        uow.commit()
    before = len(c.audit.events(limit=10_000))
    fresh = bootstrap.build(c.settings, c.clock)  # another process: no data key cached
    try:
        with pytest.raises(Conflict):
            fresh.provision.provide([first, second], ["name"], "partner-shop", Basis.consent, admin)
    finally:
        fresh.close()
    assert record_count(c) == 0
    assert len(c.audit.events(limit=10_000)) == before
    assert c.audit.verify().ok


def test_who_may_provide_and_bad_input(provisioning: Container, admin: Actor) -> None:
    c = provisioning
    person = customer(c, admin)
    with pytest.raises(Forbidden):
        c.provision.provide(
            [person], ["name"], "delivery", Basis.entrustment, Actor("desk-1", Role.desk), purpose="service"
        )
    with pytest.raises(InvalidInput):
        c.provision.provide([person, person], ["name"], "delivery", Basis.entrustment, admin, purpose="service")
    with pytest.raises(NotFound):
        c.provision.provide(["p_nobody"], ["name"], "delivery", Basis.entrustment, admin, purpose="service")
    unknown = c.provision.provide([person], ["name"], "nobody-inc", Basis.consent, admin).outcomes[0]
    assert (unknown.decision.reason, unknown.decision.article) == (Reason.unknown_recipient, "Art. 27(1)")
    app = Actor("api-key:shop", Role.application)
    assert (
        c.provision.provide([person], ["name"], "delivery", Basis.entrustment, app, purpose="service")
        .outcomes[0]
        .values
    )


def test_information_packages_are_versioned_and_a_new_country_needs_a_new_consent(
    provisioning: Container, admin: Actor
) -> None:
    c = provisioning
    person = customer(c, admin)
    consent_id = consent(c, admin, person, ConsentKind.foreign_transfer, "sg-support")
    [v1] = c.provision.information_packages("sg-support", admin)
    assert (v1.version, v1.ledger_versions, v1.complete) == (1, (1,), True)
    assert package_digest(c.consents.get(consent_id, admin).shown) == v1.digest
    text = (Path(__file__).resolve().parents[2] / "fixtures" / "provision.yaml").read_text(encoding="utf-8")
    moved = text.replace("country: SG\n", "country: MY\n").replace("ja: シンガポール", "ja: マレーシア")
    c.ledger.apply(load_ledger_text(moved, source="provision.yaml"), actor="officer")
    versions = c.provision.information_packages("sg-support", admin)
    assert [(p.version, p.ledger_versions) for p in versions] == [(1, (1,)), (2, (2,))]
    assert versions[1].content["country"] == "MY" and versions[1].digest != v1.digest
    refused = c.provision.provide([person], ["name"], "sg-support", Basis.consent, admin).outcomes[0]
    assert (refused.decision.reason, refused.decision.article) == (Reason.foreign_not_informed, "Art. 28(2), Rule 17")
    consent(c, admin, person, ConsentKind.foreign_transfer, "sg-support")
    assert c.provision.provide([person], ["name"], "sg-support", Basis.consent, admin).outcomes[0].decision.allowed
    with pytest.raises(NotFound):
        c.provision.information_packages("partner-shop", admin)


def test_entrustee_supervision_log_and_a_failed_supervision_stops_entrustment(
    provisioning: Container, admin: Actor
) -> None:
    c = provisioning
    person = customer(c, admin)
    state = c.provision.check_state(Register.entrustee, "delivery", admin)
    assert (state.status, state.last_passed, state.next_due) == ("ok", dt.date(2026, 6, 1), dt.date(2027, 6, 1))
    failed = CheckIn(kind=Register.entrustee, recipient="delivery", checked_on=dt.date(2026, 11, 19), passed=False)
    c.provision.record_check(failed, admin)
    refused = c.provision.provide([person], ["name"], "delivery", Basis.entrustment, admin, purpose="service")
    assert (refused.outcomes[0].decision.reason, refused.outcomes[0].decision.article) == (
        Reason.supervision_failed,
        "Art. 25",
    )
    passed = CheckIn(kind=Register.entrustee, recipient="delivery", checked_on=dt.date(2026, 11, 20), passed=True)
    c.provision.record_check(passed, admin)
    assert c.provision.provide([person], ["name"], "delivery", Basis.entrustment, admin, purpose="service").allowed
    event = c.audit.events(action_prefix="provision.check_recorded")[0]
    assert (event.entity_type, event.entity_id, event.data["passed"]) == ("entrustee_recipient", "delivery", True)
    with pytest.raises(InvalidInput):  # not in the future
        c.provision.record_check(
            CheckIn(kind=Register.entrustee, recipient="delivery", checked_on=dt.date(2026, 12, 1), passed=True), admin
        )


def test_a_disclosure_of_provision_records_counts_the_records_it_discloses(
    provisioning: Container, admin: Actor
) -> None:
    c = provisioning
    person = customer(c, admin)
    consent(c, admin, person, ConsentKind.provision, "partner-shop")
    c.provision.provide([person], ["name", "email"], "partner-shop", Basis.consent, admin)
    data = RequestIn(kind=RequestKind.provision_record_disclosure, channel=RequestChannel.post, person_id=person)
    rid = c.requests.file(data, admin).request.id
    view = c.requests.check_identity(rid, IdentityCheckIn(document=IdentityDocument.passport), admin)
    if view.status is Status.fee_pending:
        c.requests.record_fee(rid, FeeIn(method=PaymentMethod.postal_money_order, amount_jpy=view.fee_jpy), admin)
    c.requests.decide(rid, DecisionIn(outcome=Outcome.full), admin)
    done = c.requests.fulfil(rid, FulfilIn(), admin)
    assert done.measures is not None and done.measures["records_disclosed"] == 1
