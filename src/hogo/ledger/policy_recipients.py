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
                f"joint use '{arrangement.id}' names no party responsible for managing the data",
            )
        else:
            missing = [name for name in ("address", "representative") if getattr(party, name) is None]
            if missing:
                yield error(
                    (*path, "responsible_party"),
                    "art27-joint-use-responsible",
                    "Art. 27(5)(iii)",
                    f"the responsible party of joint use '{arrangement.id}' lacks its {' and '.join(missing)}",
                )
        if not arrangement.purposes and arrangement.purposes_text is None:
            yield error(
                path,
                "art27-joint-use-purposes",
                "Art. 27(5)(iii)",
                f"joint use '{arrangement.id}' states no purposes of the joint users",
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
                f"third party '{party.id}' receives data by opt-out but the ledger has no opt_out filing",
            )
        if special.intersection(party.items):
            yield error(
                path,
                "art27-opt-out-special-care",
                "Art. 27(2)",
                f"special care-required items may not be provided by opt-out (third party '{party.id}')",
            )
        if not provision_purpose:
            yield error(
                path,
                "art27-opt-out-purpose",
                "Art. 27(2)(ii)",
                "opt-out provision requires third-party provision to be a stated purpose of use",
            )
    if ledger.opt_out is not None and special.intersection(ledger.opt_out.items):
        yield error(
            ("opt_out", "items"),
            "art27-opt-out-special-care",
            "Art. 27(2)",
            "special care-required items may not be provided by opt-out",
        )


@rule
def foreign_recipients(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    for index, recipient in enumerate(ledger.foreign_recipients):
        path = ("foreign_recipients", index)
        if recipient.country is None or recipient.country_regime is None:
            missing = [n for n in ("country", "country_regime") if getattr(recipient, n) is None]
            yield error(
                path,
                "art28-country-information",
                "Art. 28(2), Rule 17(2)",
                f"foreign recipient '{recipient.id}' lacks {' and '.join(missing)}, which must be shown before consent",
            )
        if recipient.basis is TransferBasis.consent and recipient.recipient_measures is None:
            yield error(
                path,
                "art28-recipient-measures",
                "Art. 28(2), Rule 17(2)(iii)",
                f"foreign recipient '{recipient.id}': the recipient's measures are not stated",
            )
        if recipient.basis is TransferBasis.adequacy and recipient.country not in rules.adequacy_countries:
            yield error(
                path,
                "art28-not-adequate",
                "Art. 28(1), Rule 15",
                f"foreign recipient '{recipient.id}': {recipient.country} has no PPC adequacy designation",
            )
        if recipient.basis in (TransferBasis.equivalent_measures, TransferBasis.cbpr):
            due = recipient.last_check is None or (today - recipient.last_check).days > rules.foreign_check_days
            if due:
                yield error(
                    path,
                    "art28-periodic-check",
                    "Art. 28(3), Rule 18(1)",
                    f"foreign recipient '{recipient.id}' has not been checked within {rules.foreign_check_days} days",
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
                f"entrustee '{entrustee.id}' has no recorded confidentiality or security clauses",
            )
        last = entrustee.last_supervision
        if last is not None and (today - last).days > rules.entrustee_supervision_days:
            yield warning(
                path,
                "art25-supervision-overdue",
                "Art. 25",
                f"entrustee '{entrustee.id}' was last supervised on {last.isoformat()}",
            )


@rule
def dataset_review(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    for index, dataset in enumerate(ledger.datasets):
        path = ("datasets", index, "last_review")
        age = (today - dataset.last_review).days
        if age < 0:
            yield error(
                path, "jis-review-future", "JIS Q 15001", f"data set '{dataset.id}' has a review date in the future"
            )
        elif age > rules.ledger_review_days:
            yield warning(
                path,
                "jis-review-overdue",
                "JIS Q 15001 A.3.3.1",
                f"data set '{dataset.id}' was last reviewed on {dataset.last_review.isoformat()}, "
                f"more than {rules.ledger_review_days} days ago",
            )
