"""The provision gate from a table of cases: every basis, every refusal, with its reason and article."""
# ruff: noqa: E501  (the table of cases reads best one case per line)

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from hogo.ledger.rules import EU_EEA_UK
from hogo.provision.policy import (
    Basis,
    CheckStatus,
    Context,
    Facts,
    Recipient,
    RecordRoute,
    Request,
    Section,
    check_status,
    decide,
)
from hogo.provision.reasons import REASONS, Reason

B = Basis
DELIVERY = Recipient("delivery", Section.entrustee, frozenset({"name", "phone"}), frozenset({"service"}), "JP", None)
PAYROLL = Recipient(
    "payroll-co", Section.entrustee, frozenset({"name", "mynumber"}), frozenset({"payroll"}), "JP", None
)
ABROAD_PROCESSOR = replace(DELIVERY, id="sg-processor", country="SG")
EU_PROCESSOR = replace(DELIVERY, id="de-processor", country="DE")
GROUP = Recipient(
    "group", Section.joint_use, frozenset({"name", "email"}), frozenset({"service"}), "JP", None, False,
    frozenset({"west"}),
)  # fmt: skip
SHOP = Recipient("shop", Section.third_party, frozenset({"name", "email"}), frozenset(), "JP", "consent")
BROKER = Recipient("broker", Section.third_party, frozenset({"name", "postal", "health"}), frozenset(), "JP", "opt_out")
ADS = Recipient("ads", Section.third_party, frozenset({"cookie", "name"}), frozenset(), "JP", "consent", True)
HEIR = Recipient("heir", Section.third_party, frozenset({"name"}), frozenset(), "JP", "business_succession")
SG = Recipient("sg", Section.foreign, frozenset({"name", "email"}), frozenset(), "SG", "consent")
EU = Recipient("eu", Section.foreign, frozenset({"name", "email"}), frozenset(), "DE", "adequacy")
FAKE_EU = replace(EU, id="fake", country="US")
US = Recipient("us", Section.foreign, frozenset({"name", "email"}), frozenset(), "US", "equivalent_measures")
LAW_ONLY = Recipient("police", Section.third_party, frozenset({"name"}), frozenset(), "JP", "law")
TAX = Recipient("tax-office", Section.third_party, frozenset({"name", "mynumber"}), frozenset(), "JP", "law")

CTX = Context(
    known=frozenset({"name", "email", "phone", "postal", "health", "cookie", "mynumber"}),
    special_care=frozenset({"health"}),
    my_number=frozenset({"mynumber"}),
    my_number_tasks=frozenset({"payroll"}),
    referable=frozenset({"cookie"}),
    opt_out_items=frozenset({"name", "postal"}),
    opt_out_started=True,
    provision_purpose=True,
    adequacy=EU_EEA_UK,
)
HELD = {
    i: frozenset({"service", "payroll"}) for i in ("name", "email", "phone", "postal", "health", "cookie", "mynumber")
}
NOBODY = Facts(False, HELD, frozenset(), frozenset(), frozenset(), frozenset(), frozenset())
CONSENTED = replace(
    NOBODY,
    consents=frozenset({("provision", "shop"), ("foreign_transfer", "sg"), ("provision", "eu"), ("provision", "us")}),
    informed_foreign=frozenset({"sg"}),
)


def req(
    basis: Basis, *items: str, purpose: str | None = None, user: str | None = None, why: str | None = None
) -> Request:
    return Request(items or ("name",), basis, purpose, user, why)


