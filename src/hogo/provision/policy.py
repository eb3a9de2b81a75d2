"""The provision gate's rules: may these items of this person go to this recipient on this basis? Pure.

The flow is characterised from the ledger's recipients (`find_recipient`): an entrustee (委託), a joint-use
arrangement (共同利用), a third party (第三者) or a recipient abroad (外国にある第三者). Entrustment, joint
use and business succession are not provision to a third party (Art. 27(5)) and leave no Art. 29 record.
The order of the checks is the table in docs/provision.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from hogo.ledger.compiled import LedgerIndex
from hogo.provision.reasons import REASONS, Reason


class Basis(StrEnum):
    """The ground the operator relies on for one provision."""

    consent = "consent"
    opt_out = "opt_out"
    personally_referable = "personally_referable"
    entrustment = "entrustment"
    joint_use = "joint_use"
    business_succession = "business_succession"
    law = "law"
    life_body_property = "life_body_property"
    public_health_children = "public_health_children"
    government_cooperation = "government_cooperation"
    academic_publication = "academic_publication"
    academic_joint_research = "academic_joint_research"
    academic_recipient = "academic_recipient"


EXCEPTIONS: dict[Basis, str] = {
    basis: f"Art. 27(1)({n})"
    for n, basis in enumerate(
        (
            Basis.law,
            Basis.life_body_property,
            Basis.public_health_children,
            Basis.government_cooperation,
            Basis.academic_publication,
            Basis.academic_joint_research,
            Basis.academic_recipient,
        ),
        start=1,
    )
}


class Section(StrEnum):
    """Where the recipient is declared in the ledger: what the flow is."""

    entrustee = "entrustee"
    joint_use = "joint_use"
    third_party = "third_party"
    foreign = "foreign"


class RecordRoute(StrEnum):
    """Which record fields the rules ask for (Rules 20, 24, 28)."""

    consent = "consent"
    opt_out = "opt_out"
    personally_referable = "personally_referable"
    non_business = "non_business"


class CheckStatus(StrEnum):
    ok = "ok"
    due = "due"
    overdue = "overdue"
    failed = "failed"


@dataclass(frozen=True, slots=True)
class Recipient:
    id: str
    section: Section
    items: frozenset[str]
    purposes: frozenset[str]
    country: str
    ledger_basis: str | None
    links_referable: bool = False
    users: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Context:
    """What the gate knows of the ledger and the registers for this recipient, the same for every person."""

    known: frozenset[str]
    special_care: frozenset[str]
    my_number: frozenset[str]
    my_number_tasks: frozenset[str]
    """Purposes that are statutory My Number tasks (an entrustee may receive My Numbers for them)."""
    referable: frozenset[str]
    opt_out_items: frozenset[str] | None
    """The items of the opt-out filing; None when the ledger holds no filing."""
    opt_out_started: bool
    provision_purpose: bool
    adequacy: frozenset[str]
    check: CheckStatus = CheckStatus.ok
    """The recipient's periodic check (foreign equivalent measures) or supervision (entrustee)."""


@dataclass(frozen=True, slots=True)
class Facts:
    """One person as the gate sees them."""

    erased: bool
    held: dict[str, frozenset[str]]
    """Item → the purposes notified when it was acquired."""
    consented_purposes: frozenset[str]
    consents: frozenset[tuple[str, str]]
    withdrawn: frozenset[tuple[str, str]]
    informed_foreign: frozenset[str]
    referable_confirmed: frozenset[str]
    suspended_all: bool = False
    suspended: frozenset[str] = frozenset()
    opted_out: bool = False


@dataclass(frozen=True, slots=True)
class Request:
    items: tuple[str, ...]
    basis: Basis
    purpose: str | None = None
    joint_user: str | None = None
    justification: str | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    reason: Reason
    article: str
    item: str | None = None
    section: Section | None = None
    record: RecordRoute | None = None
    """The provider record the rules require, if any (Art. 29, Rule 28)."""

    def message(self, lang: str = "en") -> str:
        text = REASONS[self.reason]
        return (text.ja if lang == "ja" else text.en).format(item=self.item or "")


