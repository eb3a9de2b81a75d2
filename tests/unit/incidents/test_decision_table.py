"""The PPC decision, from a table written from the law before the code.

Source: /work/shared/reference/appi-requirements.md §5 (Art. 26; Rules 7-10; GL-G 3-5), §15 (番号法 Art. 29-4 and
its Rule 2), §17 and privacymark.jp "事故等の報告" (JIPDEC, PMK500: every incident to the examination body, 確報
30/60 days, 速報 3-5 days when a Rule 7 or My Number item applies; encrypted media included), §19 (the 2026
amendment: relaxed notice when the risk is low, effective date open).

Each row: the facts that differ from an ordinary lost-device case, what is expected. Dates: awareness is
Friday 2026-11-20 (day 1). 速報: day 5 = 2026-11-24 (no roll-forward: "promptly"). 確報: day 30 = Sat
2026-12-19 → Mon 2026-12-21; day 60 = Mon 2027-01-18 (a business day).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from hogo.incidents.policy import (
    Authority,
    Basis,
    Facts,
    Headcount,
    Kind,
    NoticeDuty,
    Outcome,
    Reporting,
    ReportKind,
    decide,
)
from hogo.ledger.rules import incident_rules_in_force

AWARE = dt.date(2026, 11, 20)
PRELIM = dt.date(2026, 11, 24)
FINAL30 = dt.date(2026, 12, 21)
FINAL60 = dt.date(2027, 1, 18)
BASE = Facts(aware_on=AWARE, occurred_on=dt.date(2026, 11, 19), kind=Kind.lost_device, wrongful_purpose=False)
FEW = Headcount(persons=10, max_possible=10, complete=True)
NONE = Reporting()
P, F = ReportKind.preliminary, ReportKind.final
PPC, MIN, PM = Authority.ppc, Authority.ministry, Authority.privacy_mark
APPI, MN, PMK = Basis.appi, Basis.my_number, Basis.privacy_mark

# (id, fact changes, headcount, reporting, outcome, triggers met, reports (kind, authority, basis, due), notice)
TABLE: list[tuple[str, dict[str, Any], Headcount, Reporting, Outcome, set[str], set[tuple[Any, ...]], NoticeDuty]] = [
    # Rule 7(1): special care-required personal data, e.g. a lost USB stick with employees' health-check results.
    (
        "r7-1 special care",
        {"special_care": True},
        FEW,
        NONE,
        Outcome.reportable,
        {"rule7-1"},
        {(P, PPC, APPI, PRELIM), (F, PPC, APPI, FINAL30)},
        NoticeDuty.required,
    ),
    # Rule 7(2): data whose misuse may cause financial damage (credit card numbers; login id + password of a payment
    # service).
    (
        "r7-2 financial damage",
        {"financial_damage": True},
        FEW,
        NONE,
        Outcome.reportable,
        {"rule7-2"},
        {(P, PPC, APPI, PRELIM), (F, PPC, APPI, FINAL30)},
        NoticeDuty.required,
    ),
    # Rule 7(3): possibly done with a wrongful purpose (theft of media, unauthorised access, ransomware): 確報 60 days.
    (
        "r7-3 theft",
        {"kind": Kind.stolen_device, "wrongful_purpose": True},
        FEW,
        NONE,
        Outcome.reportable,
        {"rule7-3"},
        {(P, PPC, APPI, PRELIM), (F, PPC, APPI, FINAL60)},
        NoticeDuty.required,
    ),
    # 60 days also when (3) coincides with (1), (2) or (4).
    (
        "r7-3 with r7-2",
        {"kind": Kind.unauthorised_access, "wrongful_purpose": True, "financial_damage": True},
        FEW,
        NONE,
        Outcome.reportable,
        {"rule7-2", "rule7-3"},
        {(P, PPC, APPI, PRELIM), (F, PPC, APPI, FINAL60)},
        NoticeDuty.required,
    ),
    # Rule 7(4): more than 1,000 persons: 1,001 is reportable, 1,000 is not.
    (
        "r7-4 1001 persons",
        {},
        Headcount(1001, 1001, True),
        NONE,
        Outcome.reportable,
        {"rule7-4"},
        {(P, PPC, APPI, PRELIM), (F, PPC, APPI, FINAL30)},
        NoticeDuty.required,
    ),
    (
        "r7-4 exactly 1000",
        {},
        Headcount(1000, 1000, True),
        NONE,
        Outcome.not_reportable,
        set(),
        set(),
        NoticeDuty.not_required,
    ),
    # Counted on the maximum possible number: an incomplete count whose bound passes 1,000 cannot be called "not
    # reportable" - the clocks run while it is settled.
    (
        "r7-4 incomplete, bound over 1000",
        {},
        Headcount(200, 5200, False),
        NONE,
        Outcome.undetermined,
        set(),
        {(P, PPC, APPI, PRELIM), (F, PPC, APPI, FINAL30)},
        NoticeDuty.required,
    ),
    (
        "r7-4 incomplete, bound under 1000",
        {},
        Headcount(200, 900, False),
        NONE,
        Outcome.not_reportable,
        set(),
        set(),
        NoticeDuty.not_required,
    ),
    # Nothing applies: a misdirected mail of a few ordinary records; voluntary report only.
    (
        "nothing applies",
        {"kind": Kind.misdirected_mail},
        FEW,
        NONE,
        Outcome.not_reportable,
        set(),
        set(),
        NoticeDuty.not_required,
    ),
    # Advanced encryption (key not leaked) excludes the data from every item of Rule 7.
    (
        "encrypted, special care",
        {"special_care": True, "advanced_encryption": True},
        FEW,
        NONE,
        Outcome.not_reportable,
        set(),
        set(),
        NoticeDuty.not_required,
    ),
    (
        "encrypted, theft of 5000",
        {"kind": Kind.stolen_device, "wrongful_purpose": True, "advanced_encryption": True},
        Headcount(5000, 5000, True),
        NONE,
        Outcome.not_reportable,
        set(),
        set(),
        NoticeDuty.not_required,
    ),
    # Data being acquired (web-form skimming): from 2024-04-01 Rule 7(3) covers it; before, it did not.
    (
        "skimming after 2024",
        {"kind": Kind.unauthorised_access, "wrongful_purpose": True, "data_being_acquired": True},
        FEW,
        NONE,
        Outcome.reportable,
        {"rule7-3"},
        {(P, PPC, APPI, PRELIM), (F, PPC, APPI, FINAL60)},
        NoticeDuty.required,
    ),
    (
        "skimming before 2024",
        {
            "kind": Kind.unauthorised_access,
            "wrongful_purpose": True,
            "data_being_acquired": True,
            "aware_on": dt.date(2024, 3, 1),
            "occurred_on": dt.date(2024, 2, 20),
        },
        FEW,
        NONE,
        Outcome.not_reportable,
        set(),
        set(),
        NoticeDuty.not_required,
    ),
    # Data being acquired is not yet personal data: (1), (2), (4) do not reach it without a wrongful purpose.
    (
        "being acquired, no wrongful purpose",
        {"data_being_acquired": True, "special_care": True},
        Headcount(3000, 3000, True),
        NONE,
        Outcome.not_reportable,
        set(),
        set(),
        NoticeDuty.not_required,
    ),
    # An entrustee that told the principal promptly is relieved of the report and the notice (Art. 26(1) proviso,
    # Rule 9).
    (
        "entrustee, principal told",
        {"special_care": True, "as_entrustee": True, "principal_notified": True},
        FEW,
        NONE,
        Outcome.relieved,
        {"rule7-1"},
        set(),
        NoticeDuty.principal_notifies,
    ),
    (
        "entrustee, principal not yet told",
        {"special_care": True, "as_entrustee": True},
        FEW,
        NONE,
        Outcome.reportable,
        {"rule7-1"},
        {(P, PPC, APPI, PRELIM), (F, PPC, APPI, FINAL30)},
        NoticeDuty.required,
    ),
    # Delegated to a minister (Art. 150): the same reports, the same deadlines, to the ministry.
    (
        "delegated ministry",
        {"financial_damage": True},
        FEW,
        Reporting(delegated_ministry="金融庁"),
        Outcome.reportable,
        {"rule7-2"},
        {(P, MIN, APPI, PRELIM), (F, MIN, APPI, FINAL30)},
        NoticeDuty.required,
    ),
    # Privacy Mark: every incident gets a 確報 to the examination body, even one not reportable or encrypted ...
    (
        "p-mark, not reportable",
        {"kind": Kind.misdirected_mail},
        FEW,
        Reporting(privacy_mark_body="JIPDEC"),
        Outcome.not_reportable,
        set(),
        {(F, PM, PMK, FINAL30)},
        NoticeDuty.not_required,
    ),
    (
        "p-mark, encrypted theft",
        {"kind": Kind.stolen_device, "wrongful_purpose": True, "advanced_encryption": True},
        FEW,
        Reporting(privacy_mark_body="JIPDEC"),
        Outcome.not_reportable,
        set(),
        {(P, PM, PMK, PRELIM), (F, PM, PMK, FINAL60)},
        NoticeDuty.not_required,
    ),
    # ... and a 速報 too when a Rule 7 item applies.
    (
        "p-mark, reportable",
        {"special_care": True},
        FEW,
        Reporting(privacy_mark_body="JIPDEC"),
        Outcome.reportable,
        {"rule7-1"},
        {(P, PPC, APPI, PRELIM), (F, PPC, APPI, FINAL30), (P, PM, PMK, PRELIM), (F, PM, PMK, FINAL30)},
        NoticeDuty.required,
    ),
    # My Number (番号法 Art. 29-4): more than 100 persons; its own reports to the PPC.
    (
        "my number, 101 persons",
        {"my_number": True},
        Headcount(101, 101, True, my_number_persons=101),
        NONE,
        Outcome.reportable,
        {"mn-4"},
        {(P, PPC, MN, PRELIM), (F, PPC, MN, FINAL30)},
        NoticeDuty.required,
    ),
    (
        "my number, 100 persons",
        {"my_number": True},
        Headcount(100, 100, True, my_number_persons=100),
        NONE,
        Outcome.not_reportable,
        set(),
        set(),
        NoticeDuty.not_required,
    ),
    # My Number with a wrongful purpose: both laws, 60 days each.
    (
        "my number, wrongful",
        {"my_number": True, "kind": Kind.unauthorised_access, "wrongful_purpose": True},
        Headcount(3, 3, True, my_number_persons=3),
        NONE,
        Outcome.reportable,
        {"rule7-3", "mn-2"},
        {(P, PPC, APPI, PRELIM), (F, PPC, APPI, FINAL60), (P, PPC, MN, PRELIM), (F, PPC, MN, FINAL60)},
        NoticeDuty.required,
    ),
    (
        "my number, made public",
        {"my_number": True, "publicly_viewable": True},
        Headcount(3, 3, True, my_number_persons=3),
        NONE,
        Outcome.reportable,
        {"mn-3"},
        {(P, PPC, MN, PRELIM), (F, PPC, MN, FINAL30)},
        NoticeDuty.required,
    ),
    (
        "my number, network system",
        {"my_number": True, "my_number_network": True},
        Headcount(3, 3, True, my_number_persons=3),
        NONE,
        Outcome.reportable,
        {"mn-1"},
        {(P, PPC, MN, PRELIM), (F, PPC, MN, FINAL30)},
        NoticeDuty.required,
    ),
    # Final report lands in the year-end closure: day 30 = 2026-12-30 → next business day 2027-01-04.
    (
        "final in the closure",
        {"special_care": True, "aware_on": dt.date(2026, 12, 1), "occurred_on": None},
        FEW,
        NONE,
        Outcome.reportable,
        {"rule7-1"},
        {(P, PPC, APPI, dt.date(2026, 12, 5)), (F, PPC, APPI, dt.date(2027, 1, 4))},
        NoticeDuty.required,
    ),
    # The 2026 amendment: low risk relieves the notice only once its effective date is set and reached.
    (
        "low risk, amendment not in force",
        {"special_care": True, "low_risk": True},
        FEW,
        NONE,
        Outcome.reportable,
        {"rule7-1"},
        {(P, PPC, APPI, PRELIM), (F, PPC, APPI, FINAL30)},
        NoticeDuty.required,
    ),
]


@pytest.mark.parametrize(
    ("changes", "count", "reporting", "outcome", "triggers", "reports", "notice"),
    [row[1:] for row in TABLE],
    ids=[row[0] for row in TABLE],
)
def test_the_decision_follows_the_table(
    changes: dict[str, Any],
    count: Headcount,
    reporting: Reporting,
    outcome: Outcome,
    triggers: set[str],
    reports: set[tuple[Any, ...]],
    notice: NoticeDuty,
) -> None:
    facts = replace(BASE, **changes)
    decision = decide(facts, count, reporting, incident_rules_in_force(facts.aware_on))
    assert decision.outcome is outcome
    assert {t.code for t in decision.triggers if t.met} == triggers
    assert {(r.kind, r.authority, r.basis, r.due_on) for r in decision.reports} == reports
    assert decision.notice is notice
    assert decision.reasons, "every decision says why"


def test_low_risk_relief_applies_once_the_amendment_is_in_force() -> None:
    facts = replace(BASE, special_care=True, low_risk=True)
    before = decide(facts, FEW, NONE, incident_rules_in_force(AWARE, dt.date(2027, 4, 1)))
    after = decide(facts, FEW, NONE, incident_rules_in_force(AWARE, dt.date(2026, 4, 1)))
    assert before.notice is NoticeDuty.required
    assert after.notice is NoticeDuty.relaxed_low_risk
    assert after.outcome is Outcome.reportable  # the report to the PPC is still owed


def test_the_encryption_exemption_says_why() -> None:
    decision = decide(
        replace(BASE, special_care=True, advanced_encryption=True), FEW, NONE, incident_rules_in_force(AWARE)
    )
    assert decision.exemption == "advanced-encryption"
    assert any("暗号化" in ja for ja, _ in decision.reasons)
    rule71 = next(t for t in decision.triggers if t.code == "rule7-1")
    assert not rule71.met and rule71.excluded


def test_an_incomplete_count_is_never_read_as_a_zero() -> None:
    decision = decide(BASE, Headcount(0, 4000, False), NONE, incident_rules_in_force(AWARE))
    assert decision.outcome is Outcome.undetermined
    possible = next(t for t in decision.triggers if t.code == "rule7-4")
    assert possible.possible and not possible.met
