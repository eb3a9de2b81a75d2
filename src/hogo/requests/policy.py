"""The rules of a request (Arts. 32-40): who may ask, how identity and agency are proved, fees, decisions. Pure.

Every check returns nothing or raises a `RequestRefused` with a stable code and the article; the service
records the outcome. The legal parameters (fee-bearing kinds, the two weeks) come from `ledger.rules`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from hogo.errors import Forbidden, InvalidInput
from hogo.identity.policy import Actor, Role
from hogo.ledger.rules import rules_in_force
from hogo.ledger.schemas.procedures import (
    AgentEvidence,
    IdentityDocument,
    RequestKind,
    RequestProcedures,
)


class RequestRefused(InvalidInput):
    code = "request-not-accepted"


class Outcome(StrEnum):
    full = "full"
    partial = "partial"
    refused = "refused"
    no_such_data = "no_such_data"
    """Art. 33(1)/(3): hogo holds no such data; telling the person so is the disclosure."""


class Ground(StrEnum):
    """Statutory grounds for not doing (all of) what was asked."""

    harm_to_life_or_rights = "harm_to_life_or_rights"
    business_hindrance = "business_hindrance"
    other_law_violation = "other_law_violation"
    other_law_procedure = "other_law_procedure"
    record_existence_harmful = "record_existence_harmful"
    content_not_untrue = "content_not_untrue"
    correction_not_needed_for_purpose = "correction_not_needed_for_purpose"
    no_statutory_ground = "no_statutory_ground"
    alternative_measure = "alternative_measure"
    not_a_complaint_matter = "not_a_complaint_matter"


GROUND_ARTICLE: dict[Ground, str] = {
    Ground.harm_to_life_or_rights: "Art. 33(2)(i)",
    Ground.business_hindrance: "Art. 33(2)(ii)",
    Ground.other_law_violation: "Art. 33(2)(iii)",
    Ground.other_law_procedure: "Art. 33(4)",
    Ground.record_existence_harmful: "Art. 33(5); CO 11",
    Ground.content_not_untrue: "Art. 34(1)",
    Ground.correction_not_needed_for_purpose: "Art. 34(2)",
    Ground.no_statutory_ground: "Art. 35",
    Ground.alternative_measure: "Art. 35(2)/(4)/(6) proviso",
    Ground.not_a_complaint_matter: "Art. 40",
}

_DISCLOSURE = frozenset(
    {Ground.harm_to_life_or_rights, Ground.business_hindrance, Ground.other_law_violation, Ground.other_law_procedure}
)
_ART35 = frozenset({Ground.no_statutory_ground, Ground.alternative_measure})
GROUNDS_FOR: dict[RequestKind, frozenset[Ground]] = {
    RequestKind.purpose_notification: frozenset({Ground.harm_to_life_or_rights, Ground.business_hindrance}),
    RequestKind.disclosure: _DISCLOSURE,
    RequestKind.provision_record_disclosure: _DISCLOSURE | {Ground.record_existence_harmful},
    RequestKind.correction: frozenset(
        {Ground.content_not_untrue, Ground.correction_not_needed_for_purpose, Ground.other_law_procedure}
    ),
    RequestKind.suspension_of_use: _ART35,
    RequestKind.erasure: _ART35,
    RequestKind.suspension_of_provision: _ART35,
    RequestKind.complaint: frozenset({Ground.not_a_complaint_matter}),
}
"""Which grounds the law gives for each kind (Art. 32(2) refers to the harms of Art. 21(4)(i)-(ii))."""


class ClaimedGround(StrEnum):
    """Why the person asks for suspension, erasure or a stop of provision (Art. 35)."""

    out_of_purpose_or_improper = "out_of_purpose_or_improper"
    improper_acquisition = "improper_acquisition"
    unlawful_provision = "unlawful_provision"
    no_longer_needed = "no_longer_needed"
    reportable_breach = "reportable_breach"
    harm_to_rights = "harm_to_rights"


CLAIMED_ARTICLE: dict[ClaimedGround, str] = {
    ClaimedGround.out_of_purpose_or_improper: "Art. 35(1) (Arts. 18, 19)",
    ClaimedGround.improper_acquisition: "Art. 35(1) (Art. 20)",
    ClaimedGround.unlawful_provision: "Art. 35(3) (Arts. 27(1), 28)",
    ClaimedGround.no_longer_needed: "Art. 35(5)",
    ClaimedGround.reportable_breach: "Art. 35(5) (Art. 26(1))",
    ClaimedGround.harm_to_rights: "Art. 35(5)",
}
_USE_GROUNDS = frozenset(ClaimedGround) - {ClaimedGround.unlawful_provision}
_PROVISION_GROUNDS = frozenset(ClaimedGround) - {
    ClaimedGround.out_of_purpose_or_improper,
    ClaimedGround.improper_acquisition,
}
CLAIMABLE: dict[RequestKind, frozenset[ClaimedGround]] = {
    RequestKind.suspension_of_use: _USE_GROUNDS,
    RequestKind.erasure: _USE_GROUNDS,
    RequestKind.suspension_of_provision: _PROVISION_GROUNDS,
}


class AgentKind(StrEnum):
    legal_representative = "legal_representative"
    """A parent of a minor or the guardian of an adult ward (CO Art. 13(1)(i))."""
    appointed_agent = "appointed_agent"
    """An agent the person appointed (CO Art. 13(1)(ii))."""


LAW_AGENT_EVIDENCE: dict[AgentKind, frozenset[AgentEvidence]] = {
    AgentKind.legal_representative: frozenset(
        {AgentEvidence.family_register, AgentEvidence.resident_record, AgentEvidence.guardianship_certificate}
    ),
    AgentKind.appointed_agent: frozenset({AgentEvidence.power_of_attorney}),
}
"""GL-G 3-8-7: parents show a family register extract or resident record; guardians a certificate of registered
matters; appointed agents a power of attorney."""

DESK_METHODS = frozenset(IdentityDocument) - {IdentityDocument.one_time_code}
"""What the desk may record: documents seen at the counter or in copy by post, and the phone and online checks
(call-back, registered details, caller id, credentials, JPKI); the one-time code is the portal's own."""
LISTED_ONLY = frozenset({IdentityDocument.registered_seal})
"""Checks the desk records only where the ledger lists them: a seal registered with the company is the company's
own check (as banks ask at the counter), not one of the guideline's examples taken when the ledger lists none."""
_MY_NUMBER_LIKE = re.compile(r"(?<!\d)\d{4}[\s-]?\d{4}[\s-]?\d{4}(?!\d)")