def _no(reason: Reason, item: str | None = None, section: Section | None = None) -> Decision:
    return Decision(False, reason, REASONS[reason].article, item, section)


def _yes(reason: Reason, section: Section, record: RecordRoute | None = None, article: str | None = None) -> Decision:
    return Decision(True, reason, article or REASONS[reason].article, None, section, record)


def find_recipient(index: LedgerIndex, recipient_id: str) -> Recipient | None:
    """The recipient as the ledger declares it; entrustees first, then joint use, third parties, abroad."""
    ledger = index.ledger
    for e in ledger.entrustees:
        if e.id == recipient_id:
            return Recipient(e.id, Section.entrustee, frozenset(e.items), frozenset(e.purposes), e.country, None)
    for j in ledger.joint_use:
        if j.id == recipient_id:
            users = frozenset(u.id for u in j.users)
            return Recipient(
                j.id, Section.joint_use, frozenset(j.items), frozenset(j.purposes), "JP", None, False, users
            )
    party = index.third_parties.get(recipient_id)
    if party is not None:
        country = party.organisation.country if party.organisation else "JP"
        return Recipient(
            party.id,
            Section.third_party,
            frozenset(party.items),
            frozenset(party.purposes),
            country,
            party.basis.value,
            party.links_personally_referable,
        )
    foreign = index.foreign_recipients.get(recipient_id)
    if foreign is not None:
        return Recipient(
            foreign.id,
            Section.foreign,
            frozenset(foreign.items),
            frozenset(foreign.purposes),
            foreign.country or "",
            foreign.basis.value,
        )
    return None


def check_status(last_passed: dt.date | None, last_failed: dt.date | None, today: dt.date, days: int) -> CheckStatus:
    """A periodic check's standing: failed if the latest check failed; due if never passed; overdue if too old."""
    if last_failed is not None and (last_passed is None or last_failed >= last_passed):
        return CheckStatus.failed
    if last_passed is None:
        return CheckStatus.due
    return CheckStatus.overdue if (today - last_passed).days > days else CheckStatus.ok


def decide(recipient: Recipient | None, ctx: Context, request: Request, facts: Facts) -> Decision:
    """The gate's decision for one person. Hard limits first, then the flow the ledger characterises."""
    if recipient is None:
        return _no(Reason.unknown_recipient)
    if facts.erased:
        return _no(Reason.person_erased, section=recipient.section)
    for item in request.items:
        if item not in ctx.known:
            return _no(Reason.unknown_item, item, recipient.section)
        if item not in facts.held:
            return _no(Reason.item_not_acquired, item, recipient.section)
        if item in ctx.my_number and not _my_number_allowed(recipient, ctx, request):
            return _no(Reason.my_number, item, recipient.section)
    if recipient.section is Section.entrustee:
        return _entrustment(recipient, ctx, request, facts)
    if recipient.section is Section.joint_use:
        return _joint_use(recipient, request, facts)
    return _third_party(recipient, ctx, request, facts)


def _my_number_allowed(recipient: Recipient, ctx: Context, request: Request) -> bool:
    """My Number Act Art. 19: by law, to an entrustee of a statutory task, or in a business succession."""
    if request.basis in (Basis.law, Basis.business_succession):
        return True
    return (
        recipient.section is Section.entrustee
        and request.basis is Basis.entrustment
        and request.purpose in ctx.my_number_tasks
    )


def _within_purpose(recipient: Recipient, request: Request, facts: Facts, not_listed: Reason) -> Decision | None:
    purpose = request.purpose
    if purpose is None:
        return _no(Reason.purpose_required, section=recipient.section)
    if purpose not in recipient.purposes:
        return _no(not_listed, section=recipient.section)
    if purpose not in facts.consented_purposes:
        for item in request.items:
            if purpose not in facts.held[item]:
                return _no(Reason.purpose_not_held, item, recipient.section)
    return None


