"""Request rules from tables: fees (Art. 38), decision grounds (Arts. 33-36), identity documents, agents."""

from __future__ import annotations

import datetime as dt

import pytest

from hogo.errors import InvalidInput
from hogo.ledger.schemas.procedures import AgentEvidence as E
from hogo.ledger.schemas.procedures import IdentityDocument as Doc
from hogo.ledger.schemas.procedures import RequestKind as K
from hogo.ledger.schemas.procedures import RequestProcedures
from hogo.requests.policy import (
    AgentKind,
    ClaimedGround,
    Ground,
    Outcome,
    RequestRefused,
    check_agent,
    check_claimed_ground,
    check_decision,
    check_identity_document,
    fee_for,
    identity_required,
    needs_fulfilment,
    published,
    target_days,
)

TODAY = dt.date(2026, 11, 20)


def procedures(**extra: object) -> RequestProcedures:
    doc: dict[str, object] = {
        "kinds": [
            {"kind": "purpose_notification", "fee": {"amount_jpy": 300}},
            {"kind": "disclosure", "fee": {"amount_jpy": 500}, "target_days": 7},
            {"kind": "provision_record_disclosure", "fee": {}},
            {"kind": "correction", "fee": {"amount_jpy": 1000}},
            {"kind": "erasure"},
        ],
        "channels": ["post", "web_form"],
        "identity_documents": ["drivers_licence", "my_number_card_front"],
        "agents": {"legal_representative_evidence": ["family_register", "guardianship_certificate"]},
        "target_days": 10,
        **extra,
    }
    return RequestProcedures.model_validate(doc)


@pytest.mark.parametrize(
    ("kind", "amount"),
    [
        (K.purpose_notification, 300),
        (K.disclosure, 500),
        (K.provision_record_disclosure, 0),  # a fee without a published amount is not charged
        (K.correction, 0),  # Art. 38 allows no fee for correction, whatever the ledger says
        (K.erasure, 0),
        (K.suspension_of_use, 0),
        (K.complaint, 0),
    ],
)
def test_fees_only_where_article_38_allows_and_in_the_ledgers_amount(kind: K, amount: int) -> None:
    rule = fee_for(procedures(), kind, TODAY)
    assert (rule.amount_jpy, rule.required) == (amount, amount > 0)
    assert rule.article.startswith("Art. 38(1)")


def test_target_days_per_kind_else_the_procedures() -> None:
    assert target_days(procedures(), K.disclosure) == 7
    assert target_days(procedures(), K.erasure) == 10
    assert target_days(procedures(target_days=None), K.erasure) is None


@pytest.mark.parametrize(
    ("kind", "outcome", "ground", "reason", "article"),
    [
        (K.disclosure, Outcome.full, None, None, None),
        (K.disclosure, Outcome.partial, Ground.harm_to_life_or_rights, "診断情報", "Art. 33(2)(i)"),
        (K.disclosure, Outcome.refused, Ground.business_hindrance, "同一請求の反復", "Art. 33(2)(ii)"),
        (K.disclosure, Outcome.refused, Ground.other_law_violation, "守秘義務", "Art. 33(2)(iii)"),
        (K.disclosure, Outcome.refused, Ground.other_law_procedure, "他法の手続", "Art. 33(4)"),
        (K.disclosure, Outcome.no_such_data, None, None, "Art. 33(3)"),
        (
            K.provision_record_disclosure,
            Outcome.refused,
            Ground.record_existence_harmful,
            "x",
            "Art. 33(5); CO 11",
        ),
        (K.correction, Outcome.refused, Ground.content_not_untrue, "調査の結果", "Art. 34(1)"),
        (K.correction, Outcome.partial, Ground.correction_not_needed_for_purpose, "x", "Art. 34(2)"),
        (K.erasure, Outcome.refused, Ground.no_statutory_ground, "x", "Art. 35"),
        (K.suspension_of_use, Outcome.partial, Ground.alternative_measure, "x", "Art. 35(2)/(4)/(6) proviso"),
        (K.suspension_of_provision, Outcome.no_such_data, None, None, None),
        (K.complaint, Outcome.refused, Ground.not_a_complaint_matter, "x", "Art. 40"),
    ],
)
def test_decisions_with_their_statutory_ground(
    kind: K, outcome: Outcome, ground: Ground | None, reason: str | None, article: str | None
) -> None:
    assert check_decision(kind, outcome, ground, reason) == article