def published(procedures: RequestProcedures, kind: RequestKind) -> bool:
    """Whether the ledger publishes a procedure for this kind. A kind it does not publish is still accepted:
    the rights of Arts. 32-35 come from the law, not from the ledger (Art. 37 only shapes the procedure)."""
    return kind is RequestKind.complaint or kind in {k.kind for k in procedures.kinds}


def check_claimed_ground(kind: RequestKind, ground: ClaimedGround | None) -> None:
    if kind not in CLAIMABLE:
        if ground is not None:
            raise RequestRefused(
                f"a {kind.value} request takes no Art. 35 ground", details={"reason": "ground-not-supported"}
            )
        return
    if ground is None:
        raise RequestRefused(
            f"a {kind.value} request needs the ground the person relies on (Art. 35)",
            details={"reason": "ground-missing"},
        )
    if ground not in CLAIMABLE[kind]:
        raise RequestRefused(
            f"ground {ground.value} ({CLAIMED_ARTICLE[ground]}) does not support a {kind.value}",
            details={"reason": "ground-not-supported"},
        )


def identity_required(kind: RequestKind) -> bool:
    """Complaints and inquiries (Art. 40) are handled without proving who is asking."""
    return kind is not RequestKind.complaint


def check_identity_document(procedures: RequestProcedures, document: IdentityDocument, reference: str | None) -> None:
    """A document checked at the desk or by post: one the ledger publishes (any GL-G example if it lists none);
    and never a My Number: the card's front only, and no 12-digit number in the reference kept."""
    if document not in DESK_METHODS:
        raise RequestRefused(f"{document.value} is not a check the desk records; the portal sends the code")
    if procedures.identity_documents and document not in procedures.identity_documents:
        listed = ", ".join(d.value for d in procedures.identity_documents)
        raise RequestRefused(f"the ledger's identity documents are {listed} (Art. 37(1), CO Art. 12)")
    if not procedures.identity_documents and document in LISTED_ONLY:
        raise RequestRefused(f"{document.value} is a check only where the ledger lists it (Art. 37(1), CO Art. 12)")
    if reference and _MY_NUMBER_LIKE.search(reference):
        raise RequestRefused(
            "the reference looks like a 12-digit number; never record a My Number (My Number Act Art. 20)"
        )