CASES = [
    # (id, recipient, context, request, facts, allowed, reason, record)
    ("unknown recipient", None, CTX, req(B.consent), CONSENTED, False, Reason.unknown_recipient, None),
    ("erased", SHOP, CTX, req(B.consent), replace(CONSENTED, erased=True), False, Reason.person_erased, None),
    ("unknown item", SHOP, CTX, req(B.consent, "shoe-size"), CONSENTED, False, Reason.unknown_item, None),
    ("not acquired", SHOP, CTX, req(B.consent), replace(CONSENTED, held={}), False, Reason.item_not_acquired, None),
    ("my number", DELIVERY, CTX, req(B.entrustment, "mynumber", purpose="service"), NOBODY, False, Reason.my_number, None),
    ("my number to a payroll entrustee", PAYROLL, CTX, req(B.entrustment, "mynumber", purpose="payroll"), NOBODY, True, Reason.entrusted, None),
    ("my number by law", TAX, CTX, req(B.law, "mynumber", why="tax office"), NOBODY, True, Reason.statutory_exception, None),
    ("exception: undeclared item", SHOP, CTX, req(B.law, "mynumber", why="tax office"), NOBODY, False, Reason.item_not_declared, None),
    ("my number with consent", SHOP, CTX, req(B.consent, "mynumber"), CONSENTED, False, Reason.my_number, None),
    # entrustment (Art. 27(5)(1))
    ("entrusted", DELIVERY, CTX, req(B.entrustment, "name", "phone", purpose="service"), NOBODY, True, Reason.entrusted, None),
    ("entrust: wrong basis", DELIVERY, CTX, req(B.consent, purpose="service"), NOBODY, False, Reason.basis_mismatch, None),
    ("entrust: item", DELIVERY, CTX, req(B.entrustment, "email", purpose="service"), NOBODY, False, Reason.item_not_entrusted, None),
    ("entrust: no purpose", DELIVERY, CTX, req(B.entrustment), NOBODY, False, Reason.purpose_required, None),
    ("entrust: purpose", DELIVERY, CTX, req(B.entrustment, purpose="ads"), NOBODY, False, Reason.purpose_not_entrusted, None),
    ("entrust: not held for it", DELIVERY, CTX, req(B.entrustment, purpose="service"),
     replace(NOBODY, held={"name": frozenset({"hiring"})}), False, Reason.purpose_not_held, None),
    ("entrust: consented purpose", DELIVERY, CTX, req(B.entrustment, purpose="service"),
     replace(NOBODY, held={"name": frozenset()}, consented_purposes=frozenset({"service"})), True, Reason.entrusted, None),
    ("entrust: supervision failed", DELIVERY, replace(CTX, check=CheckStatus.failed),
     req(B.entrustment, purpose="service"), NOBODY, False, Reason.supervision_failed, None),
    ("entrust: supervision overdue only warns", DELIVERY, replace(CTX, check=CheckStatus.overdue),
     req(B.entrustment, purpose="service"), NOBODY, True, Reason.entrusted, None),
    ("entrust abroad without consent", ABROAD_PROCESSOR, CTX, req(B.entrustment, purpose="service"), NOBODY, False,
     Reason.foreign_consent_missing, None),
    ("entrust abroad with consent", ABROAD_PROCESSOR, CTX, req(B.entrustment, purpose="service"),
     replace(NOBODY, consents=frozenset({("foreign_transfer", "sg-processor")}), informed_foreign=frozenset({"sg-processor"})),
     True, Reason.foreign_consent_given, RecordRoute.consent),
    ("entrust in the EU", EU_PROCESSOR, CTX, req(B.entrustment, purpose="service"), NOBODY, True, Reason.entrusted, None),
    # joint use (Art. 27(5)(3))
    ("joint use", GROUP, CTX, req(B.joint_use, "name", "email", purpose="service", user="west"), NOBODY, True, Reason.joint_use, None),
    ("joint use: wrong basis", GROUP, CTX, req(B.consent, purpose="service", user="west"), NOBODY, False, Reason.basis_mismatch, None),
    ("joint use: item", GROUP, CTX, req(B.joint_use, "phone", purpose="service", user="west"), NOBODY, False, Reason.item_not_joint_use, None),
    ("joint use: user", GROUP, CTX, req(B.joint_use, purpose="service", user="east"), NOBODY, False, Reason.user_not_joint_use, None),
    ("joint use: purpose", GROUP, CTX, req(B.joint_use, purpose="ads", user="west"), NOBODY, False, Reason.purpose_not_joint_use, None),
    # consent (Art. 27(1))
    ("consent", SHOP, CTX, req(B.consent, "name", "email"), CONSENTED, True, Reason.consent_given, RecordRoute.consent),
    ("no consent", SHOP, CTX, req(B.consent), NOBODY, False, Reason.consent_missing, None),
    ("withdrawn", SHOP, CTX, req(B.consent), replace(NOBODY, withdrawn=frozenset({("provision", "shop")})), False,
     Reason.consent_withdrawn, None),
    ("consent to another", SHOP, CTX, req(B.consent), replace(NOBODY, consents=frozenset({("provision", "ads")})), False,
     Reason.consent_missing, None),
    ("item not declared", SHOP, CTX, req(B.consent, "phone"), CONSENTED, False, Reason.item_not_declared, None),
    ("suspended", SHOP, CTX, req(B.consent), replace(CONSENTED, suspended_all=True), False, Reason.provision_suspended, None),
    ("suspended for it", SHOP, CTX, req(B.consent), replace(CONSENTED, suspended=frozenset({"shop"})), False,
     Reason.provision_suspended, None),
    ("suspended for another", SHOP, CTX, req(B.consent), replace(CONSENTED, suspended=frozenset({"ads"})), True,
     Reason.consent_given, RecordRoute.consent),
    ("entrustment claimed for a third party", SHOP, CTX, req(B.entrustment), CONSENTED, False, Reason.basis_mismatch, None),
    # statutory exceptions (Art. 27(1) items)
    ("law", SHOP, CTX, req(B.law, why="court order 2026-12"), NOBODY, True, Reason.statutory_exception, None),
    ("law overrides suspension", SHOP, CTX, req(B.law, why="warrant"), replace(NOBODY, suspended_all=True), True,
     Reason.statutory_exception, None),
    ("exception needs a reason", SHOP, CTX, req(B.life_body_property, why="  "), NOBODY, False, Reason.justification_required, None),
    ("law-only recipient", LAW_ONLY, CTX, req(B.consent), CONSENTED, False, Reason.basis_mismatch, None),
    ("exception abroad", SG, CTX, req(B.government_cooperation, why="tax office"), NOBODY, True, Reason.statutory_exception, None),
    # business succession (Art. 27(5)(2))
    ("succession", HEIR, CTX, req(B.business_succession), NOBODY, True, Reason.business_succession, None),
    ("succession claimed for a shop", SHOP, CTX, req(B.business_succession), NOBODY, False, Reason.basis_mismatch, None),
    ("succession recipient by consent", HEIR, CTX, req(B.consent), CONSENTED, False, Reason.basis_mismatch, None),
    # opt-out (Art. 27(2))
    ("opt-out", BROKER, CTX, req(B.opt_out, "name", "postal"), NOBODY, True, Reason.opt_out, RecordRoute.opt_out),
    ("opt-out: not filed", BROKER, replace(CTX, opt_out_items=None), req(B.opt_out), NOBODY, False, Reason.opt_out_not_filed, None),
    ("opt-out: not started", BROKER, replace(CTX, opt_out_started=False), req(B.opt_out), NOBODY, False,
     Reason.opt_out_not_started, None),
    ("opt-out: no purpose", BROKER, replace(CTX, provision_purpose=False), req(B.opt_out), NOBODY, False,
     Reason.opt_out_not_a_purpose, None),
    ("opt-out: special care", BROKER, CTX, req(B.opt_out, "name", "health"), NOBODY, False, Reason.opt_out_special_care, None),
    ("opt-out: item not filed", BROKER, CTX, req(B.opt_out, "email"), NOBODY, False, Reason.item_not_declared, None),
    ("opt-out: person opted out", BROKER, CTX, req(B.opt_out), replace(NOBODY, opted_out=True), False, Reason.opted_out, None),
    ("opt-out to a consent recipient", SHOP, CTX, req(B.opt_out), NOBODY, False, Reason.basis_mismatch, None),
    ("opt-out abroad", SG, CTX, req(B.opt_out), CONSENTED, False, Reason.basis_mismatch, None),
    # abroad (Art. 28)
    ("abroad with informed consent", SG, CTX, req(B.consent), CONSENTED, True, Reason.foreign_consent_given, RecordRoute.consent),
    ("abroad without consent", SG, CTX, req(B.consent), NOBODY, False, Reason.foreign_consent_missing, None),
    ("abroad, domestic-style consent only", SG, CTX, req(B.consent), replace(NOBODY, consents=frozenset({("provision", "sg")})),
     False, Reason.foreign_consent_missing, None),
    ("abroad, not informed", SG, CTX, req(B.consent), replace(CONSENTED, informed_foreign=frozenset()), False,
     Reason.foreign_not_informed, None),
    ("abroad, withdrawn", SG, CTX, req(B.consent), replace(NOBODY, withdrawn=frozenset({("foreign_transfer", "sg")})), False,
     Reason.foreign_consent_withdrawn, None),
    ("EU with consent", EU, CTX, req(B.consent), CONSENTED, True, Reason.consent_given, RecordRoute.consent),
    ("EU needs Art. 27 consent", EU, CTX, req(B.consent), NOBODY, False, Reason.consent_missing, None),
    ("not adequate", FAKE_EU, CTX, req(B.consent), replace(CONSENTED, consents=frozenset({("provision", "fake")})), False,
     Reason.foreign_not_adequate, None),
    ("equivalent measures checked", US, CTX, req(B.consent), CONSENTED, True, Reason.consent_given, RecordRoute.consent),
    ("equivalent measures overdue", US, replace(CTX, check=CheckStatus.overdue), req(B.consent), CONSENTED, False,
     Reason.foreign_check_overdue, None),
    ("equivalent measures never checked", US, replace(CTX, check=CheckStatus.due), req(B.consent), CONSENTED, False,
     Reason.foreign_check_overdue, None),
    ("equivalent measures failed", US, replace(CTX, check=CheckStatus.failed), req(B.consent), CONSENTED, False,
     Reason.foreign_check_failed, None),
    ("third party abroad, not listed abroad", replace(SHOP, country="US"), CTX, req(B.consent), CONSENTED, False,
     Reason.foreign_consent_missing, None),
    ("third party in the UK", replace(SHOP, country="GB"), CTX, req(B.consent), CONSENTED, True, Reason.consent_given, RecordRoute.consent),
    ("suspended abroad", SG, CTX, req(B.consent), replace(CONSENTED, suspended_all=True), False, Reason.provision_suspended, None),
    # personally referable information (Art. 31)
    ("referable confirmed", ADS, CTX, req(B.personally_referable, "cookie"), replace(NOBODY, referable_confirmed=frozenset({"ads"})),
     True, Reason.referable_consent_confirmed, RecordRoute.personally_referable),
    ("referable not confirmed", ADS, CTX, req(B.personally_referable, "cookie"), NOBODY, False, Reason.referable_not_confirmed, None),
    ("referable: personal item", ADS, CTX, req(B.personally_referable, "name"), replace(NOBODY, referable_confirmed=frozenset({"ads"})),
     False, Reason.referable_items_only, None),
    ("referable: recipient does not link", SHOP, CTX, req(B.personally_referable, "name"), NOBODY, False,
     Reason.referable_not_linking, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("recipient", "ctx", "request_", "facts", "allowed", "reason", "record"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_gate(
    recipient: Recipient | None,
    ctx: Context,
    request_: Request,
    facts: Facts,
    allowed: bool,
    reason: Reason,
    record: RecordRoute | None,
) -> None:
    decision = decide(recipient, ctx, request_, facts)
    assert (decision.allowed, decision.reason, decision.record) == (allowed, reason, record)
    if reason is Reason.statutory_exception:
        assert decision.article.startswith("Art. 27(1)(")
    else:
        assert decision.article == REASONS[reason].article


def test_exception_articles_name_the_item() -> None:
    assert decide(SHOP, CTX, req(B.law, why="x"), NOBODY).article == "Art. 27(1)(1)"
    assert decide(SHOP, CTX, req(B.academic_recipient, why="x"), NOBODY).article == "Art. 27(1)(7)"


def test_every_reason_has_both_languages() -> None:
    for reason in Reason:
        text = REASONS[reason]
        assert text.article and text.ja and text.en
    decision = decide(SHOP, CTX, req(B.consent, "phone"), CONSENTED)
    assert "phone" in decision.message("en") and "phone" in decision.message("ja")


TODAY = dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    ("passed", "failed", "status"),
    [
        (None, None, CheckStatus.due),
        (dt.date(2026, 3, 1), None, CheckStatus.ok),
        (dt.date(2025, 11, 19), None, CheckStatus.overdue),
        (dt.date(2025, 11, 20), None, CheckStatus.ok),
        (dt.date(2026, 3, 1), dt.date(2026, 6, 1), CheckStatus.failed),
        (dt.date(2026, 6, 1), dt.date(2026, 3, 1), CheckStatus.ok),
        (None, dt.date(2026, 3, 1), CheckStatus.failed),
    ],
)
def test_check_status(passed: dt.date | None, failed: dt.date | None, status: CheckStatus) -> None:
    assert check_status(passed, failed, TODAY, 365) is status