def _entrustment(recipient: Recipient, ctx: Context, request: Request, facts: Facts) -> Decision:
    section = recipient.section
    if request.basis is not Basis.entrustment:
        return _no(Reason.basis_mismatch, section=section)
    for item in request.items:
        if item not in recipient.items:
            return _no(Reason.item_not_entrusted, item, section)
    refused = _within_purpose(recipient, request, facts, Reason.purpose_not_entrusted)
    if refused is not None:
        return refused
    if ctx.check is CheckStatus.failed:
        return _no(Reason.supervision_failed, section=section)
    if recipient.country != "JP" and recipient.country not in ctx.adequacy:
        # A processor abroad is a foreign third party unless Art. 28(1)'s carve-outs apply (GL-F 2-2).
        refused = _foreign_consent(recipient, facts)
        if refused is not None:
            return refused
        return _yes(Reason.foreign_consent_given, section, RecordRoute.consent)
    return _yes(Reason.entrusted, section)


def _joint_use(recipient: Recipient, request: Request, facts: Facts) -> Decision:
    section = recipient.section
    if request.basis is not Basis.joint_use:
        return _no(Reason.basis_mismatch, section=section)
    for item in request.items:
        if item not in recipient.items:
            return _no(Reason.item_not_joint_use, item, section)
    if recipient.users and request.joint_user not in recipient.users:
        return _no(Reason.user_not_joint_use, section=section)
    refused = _within_purpose(recipient, request, facts, Reason.purpose_not_joint_use)
    return refused or _yes(Reason.joint_use, section)


def _foreign_consent(recipient: Recipient, facts: Facts) -> Decision | None:
    key = ("foreign_transfer", recipient.id)
    if key not in facts.consents:
        reason = Reason.foreign_consent_withdrawn if key in facts.withdrawn else Reason.foreign_consent_missing
        return _no(reason, section=recipient.section)
    if recipient.id not in facts.informed_foreign:
        return _no(Reason.foreign_not_informed, section=recipient.section)
    return None


def _third_party(recipient: Recipient, ctx: Context, request: Request, facts: Facts) -> Decision:
    section, basis = recipient.section, request.basis
    if recipient.ledger_basis == "business_succession" or basis is Basis.business_succession:
        if recipient.ledger_basis == basis.value == "business_succession":
            return _yes(Reason.business_succession, section)
        return _no(Reason.basis_mismatch, section=section)
    if basis in EXCEPTIONS:
        if not (request.justification or "").strip():
            return _no(Reason.justification_required, section=section)
        for item in request.items:  # even an exception hands out only what the ledger declares for this recipient
            if item not in recipient.items:
                return _no(Reason.item_not_declared, item, section)
        return _yes(Reason.statutory_exception, section, article=EXCEPTIONS[basis])
    if basis in (Basis.entrustment, Basis.joint_use) or recipient.ledger_basis == "law":
        return _no(Reason.basis_mismatch, section=section)
    if facts.suspended_all or recipient.id in facts.suspended:
        return _no(Reason.provision_suspended, section=section)
    for item in request.items:
        if item not in recipient.items:
            return _no(Reason.item_not_declared, item, section)
    foreign_consented = False
    if section is Section.foreign:
        refused, foreign_consented = _article_28(recipient, ctx, request, facts)
        if refused is not None:
            return refused
    elif recipient.country not in ("JP", *ctx.adequacy):
        # A third party whose organisation is abroad but which the ledger does not list as a recipient abroad:
        # the person cannot have been shown the country information, so Art. 28(1) cannot be met.
        return _no(Reason.foreign_consent_missing, section=section)
    if basis is Basis.personally_referable:
        return _referable(recipient, ctx, request, facts)
    if basis is Basis.opt_out:
        return _opt_out(recipient, ctx, request, facts)
    if foreign_consented:
        return _yes(Reason.foreign_consent_given, section, RecordRoute.consent)
    if ("provision", recipient.id) in facts.consents or ("foreign_transfer", recipient.id) in facts.consents:
        return _yes(Reason.consent_given, section, RecordRoute.consent)
    withdrawn = ("provision", recipient.id) in facts.withdrawn
    return _no(Reason.consent_withdrawn if withdrawn else Reason.consent_missing, section=section)


