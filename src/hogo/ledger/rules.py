"""Legal parameters as data, versioned by effective date, so that an amendment is a new entry here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hogo.ledger.schemas import RequestKind

EU_EEA_UK = frozenset(
    {
        *("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV"),
        *("LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "GB"),
    }
)


@dataclass(frozen=True)
class LegalRules:
    """The parameters of APPI the linter and the workflows apply, in force from `effective_from`."""

    effective_from: dt.date
    name: str
    fee_bearing_kinds: frozenset[RequestKind]
    """Art. 38(1): fees only for purpose notification and disclosure (incl. provision records)."""
    usual_fee_max_jpy: int
    """Above this a fee is unusual and needs a cost justification (Art. 38(2); practice §18.2)."""
    ledger_review_days: int
    """JIS Q 15001: the ledger is reviewed at least once a year."""
    foreign_check_days: int
    """Rule 18 / GL-F 6-1: recipients under equivalent measures are checked about yearly."""
    entrustee_supervision_days: int
    """Art. 25 / GL-G 3-4-4: periodic supervision of entrustees (yearly by practice)."""
    adequacy_countries: frozenset[str]
    """Rule 15: countries with a PPC adequacy designation (EU/EEA and the UK)."""
    art32_request_kinds: frozenset[RequestKind]
    """Request kinds whose procedure Art. 32(1)(iii) requires to be made knowable."""
    response_deadline_days: int
    """Art. 39: two weeks after arrival the person may sue; the practical response target."""


APPI_2022 = LegalRules(
    effective_from=dt.date(2022, 4, 1),
    name="APPI as amended 2020/2021, in force 2022-04-01",
    fee_bearing_kinds=frozenset(
        {RequestKind.purpose_notification, RequestKind.disclosure, RequestKind.provision_record_disclosure}
    ),
    usual_fee_max_jpy=1000,
    ledger_review_days=365,
    foreign_check_days=365,
    entrustee_supervision_days=365,
    adequacy_countries=EU_EEA_UK,
    art32_request_kinds=frozenset(
        {
            RequestKind.purpose_notification,
            RequestKind.disclosure,
            RequestKind.provision_record_disclosure,
            RequestKind.correction,
            RequestKind.suspension_of_use,
            RequestKind.suspension_of_provision,
        }
    ),
    response_deadline_days=14,
)

RULESETS: tuple[LegalRules, ...] = (APPI_2022,)


def rules_in_force(on: dt.date) -> LegalRules:
    """The ruleset in force on a date (the latest whose effective date has come)."""
    current = [r for r in RULESETS if r.effective_from <= on]
    return max(current, key=lambda r: r.effective_from) if current else RULESETS[0]


# -- leaks, losses and damage (漏えい等): Art. 26, Rules 7-10; the My Number overlay; the 2026 amendment --------
@dataclass(frozen=True)
class IncidentRules:
    """The parameters of the incident duties, in force from `effective_from` (None: announced, date still open)."""

    effective_from: dt.date | None
    name: str
    headcount_over: int = 1000
    """Rule 7(4): reportable when more than this many persons are (or may be) concerned."""
    my_number_headcount_over: int = 100
    """番号法 Art. 29-4, its Rule 2(4): more than this many persons."""
    preliminary_days: int = 5
    """Rule 8(1) "promptly": GL-G 3-5-3-3 gives about 3-5 days; hogo holds the officer to day 5 (day 1 = awareness)."""
    final_days: int = 30
    final_days_wrongful: int = 60
    """Rule 8(2): 30 days, 60 for a Rule 7(3) event (also when (3) coincides with another item)."""
    acquiring_covered: bool = False
    """From 2024-04-01 Rule 7(3) also covers personal information being acquired (web-form skimming)."""
    low_risk_notice_relief: bool = False
    """The 2026 amendment: no notice to the person where the risk to them is low (Art. 26(2) as amended)."""


INCIDENTS_2022 = IncidentRules(dt.date(2022, 4, 1), "APPI 2022 (Rules 7-10 in force 2022-04-01)")
INCIDENTS_2024 = IncidentRules(
    dt.date(2024, 4, 1), "Rule 7(3) amended 2024-04-01 (information being acquired)", acquiring_covered=True
)
INCIDENTS_2026 = IncidentRules(
    None,
    "APPI amendment promulgated 2026-07-17 (in force by cabinet order, 2028-07-16 at the latest)",
    acquiring_covered=True,
    low_risk_notice_relief=True,
)
"""Its effective date is not yet fixed: off until set (`HOGO_APPI_2026_EFFECTIVE`)."""


def incident_rules_in_force(on: dt.date, amendment_2026_from: dt.date | None = None) -> IncidentRules:
    """The incident rules in force on a date; the 2026 amendment counts only once its effective date is set."""
    dated = [INCIDENTS_2022, INCIDENTS_2024]
    if amendment_2026_from is not None:
        dated.append(
            IncidentRules(amendment_2026_from, INCIDENTS_2026.name, acquiring_covered=True, low_risk_notice_relief=True)
        )
    current = [r for r in dated if r.effective_from is not None and r.effective_from <= on]
    return max(current, key=lambda r: r.effective_from or on) if current else INCIDENTS_2022
