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