def _article_28(recipient: Recipient, ctx: Context, request: Request, facts: Facts) -> tuple[Decision | None, bool]:
    """Whether Art. 28(1) is met, and whether by the person's consent (else by adequacy or equivalent measures)."""
    section, ledger_basis = recipient.section, recipient.ledger_basis
    if ledger_basis == "adequacy":
        return (None if recipient.country in ctx.adequacy else _no(Reason.foreign_not_adequate, section=section)), False
    if ledger_basis in ("equivalent_measures", "cbpr"):
        if ctx.check is CheckStatus.failed:
            return _no(Reason.foreign_check_failed, section=section), False
        if ctx.check is not CheckStatus.ok:
            return _no(Reason.foreign_check_overdue, section=section), False
        return None, False
    if request.basis is Basis.opt_out:
        return _no(Reason.basis_mismatch, section=section), False
    if request.basis is Basis.personally_referable:
        return None, False  # Rule 26(1)(ii): the recipient's information to the person is part of the confirmation
    return _foreign_consent(recipient, facts), True


def _referable(recipient: Recipient, ctx: Context, request: Request, facts: Facts) -> Decision:
    section = recipient.section
    if not recipient.links_referable and section is not Section.foreign:
        return _no(Reason.referable_not_linking, section=section)
    for item in request.items:
        if item not in ctx.referable:
            return _no(Reason.referable_items_only, item, section)
    if recipient.id not in facts.referable_confirmed:
        return _no(Reason.referable_not_confirmed, section=section)
    return _yes(Reason.referable_consent_confirmed, section, RecordRoute.personally_referable)


def _opt_out(recipient: Recipient, ctx: Context, request: Request, facts: Facts) -> Decision:
    section = recipient.section
    if recipient.ledger_basis != "opt_out":
        return _no(Reason.basis_mismatch, section=section)
    if ctx.opt_out_items is None:
        return _no(Reason.opt_out_not_filed, section=section)
    if not ctx.opt_out_started:
        return _no(Reason.opt_out_not_started, section=section)
    if not ctx.provision_purpose:
        return _no(Reason.opt_out_not_a_purpose, section=section)
    for item in request.items:
        if item in ctx.special_care:
            return _no(Reason.opt_out_special_care, item, section)
        if item not in ctx.opt_out_items:
            return _no(Reason.opt_out_item_not_filed, item, section)
    if facts.opted_out:
        return _no(Reason.opted_out, section=section)
    return _yes(Reason.opt_out, section, RecordRoute.opt_out)


def decide_processed(kind: str | None, recipient: Recipient | None) -> Decision:
    """The gate for processed information made by a ledger job (`kind`: statistics, pseudonymised, anonymised):
    pseudonymised information goes to entrustees and joint users only, never to a third party (Art. 41(6));
    anonymised information goes with its label (Art. 43(4)); statistics identify no one."""
    if recipient is None:
        return _no(Reason.unknown_recipient)
    if kind is None:
        return _no(Reason.processed_unknown, section=recipient.section)
    if kind == "statistics":
        return _yes(Reason.processed_statistics, recipient.section)
    if kind == "anonymised":
        return _yes(Reason.processed_anonymised, recipient.section)
    if recipient.section in (Section.entrustee, Section.joint_use):
        return _yes(Reason.processed_pseudonymised_entrusted, recipient.section)
    return _no(Reason.processed_pseudonymised, section=recipient.section)
