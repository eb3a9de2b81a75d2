"""The APPI linter, from a table of cases: each mutation of a clean ledger yields its finding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import yaml

from hogo.ledger.policy import lint
from hogo.ledger.rules import APPI_2022, rules_in_force
from hogo.ledger.schemas import Ledger

TODAY = dt.date(2026, 11, 20)
Doc = dict[str, Any]


@pytest.fixture
def doc(minimal_yaml: str) -> Doc:
    data: Doc = yaml.safe_load(minimal_yaml)
    return data


def codes(data: Doc, today: dt.date = TODAY) -> dict[str, tuple[str, str]]:
    found = lint(Ledger.model_validate(data), today, rules_in_force(today))
    return {f.code: (f.severity, f.article) for f in found}


def test_clean_ledger_has_no_findings(doc: Doc) -> None:
    assert codes(doc) == {}


def _special_care_item(d: Doc) -> None:
    d["items"].append({"key": "health", "label": "健康情報", "category": "health", "special_care": "medical_history"})
    d["purposes"][0]["items"].append("health")
    d["channels"][0]["items"].append("health")
    d["retention"][0]["items"].append("health")


def _my_number(d: Doc) -> None:
    d["items"].append({"key": "mn", "label": "個人番号", "category": "official_id", "identification_code": "my_number"})
    d["purposes"][0]["items"].append("mn")
    d["retention"][0]["items"].append("mn")


def _joint_use(d: Doc, party: Doc | None) -> None:
    d["joint_use"] = [{"id": "group", "items": ["name"], "users_scope": "当社グループ", "purposes": ["service"]}]
    if party is not None:
        d["joint_use"][0]["responsible_party"] = party


def _foreign(d: Doc, **fields: Any) -> None:
    d["foreign_recipients"] = [{"id": "sg", "name": "Sample Pte. Ltd.", "items": ["name"], **fields}]


def _opt_out_third_party(d: Doc) -> None:
    d["third_parties"] = [{"id": "broker", "name": "名簿業者", "items": ["name"], "basis": "opt_out"}]


CASES: list[tuple[str, Callable[[Doc], None], str, str, str]] = [
    ("no address", lambda d: d["operator"].pop("address"), "art32-operator-address", "error", "Art. 32(1)(i)"),
    (
        "no representative",
        lambda d: d["operator"].pop("representative"),
        "art32-representative",
        "error",
        "Art. 32(1)(i)",
    ),
    (
        "desk unreachable",
        lambda d: [d["operator"]["desk"].pop(k) for k in ("postal_address", "phone", "email")],
        "art32-desk-contact",
        "error",
        "Art. 32(1)(iv), CO 10(2)",
    ),
    (
        "no security measures",
        lambda d: d.pop("security_measures"),
        "art32-security-measures",
        "error",
        "Art. 32(1)(iv), CO 10(1)",
    ),
    (
        "no physical measures",
        lambda d: d["security_measures"].pop("physical"),
        "security-category-missing",
        "warning",
        "CO 10(1), GL-G §10",
    ),
    (
        "fee on correction",
        lambda d: d["requests"]["kinds"][3].update(fee={"amount_jpy": 300}),
        "art38-fee-not-allowed",
        "error",
        "Art. 38(1)",
    ),
    (
        "fee of 5,500 yen",
        lambda d: d["requests"]["kinds"][1].update(fee={"amount_jpy": 5500}),
        "art38-fee-high",
        "warning",
        "Art. 38(2)",
    ),
    (
        "fee without payment method",
        lambda d: d["requests"].pop("payment_methods"),
        "art32-payment-method",
        "error",
        "Art. 32(1)(iii)",
    ),
    (
        "no identity check",
        lambda d: d["requests"].pop("identity_documents"),
        "art37-identity-check",
        "warning",
        "Art. 37(1), CO 12",
    ),
    (
        "no suspension procedure",
        lambda d: d["requests"]["kinds"].pop(6),
        "art32-request-kind-missing",
        "warning",
        "Art. 32(1)(iii)",
    ),
    (
        "target of 30 days",
        lambda d: d["requests"]["kinds"][1].update(target_days=30),
        "art39-target-late",
        "warning",
        "Art. 39",
    ),
    ("special care without consent", _special_care_item, "art20-special-care-consent", "error", "Art. 20(2)"),
    ("My Number for service", _my_number, "my-number-purpose", "error", "My Number Act Arts. 9, 19, 20"),
    (
        "item without purpose",
        lambda d: d["items"].append({"key": "fax", "label": "FAX番号", "category": "contact"}),
        "art17-item-without-purpose",
        "error",
        "Art. 17(1)",
    ),
    (
        "purpose nobody states",
        lambda d: d["purposes"].append(
            {"id": "dm", "text": "DM送付", "subject_kinds": ["customer"], "items": ["name"]}
        ),
        "purpose-unused",
        "warning",
        "Art. 17(1)",
    ),
    (
        "form without purposes",
        lambda d: d["channels"][0].update(purposes=[]),
        "art21-explicit-purpose",
        "warning",
        "Art. 21(2)",
    ),
    (
        "a legal hold outlasting the rule's period from the same start",
        lambda d: d["retention"][0].update(
            period="1y",
            legal_hold={"statute": "法人税法第126条", "period": "7y", "starts": d["retention"][0]["starts"]},
        ),
        "art22-retention-period-outlasted",
        "warning",
        "Art. 22",
    ),
    (
        "no retention rule",
        lambda d: d["retention"][0]["items"].remove("email"),
        "art22-retention-missing",
        "warning",
        "Art. 22",
    ),
    (
        "joint use without responsible party",
        lambda d: _joint_use(d, None),
        "art27-joint-use-responsible",
        "error",
        "Art. 27(5)(iii)",
    ),
    (
        "responsible party without address",
        lambda d: _joint_use(d, {"name": "当社"}),
        "art27-joint-use-responsible",
        "error",
        "Art. 27(5)(iii)",
    ),
    ("opt-out without filing", _opt_out_third_party, "art27-opt-out-filing", "error", "Art. 27(2), Rule 11"),
    (
        "foreign recipient without country",
        lambda d: _foreign(d, basis="consent", recipient_measures="x"),
        "art28-country-information",
        "error",
        "Art. 28(2), Rule 17(2)",
    ),
    (
        "foreign recipient without measures",
        lambda d: _foreign(d, basis="consent", country="SG", country_regime="x"),
        "art28-recipient-measures",
        "error",
        "Art. 28(2), Rule 17(2)(iii)",
    ),
    (
        "adequacy claimed for Singapore",
        lambda d: _foreign(d, basis="adequacy", country="SG", country_regime="x"),
        "art28-not-adequate",
        "error",
        "Art. 28(1), Rule 15",
    ),
    (
        "equivalent measures never checked",
        lambda d: _foreign(d, basis="equivalent_measures", country="US", country_regime="x"),
        "art28-periodic-check",
        "error",
        "Art. 28(3), Rule 18(1)",
    ),
    (
        "dataset review 13 months old",
        lambda d: d["datasets"][0].update(last_review="2025-10-01"),
        "jis-review-overdue",
        "warning",
        "JIS Q 15001 A.3.3.1",
    ),
    (
        "dataset reviewed in the future",
        lambda d: d["datasets"][0].update(last_review="2027-01-01"),
        "jis-review-future",
        "error",
        "JIS Q 15001",
    ),
    (
        "English missing",
        lambda d: d["purposes"][0].update(text="サービス提供"),
        "english-missing",
        "warning",
        "",  # a style note: the APPI asks for no English
    ),
    (
        "entrustee without NDA",
        lambda d: d.update(
            entrustees=[
                {"id": "courier", "name": "運送会社", "work": "配送", "items": ["name"], "purposes": ["service"]}
            ]
        ),
        "art25-contract",
        "warning",
        "Art. 25",
    ),
]


@pytest.mark.parametrize(("case", "mutate", "code", "severity", "article"), CASES, ids=[c[0] for c in CASES])
def test_finding(doc: Doc, case: str, mutate: Callable[[Doc], None], code: str, severity: str, article: str) -> None:
    mutate(doc)
    found = codes(doc)
    assert code in found, f"{case}: expected {code}, got {sorted(found)}"
    assert found[code] == (severity, article)


def test_fee_at_usual_level_and_eu_adequacy_are_fine(doc: Doc) -> None:
    _foreign(doc, basis="adequacy", country="DE", country_regime={"ja": "GDPR", "en": "GDPR"})
    doc["foreign_recipients"][0]["name"] = {"ja": "サンプルGmbH", "en": "Sample GmbH"}
    doc["security_measures"]["external_environment"] = [
        {"country": "DE", "country_name": {"ja": "ドイツ", "en": "Germany"}, "measures": {"ja": "措置", "en": "x"}}
    ]
    assert codes(doc) == {}


def test_foreign_country_without_external_environment(doc: Doc) -> None:
    _foreign(doc, basis="adequacy", country="FR", country_regime="GDPR")
    assert codes(doc)["external-environment-missing"] == ("warning", "CO 10(1), GL-G 10-7")


def test_rules_in_force_by_date() -> None:
    assert rules_in_force(dt.date(2026, 11, 20)) is APPI_2022
    assert rules_in_force(dt.date(2020, 1, 1)) is APPI_2022  # nothing older is encoded
