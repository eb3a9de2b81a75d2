"""The APPI linter: pure rules over a valid `Ledger`. Each finding names its article.

No database, no web: a function of the ledger, the date and the legal rules in force.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from hogo.i18n import t
from hogo.ledger.compiled import add_period
from hogo.ledger.rules import LegalRules
from hogo.ledger.schemas import IdentificationCode, Ledger, Text
from hogo.ledger.schemas.ledger import Path
from hogo.ledger.schemas.procedures import RequestKind
from hogo.requests.deadlines import add_business_days

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    path: Path
    code: str
    severity: Severity
    article: str
    message: str
    """In English (the API's and the CI log's); `text_ja` in Japanese. Both from the catalogue."""
    text_ja: str = ""

    def text(self, lang: str) -> str:
        return self.text_ja if lang == "ja" and self.text_ja else self.message


SECURITY_JA = {"organisational": "組織的", "personnel": "人的", "physical": "物理的", "technical": "技術的"}
Rule = Callable[[Ledger, dt.date, LegalRules], Iterator[Finding]]
RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    RULES.append(fn)
    return fn


def lint(ledger: Ledger, today: dt.date, rules: LegalRules) -> list[Finding]:
    """Every finding of every rule, errors first, then by rule (module, then place in it): the same order
    whichever module was imported first."""
    ordered = sorted(RULES, key=lambda fn: (fn.__module__, fn.__code__.co_firstlineno))
    findings = [finding for check in ordered for finding in check(ledger, today, rules)]
    return sorted(findings, key=lambda f: f.severity != "error")


def error(path: Path, code: str, article: str, variant: str = "", **params: object) -> Finding:
    return _finding(path, code, "error", article, variant, params)


def warning(path: Path, code: str, article: str, variant: str = "", **params: object) -> Finding:
    return _finding(path, code, "warning", article, variant, params)


def _finding(
    path: Path, code: str, severity: Severity, article: str, variant: str, params: dict[str, object]
) -> Finding:
    """A finding worded by the catalogue (`ledger.finding.<code>[.<variant>]`), in English and Japanese."""
    key = f"ledger.finding.{code}" + (f".{variant}" if variant else "")
    return Finding(path, code, severity, article, t(key, "en", **params), t(key, "ja", **params))


# -- Art. 32: what must be knowable -----------------------------------------------------------------
@rule
def operator_particulars(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    if ledger.operator.address is None:
        yield error(("operator",), "art32-operator-address", "Art. 32(1)(i)")
    if ledger.operator.representative is None:
        yield error(
            ("operator",),
            "art32-representative",
            "Art. 32(1)(i)",
        )


@rule
def desk_contact(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    desk = ledger.operator.desk
    if not any((desk.postal_address, desk.phone, desk.fax, desk.email, desk.web_form)):
        yield error(
            ("operator", "desk"),
            "art32-desk-contact",
            "Art. 32(1)(iv), CO 10(2)",
        )
    elif desk.postal_address is not None and desk.postal_code is None:
        yield warning(("operator", "desk"), "desk-postal-code", "Art. 37")


@rule
def security_measures(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    sm = ledger.security_measures
    described = bool(sm.handling_rules or sm.external_environment)  # concrete measures outside the four categories
    categories = {
        "organisational": sm.organisational,
        "personnel": sm.personnel,
        "physical": sm.physical,
        "technical": sm.technical,
    }
    if sm.on_request_only:
        return
    if not any(categories.values()) and not described:
        yield error(
            ("security_measures",),
            "art32-security-measures",
            "Art. 32(1)(iv), CO 10(1)",
        )
        return
    for name, entries in categories.items():
        if not entries:
            yield warning(
                ("security_measures",),
                "security-category-missing",
                "CO 10(1), GL-G §10",
                name=name,
                name_ja=SECURITY_JA[name],
            )
    foreign = {r.country for r in ledger.foreign_recipients if r.country and r.country != "JP"}
    foreign |= {d.storage_country for d in ledger.datasets if d.storage_country != "JP"}
    stated = {e.country for e in sm.external_environment}
    for country in sorted(foreign - stated):
        yield warning(
            ("security_measures",),
            "external-environment-missing",
            "CO 10(1), GL-G 10-7",
            country=country,
        )


@rule
def request_procedures(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    req = ledger.requests
    offered = {k.kind for k in req.kinds}
    for kind in sorted(rules.art32_request_kinds - offered):
        yield warning(
            ("requests", "kinds"),
            "art32-request-kind-missing",
            "Art. 32(1)(iii)",
            kind=kind.value,
            kind_label=kind,
        )
    if not req.identity_documents:
        yield warning(
            ("requests",),
            "art37-identity-check",
            "Art. 37(1), CO 12",
        )
    for index, kind_rule in enumerate(req.kinds):
        if kind_rule.fee is None or kind_rule.fee.amount_jpy == 0:
            continue
        path: Path = ("requests", "kinds", index, "fee")
        if kind_rule.fee.amount_jpy is None:
            yield error(
                path,
                "art32-fee-amount",
                "Art. 32(1)(iii)",
                kind=kind_rule.kind.value,
                kind_label=kind_rule.kind,
            )
        if kind_rule.kind not in rules.fee_bearing_kinds:
            yield error(
                path,
                "art38-fee-not-allowed",
                "Art. 38(1)",
                kind=kind_rule.kind.value,
                kind_label=kind_rule.kind,
            )
        elif kind_rule.fee.amount_jpy is not None and kind_rule.fee.amount_jpy > rules.usual_fee_max_jpy:
            yield warning(
                path,
                "art38-fee-high",
                "Art. 38(2)",
                amount_jpy=kind_rule.fee.amount_jpy,
                usual_fee_max_jpy=rules.usual_fee_max_jpy,
            )
        if not req.payment_methods:
            yield error(path, "art32-payment-method", "Art. 32(1)(iii)")
    targets: list[tuple[Path, int]] = [(("requests", "target_days"), req.target_days)] if req.target_days else []
    targets += [
        (("requests", "kinds", index, "target_days"), k.target_days)
        for index, k in enumerate(req.kinds)
        if k.target_days and k.kind not in _NOT_SUABLE
    ]
    for path, days in targets:
        late = first_late_arrival(today, days, rules.response_deadline_days)
        if late is not None:
            yield warning(
                path,
                "art39-target-late",
                "Art. 39",
                target_days=days,
                received=late[0].isoformat(),
                due=late[1].isoformat(),
                sue_from=late[2].isoformat(),
            )


_NOT_SUABLE = frozenset({RequestKind.purpose_notification, RequestKind.complaint})
"""Art. 39 covers disclosure (incl. provision records), correction and suspension/erasure/stop, not these."""


def first_late_arrival(today: dt.date, business_days: int, art39_days: int) -> tuple[dt.date, dt.date, dt.date] | None:
    """The first arrival within a year from `today` whose target date, `business_days` business days on the
    Japanese calendar (holidays, the New Year closure), falls on or after the day the person may sue (`art39_days`
    calendar days after arrival, GL-G 3-8-8): (arrival, due, may sue from), or None when every arrival is answered
    in time."""
    for offset in range(366):
        received = today + dt.timedelta(days=offset)
        due = add_business_days(received, business_days)
        sue_from = received + dt.timedelta(days=art39_days + 1)
        if due >= sue_from:
            return received, due, sue_from
    return None


# -- Arts. 17, 20, 21: purposes and acquisition ---------------------------------------------------
@rule
def items_without_purpose(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    used = {key for p in ledger.purposes for key in p.items}
    for index, item in enumerate(ledger.items):
        if item.key not in used:
            yield error(
                ("items", index),
                "art17-item-without-purpose",
                "Art. 17(1)",
                item=item.key,
            )


@rule
def unused_purposes(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    referencing = [c.purposes for c in ledger.channels] + [d.purposes for d in ledger.datasets]
    if not any(referencing):
        return
    used = {pid for ids in referencing for pid in ids}
    for index, purpose in enumerate(ledger.purposes):
        if purpose.id not in used:
            yield warning(
                ("purposes", index),
                "purpose-unused",
                "Art. 17(1)",
                purpose=purpose.id,
            )


@rule
def special_care_consent(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    special = {i.key for i in ledger.items if i.special_care is not None}
    for index, channel in enumerate(ledger.channels):
        acquired = special.intersection(channel.items)
        if acquired and not channel.consent_required:
            yield error(
                ("channels", index),
                "art20-special-care-consent",
                "Art. 20(2)",
                channel=channel.id,
                items=", ".join(sorted(acquired)),
            )


@rule
def direct_written_purposes(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    for index, channel in enumerate(ledger.channels):
        if channel.direct and channel.written and not channel.purposes and not channel.purpose_evident:
            yield warning(
                ("channels", index),
                "art21-explicit-purpose",
                "Art. 21(2)",
                channel=channel.id,
            )


@rule
def my_number_purposes(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    my_numbers = {i.key for i in ledger.items if i.identification_code is IdentificationCode.my_number}
    for index, purpose in enumerate(ledger.purposes):
        found = my_numbers.intersection(purpose.items)
        if found and not purpose.my_number_statutory_task:
            yield error(
                ("purposes", index),
                "my-number-purpose",
                "My Number Act Arts. 9, 19, 20",
                purpose=purpose.id,
            )


@rule
def retention_coverage(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    covered = {(key, kind) for r in ledger.retention for key in r.items for kind in r.subject_kinds}
    missing: dict[str, set[str]] = {}
    for purpose in ledger.purposes:
        for key in purpose.items:
            for kind in purpose.subject_kinds:
                if (key, kind) not in covered:
                    missing.setdefault(key, set()).add(kind)
    for index, item in enumerate(ledger.items):
        if item.key in missing:
            kinds = ", ".join(sorted(missing[item.key]))
            yield warning(
                ("items", index),
                "art22-retention-missing",
                "Art. 22",
                item=item.key,
                kinds=kinds,
            )


RECORDABLE_STARTS = frozenset(
    {
        "acquisition",
        "last_use",
        "contract_end",
        "membership_end",
        "employment_end",
        "recruitment_closed",
        "transaction",
        "inquiry_closed",
        "purpose_achieved",
    }
)
"""Clock starts hogo can know of: acquisition by itself, the others as events the API, CLI and console record
(`hogo.retention.policy.EVENTS`). A start outside this set would never fire."""
_EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@rule
def retention_clocks(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    """A retention rule that can never decide a disposal: a start no surface records, or a legal hold that outlasts
    the rule's own period from the same start (the period then never decides)."""
    for index, r in enumerate(ledger.retention):
        if r.starts.value not in RECORDABLE_STARTS:
            yield warning(
                ("retention", index, "starts"),
                "art22-retention-never-starts",
                "Art. 22",
                f"retention rule '{r.id}' starts at '{r.starts.value}', which no surface of hogo records",
            )
        hold = r.legal_hold
        if hold is None or hold.starts is not r.starts:
            continue
        if add_period(_EPOCH, hold.period) > add_period(_EPOCH, r.period):
            yield warning(
                ("retention", index, "period"),
                "art22-retention-period-outlasted",
                "Art. 22",
                f"retention rule '{r.id}' keeps data {r.period}, but its legal hold ({hold.statute.ja}) keeps it "
                f"{hold.period} from the same start: the rule's own period never decides; set it to {hold.period}",
            )


@rule
def english_text(ledger: Ledger, today: dt.date, rules: LegalRules) -> Iterator[Finding]:
    """One warning for all Japanese-only texts: the English notice falls back to Japanese there."""
    missing = list(_japanese_only(ledger, ()))
    if missing:
        yield warning(
            missing[0],
            "english-missing",
            "",  # a style note: the APPI asks for no English
            count=len(missing),
        )


def _japanese_only(value: object, path: Path) -> Iterator[Path]:
    if isinstance(value, Text):
        if not value.en:
            yield path
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _japanese_only(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, entry in enumerate(value):
            yield from _japanese_only(entry, (*path, index))


# Rules about recipients and data sets live in their own module; importing it registers them.
from hogo.ledger import policy_datasets, policy_purposes, policy_recipients  # noqa: E402, F401
