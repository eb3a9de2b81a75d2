"""APPI lint rules about recipients: entrustment, joint use, third parties, transfers abroad, data sets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from hogo.ledger.policy import Finding, error, rule, warning
from hogo.ledger.rules import LegalRules
from hogo.ledger.schemas import Ledger, ProvisionBasis, TransferBasis


@rule
def joint_use_particulars(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    for index, arrangement in enumerate(ledger.joint_use):
        path = ("joint_use", index)
        party = arrangement.responsible_party
        if party is None:
            yield error(
                path,
                "art27-joint-use-responsible",
                "Art. 27(5)(iii)",
                arrangement=arrangement.id,
            )
        else:
            missing = [name for name in ("address", "representative") if getattr(party, name) is None]
            if missing:
                yield error(
                    (*path, "responsible_party"),
                    "art27-joint-use-responsible",
                    "Art. 27(5)(iii)",
                    variant="2",
                    arrangement=arrangement.id,
                    missing=" and ".join(missing),
                )
        if not arrangement.purposes and arrangement.purposes_text is None:
            yield error(
                path,
                "art27-joint-use-purposes",
                "Art. 27(5)(iii)",
                arrangement=arrangement.id,
            )


@rule
def third_party_bases(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    special = {i.key for i in ledger.items if i.special_care is not None}
    provision_purpose = any(p.third_party_provision for p in ledger.purposes)
    for index, party in enumerate(ledger.third_parties):
        path = ("third_parties", index)
        if party.basis is not ProvisionBasis.opt_out:
            continue
        if ledger.opt_out is None:
            yield error(
                path,
                "art27-opt-out-filing",
                "Art. 27(2), Rule 11",
                party=party.id,
            )
        if special.intersection(party.items):
            yield error(
                path,
                "art27-opt-out-special-care",
                "Art. 27(2)",
                variant="2",
                party=party.id,
            )
        if not provision_purpose:
            yield error(
                path,
                "art27-opt-out-purpose",
                "Art. 27(2)(ii)",
            )
    if ledger.opt_out is not None and special.intersection(ledger.opt_out.items):
        yield error(
            ("opt_out", "items"),
            "art27-opt-out-special-care",
            "Art. 27(2)",
        )


@rule
def foreign_recipients(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    for index, recipient in enumerate(ledger.foreign_recipients):
        path = ("foreign_recipients", index)
        if recipient.basis is not TransferBasis.consent:
            pass  # no consent is sought, so Art. 28(2) asks for nothing before it (Rule 18(3) is on request)
        elif recipient.country_unidentified is None and (recipient.country is None or recipient.country_regime is None):
            missing = [n for n in ("country", "country_regime") if getattr(recipient, n) is None]
            yield error(
                path,
                "art28-country-information",
                "Art. 28(2), Rule 17(2)",
                recipient=recipient.id,
                missing=" and ".join(missing),
            )
        if recipient.basis is TransferBasis.consent and recipient.recipient_measures is None:
            yield error(
                path,
                "art28-recipient-measures",
                "Art. 28(2), Rule 17(2)(iii)",
                recipient=recipient.id,
            )
        if recipient.basis is TransferBasis.adequacy and recipient.country not in rules.adequacy_countries:
            yield error(
                path,
                "art28-not-adequate",
                "Art. 28(1), Rule 15",
                recipient=recipient.id,
                country=recipient.country,
            )
        if recipient.basis in (TransferBasis.equivalent_measures, TransferBasis.cbpr):
            due = recipient.last_check is None or (today - recipient.last_check).days > rules.foreign_check_days
            if due:
                yield error(
                    path,
                    "art28-periodic-check",
                    "Art. 28(3), Rule 18(1)",
                    recipient=recipient.id,
                    foreign_check_days=rules.foreign_check_days,
                )


@rule
def entrustee_supervision(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    for index, entrustee in enumerate(ledger.entrustees):
        path = ("entrustees", index)
        if not (entrustee.contract.nda or entrustee.contract.security_clauses):
            yield warning(
                path,
                "art25-contract",
                "Art. 25",
                entrustee=entrustee.id,
            )
        last = entrustee.last_supervision
        if last is not None and (today - last).days > rules.entrustee_supervision_days:
            yield warning(
                path,
                "art25-supervision-overdue",
                "Art. 25",
                entrustee=entrustee.id,
                last=last.isoformat(),
            )


@rule
def dataset_review(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    for index, dataset in enumerate(ledger.datasets):
        path = ("datasets", index, "last_review")
        age = (today - dataset.last_review).days
        if age < 0:
            yield error(path, "jis-review-future", "JIS Q 15001", dataset=dataset.id)
        elif age > rules.ledger_review_days:
            yield warning(
                path,
                "jis-review-overdue",
                "JIS Q 15001 A.3.3.1",
                dataset=dataset.id,
                last_review=dataset.last_review.isoformat(),
                ledger_review_days=rules.ledger_review_days,
            )