@pytest.mark.parametrize(
    ("kind", "outcome", "ground", "reason", "message"),
    [
        (K.disclosure, Outcome.refused, None, "x", "needs its statutory ground"),
        (K.disclosure, Outcome.refused, Ground.content_not_untrue, "x", "does not apply"),
        (K.correction, Outcome.refused, Ground.business_hindrance, "x", "does not apply"),
        (K.erasure, Outcome.partial, Ground.harm_to_life_or_rights, "x", "does not apply"),
        (K.disclosure, Outcome.refused, Ground.business_hindrance, "  ", "Art. 36"),
        (K.disclosure, Outcome.full, Ground.business_hindrance, None, "takes no ground"),
        (K.complaint, Outcome.no_such_data, None, None, "does not answer"),
    ],
)
def test_decisions_refused(kind: K, outcome: Outcome, ground: Ground | None, reason: str | None, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        check_decision(kind, outcome, ground, reason)


def test_only_full_and_partial_are_carried_out() -> None:
    assert [o for o in Outcome if needs_fulfilment(o)] == [Outcome.full, Outcome.partial]


@pytest.mark.parametrize(
    ("kind", "ground", "ok"),
    [
        (K.erasure, ClaimedGround.no_longer_needed, True),
        (K.suspension_of_use, ClaimedGround.out_of_purpose_or_improper, True),
        (K.suspension_of_use, ClaimedGround.unlawful_provision, False),
        (K.suspension_of_provision, ClaimedGround.unlawful_provision, True),
        (K.suspension_of_provision, ClaimedGround.improper_acquisition, False),
        (K.suspension_of_provision, None, False),
        (K.disclosure, None, True),
        (K.disclosure, ClaimedGround.harm_to_rights, False),
    ],
)
def test_art35_grounds_the_person_may_claim(kind: K, ground: ClaimedGround | None, ok: bool) -> None:
    if ok:
        check_claimed_ground(kind, ground)
    else:
        with pytest.raises(RequestRefused):
            check_claimed_ground(kind, ground)


@pytest.mark.parametrize(
    ("document", "reference", "ok"),
    [
        (Doc.drivers_licence, "checked at desk 2", True),
        (Doc.my_number_card_front, "front only, shown", True),
        (Doc.my_number_card_front, "1234 5678 9012", False),  # a My Number is never recorded
        (Doc.drivers_licence, "no. 1234-5678-9012", False),
        (Doc.passport, None, False),  # not in the ledger's list
        (Doc.one_time_code, None, False),  # the portal's, not the desk's
    ],
)
def test_identity_documents(document: Doc, reference: str | None, ok: bool) -> None:
    if ok:
        check_identity_document(procedures(), document, reference)
    else:
        with pytest.raises(RequestRefused):
            check_identity_document(procedures(), document, reference)


def test_any_guideline_document_when_the_ledger_lists_none() -> None:
    check_identity_document(procedures(identity_documents=[]), Doc.passport, None)


def test_a_registered_seal_only_where_the_ledger_lists_it() -> None:
    with pytest.raises(RequestRefused):
        check_identity_document(procedures(identity_documents=[]), Doc.registered_seal, None)
    check_identity_document(procedures(identity_documents=["registered_seal"]), Doc.registered_seal, None)


@pytest.mark.parametrize(
    ("kind", "evidence", "ok"),
    [
        (AgentKind.appointed_agent, {E.power_of_attorney}, True),
        (AgentKind.appointed_agent, {E.seal_certificate}, False),
        (AgentKind.appointed_agent, set(), False),
        (AgentKind.legal_representative, {E.family_register}, True),
        (AgentKind.legal_representative, {E.guardianship_certificate}, True),
        (AgentKind.legal_representative, {E.resident_record}, False),  # the law's, but not one the ledger lists
        (AgentKind.legal_representative, {E.power_of_attorney}, False),
    ],
)
def test_agents_with_the_evidence_the_law_and_ledger_name(kind: AgentKind, evidence: set[E], ok: bool) -> None:
    if ok:
        check_agent(procedures(), kind, evidence)
    else:
        with pytest.raises(RequestRefused):
            check_agent(procedures(), kind, evidence)


def test_appointed_agents_show_everything_the_ledger_lists_and_agents_may_be_refused() -> None:
    strict = procedures(agents={"appointed_agent_evidence": ["power_of_attorney", "seal_certificate"]})
    with pytest.raises(RequestRefused, match="seal_certificate"):
        check_agent(strict, AgentKind.appointed_agent, {E.power_of_attorney})
    check_agent(strict, AgentKind.appointed_agent, {E.power_of_attorney, E.seal_certificate})
    with pytest.raises(RequestRefused, match="agents"):
        check_agent(procedures(agents={"accepted": False}), AgentKind.appointed_agent, {E.power_of_attorney})


def test_kinds_the_ledger_publishes() -> None:
    assert published(procedures(), K.disclosure) and published(procedures(), K.complaint)
    assert not published(procedures(), K.suspension_of_use)  # still accepted: the right is the law's
    assert identity_required(K.disclosure) and not identity_required(K.complaint)