def check_agent(procedures: RequestProcedures, kind: AgentKind, evidence: Iterable[AgentEvidence]) -> None:
    """An agent is accepted with the evidence the law names and, for appointed agents, all the ledger lists
    (e.g. a power of attorney with a seal certificate); a legal representative shows one of the ledger's
    documents, which are alternatives (parents vs guardians)."""
    if procedures.agents.accepted is False:
        raise RequestRefused("the ledger does not accept requests through agents (Art. 37(3))")
    given = set(evidence)
    if not given & LAW_AGENT_EVIDENCE[kind]:
        need = ", ".join(sorted(e.value for e in LAW_AGENT_EVIDENCE[kind]))
        raise RequestRefused(f"a {kind.value} must show one of: {need} (CO Art. 13)")
    if kind is AgentKind.appointed_agent:
        missing = set(procedures.agents.appointed_agent_evidence) - given
        if missing:
            raise RequestRefused(f"the ledger also asks for: {', '.join(sorted(m.value for m in missing))}")
    listed = set(procedures.agents.legal_representative_evidence)
    if kind is AgentKind.legal_representative and listed and not given & listed:
        raise RequestRefused(f"the ledger asks for one of: {', '.join(sorted(e.value for e in listed))}")


@dataclass(frozen=True)
class FeeRule:
    amount_jpy: int
    article: str

    @property
    def required(self) -> bool:
        return self.amount_jpy > 0


def fee_for(procedures: RequestProcedures, kind: RequestKind, on: dt.date) -> FeeRule:
    """Art. 38: a fee only for purpose notification and disclosure, in the amount the ledger publishes; a fee
    the ledger sets on another kind, or without an amount, is not charged."""
    if kind not in rules_in_force(on).fee_bearing_kinds:
        return FeeRule(0, "Art. 38(1)")
    rule = next((k for k in procedures.kinds if k.kind is kind), None)
    amount = rule.fee.amount_jpy if rule and rule.fee and rule.fee.amount_jpy else 0
    return FeeRule(amount, "Art. 38(1)-(2)")


def target_days(procedures: RequestProcedures, kind: RequestKind) -> int | None:
    rule = next((k for k in procedures.kinds if k.kind is kind), None)
    return (rule.target_days if rule else None) or procedures.target_days


def check_decision(kind: RequestKind, outcome: Outcome, ground: Ground | None, reason: str | None) -> str | None:
    """The article behind a decision. Full needs no ground; partial and refused need one the law gives for
    the kind, and a reason for the person (Art. 36); "no such data" only for disclosure-like kinds."""
    if outcome is Outcome.full:
        if ground is not None:
            raise InvalidInput.keyed("error.requests.full-no-ground")
        return None
    if outcome is Outcome.no_such_data:
        if kind in {RequestKind.complaint, RequestKind.purpose_notification}:
            raise InvalidInput.keyed("error.requests.no-such-data-kind", kind=kind, kind_code=kind.value)
        return "Art. 33(3)" if kind in {RequestKind.disclosure, RequestKind.provision_record_disclosure} else None
    if ground is None:
        raise InvalidInput.keyed("error.requests.ground-needed", outcome=outcome, outcome_code=outcome.value)
    if ground not in GROUNDS_FOR[kind]:
        allowed = sorted(GROUNDS_FOR[kind])
        raise InvalidInput.keyed(
            "error.requests.ground-not-for-kind",
            ground=ground,
            ground_code=ground.value,
            kind=kind,
            kind_code=kind.value,
            allowed=allowed,
            allowed_codes=", ".join(g.value for g in allowed),
        )
    if not (reason and reason.strip()):
        raise InvalidInput.keyed("error.requests.reason-needed")
    return GROUND_ARTICLE[ground]


def needs_fulfilment(outcome: Outcome) -> bool:
    """Full and partial decisions are carried out; refusals and "no such data" are only answered."""
    return outcome in {Outcome.full, Outcome.partial}


HANDLER_ROLES = frozenset({Role.admin, Role.officer, Role.desk})
"""Who handles requests: the desk, the privacy officer, an administrator (never an application or auditor)."""


def require_handler(actor: Actor) -> None:
    if actor.role not in HANDLER_ROLES:
        raise Forbidden.keyed("error.forbidden.requests-role", role=actor.role, role_code=actor.role.value)


CODE_TTL = dt.timedelta(minutes=15)
CODE_ATTEMPTS = 5
"""Wrong codes allowed before the code is void."""
CODES_PER_REQUEST = 5
CODE_RESEND_AFTER = dt.timedelta(seconds=60)


def check_code_request(codes_sent: int, last_sent: dt.datetime | None, now: dt.datetime) -> None:
    """Rate limit on sending codes: one a minute, five per request; then the desk helps."""
    if codes_sent >= CODES_PER_REQUEST:
        raise RequestRefused(
            "no more codes can be sent for this request; please contact the desk", details={"reason": "codes-exhausted"}
        )
    if last_sent is not None and now - last_sent < CODE_RESEND_AFTER:
        raise RequestRefused(
            "a code was sent less than a minute ago; please wait before asking again",
            details={"reason": "code-too-soon"},
        )
